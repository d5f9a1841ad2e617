"""Factories for the Databank leidinggevenden. People are fictitious; rijksregisternummers pass the mod-97 check."""

import itertools
from datetime import date

import factory

from leidinggevenden import functies
from leidinggevenden.functies import Status
from leidinggevenden.models import ContactGegevens, Functionaris
from loket.models import Persoon

_volgnummers = itertools.count(100)


def rrn_nummer(geboorte_yymmdd="850730", volgnummer=None, na_2000=False):
    volgnummer = next(_volgnummers) if volgnummer is None else volgnummer
    base = f"{geboorte_yymmdd}{volgnummer % 1000:03d}"
    check = 97 - int(("2" if na_2000 else "") + base) % 97
    return f"{base}{check:02d}"


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    voornaam = factory.Faker("first_name", locale="nl_BE")
    achternaam = factory.Faker("last_name", locale="nl_BE")

    @factory.post_generation
    def rijksregisternummer(obj, create, extracted, **kwargs):
        obj.set_rrn(extracted or rrn_nummer())
        if create:
            obj.save()


class FunctionarisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Functionaris

    bestuur = None  # required: pass a real bestuur
    functie = functies.ALGEMEEN_DIRECTEUR.code
    persoon = factory.SubFactory(PersoonFactory)
    start = date(2019, 1, 1)
    einde = None
    status = Status.AANGESTELD


class ContactGegevensFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactGegevens

    bestuur = None
    functie = functies.ALGEMEEN_DIRECTEUR.code
    email = "algemeen.directeur@bestuur.example"
    telefoon = "053 77 93 00"
    straat = "Grote Markt"
    huisnummer = "3"
    postcode = "9300"
    gemeente = "Aalst"
