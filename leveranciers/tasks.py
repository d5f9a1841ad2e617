"""The processing of a vendor's melding: a Celery chain download → lees (RDFa) → valideer, each step recorded
on the job (InzendingStap). Tasks take ids, are idempotent (a step that succeeded is never run again, a deleted
or failed job is left alone) and bounded in time. A failure never loses the request: the melding exists from
the register step on (a concept holding the href), the job says why it failed, and ABB can start it again."""

import hashlib
import logging
import time
from datetime import timedelta

from celery import chain, shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from loket import audit, outbox
from toezicht import services as toezicht_services
from toezicht.models import Melding

from .download import DownloadFout, haal_op
from .models import Inzending, InzendingStap
from .rdfa import OnleesbarePagina, lees_besluit
from .services import wil_verzenden

logger = logging.getLogger(__name__)
Op = InzendingStap.Operatie
St = InzendingStap.Status


@shared_task(soft_time_limit=30, time_limit=60)
def verwerk(inzending_id):
    chain(download.si(inzending_id), lees.si(inzending_id), valideer.si(inzending_id)).apply_async()


def _begin(inzending_id, operatie):
    """Lock the job; the step (marked busy) when it is this step's turn, else None."""
    with transaction.atomic():
        inzending = Inzending.objects.select_for_update().filter(pk=inzending_id).first()
        if inzending is None or inzending.status != Inzending.Status.BEZIG or inzending.verwijderd_op:
            return None, None
        stappen = list(inzending.stappen.all())
        stap = next(s for s in stappen if s.operatie == operatie)
        if stap.status in (St.GESLAAGD, St.MISLUKT):
            return None, None
        if any(s.status != St.GESLAAGD for s in stappen if s.index < stap.index):
            return None, None
        nu = timezone.now()
        stap.status, stap.gestart_op, stap.poging = St.BEZIG, nu, stap.poging + 1
        stap.save(update_fields=["status", "gestart_op", "poging"])
        inzending.gewijzigd_op = nu
        inzending.save(update_fields=["gewijzigd_op"])
        return inzending, stap


def _geslaagd(stap, **velden):
    nu = timezone.now()
    InzendingStap.objects.filter(pk=stap.pk).update(
        status=St.GESLAAGD, beeindigd_op=nu, fout_nl="", fout_en=""
    )
    Inzending.objects.filter(pk=stap.inzending_id).update(gewijzigd_op=nu, **velden)


def _mislukt(inzending, stap, nl, en):
    with transaction.atomic():
        nu = timezone.now()
        InzendingStap.objects.filter(pk=stap.pk).update(
            status=St.MISLUKT, beeindigd_op=nu, fout_nl=nl, fout_en=en
        )
        Inzending.objects.filter(pk=inzending.pk).update(
            status=Inzending.Status.MISLUKT, fout_nl=nl, fout_en=en, gewijzigd_op=nu
        )
        audit.record(
            bestuur=inzending.bestuur,
            actie="leveranciers.verwerking.mislukt",
            obj=inzending,
            omschrijving=f"Automatische melding: {stap.get_operatie_display()} mislukt: {nl}",
        )
    logger.info("Inzending %s: %s mislukt: %s", inzending.uuid, stap.operatie, en)


@shared_task(bind=True, max_retries=None, soft_time_limit=120, time_limit=150)
def download(self, inzending_id):
    inzending, stap = _begin(inzending_id, Op.DOWNLOAD)
    if inzending is None:
        return False
    extra = 0  # attempts made inside this run (eager mode only)
    while True:
        try:
            pagina = haal_op(inzending.href)
            break
        except DownloadFout as fout:
            poging = self.request.retries + extra
            if not fout.tijdelijk or poging >= settings.LOKET_VENDOR_DOWNLOAD_RETRIES:
                _mislukt(inzending, stap, fout.nl, fout.en)
                return False
            wacht = settings.LOKET_VENDOR_DOWNLOAD_BACKOFF_SECONDS * 2**poging
            InzendingStap.objects.filter(pk=stap.pk).update(
                fout_nl=f"Poging {poging + 1} mislukt: {fout.nl} Nieuwe poging over {wacht} s.",
                fout_en=f"Attempt {poging + 1} failed: {fout.en} Retrying in {wacht} s.",
            )
            if not self.request.is_eager:
                raise self.retry(countdown=wacht) from fout
            # Eager (development, tests): no worker comes back later, and Celery's eager retry does not run
            # inside a chain; wait here instead.
            extra += 1
            time.sleep(wacht)
            InzendingStap.objects.filter(pk=stap.pk).update(poging=stap.poging + extra)
    inzending.pagina.save("pagina.html", ContentFile(pagina.inhoud), save=False)
    _geslaagd(stap, pagina=inzending.pagina.name, pagina_sha256=hashlib.sha256(pagina.inhoud).hexdigest())
    return True


@shared_task(soft_time_limit=120, time_limit=150)
def lees(inzending_id):
    inzending, stap = _begin(inzending_id, Op.IMPORT)
    if inzending is None:
        return False
    try:
        with inzending.pagina.open("rb") as f:
            inhoud = f.read()
        gegevens = lees_besluit(
            inhoud,
            base=inzending.href,
            submitted_resource=inzending.submitted_resource,
            bestuur=inzending.bestuur,
        )
    except OnleesbarePagina:
        _mislukt(
            inzending,
            stap,
            "De RDFa van de publicatie kon niet gelezen worden.",
            "The publication's RDFa could not be read.",
        )
        return False
    melding = Melding.objects.get(pk=inzending.melding_id)
    # Never overwrite what a person of the bestuur already filled in.
    gegevens = {
        k: v
        for k, v in gegevens.items()
        if k in toezicht_services.BEWERKBARE_VELDEN and getattr(melding, k) in (None, "", [], False)
    }
    for _ in range(2):
        try:
            toezicht_services.bewaar_concept(melding=melding, gegevens=gegevens, user=None)
            break
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # sent or deleted meanwhile: nothing to fill in
                break
            gegevens = {k: v for k, v in gegevens.items() if k not in exc.error_dict}
    _geslaagd(stap)
    return True


@shared_task(soft_time_limit=120, time_limit=150)
def valideer(inzending_id):
    inzending, stap = _begin(inzending_id, Op.VALIDEER)
    if inzending is None:
        return False
    melding = Melding.objects.get(pk=inzending.melding_id)
    fouten = {}
    if melding.status == Melding.Status.CONCEPT and melding.verwijderd_op is None:
        fouten = toezicht_services.verzendfouten(melding)
        if wil_verzenden(inzending) and not fouten:
            with transaction.atomic():
                toezicht_services.verstuur(melding=melding, user=None)
                audit.record(
                    bestuur=inzending.bestuur,
                    actie="leveranciers.melding.verstuurd",
                    obj=melding,
                    omschrijving=f"Automatisch verstuurd bij publicatie door «{inzending.leverancier.naam}».",
                )
            melding.refresh_from_db()
    uitkomst = "verstuurd" if melding.status == Melding.Status.VERSTUURD else "concept"
    _geslaagd(
        stap,
        status=Inzending.Status.GESLAAGD,
        uitkomst=uitkomst,
        verzendfouten={k: [str(m) for m in v] for k, v in fouten.items()} if uitkomst == "concept" else {},
    )
    return True


@outbox.sweeper("leveranciers.verwerking")
def onafgewerkte_verwerkingen(ouder_dan):
    """Jobs still busy an hour after their last step (the download's retries take at most ~30 min): queued again
    (each step is idempotent)."""
    ids = Inzending.objects.filter(
        status=Inzending.Status.BEZIG, verwijderd_op=None, gewijzigd_op__lte=ouder_dan - timedelta(hours=1)
    ).values_list("pk", flat=True)
    return [(verwerk, (pk,)) for pk in ids]
