"""Mandatenbeheer test data, on top of the real reference data (besturen, organen, periodes, mandaten)."""

from datetime import date

import factory

from loket.models import Concept, Persoon
from mandaten import codes
from mandaten.models import Bestuursperiode, Fractie, Mandaat, Mandataris

START = date(2025, 1, 2)


def periode(slug="2025-2030"):
    return Bestuursperiode.objects.get(slug=slug)


def mandaat(bestuur, functie=codes.GEMEENTERAADSLID, slug="2025-2030"):
    return Mandaat.objects.for_bestuur(bestuur).get(periode__slug=slug, bestuursfunctie__uri=functie)


def een_mandaat(bestuur):
    """The gemeenteraadslid mandaat 2025–2030, or any mandaat of a bestuur that has no gemeenteraad."""
    qs = Mandaat.objects.for_bestuur(bestuur).order_by("-periode__start")
    return qs.filter(bestuursfunctie__uri=codes.GEMEENTERAADSLID).first() or qs.first()


def status(uri=codes.EFFECTIEF):
    return Concept.objects.get(lijst=codes.STATUS_LIJST, uri=uri)


def fractietype(uri=codes.ONAFHANKELIJK):
    return Concept.objects.get(lijst=codes.FRACTIETYPE_LIJST, uri=uri)


def beleidsdomein(label="Cultuur"):
    return Concept.objects.get(lijst=codes.BELEIDSDOMEIN_LIJST, label=label)


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    voornaam = factory.Faker("first_name", locale="nl_BE")
    achternaam = factory.Faker("last_name", locale="nl_BE")


class FractieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fractie

    periode = factory.LazyAttribute(
        lambda o: een_mandaat(o.bestuur).periode if een_mandaat(o.bestuur) else periode()
    )
    naam = factory.Sequence(lambda n: f"Fractie {n}")
    fractietype = factory.LazyFunction(fractietype)


class MandatarisFactory(factory.django.DjangoModelFactory):
    """MandatarisFactory(bestuur=aalst) -> a gemeenteraadslid of that bestuur in 2025–2030."""

    class Meta:
        model = Mandataris

    persoon = factory.SubFactory(PersoonFactory)
    mandaat = factory.LazyAttribute(lambda o: een_mandaat(o.bestuur))
    start = factory.LazyAttribute(lambda o: o.mandaat.start)
    status = factory.LazyFunction(status)
