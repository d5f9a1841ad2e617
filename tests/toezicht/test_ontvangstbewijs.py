"""The ontvangstbewijs is a receipt: made once when the melding is sent, stored with its SHA-256, served as stored."""

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from loket import modules, outbox
from loket.models import AuditEvent
from tests import factories
from toezicht import services, tasks
from toezicht.models import Melding, Ontvangstbewijs

from .factories import MeldingFactory, bestand, pdf_upload, verstuurde_melding

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_aalst(aalst, login_as):
    return login_as(
        factories.user_with_rights(aalst, "toezicht", first_name="Jan", last_name="Peeters"), aalst
    )


def download(client, name, melding):
    response = client.get(reverse(f"toezicht:{name}", args=[melding.uuid]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    return b"".join(response.streaming_content)


def test_sending_makes_the_receipt_once_and_every_download_is_that_file(
    client_aalst, aalst, django_capture_on_commit_callbacks
):
    melding = MeldingFactory(bestuur=aalst, links=[])
    data = {
        "actie": "verzenden",
        "besluittype": melding.besluittype_id,
        "beslissingsorgaan": melding.beslissingsorgaan_id,
        "datum_zitting": melding.datum_zitting.isoformat(),
        "bestanden": [pdf_upload("besluit.pdf")],
    }
    # The outbox queues the receipt task after the commit (eager in the tests).
    with django_capture_on_commit_callbacks(execute=True):
        assert client_aalst.post(reverse("toezicht:bewerken", args=[melding.uuid]), data).status_code == 302
    bewijs = Ontvangstbewijs.objects.get(melding=melding)  # made by the task, before anyone downloaded it
    melding.refresh_from_db()
    assert bewijs.verstuurd_op == melding.verstuurd_op and len(bewijs.sha256) == 64

    eerste = download(client_aalst, "ontvangstbewijs", melding)
    with time_machine.travel(
        timezone.now() + timedelta(minutes=17)
    ):  # rendered anew, it would show another time
        tweede = download(client_aalst, "ontvangstbewijs", melding)
    assert eerste == tweede
    assert hashlib.sha256(eerste).hexdigest() == hashlib.sha256(tweede).hexdigest() == bewijs.sha256
    assert eerste.startswith(b"%PDF") and Ontvangstbewijs.objects.filter(melding=melding).count() == 1

    html = client_aalst.get(reverse("toezicht:detail", args=[melding.uuid])).content.decode()
    assert f'data-testid="ontvangstbewijs-sha256">{bewijs.sha256}</code>' in html

    abb = factories.abb()
    client_aalst.force_login(factories.user_with_rights(abb, roles=[modules.ABB_LEZER_ROLE]))
    assert download(client_aalst, "abb-ontvangstbewijs", melding) == eerste  # ABB gets the very same file
    assert (
        bewijs.sha256
        in client_aalst.get(reverse("toezicht:abb-detail", args=[melding.uuid])).content.decode()
    )
    assert (
        AuditEvent.objects.filter(actie="toezicht.ontvangstbewijs.gemaakt", na__sha256=bewijs.sha256).count()
        == 1
    )


def test_a_download_before_the_task_ran_makes_it_once(client_aalst, aalst):
    melding = verstuurde_melding(aalst)  # sent, its task not run (broker down, say)
    bestand(melding)
    html = client_aalst.get(reverse("toezicht:detail", args=[melding.uuid])).content.decode()
    assert "Het ontvangstbewijs wordt aangemaakt" in html
    eerste = download(client_aalst, "ontvangstbewijs", melding)
    assert download(client_aalst, "ontvangstbewijs", melding) == eerste
    assert Ontvangstbewijs.objects.get(melding=melding).sha256 == hashlib.sha256(eerste).hexdigest()
    assert (
        tasks.maak_ontvangstbewijs(melding.pk) == hashlib.sha256(eerste).hexdigest()
    )  # the late task: no-op
    assert Ontvangstbewijs.objects.filter(melding=melding).count() == 1


def test_the_outbox_sweeper_finds_sent_meldingen_without_receipt(aalst):
    zonder = MeldingFactory(
        bestuur=aalst, status=Melding.Status.VERSTUURD, verstuurd_op=timezone.now() - timedelta(minutes=10)
    )
    met = MeldingFactory(
        bestuur=aalst, status=Melding.Status.VERSTUURD, verstuurd_op=timezone.now() - timedelta(minutes=10)
    )
    services.maak_ontvangstbewijs(melding_id=met.pk)
    MeldingFactory(bestuur=aalst)  # a concept has no receipt to make
    work = tasks.openstaande_ontvangstbewijzen(timezone.now() - timedelta(minutes=2))
    assert work == [(tasks.maak_ontvangstbewijs, (zonder.pk,))]
    outbox.sweep()
    assert Ontvangstbewijs.objects.filter(melding=zonder).count() == 1  # eager tasks in the tests


def test_existing_sent_meldingen_get_one_by_the_command(aalst, gent):
    oud = [
        MeldingFactory(
            bestuur=b, status=Melding.Status.VERSTUURD, verstuurd_op=timezone.now() - timedelta(days=400)
        )
        for b in (aalst, gent, aalst)
    ]
    MeldingFactory(bestuur=aalst)
    verwijderd = verstuurde_melding(aalst, verwijderd_op=timezone.now())
    call_command("maak_ontvangstbewijzen", stdout=(out := __import__("io").StringIO()))
    assert "3 ontvangstbewijzen gemaakt" in out.getvalue()
    assert set(Ontvangstbewijs.objects.values_list("melding", flat=True)) == {m.pk for m in oud}
    hashes = dict(Ontvangstbewijs.objects.values_list("melding", "sha256"))
    call_command(
        "maak_ontvangstbewijzen", stdout=(out := __import__("io").StringIO())
    )  # again: nothing to do
    assert "0 ontvangstbewijzen gemaakt (0 meldingen zonder)" in out.getvalue()
    assert dict(Ontvangstbewijs.objects.values_list("melding", "sha256")) == hashes
    assert not Ontvangstbewijs.objects.filter(melding=verwijderd).exists()


def test_a_reopened_melding_sent_again_gets_a_new_receipt_and_keeps_the_old(client_aalst, aalst):
    melding = verstuurde_melding(aalst, links=["https://www.aalst.be/besluit"])
    eerste = download(client_aalst, "ontvangstbewijs", melding)
    services.heropen(melding=melding, reden="Verkeerd bestand")
    melding.refresh_from_db()
    assert client_aalst.get(reverse("toezicht:ontvangstbewijs", args=[melding.uuid])).status_code == 404
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        services.verstuur(melding=melding)
        tweede = download(client_aalst, "ontvangstbewijs", melding)
    assert tweede != eerste
    assert Ontvangstbewijs.objects.filter(melding=melding).count() == 2
    assert download(client_aalst, "ontvangstbewijs", melding) == tweede


def test_no_receipt_for_a_concept_or_another_bestuur(client_aalst, aalst, gent):
    assert (
        client_aalst.get(
            reverse("toezicht:ontvangstbewijs", args=[MeldingFactory(bestuur=aalst).uuid])
        ).status_code
        == 404
    )
    andere = verstuurde_melding(gent)
    assert client_aalst.get(reverse("toezicht:ontvangstbewijs", args=[andere.uuid])).status_code == 404
    assert not Ontvangstbewijs.objects.exists()
    assert Melding.objects.get(pk=andere.pk).status == Melding.Status.VERSTUURD
