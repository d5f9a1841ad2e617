"""Celery tasks of the Subsidies module: ids in, idempotent, bounded in time.

Deadline reminders go the way the Berichtencentrum's mails go: found by an outbox sweeper (loket/outbox.py, the
beat job "loket-outbox" every 5 minutes), one task per piece of work, the addresses the bestuur configured in the
Berichtencentrum ("Ontvang mails bij nieuwe berichten"), Django's mail backend, SMTP errors retried with backoff,
and a mark on the row (herinnering_verstuurd_op) so it is sent once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from berichten.models import MailConfiguratie
from loket import outbox
from loket.mail import mail_taak

from .models import AanvraagStatus, FormulierStatus, StapFormulier

logger = logging.getLogger(__name__)
HERINNERING_DAGEN = 7


def te_herinneren(nu=None):
    """Forms of an active, open step that ends within 7 days, not sent and not reminded yet."""
    nu = nu or timezone.now()
    return StapFormulier.objects.filter(
        status__in=[FormulierStatus.NIEUW, FormulierStatus.CONCEPT],
        stap=F("aanvraag__actieve_stap"),
        stap__begin__lte=nu,
        stap__einde__gte=nu,
        stap__einde__lte=nu + timedelta(days=HERINNERING_DAGEN),
        herinnering_verstuurd_op__isnull=True,
    ).exclude(aanvraag__status=AanvraagStatus.INGEDIEND)


@outbox.sweeper("subsidies.herinnering")
def te_versturen_herinneringen(ouder_dan=None):
    """The reminders that are due and can be sent (the bestuur configured addresses): a bestuur without addresses
    is not asked again every few minutes; once it configures some, its reminders follow."""
    besturen = MailConfiguratie.objects.filter(ontvang_mails=True).values("bestuur_id")
    return [
        (mail_deadline, (pk,))
        for pk in te_herinneren().filter(aanvraag__bestuur_id__in=besturen).values_list("pk", flat=True)
    ]


@mail_taak
def mail_deadline(self, formulier_id):
    """One reminder for one form, once: the row is locked while sending and marked in the same transaction, so
    two workers (or a retry after a success) never send it twice. An SMTP error rolls back the mark."""
    with transaction.atomic():
        formulier = (
            te_herinneren()
            .select_for_update(of=("self",))
            .select_related(
                "aanvraag__bestuur__classificatie", "aanvraag__maatregel", "aanvraag__reeks", "stap"
            )
            .filter(pk=formulier_id)
            .first()
        )
        if formulier is None:
            return 0
        config = MailConfiguratie.objects.filter(bestuur=formulier.aanvraag.bestuur).first()
        adressen = config.actieve_adressen if config else []
        if not adressen:
            return 0  # nobody to tell yet: a later run sends it once addresses are configured
        _mail(formulier, adressen)
        formulier.herinnering_verstuurd_op = timezone.now()
        formulier.save(update_fields=["herinnering_verstuurd_op"])
    logger.info(
        "Subsidies: herinnering deadline voor formulier %s naar %s adres(sen)", formulier_id, len(adressen)
    )
    return len(adressen)


def _mail(formulier, adressen):
    aanvraag = formulier.aanvraag
    base_url = (settings.LOKET_BASE_URL or "").rstrip("/")
    link = (
        f"{base_url}{reverse('subsidies:stap', args=[aanvraag.uuid, formulier.stap.uuid])}"
        if base_url
        else ""
    )
    message = EmailMessage(
        subject=" ".join(
            f"Herinnering: de deadline voor {formulier.stap.naam} ({aanvraag.maatregel.titel}) nadert".split()
        )[:200],
        body=render_to_string(
            "subsidies/mail_deadline.txt",
            {"formulier": formulier, "aanvraag": aanvraag, "stap": formulier.stap, "link": link},
        ),
        to=adressen,
    )
    message.send(fail_silently=False)
