"""Writes: keyword-only, atomic, validated, audited; tasks queued on commit."""

import hashlib
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from loket import audit, files, outbox
from loket.pdf import render_pdf

from . import selectors
from .models import Melding, MeldingBestand, Ontvangstbewijs, ToezichtInstelling, ZoekOpdracht

VERPLICHT = "Dit veld is verplicht."
MINSTENS_EEN = "Gelieve minstens één URL of bestand op te geven."
LINK_RE = re.compile(r"^(https?|s?ftp)://[^\s/$.?#][^\s]*$", re.IGNORECASE)
LINK_FOUT = "«{link}» is geen geldige link: een link begint met http://, https://, ftp:// of sftp://."

# The fields a bestuur fills in on a melding (the form and the service agree on these names).
BEWERKBARE_VELDEN = (
    "besluittype", "beslissingsorgaan", "datum_zitting", "datum_publicatie", "opmerking", "links",
    "belasting_soort", "mar_code", "tarief", "belasting_vanaf", "belasting_tot", "rapportjaar",
)  # fmt: skip


def link_fouten(links):
    return [LINK_FOUT.format(link=link) for link in links if not LINK_RE.match(link)]


def verplichte_velden(besluittype):
    """The fields a melding of this type needs before it can be sent (besides a file or a link)."""
    velden = ["besluittype", "beslissingsorgaan", "datum_zitting"]
    if besluittype is not None and besluittype.met_publicatie:
        velden.append("datum_publicatie")
    if besluittype is not None and besluittype.met_belasting:
        velden += ["belasting_soort", "tarief", "belasting_vanaf"]
    if besluittype is not None and besluittype.met_rapportjaar:
        velden.append("rapportjaar")
    return velden


def verzendfouten(melding, bestanden_erbij=0):
    """Everything that stops a concept from being sent, as {field: [Dutch message]}; empty when it can go.
    `bestanden_erbij`: files that would come with it (kept from a refused attempt), for a form shown with errors."""
    fouten = {}

    def fout(veld, boodschap=VERPLICHT):
        fouten.setdefault(veld, []).append(boodschap)

    besluittype = melding.besluittype
    for veld in verplichte_velden(besluittype):
        waarde = getattr(melding, veld)
        if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
            fout(veld)
    if (
        besluittype is not None
        and not selectors.besluittypes_voor(melding.bestuur).filter(pk=besluittype.pk).exists()
    ):
        fout("besluittype", "Dit type dossier kan uw bestuur vandaag niet indienen.")
    orgaan = melding.beslissingsorgaan
    if orgaan is not None and orgaan.bestuurseenheid_id != melding.bestuur_id:
        fout("beslissingsorgaan", "Kies een bestuursorgaan van uw eigen bestuur.")
    vanaf, tot = melding.belasting_vanaf, melding.belasting_tot
    if besluittype is not None and besluittype.met_belasting and vanaf and tot and tot < vanaf:
        fout("belasting_tot", "De einddatum moet na de begindatum liggen.")
    for boodschap in link_fouten(melding.links):
        fout("links", boodschap)
    if not melding.links and not bestanden_erbij and not melding.bestanden.exists():
        fout("bestanden", MINSTENS_EEN)
    return fouten


def _eigen_concept(melding):
    if melding.status != Melding.Status.CONCEPT or melding.verwijderd_op is not None:
        raise ValidationError(
            "Deze melding is al verstuurd en kan niet meer gewijzigd worden.", code="verstuurd"
        )


@transaction.atomic
def maak_concept(*, bestuur, request=None, user=None):
    user = user or (request.user if request else None)
    melding = Melding(bestuur=bestuur, aangemaakt_door=user, gewijzigd_door=user)
    melding.full_clean()
    melding.save()
    audit.record(request=request, user=user, bestuur=bestuur, actie="toezicht.melding.aangemaakt", obj=melding,
                 omschrijving="Nieuwe melding (concept) aangemaakt.")  # fmt: skip
    return melding


def bewaar_sleutel(melding):
    """The form a kept upload belongs to (loket.files.bewaar_uploads): this melding's edit form."""
    return f"toezicht-melding:{melding.uuid}"


@transaction.atomic
def bewaar_concept(*, melding, gegevens, nieuwe_bestanden=(), bewaarde=(), request=None, user=None):
    """Save what is given (may be incomplete: a concept never fails on missing data) and attach the new files and the
    files kept from a refused attempt (`bewaarde`: only the person's own, for this melding). All or nothing: the
    view calls this only when the whole form is valid."""
    user = user or (request.user if request else None)
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _eigen_concept(melding)
    gewijzigd = []
    for veld, waarde in gegevens.items():
        if veld not in BEWERKBARE_VELDEN:
            raise ValueError(f"Onbekend veld {veld}")
        if getattr(melding, veld) != waarde:
            setattr(melding, veld, waarde)
            gewijzigd.append(veld)
    if melding.beslissingsorgaan_id and melding.beslissingsorgaan.bestuurseenheid_id != melding.bestuur_id:
        raise PermissionDenied("Bestuursorgaan van een ander bestuur.")
    melding.gewijzigd_op = timezone.now()
    melding.gewijzigd_door = user
    melding.full_clean()
    melding.save()
    namen = []
    for kept in files.neem_bewaarde_over(bewaarde=bewaarde, user=user, sleutel=bewaar_sleutel(melding)):
        bestand = MeldingBestand(melding=melding)
        bestand.neem_over(kept)
        bestand.full_clean()
        bestand.save()
        namen.append(bestand.naam)
    for upload in nieuwe_bestanden:
        bestand = MeldingBestand(melding=melding)
        bestand.set_upload(upload)
        bestand.full_clean()
        bestand.save()
        namen.append(bestand.naam)
    audit.record(request=request, user=user, bestuur=melding.bestuur, actie="toezicht.melding.bewaard", obj=melding,
                 omschrijving="Concept bewaard.", na={"velden": gewijzigd, "bestanden": namen})  # fmt: skip
    return melding


@transaction.atomic
def verwijder_bestand(*, melding, bestand_uuid, request=None, user=None):
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _eigen_concept(melding)
    bestand = melding.bestanden.get(uuid=bestand_uuid)
    naam = bestand.naam
    bestand.delete()
    transaction.on_commit(lambda: bestand.bestand.delete(save=False))
    audit.record(request=request, user=user, bestuur=melding.bestuur, actie="toezicht.bestand.verwijderd",
                 obj=melding, omschrijving=f"Bestand «{naam}» verwijderd.")  # fmt: skip


@transaction.atomic
def verstuur(*, melding, request=None, user=None):
    """Concept -> Verstuurd. Raises ValidationError({field: [...]}) with every problem at once.

    Sending twice (double click, two tabs) is harmless: the row is locked and a sent melding is returned as is.
    """
    from .tasks import maak_ontvangstbewijs as maak_ontvangstbewijs_taak
    from .tasks import stuur_notificatie

    user = user or (request.user if request else None)
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.verwijderd_op is not None:
        raise ValidationError("Deze melding werd verwijderd.", code="verwijderd")
    if melding.status == Melding.Status.VERSTUURD:
        return melding
    fouten = verzendfouten(melding)
    if fouten:
        raise ValidationError(fouten)
    now = timezone.now()
    melding.status = Melding.Status.VERSTUURD
    melding.verstuurd_op = now
    melding.verstuurd_door = user
    melding.gewijzigd_op = now
    melding.gewijzigd_door = user
    melding.review_status = Melding.ReviewStatus.TE_BEHANDELEN
    melding.full_clean()
    melding.save()
    audit.record(request=request, user=user, bestuur=melding.bestuur, actie="toezicht.melding.verstuurd",
                 obj=melding, omschrijving=f"Melding «{melding.besluittype}» verstuurd.")  # fmt: skip
    # Outbox: this row (sent, notificatie_verstuurd_op empty) is the pending notification; if the broker is down
    # the request still succeeds and the beat job "loket-outbox" queues it again (toezicht.tasks).
    outbox.dispatch_on_commit(stuur_notificatie, melding.pk)
    # The same for the receipt: made once, after the commit, by an idempotent task (a sent melding without its
    # receipt is the pending work); a download before it ran makes it then (maak_ontvangstbewijs is idempotent).
    outbox.dispatch_on_commit(maak_ontvangstbewijs_taak, melding.pk)
    return melding


def maak_ontvangstbewijs(*, melding_id, request=None, user=None):
    """The receipt of the melding's current sending: made and stored once, with its SHA-256; returned as stored every
    time after that. None for a melding that is not (or no longer) sent. Safe to call twice at once (row lock)."""
    with transaction.atomic():
        melding = (
            Melding.objects.select_for_update(of=("self",))
            .select_related("bestuur__classificatie", "besluittype", "beslissingsorgaan", "verstuurd_door")
            .filter(pk=melding_id, status=Melding.Status.VERSTUURD, verwijderd_op__isnull=True)
            .first()
        )
        if melding is None:
            return None
        bestaand = melding.ontvangstbewijzen.filter(verstuurd_op=melding.verstuurd_op).first()
        if bestaand is not None:
            return bestaand
        pdf = render_pdf(
            "toezicht/ontvangstbewijs.html",
            {"melding": melding, "bestanden": melding.bestanden.all(), "gemaakt_op": timezone.now()},
        )
        moment = timezone.localtime(melding.verstuurd_op)
        bewijs = Ontvangstbewijs(
            melding=melding,
            verstuurd_op=melding.verstuurd_op,
            naam=f"ontvangstbewijs-{moment:%Y%m%d}-{str(melding.uuid)[:8]}.pdf",
            grootte=len(pdf),
            mime_type="application/pdf",
            sha256=hashlib.sha256(pdf).hexdigest(),
        )
        bewijs.bestand.save("ontvangstbewijs", ContentFile(pdf), save=False)
        bewijs.full_clean()
        bewijs.save()
        audit.record(request=request, user=user, bestuur=melding.bestuur, actie="toezicht.ontvangstbewijs.gemaakt",
                     obj=melding, omschrijving=f"Ontvangstbewijs gemaakt (SHA-256 {bewijs.sha256}).",
                     na={"ontvangstbewijs": str(bewijs.uuid), "sha256": bewijs.sha256})  # fmt: skip
        return bewijs


@transaction.atomic
def verwijder_concept(*, melding, request=None, user=None):
    """Soft delete. A sent melding cannot be deleted (the server refuses, whatever the page showed)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _eigen_concept(melding)
    melding.verwijderd_op = timezone.now()
    melding.save(update_fields=["verwijderd_op"])
    audit.record(request=request, user=user, bestuur=melding.bestuur, actie="toezicht.melding.verwijderd",
                 obj=melding, omschrijving="Concept verwijderd.")  # fmt: skip
    return melding


@transaction.atomic
def heropen(*, melding, reden, request=None, user=None):
    """Admin only (the view checks it): a sent melding becomes a concept again."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.status != Melding.Status.VERSTUURD:
        raise ValidationError("Alleen een verstuurde melding kan heropend worden.")
    voor = {"status": melding.status, "verstuurd_op": melding.verstuurd_op.isoformat()}
    melding.status = Melding.Status.CONCEPT
    melding.verstuurd_op = None
    melding.notificatie_verstuurd_op = None
    melding.save(update_fields=["status", "verstuurd_op", "notificatie_verstuurd_op"])
    audit.record(request=request, user=user, bestuur=melding.bestuur, actie="toezicht.melding.heropend",
                 obj=melding, omschrijving=f"Heropend door de functioneel beheerder: {reden}",
                 voor=voor, na={"status": melding.status, "reden": reden})  # fmt: skip
    return melding


@transaction.atomic
def handel_af(*, melding, opmerking, request=None, user=None):
    """ABB Editeur: Te behandelen -> Afgehandeld, with a comment (behandelaar / extra info)."""
    user = user or (request.user if request else None)
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.status != Melding.Status.VERSTUURD:
        raise ValidationError("Alleen een verstuurde melding kan afgehandeld worden.")
    voor = {"review_status": melding.review_status, "review_opmerking": melding.review_opmerking}
    melding.review_status = Melding.ReviewStatus.AFGEHANDELD
    melding.review_opmerking = opmerking
    melding.behandeld_op = timezone.now()
    melding.behandeld_door = user
    melding.full_clean()
    melding.save(update_fields=["review_status", "review_opmerking", "behandeld_op", "behandeld_door"])
    audit.record(request=request, user=user, actie="toezicht.melding.afgehandeld", obj=melding,
                 omschrijving="Melding afgehandeld.", voor=voor,
                 na={"review_status": melding.review_status, "review_opmerking": opmerking})  # fmt: skip
    return melding


@transaction.atomic
def bewaar_zoekopdracht(*, user, naam, query, request=None):
    zoekopdracht = ZoekOpdracht(gebruiker=user, naam=naam, query=query[:2000])
    zoekopdracht.full_clean()
    zoekopdracht.save()
    audit.record(request=request, user=user, actie="toezicht.zoekopdracht.bewaard", obj=zoekopdracht,
                 omschrijving=f"Zoekopdracht «{naam}» bewaard.")  # fmt: skip
    return zoekopdracht


@transaction.atomic
def verwijder_zoekopdracht(*, zoekopdracht, request=None, user=None):
    naam = zoekopdracht.naam
    audit.record(request=request, user=user, actie="toezicht.zoekopdracht.verwijderd", obj=zoekopdracht,
                 omschrijving=f"Zoekopdracht «{naam}» verwijderd.")  # fmt: skip
    zoekopdracht.delete()


@transaction.atomic
def bewaar_instelling(*, bestuur, contact_email, request=None, user=None):
    instelling, _ = ToezichtInstelling.objects.select_for_update().get_or_create(bestuur=bestuur)
    voor = {"contact_email": instelling.contact_email}
    instelling.contact_email = contact_email
    instelling.full_clean()
    instelling.save()
    audit.record(request=request, user=user, bestuur=bestuur, actie="toezicht.instelling.bewaard", obj=instelling,
                 omschrijving="Contactadres voor meldingen gewijzigd.", voor=voor,
                 na={"contact_email": contact_email})  # fmt: skip
    return instelling
