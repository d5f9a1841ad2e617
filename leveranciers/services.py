"""Writes of the vendor API and its beheer: keyword-only, atomic, audited; processing queued on commit.

A melding from a vendor goes through toezicht's own services (maak_concept, bewaar_concept, verstuur,
verwijder_concept): the same concept, the same validation, the same send (ontvangstbewijs, notification to ABB,
audit) as a person's.
"""

import hashlib
import hmac
import secrets
import threading
import time

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from loket import audit, outbox
from toezicht import services as toezicht_services
from toezicht.models import Melding

from .models import STATUS_INZENDBAAR, SUBMISSION_URI, Inzending, InzendingStap, Leverancier

HASHER = Argon2PasswordHasher()


class Duplicaat(Exception):
    pass


class NietGevonden(Exception):
    pass


class AlVerstuurd(Exception):
    pass


# ------------------------------------------------------------------------------------------------- keys


def nieuwe_sleutel():
    return secrets.token_urlsafe(32)


# A verified key is remembered in this process for a few minutes as an HMAC (never the key itself), so a vendor
# posting many meldingen pays argon2 (~0.1 s, 100 MB) once per process per period, not per request. A rotated
# key has a new hash, so the old key stops working at once.
_GEZIEN: dict = {}
_GEZIEN_LOCK = threading.Lock()
GEZIEN_SECONDEN = 300


def _vingerafdruk(leverancier, sleutel):
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{leverancier.sleutel_hash}\0{sleutel}".encode(), hashlib.sha256
    ).hexdigest()


def sleutel_klopt(leverancier, sleutel):
    if not leverancier.sleutel_hash or not sleutel or not isinstance(sleutel, str) or len(sleutel) > 200:
        return False
    vingerafdruk = _vingerafdruk(leverancier, sleutel)
    nu = time.monotonic()
    with _GEZIEN_LOCK:
        tot = _GEZIEN.get((leverancier.pk, vingerafdruk))
    if tot and tot > nu:
        return True
    if not HASHER.verify(sleutel, leverancier.sleutel_hash):
        return False
    with _GEZIEN_LOCK:
        if len(_GEZIEN) > 10_000:
            _GEZIEN.clear()
        _GEZIEN[(leverancier.pk, vingerafdruk)] = nu + GEZIEN_SECONDEN
    return True


@transaction.atomic
def maak_leverancier(*, naam, uri, request=None, user=None):
    """A new vendor and its key. The key is returned once (shown once) and stored only as an argon2 hash."""
    sleutel = nieuwe_sleutel()
    leverancier = Leverancier(naam=naam, uri=uri)
    leverancier.sleutel_hash = HASHER.encode(sleutel, HASHER.salt())
    leverancier.sleutel_gewijzigd_op = timezone.now()
    leverancier.full_clean()
    leverancier.save()
    audit.record(
        request=request,
        user=user,
        actie="leveranciers.leverancier.aangemaakt",
        obj=leverancier,
        omschrijving=f"Leverancier «{naam}» ({uri}) aangemaakt met een nieuwe sleutel.",
        na={"naam": naam, "uri": uri},
    )
    return leverancier, sleutel


@transaction.atomic
def vernieuw_sleutel(*, leverancier, request=None, user=None):
    """A new key; the old one stops working at once. Returned once."""
    leverancier = Leverancier.objects.select_for_update().get(pk=leverancier.pk)
    sleutel = nieuwe_sleutel()
    leverancier.sleutel_hash = HASHER.encode(sleutel, HASHER.salt())
    leverancier.sleutel_gewijzigd_op = timezone.now()
    leverancier.save(update_fields=["sleutel_hash", "sleutel_gewijzigd_op"])
    audit.record(
        request=request,
        user=user,
        actie="leveranciers.sleutel.vernieuwd",
        obj=leverancier,
        omschrijving=f"Nieuwe sleutel voor «{leverancier.naam}»; de vorige werkt niet meer.",
    )
    return leverancier, sleutel


@transaction.atomic
def wijzig_leverancier(*, leverancier, naam, uri, actief, request=None, user=None):
    leverancier = Leverancier.objects.select_for_update().get(pk=leverancier.pk)
    voor = {"naam": leverancier.naam, "uri": leverancier.uri, "actief": leverancier.actief}
    leverancier.naam, leverancier.uri, leverancier.actief = naam, uri, actief
    leverancier.full_clean()
    leverancier.save()
    audit.record(
        request=request,
        user=user,
        actie="leveranciers.leverancier.gewijzigd",
        obj=leverancier,
        omschrijving=f"Leverancier «{naam}» gewijzigd.",
        voor=voor,
        na={"naam": naam, "uri": uri, "actief": actief},
    )
    return leverancier


@transaction.atomic
def voeg_bestuur_toe(*, leverancier, bestuur, request=None, user=None):
    leverancier.besturen.add(bestuur)
    audit.record(
        request=request,
        user=user,
        actie="leveranciers.bestuur.toegevoegd",
        obj=leverancier,
        omschrijving=f"«{leverancier.naam}» mag nu handelen voor {bestuur.volledige_naam}.",
    )
    audit.record(
        user=user,
        bestuur=bestuur,
        actie="leveranciers.bestuur.toegevoegd",
        obj=leverancier,
        omschrijving=f"Leverancier «{leverancier.naam}» mag meldingen versturen voor uw bestuur.",
    )


@transaction.atomic
def verwijder_bestuur(*, leverancier, bestuur, request=None, user=None):
    leverancier.besturen.remove(bestuur)
    audit.record(
        request=request,
        user=user,
        actie="leveranciers.bestuur.verwijderd",
        obj=leverancier,
        omschrijving=f"«{leverancier.naam}» mag niet meer handelen voor {bestuur.volledige_naam}.",
    )
    audit.record(
        user=user,
        bestuur=bestuur,
        actie="leveranciers.bestuur.verwijderd",
        obj=leverancier,
        omschrijving=f"Leverancier «{leverancier.naam}» mag geen meldingen meer versturen voor uw bestuur.",
    )


# ------------------------------------------------------------------------------------------------- meldingen

STAPPEN = (
    InzendingStap.Operatie.REGISTREER,
    InzendingStap.Operatie.DOWNLOAD,
    InzendingStap.Operatie.IMPORT,
    InzendingStap.Operatie.VALIDEER,
)


@transaction.atomic
def registreer(*, leverancier, bestuur, href, submitted_resource, gevraagde_status, submission_uri=""):
    """The register step (synchronous, in the request): the job, its tasks and a concept melding holding the
    href as its link. Raises Duplicaat when submittedResource is already submitted (and not deleted)."""
    if Inzending.objects.filter(submitted_resource=submitted_resource, verwijderd_op__isnull=True).exists():
        raise Duplicaat(submitted_resource)
    nu = timezone.now()
    melding = toezicht_services.maak_concept(bestuur=bestuur, user=None)
    Melding.objects.filter(pk=melding.pk).update(leverancier=leverancier, links=[href])
    inzending = Inzending(
        leverancier=leverancier,
        bestuur=bestuur,
        melding=melding,
        submitted_resource=submitted_resource,
        href=href,
        gevraagde_status=gevraagde_status,
    )
    inzending.submission_uri = submission_uri or SUBMISSION_URI.format(uuid=inzending.submission_uuid)
    try:
        with transaction.atomic():
            inzending.save()
    except IntegrityError as exc:  # the same submittedResource (or @id) posted twice at the same moment
        raise Duplicaat(submitted_resource) from exc
    InzendingStap.objects.bulk_create(
        InzendingStap(
            inzending=inzending,
            index=i,
            operatie=op,
            status=InzendingStap.Status.GESLAAGD if i == 0 else InzendingStap.Status.GEPLAND,
            gestart_op=nu if i == 0 else None,
            beeindigd_op=nu if i == 0 else None,
        )
        for i, op in enumerate(STAPPEN)
    )
    audit.record(
        bestuur=bestuur,
        actie="leveranciers.melding.ontvangen",
        obj=melding,
        omschrijving=f"Automatisch aangemaakt bij publicatie door «{leverancier.naam}»: {href}",
        na={
            "submittedResource": submitted_resource,
            "href": href,
            "status": gevraagde_status,
            "job": inzending.job_uri,
        },
    )
    # The job row (status bezig, tasks gepland) is the outbox entry: the sweeper queues it again if lost.
    outbox.dispatch_on_commit("leveranciers.tasks.verwerk", inzending.pk)
    return inzending


@transaction.atomic
def verwijder(*, leverancier, bestuur, submission_uri):
    """POST /delete-melding: removes a melding that is not sent. NietGevonden / AlVerstuurd otherwise."""
    inzending = (
        Inzending.objects.select_for_update(of=("self",))
        .filter(leverancier=leverancier, bestuur=bestuur, submission_uri=submission_uri, verwijderd_op=None)
        .select_related("melding")
        .first()
    )
    if inzending is None or inzending.melding is None or inzending.melding.verwijderd_op is not None:
        raise NietGevonden(submission_uri)
    if inzending.melding.status == Melding.Status.VERSTUURD:
        raise AlVerstuurd(submission_uri)
    toezicht_services.verwijder_concept(melding=inzending.melding, user=None)
    inzending.verwijderd_op = timezone.now()
    inzending.save(update_fields=["verwijderd_op"])
    audit.record(
        bestuur=bestuur,
        actie="leveranciers.melding.verwijderd",
        obj=inzending.melding,
        omschrijving=f"Verwijderd door leverancier «{leverancier.naam}».",
    )
    return inzending


@transaction.atomic
def opnieuw(*, inzending, request=None, user=None):
    """ABB (or the sweeper): try a failed job again from its first step that did not succeed."""
    inzending = Inzending.objects.select_for_update().get(pk=inzending.pk)
    if inzending.status != Inzending.Status.MISLUKT:
        raise ValidationError("Alleen een mislukte verwerking kan opnieuw gestart worden.")
    inzending.stappen.exclude(status=InzendingStap.Status.GESLAAGD).update(
        status=InzendingStap.Status.GEPLAND, fout_nl="", fout_en="", poging=0
    )
    inzending.status = Inzending.Status.BEZIG
    inzending.fout_nl = inzending.fout_en = ""
    inzending.gewijzigd_op = timezone.now()
    inzending.save(update_fields=["status", "fout_nl", "fout_en", "gewijzigd_op"])
    audit.record(
        request=request,
        user=user,
        actie="leveranciers.verwerking.herstart",
        obj=inzending,
        omschrijving=f"Verwerking van {inzending.submitted_resource} opnieuw gestart.",
    )
    outbox.dispatch_on_commit("leveranciers.tasks.verwerk", inzending.pk)
    return inzending


def wil_verzenden(inzending):
    return inzending.gevraagde_status == STATUS_INZENDBAAR
