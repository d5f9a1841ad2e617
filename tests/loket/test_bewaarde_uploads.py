"""Kept uploads (loket.files): the good files of a refused form, for one person and one form, removed after a day."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from loket import files, tasks
from loket.models import BewaardeUpload
from tests import factories

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name="besluit.pdf"):
    f = SimpleUploadedFile(name, PDF, content_type="application/pdf")
    f.content_type_sniffed = "application/pdf"
    return f


def test_kept_uploads_belong_to_one_person_and_one_form(aalst):
    jan = factories.user_with_rights(aalst, "toezicht", username="jan")
    an = factories.user_with_rights(aalst, "toezicht", username="an")
    kept = files.bewaar_uploads(user=jan, sleutel="formulier:1", uploads=[upload("a.pdf"), upload("b.pdf")])
    assert [k.naam for k in files.bewaarde_uploads(jan, "formulier:1")] == ["a.pdf", "b.pdf"]
    assert not files.bewaarde_uploads(an, "formulier:1").exists()
    assert not files.bewaarde_uploads(jan, "formulier:2").exists()
    assert files.neem_bewaarde_over(bewaarde=kept, user=an, sleutel="formulier:1") == []
    taken = files.neem_bewaarde_over(bewaarde=kept[:1], user=jan, sleutel="formulier:1")
    assert [t.naam for t in taken] == ["a.pdf"] and default_storage.exists(
        taken[0].bestand.name
    )  # file stays
    assert list(BewaardeUpload.objects.values_list("naam", flat=True)) == ["b.pdf"]


def test_unused_kept_uploads_are_removed_with_their_file(aalst):
    jan = factories.user_with_rights(aalst, "toezicht", username="jan")
    oud, nieuw = files.bewaar_uploads(user=jan, sleutel="f", uploads=[upload("oud.pdf"), upload("nieuw.pdf")])
    BewaardeUpload.objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - timedelta(days=3))
    assert not files.bewaarde_uploads(jan, "f").filter(pk=oud.pk).exists()  # too old to be offered
    assert tasks.ruim_bewaarde_uploads_op() == 1
    assert not default_storage.exists(oud.bestand.name) and default_storage.exists(nieuw.bestand.name)
    assert list(BewaardeUpload.objects.values_list("naam", flat=True)) == ["nieuw.pdf"]
