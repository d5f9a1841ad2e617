"""Faults with real processes: Redis down while a melding is sent, and a Celery worker killed mid-task.

A private redis-server, a real `celery worker` subprocess (prefork, acks_late, reject_on_worker_lost) against the
test database (on SQLite runs: a private PostgreSQL cluster, see conftest.py), and an aiosmtpd server on loopback that counts the mails actually accepted.
"""

import os
import signal
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import factories
from tests.toezicht.factories import MeldingFactory
from toezicht.models import Melding

from .conftest import wait_for

pytestmark = [
    pytest.mark.faults,
    pytest.mark.usefixtures("postgresql_test_database"),  # the workers' database: a private cluster on SQLite
    pytest.mark.django_db(transaction=True),
]


def form_data(melding, **extra):
    return {
        "besluittype": melding.besluittype_id,
        "beslissingsorgaan": melding.beslissingsorgaan_id,
        "datum_zitting": melding.datum_zitting.isoformat(),
        "links": "\n".join(melding.links),
        "opmerking": "",
        **extra,
    }


@pytest.fixture
def verzender(reference_data, client):
    aalst = factories.bestuur("Aalst")
    user = factories.user_with_rights(aalst, "toezicht", email="verzender@aalst.be")
    from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = aalst.pk
    session.save()
    return client, aalst


def test_redis_down_while_sending_then_notification_goes_out_once(
    verzender, broker, smtpd, celery_worker, caplog
):
    client, aalst = verzender
    controller, mails = smtpd
    melding = MeldingFactory(bestuur=aalst)
    # Redis is not running: the broker is unreachable when the melding is sent.
    started = time.monotonic()
    response = client.post(
        reverse("toezicht:bewerken", args=[melding.uuid]), form_data(melding, actie="verzenden")
    )
    duration = time.monotonic() - started
    assert response.status_code == 302, response.content[:500]
    melding.refresh_from_db()
    assert melding.status == Melding.Status.VERSTUURD
    assert melding.notificatie_verstuurd_op is None
    assert duration < 5, f"the request waited {duration:.1f}s on the dead broker"
    assert "de outbox probeert later opnieuw" in caplog.text

    broker.start()
    worker = celery_worker(broker.url, controller.port)
    call_command("dispatch_outbox", marge=0)
    assert wait_for(lambda: len(mails.messages) >= 1, 30), worker.output()
    # Sweeping again (the beat job runs every 5 minutes) never sends it twice.
    call_command("dispatch_outbox", marge=0)
    time.sleep(2)
    assert len(mails.messages) == 1, worker.output()
    melding.refresh_from_db()
    assert melding.notificatie_verstuurd_op is not None
    assert "verzender@aalst.be" in mails.messages[0].rcpt_tos


def test_worker_killed_mid_task_runs_it_again_once(verzender, broker, smtpd, celery_worker):
    import threading

    client, aalst = verzender
    controller, mails = smtpd
    mails.hold = threading.Event()
    broker.start()
    worker = celery_worker(broker.url, controller.port)
    melding = MeldingFactory(bestuur=aalst)
    response = client.post(
        reverse("toezicht:bewerken", args=[melding.uuid]), form_data(melding, actie="verzenden")
    )
    assert response.status_code == 302
    # The task is now inside send_mail, holding the row lock: kill the pool process that runs it.
    assert mails.hold.wait(30), worker.output()
    children = worker.pool_children()
    assert len(children) == 1, children
    os.kill(children[0], signal.SIGKILL)
    mails.release.set()
    # reject_on_worker_lost + acks_late: the message goes back to the queue and a new pool process runs it.
    assert wait_for(lambda: len(mails.messages) >= 1, 60), worker.output()
    time.sleep(3)
    assert len(mails.messages) == 1, worker.output()
    melding.refresh_from_db()
    assert melding.notificatie_verstuurd_op is not None
    log = worker.output()
    assert "WorkerLostError" in log or "signal 9" in log, log


def test_whole_worker_killed_mid_task_another_worker_runs_it_once(verzender, broker, smtpd, celery_worker):
    """The main worker process and its pool die together (power loss, OOM killer): the message stays unacked in
    Redis and is delivered again after the visibility timeout (5 s here, CELERY_VISIBILITY_TIMEOUT) to the next
    worker."""
    import threading

    client, aalst = verzender
    controller, mails = smtpd
    mails.hold = threading.Event()
    broker.start()
    worker = celery_worker(broker.url, controller.port)
    melding = MeldingFactory(bestuur=aalst)
    response = client.post(
        reverse("toezicht:bewerken", args=[melding.uuid]), form_data(melding, actie="verzenden")
    )
    assert response.status_code == 302
    assert mails.hold.wait(30), worker.output()
    for pid in [*worker.pool_children(), worker.process.pid]:
        os.kill(pid, signal.SIGKILL)
    worker.process.wait(10)
    mails.release.set()
    started = time.monotonic()
    second = celery_worker(broker.url, controller.port)
    assert wait_for(lambda: len(mails.messages) >= 1, 60), second.output()
    redelivered_after = time.monotonic() - started
    time.sleep(3)
    assert len(mails.messages) == 1, second.output()
    melding.refresh_from_db()
    assert melding.notificatie_verstuurd_op is not None
    print(f"redelivered {redelivered_after:.1f} s after the new worker started")
