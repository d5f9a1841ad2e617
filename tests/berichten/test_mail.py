"""Mail for a new message: through a real SMTP server on loopback; once per message and address; retried."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core import mail
from django.urls import reverse

from berichten import tasks
from berichten.models import MailConfiguratie, MailVerzending
from loket import outbox
from tests import factories as core
from tests.berichten.factories import (
    BerichtFactory,
    GesprekFactory,
    abb_editeur,
    berichten_gebruiker,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


class Capture(Message):
    def __init__(self, weiger=0):
        super().__init__()
        self.messages = []
        self.weiger = weiger  # refuse the first N messages with a temporary error

    async def handle_DATA(self, server, session, envelope):
        if self.weiger:
            self.weiger -= 1
            return "451 Tijdelijk probleem, probeer later opnieuw"
        return await super().handle_DATA(server, session, envelope)

    def handle_message(self, message):
        self.messages.append(message)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtpd(settings):
    handler = Capture()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.LOKET_BASE_URL = "https://loket.example.org"
    yield handler
    controller.stop()


@pytest.fixture
def aalst_met_mail(aalst):
    MailConfiguratie.objects.create(
        bestuur=aalst, ontvang_mails=True, adressen=["secretariaat@aalst.be", "toezicht@aalst.be"]
    )
    return aalst


def test_abb_message_is_mailed_to_each_address_once(
    smtpd, aalst_met_mail, login_as, django_capture_on_commit_callbacks
):
    client = login_as(abb_editeur(), core.abb())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(
            reverse("berichten:abb-nieuw"),
            {
                "bestuur": aalst_met_mail.pk,
                "type_communicatie": "opvraging",
                "betreft": "Opvraging personeelsdossier",
                "dossiernummer": "OPV2026.000099",
                "reactietermijn_dagen": "14",
                "inhoud": "Vertrouwelijke inhoud die niet in de mail hoort.",
                "bijlagen": [pdf_upload()],
            },
        )
    assert len(callbacks) == 1  # queued on commit, not before
    assert sorted(m["X-RcptTo"] for m in smtpd.messages) == ["secretariaat@aalst.be", "toezicht@aalst.be"]
    body = smtpd.messages[0].get_payload(decode=True).decode()
    assert "OPV2026.000099" in body and "https://loket.example.org/berichten/" in body
    assert "Vertrouwelijke inhoud" not in body
    assert MailVerzending.objects.filter(verzonden_op__isnull=False).count() == 2

    bericht_id = MailVerzending.objects.first().bericht_id
    assert tasks.mail_nieuw_bericht.delay(bericht_id).get() == 0  # idempotent: running it again sends nothing
    assert len(smtpd.messages) == 2


def test_bestuur_reply_sends_no_mail_to_the_bestuur(
    smtpd, aalst_met_mail, login_as, django_capture_on_commit_callbacks
):
    bericht = BerichtFactory(gesprek=GesprekFactory(bestuur=aalst_met_mail))
    client = login_as(berichten_gebruiker(aalst_met_mail), aalst_met_mail)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(
            reverse("berichten:gesprek", args=[bericht.gesprek.uuid]),
            {"inhoud": "Antwoord", "bijlagen": [pdf_upload()]},
        )
    assert callbacks == []
    assert smtpd.messages == []


def test_no_mail_when_the_bestuur_does_not_want_them(smtpd, aalst_met_mail):
    MailConfiguratie.objects.filter(bestuur=aalst_met_mail).update(ontvang_mails=False)
    bericht = BerichtFactory(gesprek=GesprekFactory(bestuur=aalst_met_mail))
    assert tasks.mail_nieuw_bericht.delay(bericht.pk).get() == 0
    assert smtpd.messages == []


def test_temporary_smtp_failure_is_retried_and_sends_once(smtpd, aalst_met_mail):
    smtpd.weiger = 1
    bericht = BerichtFactory(gesprek=GesprekFactory(bestuur=aalst_met_mail))
    tasks.mail_nieuw_bericht.apply(args=[bericht.pk], throw=False)  # eagerly, Celery runs the retry at once
    assert smtpd.weiger == 0  # the first attempt was refused, the retry went through
    assert sorted(m["X-RcptTo"] for m in smtpd.messages) == ["secretariaat@aalst.be", "toezicht@aalst.be"]
    assert MailVerzending.objects.filter(bericht=bericht, verzonden_op__isnull=False).count() == 2


def test_smtp_down_never_loses_the_message(
    settings, aalst_met_mail, login_as, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    client = login_as(abb_editeur(), core.abb())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("berichten:abb-nieuw"),
            {
                "bestuur": aalst_met_mail.pk,
                "type_communicatie": "kennisgeving",
                "betreft": "Kennisgeving schorsing",
                "dossiernummer": "KG2026.1",
                "inhoud": "Tekst",
            },
        )
    assert response.status_code == 302  # the writer sees success; the mail is retried by Celery
    gesprek = aalst_met_mail.gesprekken.get()
    assert gesprek.berichten.count() == 1
    assert not MailVerzending.objects.filter(verzonden_op__isnull=False).exists()
    assert mail.outbox == []


def test_task_is_configured_to_retry_smtp_errors_with_backoff():
    import smtplib

    task = tasks.mail_nieuw_bericht
    assert smtplib.SMTPException in task.autoretry_for and OSError in task.autoretry_for
    assert task.retry_backoff and task.max_retries >= 5


def test_sweep_requeues_mails_that_never_left(smtpd, aalst_met_mail):
    from datetime import timedelta

    from django.utils import timezone

    gesprek = GesprekFactory(bestuur=aalst_met_mail)
    oud = BerichtFactory(gesprek=gesprek, verzonden_op=timezone.now() - timedelta(hours=1))
    BerichtFactory(gesprek=gesprek, verzonden_op=timezone.now() - timedelta(days=30))  # too old: left alone
    assert outbox.sweep()["berichten.mail"] == (1, 1)  # the outbox's sweeper (beat job loket-outbox)
    assert sorted(m["X-RcptTo"] for m in smtpd.messages) == ["secretariaat@aalst.be", "toezicht@aalst.be"]
    assert MailVerzending.objects.filter(bericht=oud, verzonden_op__isnull=False).count() == 2
    assert outbox.sweep()["berichten.mail"] == (0, 0)
    assert len(smtpd.messages) == 2
