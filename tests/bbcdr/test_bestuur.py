"""Bestuur side: make a concept, upload/replace/remove files, send, read-only after sending, receipt."""

import os
import re
import zlib

import pytest
from django.urls import reverse

from bbcdr.models import Rapport
from loket.models import AuditEvent
from tests.bbcdr.factories import bbcdr_user, corpus, rapport

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(aalst):
    return bbcdr_user(aalst, first_name="An", last_name="Peeters")


@pytest.fixture
def client(login_as, user, aalst):
    return login_as(user, aalst)


def pdf_objects(data):
    """The PDF with its compressed streams inflated (the object streams hold the catalog)."""
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"".join(out)


def detail_url(r):
    return reverse("bbcdr:detail", kwargs={"rapport_id": r.uuid})


def reload(r):
    return Rapport.objects.met_bestanden().get(pk=r.pk)


def test_new_concept_then_upload_one_file_at_a_time(client, aalst, user):
    response = client.post(reverse("bbcdr:nieuw"))
    r = Rapport.objects.get()
    assert response["Location"] == detail_url(r)
    assert r.bestuur == aalst and r.is_concept

    page = client.get(detail_url(r)).content.decode()
    assert "data-warn-unsaved" in page
    assert 'disabled aria-describedby="verstuur-hint"' in page  # send disabled without the pair

    response = client.post(detail_url(r), {"xml": corpus("geldig.xml")})
    assert response.status_code == 302
    r = reload(r)
    assert r.xml.naam == "geldig.xml" and r.xbrl is None
    assert r.gewijzigd_door == user

    client.post(detail_url(r), {"xbrl": corpus("geldig.xbrl")})
    r = reload(r)
    assert r.heeft_paar
    page = client.get(detail_url(r)).content.decode()
    assert (
        "Verstuur naar de Vlaamse overheid" in page
        and 'disabled aria-describedby="verstuur-hint"' not in page
    )
    acties = list(AuditEvent.objects.for_object(r).values_list("actie", flat=True))
    assert sorted(acties) == [
        "bbcdr.bestand.opgeladen",
        "bbcdr.bestand.opgeladen",
        "bbcdr.rapport.aangemaakt",
    ]


def test_hostile_file_is_refused_and_the_other_file_stays(client, aalst, user):
    r = rapport(aalst, user=user)
    before = (r.xml.sha256, r.xbrl.sha256)
    for name, slot in [
        ("xxe.xml", "xbrl"),
        ("billion_laughs.xml", "xml"),
        ("leeg.xml", "xml"),
        ("pdf_hernoemd.xml", "xml"),
        ("xbrl_zonder_feiten.xbrl", "xbrl"),
    ]:
        response = client.post(detail_url(r), {slot: corpus(name)})
        assert response.status_code == 400
        page = response.content.decode()
        assert f"«{name}»" in page, name
        assert "Uw gegevens zijn niet verloren" in page
        r = reload(r)
        assert (r.xml.sha256, r.xbrl.sha256) == before
        assert r.is_concept


def test_valid_file_is_kept_when_the_other_one_in_the_same_submit_is_refused(client, aalst, user):
    r = rapport(aalst, user=user, xml=False, xbrl=False)
    response = client.post(
        detail_url(r), {"xml": corpus("geldig.xml"), "xbrl": corpus("xbrl_zonder_context.xbrl")}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "bevat geen enkele context" in page
    assert "«geldig.xml» is bewaard als XML-bestand." in page
    r = reload(r)
    assert r.xml is not None and r.xbrl is None


def test_replace_and_remove_a_file(client, aalst, user, django_capture_on_commit_callbacks):
    r = rapport(aalst, user=user)
    old_path = r.xml.bestand.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(r), {"xml": corpus("geldig.xml", as_name="nieuwe versie.xml")})
    assert response.status_code == 302
    r = reload(r)
    assert r.xml.naam == "nieuwe versie.xml"
    assert r.bestanden.count() == 2
    assert not os.path.exists(old_path)  # the replaced file is gone from storage once the change committed

    response = client.post(detail_url(r), {"actie": "verwijder-xbrl"})
    assert response.status_code == 302
    r = reload(r)
    assert r.xbrl is None and r.xml is not None
    assert {"bbcdr.bestand.vervangen", "bbcdr.bestand.verwijderd"} <= set(
        AuditEvent.objects.for_object(r).values_list("actie", flat=True)
    )


def test_save_without_a_file_says_so(client, aalst, user):
    r = rapport(aalst, user=user, xml=False, xbrl=False)
    response = client.post(detail_url(r), {"actie": "bewaar"})
    assert response.status_code == 400
    assert "Kies een XML- of XBRL-bestand om te bewaren." in response.content.decode()


def test_send_refused_by_the_server_without_the_pair(client, aalst, user):
    r = rapport(aalst, user=user, xbrl=False)
    response = client.post(reverse("bbcdr:verstuur", kwargs={"rapport_id": r.uuid}), follow=True)
    page = response.content.decode()
    assert "Nog nodig: XBRL-bestand." in page
    assert reload(r).is_concept
    assert not AuditEvent.objects.filter(actie="bbcdr.rapport.verstuurd").exists()


def test_send_then_read_only_with_receipt(client, aalst, user, django_capture_on_commit_callbacks, tmp_path):
    r = rapport(aalst, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("bbcdr:verstuur", kwargs={"rapport_id": r.uuid}), follow=True)
    page = response.content.decode()
    assert "Het rapport is verstuurd naar de Vlaamse overheid." in page
    r = reload(r)
    assert r.status == Rapport.Status.VERSTUURD and r.verstuurd_op and r.verstuurd_door == user
    assert r.levering_status == Rapport.Levering.GELEVERD
    assert (tmp_path / "outbox" / r.pakket_naam).exists()
    assert "Afgeleverd" in client.get(detail_url(r)).content.decode()

    # Read-only: no upload form, and the server refuses changes.
    page = client.get(detail_url(r)).content.decode()
    assert 'type="file"' not in page and "Download het ontvangstbewijs" in page
    before = [(b.soort, b.sha256) for b in r.bestanden.all()]
    response = client.post(detail_url(r), {"xml": corpus("geldig.xml", as_name="ander.xml")}, follow=True)
    assert "kunnen niet meer veranderen" in response.content.decode()
    client.post(detail_url(r), {"actie": "verwijder-xml"})
    client.post(reverse("bbcdr:verwijder", kwargs={"rapport_id": r.uuid}))
    assert [(b.soort, b.sha256) for b in reload(r).bestanden.all()] == before
    client.post(reverse("bbcdr:verstuur", kwargs={"rapport_id": r.uuid}))
    assert AuditEvent.objects.filter(actie="bbcdr.rapport.verstuurd").count() == 1

    receipt = client.get(reverse("bbcdr:ontvangstbewijs", kwargs={"rapport_id": r.uuid}))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF")
    assert b"/StructTreeRoot" in pdf_objects(receipt.content)  # tagged PDF (PDF/UA-1)


def test_no_receipt_for_a_concept(client, aalst, user):
    r = rapport(aalst, user=user)
    assert client.get(reverse("bbcdr:ontvangstbewijs", kwargs={"rapport_id": r.uuid})).status_code == 404


def test_download_keeps_the_original_name(client, aalst, user):
    r = rapport(aalst, user=user)
    response = client.get(reverse("bbcdr:download", kwargs={"rapport_id": r.uuid, "bestand_id": r.xml.uuid}))
    assert response.status_code == 200
    assert 'filename="geldig.xml"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == corpus("geldig.xml").read()


def test_delete_a_concept(client, aalst, user):
    r = rapport(aalst, user=user)
    vraag = client.get(reverse("bbcdr:verwijder", kwargs={"rapport_id": r.uuid}))  # asks first
    assert "Concept verwijderen?" in vraag.content.decode() and Rapport.objects.filter(pk=r.pk).exists()
    assert (
        f'href="{reverse("bbcdr:verwijder", kwargs={"rapport_id": r.uuid})}"'
        in client.get(detail_url(r)).content.decode()
    )
    response = client.post(reverse("bbcdr:verwijder", kwargs={"rapport_id": r.uuid}))
    assert response["Location"] == reverse("bbcdr:index")
    assert not Rapport.objects.filter(pk=r.pk).exists()
    assert AuditEvent.objects.filter(actie="bbcdr.rapport.verwijderd").exists()


def test_list_columns_filter_and_pagination(client, aalst, user):
    for _ in range(21):
        rapport(aalst, user=user, xml=False, xbrl=False)
    sent = rapport(aalst, user=user, verstuurd=True)
    page = client.get(reverse("bbcdr:index")).content.decode()
    for header in ("Rapport", "Gewijzigd door", "Bewerkt op", "Status"):
        assert f'<th scope="col">{header}</th>' in page
    assert "An Peeters" in page
    assert "Pagina 1 van 2" in page
    page2 = client.get(reverse("bbcdr:index") + "?page=2").content.decode()
    assert "Pagina 2 van 2" in page2
    filtered = client.get(reverse("bbcdr:index") + "?status=verstuurd").content.decode()
    assert str(sent.uuid) in filtered and filtered.count("au-c-pill--draft") == 0
