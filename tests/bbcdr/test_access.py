"""Rights matrix: anonymous -> login, no right -> 403, another bestuur's report or file -> 404."""

import pytest
from django.urls import reverse

from bbcdr.models import Rapport
from tests import factories
from tests.bbcdr.factories import abb_user, bbcdr_user, rapport

pytestmark = pytest.mark.django_db


@pytest.fixture
def aalst_rapport(aalst):
    return rapport(aalst, verstuurd=True)


def bestuur_urls(r):
    k = {"rapport_id": r.uuid}
    return [
        ("get", reverse("bbcdr:detail", kwargs=k)),
        ("post", reverse("bbcdr:detail", kwargs=k)),
        ("post", reverse("bbcdr:verstuur", kwargs=k)),
        ("post", reverse("bbcdr:verwijder", kwargs=k)),
        ("get", reverse("bbcdr:download", kwargs={**k, "bestand_id": r.xml.uuid})),
        ("get", reverse("bbcdr:ontvangstbewijs", kwargs=k)),
    ]


def abb_urls(r):
    k = {"abb_rapport_id": r.uuid}
    return [
        ("get", reverse("bbcdr:abb-index")),
        ("get", reverse("bbcdr:abb-detail", kwargs=k)),
        ("post", reverse("bbcdr:abb-feedback", kwargs=k)),
        ("post", reverse("bbcdr:abb-herlever", kwargs=k)),
        ("get", reverse("bbcdr:abb-download", kwargs={**k, "bestand_id": r.xml.uuid})),
    ]


def test_anonymous_is_sent_to_login(client, aalst_rapport):
    for method, url in (
        [("get", reverse("bbcdr:index")), ("post", reverse("bbcdr:nieuw"))]
        + bestuur_urls(aalst_rapport)
        + abb_urls(aalst_rapport)
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/aanmelden" in response["Location"] or "login" in response["Location"], url


def test_without_the_bbcdr_right_403(login_as, aalst, aalst_rapport):
    client = login_as(factories.user_with_rights(aalst, "toezicht"), aalst)
    for method, url in [("get", reverse("bbcdr:index")), ("post", reverse("bbcdr:nieuw"))] + bestuur_urls(
        aalst_rapport
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
        assert "Geen toegang" in response.content.decode()


def test_bestuur_user_has_no_abb_pages(login_as, aalst, aalst_rapport):
    client = login_as(bbcdr_user(aalst), aalst)
    for method, url in abb_urls(aalst_rapport):
        assert getattr(client, method)(url).status_code == 403, url


def test_other_bestuurs_report_and_files_are_404(login_as, gent, aalst_rapport):
    concept = rapport(aalst_rapport.bestuur)
    client = login_as(bbcdr_user(gent), gent)
    for r in (aalst_rapport, concept):
        for method, url in bestuur_urls(r):
            assert getattr(client, method)(url).status_code == 404, url
    # Nothing changed: the concept still exists with its files, the sent report is untouched.
    assert Rapport.objects.get(pk=concept.pk).bestanden.count() == 2
    assert Rapport.objects.get(pk=aalst_rapport.pk).status == Rapport.Status.VERSTUURD


def test_file_of_another_report_of_same_bestuur_is_404(login_as, aalst, aalst_rapport):
    other = rapport(aalst)
    client = login_as(bbcdr_user(aalst), aalst)
    url = reverse("bbcdr:download", kwargs={"rapport_id": other.uuid, "bestand_id": aalst_rapport.xml.uuid})
    assert client.get(url).status_code == 404


def test_list_shows_only_own_reports(login_as, aalst, gent):
    theirs = rapport(gent)
    mine = rapport(aalst, xbrl=False)
    client = login_as(bbcdr_user(aalst), aalst)
    page = client.get(reverse("bbcdr:index")).content.decode()
    assert str(mine.uuid) in page
    assert str(theirs.uuid) not in page


def test_abb_reader_reads_but_cannot_edit(login_as, aalst_rapport):
    abb = factories.abb()
    client = login_as(abb_user(edit=False), abb)
    k = {"abb_rapport_id": aalst_rapport.uuid}
    assert client.get(reverse("bbcdr:abb-index")).status_code == 200
    page = client.get(reverse("bbcdr:abb-detail", kwargs=k))
    assert page.status_code == 200
    assert "Bewaar de beoordeling" not in page.content.decode()
    download = client.get(reverse("bbcdr:abb-download", kwargs={**k, "bestand_id": aalst_rapport.xbrl.uuid}))
    assert download.status_code == 200
    response = client.post(reverse("bbcdr:abb-feedback", kwargs=k), {"status": "goedgekeurd"})
    assert response.status_code == 403
    assert Rapport.objects.get(pk=aalst_rapport.pk).status == Rapport.Status.VERSTUURD


def test_abb_never_sees_concepts(login_as, aalst):
    concept = rapport(aalst)
    client = login_as(abb_user(edit=True), factories.abb())
    assert client.get(reverse("bbcdr:abb-detail", kwargs={"abb_rapport_id": concept.uuid})).status_code == 404
    url = reverse(
        "bbcdr:abb-download", kwargs={"abb_rapport_id": concept.uuid, "bestand_id": concept.xml.uuid}
    )
    assert client.get(url).status_code == 404
    assert str(concept.uuid) not in client.get(reverse("bbcdr:abb-index")).content.decode()
