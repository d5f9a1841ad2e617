"""Writes: keyword-only, atomic, validated, audited; tasks queued on commit."""

import hashlib
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from loket import audit, files, outbox
from loket.pdf import render_pdf

from . import reference, selectors
from .models import Bundel, Melding, MeldingBestand, Ontvangstbewijs, ToezichtInstelling, ZoekOpdracht

VERPLICHT = "Dit veld is verplicht."
MINSTENS_EEN = "Gelieve minstens één URL of bestand op te geven."
LINK_RE = re.compile(r"^(https?|s?ftp)://[^\s/$.?#][^\s]*$", re.IGNORECASE)
LINK_FOUT = "«{link}» is geen geldige link: een link begint met http://, https://, ftp:// of sftp://."

# The fields a bestuur fills in on a melding (the form and the service agree on these names).
BEWERKBARE_VELDEN = Melding.BEWERKBARE_VELDEN


LINK_TEKEN_FOUT = (
    "«{link}» is geen geldige link: een link mag geen stuurtekens (zoals een NUL-teken) bevatten."
)
STUURTEKENS = re.compile(r"[\x00-\x1f\x7f]")


def link_fouten(links):
    fouten = []
    for link in links:
        if STUURTEKENS.search(link):  # a NUL byte cannot even be stored (jsonb refuses \u0000)
            fouten.append(LINK_TEKEN_FOUT.format(link=STUURTEKENS.sub("\ufffd", link)))
        elif not LINK_RE.match(link):
            fouten.append(LINK_FOUT.format(link=link))
    return fouten


DIFFERENTIATIE_EN_OPCENTIEM = "Differentiatie en bedrag opcentiem kunnen niet tegelijk ingevuld worden."
MAR_ONBEKEND = "Kies een MAR-code uit de lijst."


def verplichte_velden(besluittype, belasting_soort=""):
    """The fields a melding of this type needs before it can be sent (besides a file or a link).

    A tax regulation (as lblod's form): Soort belasting and MAR-code always; Geldt vanaf and Geldt tot for an
    "Aanvullende belasting of opcentiem" only."""
    velden = ["besluittype", "beslissingsorgaan", "datum_zitting"]
    if besluittype is not None and besluittype.met_publicatie:
        velden.append("datum_publicatie")
    if besluittype is not None and besluittype.met_belasting:
        velden += ["belasting_soort", "mar_code"]
        if belasting_soort == Melding.BelastingSoort.AANVULLEND:
            velden += ["belasting_vanaf", "belasting_tot"]
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
    for veld in verplichte_velden(besluittype, melding.belasting_soort):
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
    if besluittype is not None and besluittype.met_belasting:
        if vanaf and tot and tot < vanaf:
            fout("belasting_tot", "De einddatum moet na de begindatum liggen.")
        if melding.differentiatie and melding.opcentiem is not None:
            fout("opcentiem", DIFFERENTIATIE_EN_OPCENTIEM)
        if melding.mar_code and melding.mar_code not in reference.mar_codes():
            fout("mar_code", MAR_ONBEKEND)
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


def provincies_bijwerken(besturen=None):
    """Bring the meldingen' provincie (Melding.provincie) in line with their bestuur's, after load_reference_data
    or an edit of a bestuur in the admin; `besturen` (ids) limits it to theirs. Returns how many changed."""
    from django.db.models import F, OuterRef, Subquery

    from loket.models import Bestuurseenheid

    meldingen = Melding.objects.exclude(provincie=F("bestuur__provincie"))
    if besturen is not None:
        meldingen = meldingen.filter(bestuur_id__in=besturen)
    provincie = Bestuurseenheid.objects.filter(pk=OuterRef("bestuur_id")).values("provincie")[:1]
    return meldingen.update(provincie=Subquery(provincie))


@transaction.atomic
def maak_concept(*, bestuur, request=None, user=None):
    user = user or (request.user if request else None)
    melding = Melding(bestuur=bestuur, aangemaakt_door=user, gewijzigd_door=user)
    melding.full_clean()
    melding.save()
    audit.record(
        request=request,
        user=user,
        bestuur=bestuur,
        actie="toezicht.melding.aangemaakt",
        obj=melding,
        omschrijving="Nieuwe melding (concept) aangemaakt.",
    )
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
    audit.record(
        request=request,
        user=user,
        bestuur=melding.bestuur,
        actie="toezicht.melding.bewaard",
        obj=melding,
        omschrijving="Concept bewaard.",
        na={"velden": gewijzigd, "bestanden": namen},
    )
    return melding


@transaction.atomic
def verwijder_bestand(*, melding, bestand_uuid, request=None, user=None):
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _eigen_concept(melding)
    bestand = melding.bestanden.get(uuid=bestand_uuid)
    naam = bestand.naam
    bestand.delete()
    transaction.on_commit(lambda: bestand.bestand.delete(save=False))
    audit.record(
        request=request,
        user=user,
        bestuur=melding.bestuur,
        actie="toezicht.bestand.verwijderd",
        obj=melding,
        omschrijving=f"Bestand «{naam}» verwijderd.",
    )


@transaction.atomic
def verstuur(*, melding, request=None, user=None):
    """Concept -> Verstuurd. Raises ValidationError({field: [...]}) with every problem at once.

    Sending twice (double click, two tabs) is harmless: the row is locked and a sent melding is returned as is.
    """
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
    audit.record(
        request=request,
        user=user,
        bestuur=melding.bestuur,
        actie="toezicht.melding.verstuurd",
        obj=melding,
        omschrijving=f"Melding «{melding.besluittype}» verstuurd.",
    )
    # Outbox: this row (sent, notificatie_verstuurd_op empty) is the pending notification; if the broker is down
    # the request still succeeds and the beat job "loket-outbox" queues it again (toezicht.tasks).
    outbox.dispatch_on_commit("toezicht.tasks.stuur_notificatie", melding.pk)
    # The same for the receipt: made once, after the commit, by an idempotent task (a sent melding without its
    # receipt is the pending work); a download before it ran makes it then (maak_ontvangstbewijs is idempotent).
    outbox.dispatch_on_commit("toezicht.tasks.maak_ontvangstbewijs", melding.pk)
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
        audit.record(
            request=request,
            user=user,
            bestuur=melding.bestuur,
            actie="toezicht.ontvangstbewijs.gemaakt",
            obj=melding,
            omschrijving=f"Ontvangstbewijs gemaakt (SHA-256 {bewijs.sha256}).",
            na={"ontvangstbewijs": str(bewijs.uuid), "sha256": bewijs.sha256},
        )
        return bewijs


@transaction.atomic
def verwijder_concept(*, melding, request=None, user=None):
    """Soft delete. A sent melding cannot be deleted (the server refuses, whatever the page showed)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _eigen_concept(melding)
    melding.verwijderd_op = timezone.now()
    melding.save(update_fields=["verwijderd_op"])
    audit.record(
        request=request,
        user=user,
        bestuur=melding.bestuur,
        actie="toezicht.melding.verwijderd",
        obj=melding,
        omschrijving="Concept verwijderd.",
    )
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
    melding.heropend_op = timezone.now()
    melding.heropend_reden = reden
    melding.save(
        update_fields=["status", "verstuurd_op", "notificatie_verstuurd_op", "heropend_op", "heropend_reden"]
    )
    audit.record(
        request=request,
        user=user,
        bestuur=melding.bestuur,
        actie="toezicht.melding.heropend",
        obj=melding,
        omschrijving=f"Heropend door de functioneel beheerder: {reden}",
        voor=voor,
        na={"status": melding.status, "reden": reden},
    )
    return melding


@transaction.atomic
def handel_af(*, melding, opmerking, zichtbaar=False, request=None, user=None):
    """ABB Editeur: Te behandelen -> Afgehandeld, with a comment. `zichtbaar`: the bestuur sees the comment
    ("zichtbaar voor het bestuur"; off by default: a comment is internal unless ABB chooses to share it)."""
    user = user or (request.user if request else None)
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.status != Melding.Status.VERSTUURD:
        raise ValidationError("Alleen een verstuurde melding kan afgehandeld worden.")
    voor = {
        "review_status": melding.review_status,
        "review_opmerking": melding.review_opmerking,
        "review_zichtbaar": melding.review_zichtbaar,
    }
    melding.review_status = Melding.ReviewStatus.AFGEHANDELD
    melding.review_opmerking = opmerking
    melding.review_zichtbaar = bool(zichtbaar)
    melding.behandeld_op = timezone.now()
    melding.behandeld_door = user
    melding.full_clean()
    melding.save(
        update_fields=[
            "review_status",
            "review_opmerking",
            "review_zichtbaar",
            "behandeld_op",
            "behandeld_door",
        ]
    )
    audit.record(
        request=request,
        user=user,
        actie="toezicht.melding.afgehandeld",
        obj=melding,
        omschrijving="Melding afgehandeld"
        + (" (opmerking zichtbaar voor het bestuur)." if zichtbaar else "."),
        voor=voor,
        na={
            "review_status": melding.review_status,
            "review_opmerking": opmerking,
            "review_zichtbaar": bool(zichtbaar),
        },
    )
    return melding


@transaction.atomic
def handel_af_bulk(*, meldingen, opmerking, zichtbaar=False, request=None, user=None):
    """Mark several sent meldingen afgehandeld with one comment: all or nothing, one audit event per melding.
    Meldingen that are already afgehandeld are left as they are. Returns the meldingen that changed."""
    user = user or (request.user if request else None)
    gewijzigd = []
    for melding in (
        Melding.objects.select_for_update().filter(pk__in=[m.pk for m in meldingen]).order_by("pk")
    ):
        if melding.review_status == Melding.ReviewStatus.AFGEHANDELD:
            continue
        gewijzigd.append(
            handel_af(melding=melding, opmerking=opmerking, zichtbaar=zichtbaar, request=request, user=user)
        )
    return gewijzigd


@transaction.atomic
def maak_afhandeling_ongedaan(*, melding, reden, request=None, user=None):
    """ABB Editeur: Afgehandeld -> Te behandelen again, with a reason (audited). The comment is kept in the
    audit trail; the bestuur no longer sees the melding as afgehandeld."""
    user = user or (request.user if request else None)
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.review_status != Melding.ReviewStatus.AFGEHANDELD:
        raise ValidationError("Deze melding is niet afgehandeld.")
    voor = {
        "review_status": melding.review_status,
        "review_opmerking": melding.review_opmerking,
        "review_zichtbaar": melding.review_zichtbaar,
    }
    melding.review_status = Melding.ReviewStatus.TE_BEHANDELEN
    melding.review_opmerking = ""
    melding.review_zichtbaar = False
    melding.behandeld_op = None
    melding.behandeld_door = None
    melding.save(
        update_fields=[
            "review_status",
            "review_opmerking",
            "review_zichtbaar",
            "behandeld_op",
            "behandeld_door",
        ]
    )
    audit.record(
        request=request,
        user=user,
        actie="toezicht.melding.afhandeling_ongedaan",
        obj=melding,
        omschrijving=f"Afhandeling ongedaan gemaakt: {reden}",
        voor=voor,
        na={"review_status": melding.review_status, "reden": reden},
    )
    return melding


def abb_behandelaars():
    """The people who can handle meldingen: ABB editeurs (their membership on ABB holds the editeur role)."""
    from accounts.models import Membership, User
    from loket import modules

    lidmaatschappen = Membership.objects.filter(bestuur__classificatie__label=modules.ABB).only(
        "user", "rollen"
    )
    ids = [
        m.user_id for m in lidmaatschappen if modules.ABB_EDITEUR_ROLE in (m.rollen or [])
    ]  # portable JSON
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk")


@transaction.atomic
def wijs_toe(*, melding, behandelaar, request=None, user=None):
    """ABB Editeur: assign a behandelaar (an ABB editeur; None: nobody). Audited."""
    user = user or (request.user if request else None)
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.status != Melding.Status.VERSTUURD:
        raise ValidationError("Alleen een verstuurde melding kan toegewezen worden.")
    if behandelaar is not None and not abb_behandelaars().filter(pk=behandelaar.pk).exists():
        raise ValidationError("Kies een medewerker van het Agentschap Binnenlands Bestuur met bewerkrechten.")
    voor = {"behandelaar": melding.behandelaar.get_full_name() if melding.behandelaar else None}
    melding.behandelaar = behandelaar
    melding.save(update_fields=["behandelaar"])
    naam = behandelaar.get_full_name() if behandelaar else None
    audit.record(
        request=request,
        user=user,
        actie="toezicht.melding.toegewezen",
        obj=melding,
        omschrijving=f"Toegewezen aan {naam}." if naam else "Toewijzing verwijderd.",
        voor=voor,
        na={"behandelaar": naam},
    )
    return melding


@transaction.atomic
def vraag_bundel_aan(*, meldingen, user, bestuur=None, abb=False, request=None):
    """A bundle (zip with manifest) of `meldingen` (already scoped and checked by the caller), built by a task
    queued on commit. The bundle row in status "wachtend" is the outbox entry (toezicht.tasks sweeper)."""
    ids = list(dict.fromkeys(m.pk for m in meldingen))
    if not ids:
        raise ValidationError("Kies minstens één melding.")
    if len(ids) > Bundel.MAXIMUM:
        raise ValidationError(
            f"Een download bevat hoogstens {Bundel.MAXIMUM} meldingen; u koos er {len(ids)}. Verfijn de filter."
        )
    bundel = Bundel(gebruiker=user, bestuur=None if abb else bestuur, abb=abb, totaal=len(ids))
    bundel.full_clean()
    bundel.save()
    bundel.meldingen.set(ids)
    audit.record(
        request=request,
        user=user,
        bestuur=None if abb else bestuur,
        actie="toezicht.bundel.gevraagd",
        obj=bundel,
        omschrijving=f"Download van {len(ids)} meldingen (zip) gevraagd.",
        na={"meldingen": [str(u) for u in Melding.objects.filter(pk__in=ids).values_list("uuid", flat=True)]},
    )
    outbox.dispatch_on_commit("toezicht.tasks.bouw_bundel", bundel.pk)
    return bundel


@transaction.atomic
def bewaar_zoekopdracht(*, user, naam, query, request=None):
    zoekopdracht = ZoekOpdracht(gebruiker=user, naam=naam, query=query[:2000])
    zoekopdracht.full_clean()
    zoekopdracht.save()
    audit.record(
        request=request,
        user=user,
        actie="toezicht.zoekopdracht.bewaard",
        obj=zoekopdracht,
        omschrijving=f"Zoekopdracht «{naam}» bewaard.",
    )
    return zoekopdracht


@transaction.atomic
def verwijder_zoekopdracht(*, zoekopdracht, request=None, user=None):
    naam = zoekopdracht.naam
    audit.record(
        request=request,
        user=user,
        actie="toezicht.zoekopdracht.verwijderd",
        obj=zoekopdracht,
        omschrijving=f"Zoekopdracht «{naam}» verwijderd.",
    )
    zoekopdracht.delete()


@transaction.atomic
def bewaar_instelling(*, bestuur, contact_email, request=None, user=None):
    instelling, _ = ToezichtInstelling.objects.select_for_update().get_or_create(bestuur=bestuur)
    voor = {"contact_email": instelling.contact_email}
    instelling.contact_email = contact_email
    instelling.full_clean()
    instelling.save()
    audit.record(
        request=request,
        user=user,
        bestuur=bestuur,
        actie="toezicht.instelling.bewaard",
        obj=instelling,
        omschrijving="Contactadres voor meldingen gewijzigd.",
        voor=voor,
        na={"contact_email": contact_email},
    )
    return instelling
