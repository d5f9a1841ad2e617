"""Rights matrix: another bestuur's conversation and its attachments are a 404; no right is a 403."""

import pytest
from django.urls import reverse

from tests import factories as core
from tests.berichten.factories import abb_editeur, abb_lezer, berichten_gebruiker, gesprek_met_vraag

pytestmark = pytest.mark.django_db


@pytest.fixture
def gesprek_gent(gent):
    return gesprek_met_vraag(gent)


def test_own_conversation_and_attachment_are_reachable(login_as, gent, gesprek_gent):
    client = login_as(berichten_gebruiker(gent), gent)
    assert client.get(reverse("berichten:gesprek", args=[gesprek_gent.uuid])).status_code == 200
    bijlage = gesprek_gent.berichten.first().bijlagen.first()
    response = client.get(reverse("berichten:bijlage", args=[bijlage.uuid]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="beslissing.pdf"')
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_other_bestuurs_conversation_and_attachment_are_404(login_as, aalst, gesprek_gent):
    client = login_as(berichten_gebruiker(aalst), aalst)
    bijlage = gesprek_gent.berichten.first().bijlagen.first()
    assert client.get(reverse("berichten:gesprek", args=[gesprek_gent.uuid])).status_code == 404
    assert (
        client.post(reverse("berichten:gesprek", args=[gesprek_gent.uuid]), {"inhoud": "x"}).status_code
        == 404
    )
    assert client.get(reverse("berichten:bijlage", args=[bijlage.uuid])).status_code == 404
    inbox = client.get(reverse("berichten:index"))
    assert gesprek_gent.betreft not in inbox.content.decode()


def test_without_the_module_right_everything_is_403(login_as, gent, gesprek_gent):
    client = login_as(core.user_with_rights(gent, "toezicht"), gent)
    bijlage = gesprek_gent.berichten.first().bijlagen.first()
    for url in [
        reverse("berichten:index"),
        reverse("berichten:configuratie"),
        reverse("berichten:gesprek", args=[gesprek_gent.uuid]),
        reverse("berichten:bijlage", args=[bijlage.uuid]),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Geen toegang" in response.content.decode()


def test_bestuur_user_cannot_use_the_abb_side(login_as, gent, gesprek_gent):
    client = login_as(berichten_gebruiker(gent), gent)
    bijlage = gesprek_gent.berichten.first().bijlagen.first()
    for url in [
        reverse("berichten:abb-index"),
        reverse("berichten:abb-nieuw"),
        reverse("berichten:abb-gesprek", args=[gesprek_gent.uuid]),
        reverse("berichten:abb-bijlage", args=[bijlage.uuid]),
    ]:
        assert client.get(url).status_code == 403, url


def test_anonymous_is_sent_to_login(client, gesprek_gent):
    response = client.get(reverse("berichten:gesprek", args=[gesprek_gent.uuid]))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_abb_reader_reads_everything_but_cannot_write(login_as, gesprek_gent):
    client = login_as(abb_lezer(), core.abb())
    bijlage = gesprek_gent.berichten.first().bijlagen.first()
    assert client.get(reverse("berichten:abb-index")).status_code == 200
    page = client.get(reverse("berichten:abb-gesprek", args=[gesprek_gent.uuid]))
    assert page.status_code == 200
    assert "Verstuur bericht" not in page.content.decode()
    assert client.get(reverse("berichten:abb-bijlage", args=[bijlage.uuid])).status_code == 200
    assert client.get(reverse("berichten:abb-nieuw")).status_code == 403
    response = client.post(reverse("berichten:abb-antwoord", args=[gesprek_gent.uuid]), {"inhoud": "x"})
    assert response.status_code == 403
    assert gesprek_gent.berichten.count() == 1
    # ABB is not a bestuur with the berichten module: the bestuur side stays closed.
    assert client.get(reverse("berichten:index")).status_code == 403


def test_abb_editor_can_write(login_as, gesprek_gent):
    client = login_as(abb_editeur(), core.abb())
    assert client.get(reverse("berichten:abb-nieuw")).status_code == 200
    page = client.get(reverse("berichten:abb-gesprek", args=[gesprek_gent.uuid]))
    assert "Verstuur bericht" in page.content.decode()


def test_unknown_ids_are_404(login_as, gent):
    import uuid

    client = login_as(berichten_gebruiker(gent), gent)
    assert client.get(reverse("berichten:gesprek", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("berichten:bijlage", args=[uuid.uuid4()])).status_code == 404


def test_abb_cannot_download_an_upload_the_bestuur_has_not_sent(login_as, gent, gesprek_gent):
    """A file kept after a refused reply (no message yet) belongs to the bestuur until it sends it."""
    from loket.files import bewaar_uploads
    from tests.berichten.factories import pdf_upload

    bestuur_user = gesprek_gent.berichten.first().auteur or abb_lezer()
    (bewaard,) = bewaar_uploads(
        user=bestuur_user, sleutel=f"gesprek:{gesprek_gent.uuid}", uploads=[pdf_upload()]
    )
    client = login_as(abb_lezer(), core.abb())
    assert client.get(reverse("berichten:abb-bijlage", args=[bewaard.uuid])).status_code == 404
    verzonden = gesprek_gent.berichten.first().bijlagen.first()
    assert client.get(reverse("berichten:abb-bijlage", args=[verzonden.uuid])).status_code == 200
