"""ABB side: all sent reports across besturen with filters; feedback the bestuur sees."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from bbcdr.models import Rapport
from loket import modules
from loket.models import AuditEvent
from tests import factories
from tests.bbcdr.factories import abb_user, bbcdr_user, rapport

pytestmark = pytest.mark.django_db
BXL = ZoneInfo("Europe/Brussels")


@pytest.fixture
def reports(aalst, gent):
    antwerpen = factories.bestuur("Antwerpen", "Provincie")
    return {
        "aalst": rapport(aalst, verstuurd=True, verstuurd_op=datetime(2025, 3, 1, 10, tzinfo=BXL)),
        "gent": rapport(gent, verstuurd=True, verstuurd_op=datetime(2026, 2, 1, 10, tzinfo=BXL)),
        "antwerpen": rapport(antwerpen, verstuurd=True, verstuurd_op=datetime(2026, 5, 1, 10, tzinfo=BXL)),
        "concept": rapport(aalst),
    }


@pytest.fixture
def abb_client(login_as):
    return login_as(abb_user(edit=True), factories.abb())


def listed(client, query=""):
    page = client.get(reverse("bbcdr:abb-index") + query).content.decode()
    return page


def test_all_sent_reports_across_besturen(abb_client, reports):
    page = listed(abb_client)
    for key in ("aalst", "gent", "antwerpen"):
        assert str(reports[key].uuid) in page
    assert str(reports["concept"].uuid) not in page
    assert "Gemeente Aalst" in page and "01-03-2025" in page


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?provincie=Oost-Vlaanderen", {"aalst", "gent"}),
        ("?provincie=Antwerpen", {"antwerpen"}),
        ("?jaar=2026", {"gent", "antwerpen"}),
        ("?jaar=2025&provincie=Oost-Vlaanderen", {"aalst"}),
        ("?status=goedgekeurd", set()),
    ],
)
def test_filters(abb_client, reports, query, expected):
    page = listed(abb_client, query)
    shown = {k for k in ("aalst", "gent", "antwerpen") if str(reports[k].uuid) in page}
    assert shown == expected


def test_filter_on_bestuur_and_status(abb_client, reports):
    page = listed(abb_client, f"?bestuur={reports['gent'].bestuur.pk}")
    assert str(reports["gent"].uuid) in page and str(reports["aalst"].uuid) not in page
    Rapport.objects.filter(pk=reports["aalst"].pk).update(status=Rapport.Status.OPMERKING)
    page = listed(abb_client, "?status=opmerking")
    assert str(reports["aalst"].uuid) in page and str(reports["gent"].uuid) not in page


def test_feedback_is_seen_by_the_bestuur(abb_client, reports, login_as, aalst):
    r = reports["aalst"]
    url = reverse("bbcdr:abb-feedback", kwargs={"abb_rapport_id": r.uuid})
    response = abb_client.post(url, {"status": "opmerking", "opmerking": ""})
    assert response.status_code == 400
    assert "Geef een opmerking voor het bestuur." in response.content.decode()
    assert Rapport.objects.get(pk=r.pk).status == Rapport.Status.VERSTUURD

    response = abb_client.post(
        url, {"status": "opmerking", "opmerking": "Schema J1 ontbreekt in het XML-bestand."}
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.status == Rapport.Status.OPMERKING and r.beoordeeld_op is not None
    assert AuditEvent.objects.filter(actie="bbcdr.rapport.beoordeeld", object_id=str(r.pk)).exists()

    client = login_as(bbcdr_user(aalst), aalst)
    page = client.get(reverse("bbcdr:detail", kwargs={"rapport_id": r.uuid})).content.decode()
    assert "Schema J1 ontbreekt in het XML-bestand." in page
    assert "au-c-pill--warning" in page
    assert "Opmerking" in client.get(reverse("bbcdr:index")).content.decode()

    abb_client = login_as(abb_user(edit=True), factories.abb())  # login_as reuses the one test client
    abb_client.post(url, {"status": "goedgekeurd", "opmerking": ""})
    r.refresh_from_db()
    assert r.status == Rapport.Status.GOEDGEKEURD and r.abb_opmerking == ""


def test_retry_a_failed_delivery(abb_client, reports, django_capture_on_commit_callbacks):
    r = reports["gent"]
    Rapport.objects.filter(pk=r.pk).update(levering_status=Rapport.Levering.MISLUKT, levering_fout="x")
    page = abb_client.get(reverse("bbcdr:abb-detail", kwargs={"abb_rapport_id": r.uuid})).content.decode()
    assert "Probeer de levering opnieuw" in page
    with django_capture_on_commit_callbacks(execute=True):
        abb_client.post(reverse("bbcdr:abb-herlever", kwargs={"abb_rapport_id": r.uuid}))
    r.refresh_from_db()
    assert r.levering_status == Rapport.Levering.GELEVERD and r.levering_fout == ""


def test_admin_shows_reports_read_only(login_as, reports):
    client = login_as(
        factories.user_with_rights(factories.abb(), roles=[modules.ADMIN_ROLE]), factories.abb()
    )
    assert client.get(reverse("admin:bbcdr_rapport_changelist")).status_code == 200
    r = reports["aalst"]
    page = client.get(reverse("admin:bbcdr_rapport_change", args=[r.pk]))
    assert page.status_code == 200 and "geldig.xbrl" in page.content.decode()
    assert client.get(reverse("admin:bbcdr_rapport_add")).status_code == 403
