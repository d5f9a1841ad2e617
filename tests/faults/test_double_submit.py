"""Double submit of the send form (double click, two tabs, a retried POST): one sent melding, one audit event,
one notification mail — through the real view, at the same moment and one after the other."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
from loket.models import AuditEvent
from tests import factories
from tests.toezicht.factories import MeldingFactory
from toezicht.models import Melding

from .test_broker_and_worker import form_data


def clients_for(user, bestuur, n):
    result = []
    for _ in range(n):
        client = Client()
        client.force_login(user)
        session = client.session
        session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
        session.save()
        result.append(client)
    return result


def sent_once(melding):
    melding.refresh_from_db()
    assert melding.status == Melding.Status.VERSTUURD
    assert (
        AuditEvent.objects.filter(actie="toezicht.melding.verstuurd", object_id=str(melding.pk)).count() == 1
    )
    assert len(mail.outbox) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_send_posts_at_the_same_moment_give_one_melding(reference_data):
    aalst = factories.bestuur("Aalst")
    user = factories.user_with_rights(aalst, "toezicht")
    melding = MeldingFactory(bestuur=aalst)
    url = reverse("toezicht:bewerken", args=[melding.uuid])
    data = form_data(melding, actie="verzenden")
    start, statuses, errors = threading.Barrier(3), [], []

    def post(client):
        try:
            start.wait()
            statuses.append(client.post(url, data).status_code)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients_for(user, aalst, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and statuses == [302, 302, 302]
    sent_once(melding)
    assert Melding.objects.filter(bestuur=aalst, status=Melding.Status.VERSTUURD).count() == 1


@pytest.mark.django_db
def test_send_post_repeated_after_success_changes_nothing(
    login_as, aalst, django_capture_on_commit_callbacks
):
    user = factories.user_with_rights(aalst, "toezicht")
    client = login_as(user, aalst)
    melding = MeldingFactory(bestuur=aalst)
    url = reverse("toezicht:bewerken", args=[melding.uuid])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, form_data(melding, actie="verzenden"))
    verstuurd_op = Melding.objects.get(pk=melding.pk).verstuurd_op
    second = client.post(url, form_data(melding, actie="verzenden", opmerking="gewijzigd"), follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "kan niet meer gewijzigd worden" in second.content.decode()
    sent_once(melding)
    assert melding.verstuurd_op == verstuurd_op and melding.opmerking != "gewijzigd"
