"""Writes of BBC-DR. Keyword-only, atomic, validated, audited; the delivery task is queued on commit."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from loket import audit, outbox

from .models import Rapport, RapportBestand
from .validators import VALIDATORS

logger = logging.getLogger(__name__)


def _eis_concept(rapport):
    if not rapport.is_concept:
        raise ValidationError(
            "Dit rapport is al verstuurd; de bestanden kunnen niet meer veranderen.", code="verstuurd"
        )


@transaction.atomic
def maak_rapport(*, bestuur, user, request=None):
    rapport = Rapport(bestuur=bestuur, gewijzigd_door=user)
    rapport.full_clean()
    rapport.save()
    audit.record(
        request=request,
        user=user,
        bestuur=bestuur,
        actie="bbcdr.rapport.aangemaakt",
        obj=rapport,
        omschrijving="Nieuw BBC-DR-rapport (concept) aangemaakt.",
    )
    return rapport


@transaction.atomic
def bewaar_bestand(*, rapport, soort, uploaded_file, user, request=None, gevalideerd=False):
    """Put (or replace) the XML or XBRL file of a concept. The file is checked by content first."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    _eis_concept(rapport)
    if soort not in VALIDATORS:
        raise ValidationError("Onbekende bestandssoort.", code="soort")
    if not gevalideerd:
        VALIDATORS[soort](uploaded_file)
    oud = rapport.bestanden.filter(soort=soort).first()
    voor = {"naam": oud.naam, "sha256": oud.sha256} if oud else None
    if oud is not None:
        _verwijder_rij(oud)
    bestand = RapportBestand(rapport=rapport, soort=soort)
    bestand.set_upload(uploaded_file)
    bestand.full_clean()
    bestand.save()
    _gewijzigd(rapport, user)
    label = RapportBestand.Soort(soort).label
    audit.record(
        request=request,
        user=user,
        bestuur=rapport.bestuur,
        actie="bbcdr.bestand.vervangen" if oud else "bbcdr.bestand.opgeladen",
        obj=rapport,
        omschrijving=f"{label} «{bestand.naam}» {'vervangen' if oud else 'opgeladen'}.",
        voor=voor,
        na={"naam": bestand.naam, "sha256": bestand.sha256, "soort": soort},
    )
    return bestand


@transaction.atomic
def verwijder_bestand(*, rapport, soort, user, request=None):
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    _eis_concept(rapport)
    bestand = rapport.bestanden.filter(soort=soort).first()
    if bestand is None:
        return None
    voor = {"naam": bestand.naam, "sha256": bestand.sha256, "soort": soort}
    _verwijder_rij(bestand)
    _gewijzigd(rapport, user)
    audit.record(
        request=request,
        user=user,
        bestuur=rapport.bestuur,
        actie="bbcdr.bestand.verwijderd",
        obj=rapport,
        omschrijving=f"{bestand.get_soort_display()} «{bestand.naam}» verwijderd.",
        voor=voor,
    )
    return bestand


@transaction.atomic
def verwijder_rapport(*, rapport, user, request=None):
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    _eis_concept(rapport)
    for bestand in list(rapport.bestanden.all()):
        _verwijder_rij(bestand)
    audit.record(
        request=request,
        user=user,
        bestuur=rapport.bestuur,
        actie="bbcdr.rapport.verwijderd",
        obj=rapport,
        omschrijving="Concept van BBC-DR-rapport verwijderd.",
    )
    rapport.delete()


@transaction.atomic
def verstuur_rapport(*, rapport, user, request=None):
    """Concept -> verstuurd. Needs exactly one XML and one XBRL file; queues the packaging on commit."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    _eis_concept(rapport)
    if not rapport.heeft_paar:
        ontbreekt = [s.label for s in RapportBestand.Soort if rapport.bestand(s.value) is None]
        raise ValidationError(
            "Een rapport kan pas verstuurd worden met één XML-bestand én één XBRL-bestand. Nog nodig: "
            + " en ".join(ontbreekt)
            + ".",
            code="paar",
        )
    rapport.status = Rapport.Status.VERSTUURD
    rapport.verstuurd_op = timezone.now()
    rapport.verstuurd_door = user
    rapport.gewijzigd_door = user
    rapport.levering_status = Rapport.Levering.IN_WACHTRIJ
    rapport.levering_fout = ""
    rapport.full_clean()
    rapport.save()
    audit.record(
        request=request,
        user=user,
        bestuur=rapport.bestuur,
        actie="bbcdr.rapport.verstuurd",
        obj=rapport,
        omschrijving=f"BBC-DR-rapport verstuurd naar de Vlaamse overheid: {rapport.naam}.",
        na={"xml": rapport.xml.sha256, "xbrl": rapport.xbrl.sha256},
    )
    rapport_id = rapport.pk
    transaction.on_commit(lambda: plan_levering(rapport_id))
    return rapport


def plan_levering(rapport_id):
    """Queue the delivery task (loket/outbox.py). A broker outage never breaks the send: the report stays
    "in wachtrij" and the outbox sweeper queues it again. Failures of the delivery itself are retried by the task
    (with backoff) and recorded on the report; in eager mode (development, tests) a retry is only logged here."""
    outbox.dispatch("bbcdr.tasks.lever_rapport", rapport_id)


@transaction.atomic
def geef_feedback(*, rapport, status, opmerking, user, request=None):
    """ABB's review of a sent report: opmerking (needs a remark) or goedgekeurd."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    if rapport.is_concept:
        raise PermissionDenied("Een concept kan niet beoordeeld worden.")
    if status not in (Rapport.Status.OPMERKING, Rapport.Status.GOEDGEKEURD):
        raise ValidationError({"status": "Kies Opmerking of Goedgekeurd."})
    opmerking = (opmerking or "").strip()
    if status == Rapport.Status.OPMERKING and not opmerking:
        raise ValidationError({"opmerking": "Geef een opmerking voor het bestuur."})
    voor = {"status": rapport.status, "opmerking": rapport.abb_opmerking}
    rapport.status = status
    rapport.abb_opmerking = opmerking
    rapport.beoordeeld_op = timezone.now()
    rapport.beoordeeld_door = user
    rapport.full_clean()
    # "Bewerkt op" stays the bestuur's last edit: ABB's review has its own date.
    rapport.save(update_fields=["status", "abb_opmerking", "beoordeeld_op", "beoordeeld_door"])
    audit.record(
        request=request,
        user=user,
        actie="bbcdr.rapport.beoordeeld",
        obj=rapport,
        omschrijving=f"BBC-DR-rapport van {rapport.bestuur.volledige_naam}: {rapport.get_status_display()}.",
        voor=voor,
        na={"status": status, "opmerking": opmerking},
    )
    return rapport


# --- delivery (called by bbcdr.tasks) -----------------------------------------------------------------------


def lever_pakket(*, rapport_id):
    """Package the report and put it in the outbox, once. Locks the row so concurrent runs cannot both write."""
    from . import pakket

    with transaction.atomic():
        rapport = (
            Rapport.objects.select_for_update().select_related("bestuur__classificatie").get(pk=rapport_id)
        )
        if rapport.is_concept:
            return None
        if rapport.levering_status == Rapport.Levering.GELEVERD and rapport.pakket_sha256:
            return rapport.pakket_naam
        inhoud = pakket.maak_pakket(rapport)
        nieuw = pakket.lever(inhoud)
        rapport.levering_status = Rapport.Levering.GELEVERD
        rapport.levering_fout = ""
        rapport.levering_pogingen += 1
        rapport.geleverd_op = timezone.now()
        rapport.pakket_naam = inhoud.naam
        rapport.pakket_sha256 = inhoud.sha256
        rapport.save(
            update_fields=[
                "levering_status",
                "levering_fout",
                "levering_pogingen",
                "geleverd_op",
                "pakket_naam",
                "pakket_sha256",
            ]
        )
        audit.record(
            bestuur=rapport.bestuur,
            actie="bbcdr.rapport.geleverd",
            obj=rapport,
            omschrijving=f"Pakket {inhoud.naam} afgeleverd{'' if nieuw else ' (stond er al)'}.",
            na={"pakket": inhoud.naam, "sha256": inhoud.sha256},
        )
        return inhoud.naam


@transaction.atomic
def registreer_leverfout(*, rapport_id, fout, definitief):
    """Record a failed delivery on the report (it stays sent; nothing is lost) so status and error are visible."""
    from .pakket import PakketFout

    rapport = Rapport.objects.select_for_update().filter(pk=rapport_id).first()
    if rapport is None or rapport.levering_status == Rapport.Levering.GELEVERD:
        return
    tekst = (
        str(fout) if isinstance(fout, PakketFout) else f"Technische fout: {fout.__class__.__name__}: {fout}"
    )
    rapport.levering_status = Rapport.Levering.MISLUKT if definitief else Rapport.Levering.OPNIEUW
    rapport.levering_fout = tekst[:2000]
    rapport.levering_pogingen += 1
    rapport.save(update_fields=["levering_status", "levering_fout", "levering_pogingen"])
    if definitief:
        audit.record(
            bestuur=rapport.bestuur,
            actie="bbcdr.rapport.levering_mislukt",
            obj=rapport,
            omschrijving=f"Levering van het pakket mislukt: {tekst}"[:500],
        )


@transaction.atomic
def herlever(*, rapport, user, request=None):
    """Try a failed delivery again (ABB editor). Idempotent: an already delivered package is not sent twice."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    if rapport.is_concept or rapport.levering_status == Rapport.Levering.GELEVERD:
        return rapport
    rapport.levering_status = Rapport.Levering.IN_WACHTRIJ
    rapport.levering_fout = ""
    rapport.save(update_fields=["levering_status", "levering_fout"])
    audit.record(
        request=request,
        user=user,
        actie="bbcdr.rapport.herlevering",
        obj=rapport,
        omschrijving="Nieuwe poging tot levering gevraagd.",
    )
    rapport_id = rapport.pk
    transaction.on_commit(lambda: plan_levering(rapport_id))
    return rapport


def _verwijder_rij(bestand):
    naam, storage = bestand.bestand.name, bestand.bestand.storage
    bestand.delete()
    transaction.on_commit(lambda: storage.delete(naam))  # the stored file goes only once the row is gone


def _gewijzigd(rapport, user):
    rapport.gewijzigd_door = user
    rapport.save(update_fields=["gewijzigd_door", "gewijzigd_op"])
