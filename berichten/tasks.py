"""Celery tasks of the Berichtencentrum: ids in, idempotent, bounded in time."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from loket import outbox
from loket.mail import mail_taak

from .models import Bericht, MailConfiguratie, MailVerzending, Partij

logger = logging.getLogger(__name__)


@mail_taak
def mail_nieuw_bericht(self, bericht_id):
    """Mail every address the bestuur configured, once per message and address.

    An address is done when its MailVerzending has `verzonden_op`; a retry (or a second run) skips it. The row
    is locked while sending, so two workers never send the same mail twice. An SMTP error rolls back only that
    address and makes Celery retry the task with backoff; the message itself is never touched.
    """
    bericht = Bericht.objects.select_related("gesprek__bestuur__classificatie").filter(pk=bericht_id).first()
    if bericht is None or bericht.van != Partij.ABB:
        return 0
    config = MailConfiguratie.objects.filter(bestuur=bericht.gesprek.bestuur).first()
    adressen = config.actieve_adressen if config else []
    verzonden = 0
    for adres in adressen:
        with transaction.atomic():
            verzending, _ = MailVerzending.objects.get_or_create(bericht=bericht, adres=adres)
            verzending = MailVerzending.objects.select_for_update().get(pk=verzending.pk)
            if verzending.verzonden_op is not None:
                continue
            _mail(bericht, adres)
            verzending.verzonden_op = timezone.now()
            verzending.save(update_fields=["verzonden_op"])
            verzonden += 1
    if verzonden:
        logger.info("Bericht %s: %s mail(s) verstuurd", bericht_id, verzonden)
    return verzonden


def _mail(bericht, adres):
    gesprek = bericht.gesprek
    base_url = (settings.LOKET_BASE_URL or "").rstrip("/")
    context = {
        "bericht": bericht,
        "gesprek": gesprek,
        "link": f"{base_url}{reverse('berichten:gesprek', args=[gesprek.uuid])}" if base_url else "",
    }
    message = EmailMessage(
        # One line, whatever was typed: a newline in a header would make the mail unsendable.
        subject=" ".join(
            f"Nieuw bericht in het Berichtencentrum: {gesprek.dossiernummer} – {gesprek.betreft}".split()
        )[:200],
        body=render_to_string("berichten/mail_nieuw_bericht.txt", context),
        to=[adres],
    )
    message.send(fail_silently=False)


@outbox.sweeper("berichten.mail")
def openstaande_mails(ouder_dan, dagen=7):
    """ABB messages of the last week that some configured address did not get yet (e.g. the broker was down at
    commit time). mail_nieuw_bericht is idempotent: one mail per message and address, whatever is queued twice."""
    configs = {
        c.bestuur_id: set(c.actieve_adressen) for c in MailConfiguratie.objects.filter(ontvang_mails=True)
    }
    berichten = (
        Bericht.objects.filter(
            van=Partij.ABB,
            gesprek__bestuur_id__in=list(configs),
            verzonden_op__gte=timezone.now() - timedelta(days=dagen),
            verzonden_op__lte=ouder_dan,
        )
        .select_related("gesprek")
        .prefetch_related("mails")
    )
    return [
        (mail_nieuw_bericht, (bericht.pk,))
        for bericht in berichten
        if configs[bericht.gesprek.bestuur_id] - {m.adres for m in bericht.mails.all() if m.verzonden_op}
    ]
