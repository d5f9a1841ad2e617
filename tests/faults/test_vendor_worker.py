"""The vendor API with a real Celery worker (not eager): a page that answers 503 twice is retried by Celery with
backoff (1 s, 2 s) inside the chain, then read, validated and sent; the notification mail leaves once."""

import json
import time

import pytest

from leveranciers import services
from leveranciers.models import STATUS_INZENDBAAR, Inzending
from tests import factories
from tests.leveranciers.conftest import besluitpagina, publicaties  # noqa: F401 (fixture)
from toezicht.models import BesluitType, Melding

from .conftest import wait_for

pytestmark = [
    pytest.mark.faults,
    pytest.mark.usefixtures("postgresql_test_database"),  # the worker's database: a private cluster on SQLite
    pytest.mark.django_db(transaction=True),
]


def test_real_worker_retries_the_download_with_backoff_then_sends(
    reference_data,
    client,
    broker,
    smtpd,
    celery_worker,
    publicaties,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setenv("LOKET_VENDOR_DOWNLOAD_ALLOW_PRIVATE", "true")  # read by the worker's settings
    monkeypatch.setenv("LOKET_VENDOR_DOWNLOAD_BACKOFF_SECONDS", "1")
    controller, mails = smtpd
    broker.start()
    celery_worker(broker.url, controller.port)
    aalst = factories.bestuur("Aalst")
    orgaan = aalst.organen.filter(naam__istartswith="Gemeenteraad").order_by("naam").first()
    leverancier, sleutel = services.maak_leverancier(
        naam="Notulensoft", uri="http://data.lblod.info/vendors/w"
    )
    services.voeg_bestuur_toe(leverancier=leverancier, bestuur=aalst)
    resource = "https://besluiten.aalst.be/id/besluitenlijst/worker"
    pagina = besluitpagina(
        resource=resource, orgaan_uri=orgaan.uri, type_uri=BesluitType.objects.get(label="Besluitenlijst").uri
    )
    publicaties.zet(
        "/p.html", (503, "text/plain", b"", {}), (503, "text/plain", b"", {}), (200, "text/html", pagina, {})
    )
    tijden = []
    origineel = publicaties.antwoord
    publicaties.antwoord = lambda pad: (tijden.append(time.monotonic()), origineel(pad))[1]

    response = client.generic(
        "POST",
        "/melding",
        json.dumps(
            {
                "href": publicaties.url + "/p.html",
                "submittedResource": resource,
                "organization": aalst.uri,
                "publisher": {"uri": leverancier.uri, "key": sleutel},
                "status": STATUS_INZENDBAAR,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert wait_for(lambda: Melding.objects.filter(leverancier=leverancier, status="verstuurd").exists(), 60)
    inzending = Inzending.objects.get()
    assert wait_for(lambda: Inzending.objects.get().status == Inzending.Status.GESLAAGD, 20)
    download = inzending.stappen.get(operatie="download")
    assert download.status == "success" and download.poging == 3
    assert (
        len(tijden) == 3 and tijden[1] - tijden[0] >= 0.9 and tijden[2] - tijden[1] >= 1.9
    )  # backoff 1 s, 2 s
    assert wait_for(lambda: len(mails.messages) == 1, 30)
