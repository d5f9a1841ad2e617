"""The transactional outbox (loket/outbox.py) without real processes: a dead broker never fails the write, and the
sweep queues exactly the pending work again."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from loket import outbox
from tests import factories
from tests.toezicht.factories import MeldingFactory
from toezicht import services
from toezicht.models import Melding
from toezicht.tasks import openstaande_notificaties, stuur_notificatie

from .conftest import free_port


@pytest.fixture
def dead_broker():
    from loket.celery import app

    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "broker_connection_timeout")}
    app.conf.update(
        broker_url=f"redis://127.0.0.1:{free_port()}/0",
        task_always_eager=False,
        broker_connection_timeout=0.5,
    )
    app._pool = None
    app.__dict__.pop("amqp", None)  # its producer pool is bound to the broker of the earlier tests
    yield
    app._pool = None
    app.__dict__.pop("amqp", None)
    app.conf.update(saved)


@pytest.mark.django_db(transaction=True)
def test_dead_broker_never_fails_the_send(reference_data, dead_broker, caplog):
    aalst = factories.bestuur("Aalst")
    user = factories.user_with_rights(aalst, "toezicht")
    melding = MeldingFactory(bestuur=aalst)
    services.verstuur(melding=melding, user=user)  # on_commit runs: dispatch fails, logged
    melding.refresh_from_db()
    assert melding.status == Melding.Status.VERSTUURD and melding.notificatie_verstuurd_op is None
    assert "de outbox probeert later opnieuw" in caplog.text
    assert outbox.dispatch(stuur_notificatie, melding.pk) is False


@pytest.mark.django_db
def test_sweep_finds_only_pending_notifications(aalst):
    nu = timezone.now()
    pending = MeldingFactory(
        bestuur=aalst, status=Melding.Status.VERSTUURD, verstuurd_op=nu - timedelta(minutes=10)
    )
    MeldingFactory(
        bestuur=aalst,
        status=Melding.Status.VERSTUURD,
        verstuurd_op=nu - timedelta(minutes=10),
        notificatie_verstuurd_op=nu,
    )
    MeldingFactory(bestuur=aalst, status=Melding.Status.VERSTUURD, verstuurd_op=nu - timedelta(days=30))
    MeldingFactory(bestuur=aalst, status=Melding.Status.VERSTUURD, verstuurd_op=nu)  # still in flight
    MeldingFactory(bestuur=aalst)  # concept
    found = openstaande_notificaties(nu - timedelta(minutes=2))
    assert [args for _, args in found] == [(pending.pk,)]


@pytest.mark.django_db
def test_dispatch_outbox_command_sends_once(aalst):
    melding = MeldingFactory(
        bestuur=aalst, status=Melding.Status.VERSTUURD, verstuurd_op=timezone.now() - timedelta(minutes=5)
    )
    call_command("dispatch_outbox")  # eager in the tests: the task runs here
    call_command("dispatch_outbox")
    assert len(mail.outbox) == 1
    melding.refresh_from_db()
    assert melding.notificatie_verstuurd_op is not None
