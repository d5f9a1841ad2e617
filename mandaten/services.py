"""Writes of Mandatenbeheer: keyword-only, atomic, validated, audited."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from loket import audit, opendata
from loket.models import Concept, Persoon

from . import codes, exports, selectors
from .models import EigenBeleidsdomein, Fractie, Mandataris, PubliekeExport, beleidsdomein_fouten


def _mandataris_data(m):
    return {
        "persoon": str(m.persoon),
        "mandaat": str(m.mandaat),
        "start": m.start.isoformat() if m.start else None,
        "einde": m.einde.isoformat() if m.einde else None,
        "status": m.status.label if m.status_id else None,
        "rangorde": m.rangorde,
        "fractie": m.fractie.naam if m.fractie_id else None,
        "beleidsdomeinen": sorted(d.label for d in m.beleidsdomeinen.all()) if m.pk else [],
    }


def _check_beleidsdomeinen(mandaat, beleidsdomeinen):
    fout = beleidsdomein_fouten(mandaat, beleidsdomeinen)
    if fout:
        raise ValidationError({"beleidsdomeinen": fout})


@transaction.atomic
def maak_persoon(*, request, voornaam, achternaam, rrn):
    """A new person; refused when the rijksregisternummer is already known (search for that person instead)."""
    persoon = Persoon(voornaam=voornaam.strip(), achternaam=achternaam.strip())
    persoon.set_rrn(rrn)
    if Persoon.objects.filter(rrn_hash=persoon.rrn_hash).exists():
        raise ValidationError(
            {
                "rrn": "Er bestaat al een persoon met dit rijksregisternummer. Zoek die persoon en kies hem of haar."
            }
        )
    persoon.full_clean()
    persoon.save()
    audit.record(
        request=request,
        actie="mandaten.persoon.aangemaakt",
        obj=persoon,
        omschrijving=f"Persoon {persoon} aangemaakt",
        na={"voornaam": persoon.voornaam, "achternaam": persoon.achternaam},
    )
    return persoon


@transaction.atomic
def maak_mandataris(
    *,
    request,
    bestuur,
    persoon,
    mandaat,
    start,
    status,
    einde=None,
    rangorde=None,
    fractie=None,
    beleidsdomeinen=(),
):
    mandataris = Mandataris(
        bestuur=bestuur,
        persoon=persoon,
        mandaat=mandaat,
        start=start,
        einde=einde,
        status=status,
        rangorde=rangorde,
        fractie=fractie,
    )
    mandataris.full_clean()
    _check_beleidsdomeinen(mandaat, beleidsdomeinen)
    mandataris.save()
    mandataris.beleidsdomeinen.set(beleidsdomeinen)
    audit.record(
        request=request,
        bestuur=bestuur,
        actie="mandaten.mandataris.aangemaakt",
        obj=mandataris,
        omschrijving=f"Mandataris {mandataris} aangemaakt",
        na=_mandataris_data(mandataris),
    )
    return mandataris


@transaction.atomic
def wijzig_mandataris(*, request, mandataris, beleidsdomeinen=None, **changes):
    allowed = {"mandaat", "start", "einde", "status", "rangorde", "fractie"}
    if set(changes) - allowed:
        raise TypeError(f"Onbekende velden: {set(changes) - allowed}")
    mandataris = Mandataris.objects.select_for_update().get(pk=mandataris.pk)
    voor = _mandataris_data(mandataris)
    for key, value in changes.items():
        setattr(mandataris, key, value)
    mandataris.full_clean()
    if beleidsdomeinen is None:
        beleidsdomeinen = list(mandataris.beleidsdomeinen.all())
    _check_beleidsdomeinen(mandataris.mandaat, beleidsdomeinen)
    mandataris.save()
    mandataris.beleidsdomeinen.set(beleidsdomeinen)
    audit.record(
        request=request,
        bestuur=mandataris.bestuur,
        actie="mandaten.mandataris.gewijzigd",
        obj=mandataris,
        omschrijving=f"Mandataris {mandataris} gewijzigd",
        voor=voor,
        na=_mandataris_data(mandataris),
    )
    return mandataris


@transaction.atomic
def beeindig_mandataris(*, request, mandataris, einde):
    mandataris = Mandataris.objects.select_for_update().get(pk=mandataris.pk)
    voor = _mandataris_data(mandataris)
    mandataris.einde = einde
    mandataris.full_clean()
    mandataris.save()
    audit.record(
        request=request,
        bestuur=mandataris.bestuur,
        actie="mandaten.mandataris.beeindigd",
        obj=mandataris,
        omschrijving=f"Mandaat van {mandataris.persoon} beëindigd op {einde:%d-%m-%Y}",
        voor=voor,
        na=_mandataris_data(mandataris),
    )
    return mandataris


def _fractie_data(f):
    return {"naam": f.naam, "fractietype": f.fractietype.label, "periode": f.periode.label}


@transaction.atomic
def maak_fractie(*, request, bestuur, periode, naam, fractietype):
    fractie = Fractie(bestuur=bestuur, periode=periode, naam=naam.strip(), fractietype=fractietype)
    fractie.full_clean()
    fractie.save()
    audit.record(
        request=request,
        bestuur=bestuur,
        actie="mandaten.fractie.aangemaakt",
        obj=fractie,
        omschrijving=f"Fractie {fractie} aangemaakt",
        na=_fractie_data(fractie),
    )
    return fractie


@transaction.atomic
def wijzig_fractie(*, request, fractie, naam, fractietype):
    fractie = Fractie.objects.select_for_update().get(pk=fractie.pk)
    voor = _fractie_data(fractie)
    fractie.naam, fractie.fractietype = naam.strip(), fractietype
    fractie.full_clean()
    fractie.save()
    audit.record(
        request=request,
        bestuur=fractie.bestuur,
        actie="mandaten.fractie.gewijzigd",
        obj=fractie,
        omschrijving=f"Fractie {fractie} gewijzigd",
        voor=voor,
        na=_fractie_data(fractie),
    )
    return fractie


@transaction.atomic
def wijzig_aantal_houders(*, request, mandaat, aantal_houders):
    voor = {"aantal_houders": mandaat.aantal_houders}
    mandaat.aantal_houders = aantal_houders
    mandaat.full_clean()
    mandaat.save(update_fields=["aantal_houders"])
    audit.record(
        request=request,
        actie="mandaten.mandaat.gewijzigd",
        obj=mandaat,
        omschrijving=f"Maximum aantal houders van {mandaat} gewijzigd",
        voor=voor,
        na={"aantal_houders": aantal_houders},
    )
    return mandaat


@transaction.atomic
def voeg_beleidsdomein_toe(*, request, bestuur, label):
    """A new beleidsdomein, in the shared BeleidsdomeinCode list but offered only to the bestuur that added it."""
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError({"label": "Dit veld is verplicht."})
    bestaand = Concept.objects.filter(lijst=codes.BELEIDSDOMEIN_LIJST, label__iexact=label)
    eigen = set(EigenBeleidsdomein.objects.values_list("concept_id", flat=True))
    for concept in bestaand:
        if (
            concept.pk not in eigen
            or EigenBeleidsdomein.objects.filter(concept=concept, bestuur=bestuur).exists()
        ):
            raise ValidationError({"label": f"Het beleidsdomein '{concept.label}' bestaat al."})
    concept_uuid = uuid.uuid4()
    concept = Concept.objects.create(
        lijst=codes.BELEIDSDOMEIN_LIJST,
        lijst_label="BeleidsdomeinCode",
        uuid=str(concept_uuid),
        label=label,
        uri=f"http://data.lblod.info/id/concept/BeleidsdomeinCode/{concept_uuid}",
    )
    EigenBeleidsdomein.objects.create(concept=concept, bestuur=bestuur)
    audit.record(
        request=request,
        bestuur=bestuur,
        actie="mandaten.beleidsdomein.aangemaakt",
        obj=concept,
        omschrijving=f"Beleidsdomein {label} toegevoegd",
        na={"label": label},
    )
    return concept


def genereer_exports(today=None):
    """(Re)generate the open-data files of every bestuur's current mandatarissen (the standard periode): CSV,
    Turtle, JSON-LD, N-Triples. Idempotent; nightly (beat). Returns the number of mandatarissen."""
    periode = selectors.standaard_periode(today=today)
    if periode is None:
        return 0
    nu = timezone.now()
    besturen = selectors.publieke_mandatarissen_alle_besturen(periode)
    aantal = sum(len(ms) for _, organen in besturen for _, ms in organen)
    inhoud = opendata.bestanden(
        exports.CSV_KOLOMMEN, exports.csv_rijen(besturen, periode), exports.graaf(besturen)
    )
    opendata.bewaar_bestanden(PubliekeExport, exports.bestandsnaam(None, periode), inhoud, aantal, nu)
    return aantal
