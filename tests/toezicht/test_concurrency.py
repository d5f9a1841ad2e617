"""Two requests sending the same concept at the same moment (double click, two tabs): one sent melding."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from loket.models import AuditEvent
from tests import factories
from toezicht import services
from toezicht.models import Melding

from .factories import MeldingFactory


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_sending_twice_at_once_gives_one_sent_melding(reference_data):
    aalst = factories.bestuur("Aalst")
    user = factories.user_with_rights(aalst, "toezicht")
    melding = MeldingFactory(bestuur=aalst)
    start = threading.Barrier(2)
    resultaten, fouten = [], []

    def verstuur():
        try:
            start.wait()
            resultaten.append(services.verstuur(melding=melding, user=user).verstuurd_op)
        except Exception as exc:
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=verstuur) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not fouten
    assert len(resultaten) == 2 and resultaten[0] == resultaten[1]
    assert Melding.objects.get(pk=melding.pk).status == Melding.Status.VERSTUURD
    assert (
        AuditEvent.objects.filter(actie="toezicht.melding.verstuurd", object_id=str(melding.pk)).count() == 1
    )
    assert len(mail.outbox) == 1
