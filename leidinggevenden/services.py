"""Writes: keyword-only, atomic, validated with full_clean, audited; the public exports are regenerated on commit.

Audit payloads never hold a rijksregisternummer (not even masked): a person is named by id and name.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from loket import audit, opendata, outbox, rrn
from loket.models import Persoon

from . import exports, selectors
from .models import ContactGegevens, Functionaris, PubliekeExport

CONTACT_VELDEN = ("email", "telefoon", "straat", "huisnummer", "bus", "postcode", "gemeente")


def _snapshot(functionaris):
    return {
        "functie": functionaris.functie,
        "persoon_id": functionaris.persoon_id,
        "persoon": str(functionaris.persoon),
        "start": functionaris.start.isoformat() if functionaris.start else None,
        "einde": functionaris.einde.isoformat() if functionaris.einde else None,
        "status": functionaris.status,
    }


def _exports_na_commit():
    # Never fails the write when the broker is down (loket/outbox.py); the nightly beat job rebuilds them anyway.
    outbox.dispatch_on_commit("leidinggevenden.tasks.genereer_exports")


@transaction.atomic
def persoon_voor_rrn(*, request, voornaam, achternaam, rijksregisternummer):
    """The person with this rijksregisternummer: the existing one (no duplicates), or a new one.

    Returns (persoon, created).
    """
    rrn.validate(rijksregisternummer)
    bestaand = Persoon.objects.filter(rrn_hash=rrn.keyed_hash(rijksregisternummer)).first()
    if bestaand is not None:
        return bestaand, False
    persoon = Persoon(voornaam=voornaam.strip(), achternaam=achternaam.strip())
    persoon.set_rrn(rijksregisternummer)
    persoon.full_clean()
    persoon.save()
    audit.record(
        request=request,
        actie="leidinggevenden.persoon.aangemaakt",
        obj=persoon,
        omschrijving=f"Persoon {persoon} aangemaakt",
        na={"voornaam": persoon.voornaam, "achternaam": persoon.achternaam},
    )
    return persoon, True


@transaction.atomic
def voeg_functionaris_toe(*, request, bestuur, functie, persoon, start, einde=None, status):
    functionaris = Functionaris(
        bestuur=bestuur, functie=functie.code, persoon=persoon, start=start, einde=einde, status=status
    )
    functionaris.full_clean(validate_constraints=False)  # clean() words the einde > start rule
    functionaris.save()
    audit.record(
        request=request,
        bestuur=bestuur,
        actie="leidinggevenden.functionaris.toegevoegd",
        obj=functionaris,
        omschrijving=f"{persoon} toegevoegd als {functie.label.lower()}",
        na=_snapshot(functionaris),
    )
    _exports_na_commit()
    return functionaris


@transaction.atomic
def voeg_functionaris_met_nieuwe_persoon_toe(
    *, request, bestuur, functie, voornaam, achternaam, rijksregisternummer, start, einde=None, status
):
    """Create (or reuse, on the rijksregisternummer) the person and add the period; all errors at once."""
    errors = {}
    try:
        rrn.validate(rijksregisternummer)
    except ValidationError as exc:
        errors["rijksregisternummer"] = exc.messages
    # Validate the period before creating anything, so every error is reported together.
    probe = Functionaris(
        bestuur=bestuur, functie=functie.code, persoon=Persoon(), start=start, einde=einde, status=status
    )
    try:
        probe.full_clean(exclude=["persoon"], validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    persoon, created = persoon_voor_rrn(
        request=request, voornaam=voornaam, achternaam=achternaam, rijksregisternummer=rijksregisternummer
    )
    functionaris = voeg_functionaris_toe(
        request=request,
        bestuur=bestuur,
        functie=functie,
        persoon=persoon,
        start=start,
        einde=einde,
        status=status,
    )
    return functionaris, created


@transaction.atomic
def wijzig_functionaris(*, request, functionaris, start, einde, status):
    voor = _snapshot(functionaris)
    functionaris.start, functionaris.einde, functionaris.status = start, einde, status
    functionaris.full_clean(validate_constraints=False)  # clean() words the einde > start rule
    functionaris.save()
    audit.record(
        request=request,
        bestuur=functionaris.bestuur,
        actie="leidinggevenden.functionaris.gewijzigd",
        obj=functionaris,
        omschrijving=f"Aanstellingsperiode van {functionaris.persoon} gewijzigd",
        voor=voor,
        na=_snapshot(functionaris),
    )
    _exports_na_commit()
    return functionaris


@transaction.atomic
def beeindig_functionaris(*, request, functionaris, einde):
    voor = _snapshot(functionaris)
    functionaris.einde = einde
    functionaris.full_clean(validate_constraints=False)  # clean() words the einde > start rule
    functionaris.save()
    audit.record(
        request=request,
        bestuur=functionaris.bestuur,
        actie="leidinggevenden.functionaris.beeindigd",
        obj=functionaris,
        omschrijving=f"Aanstellingsperiode van {functionaris.persoon} beëindigd op {einde:%d-%m-%Y}",
        voor=voor,
        na=_snapshot(functionaris),
    )
    _exports_na_commit()
    return functionaris


@transaction.atomic
def bewaar_contactgegevens(*, request, bestuur, functie, **velden):
    contact = ContactGegevens.objects.for_bestuur(bestuur).filter(functie=functie.code).first()
    if contact is None:
        contact = ContactGegevens(bestuur=bestuur, functie=functie.code)
    voor = {k: getattr(contact, k) for k in CONTACT_VELDEN} if contact.pk else None
    for key in CONTACT_VELDEN:
        setattr(contact, key, (velden.get(key) or "").strip())
    contact.full_clean()
    contact.save()
    audit.record(
        request=request,
        bestuur=bestuur,
        actie="leidinggevenden.contactgegevens.gewijzigd",
        obj=contact,
        omschrijving=f"Contactgegevens {functie.label.lower()} bewaard",
        voor=voor,
        na={k: getattr(contact, k) for k in CONTACT_VELDEN},
    )
    _exports_na_commit()
    return contact


def genereer_exports():
    """(Re)generate the public downloads (CSV, Turtle, JSON-LD, N-Triples) from the current data. Idempotent;
    old files are removed (loket.opendata.bewaar_bestanden)."""
    nu = timezone.now()
    rijen = selectors.publieke_rijen()
    inhoud = opendata.bestanden(exports.CSV_KOLOMMEN, exports.csv_rijen(rijen), exports.graaf(rijen, nu))
    opendata.bewaar_bestanden(PubliekeExport, "leidinggevenden", inhoud, len(rijen), nu)
    return len(rijen)
