"""Private file storage: random names on disk/S3, the original name kept for download, rights-checked downloads."""

import uuid
from datetime import timedelta

from django.db import models, transaction
from django.http import FileResponse
from django.utils import timezone

from .uploads import safe_filename, sha256_of


def private_upload_path(instance, filename):
    """Never the user's name on disk: <prefix>/<yyyy>/<mm>/<random>."""
    now = timezone.now()
    return f"{instance.UPLOAD_PREFIX}/{now:%Y/%m}/{uuid.uuid4().hex}"


class StoredFile(models.Model):
    """Base for every module's file rows. Subclasses set UPLOAD_PREFIX and their owner FK."""

    UPLOAD_PREFIX = "bestanden"

    bestand = models.FileField(upload_to=private_upload_path, max_length=255)
    naam = models.CharField("bestandsnaam", max_length=255)
    grootte = models.BigIntegerField(default=0)
    mime_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return self.naam

    def set_upload(self, uploaded_file):
        """Fill the fields from an UploadedFile that passed validate_upload (the caller saves)."""
        self.naam = safe_filename(uploaded_file.name)
        self.grootte = uploaded_file.size
        self.mime_type = getattr(uploaded_file, "content_type_sniffed", "") or "application/octet-stream"
        self.sha256 = sha256_of(uploaded_file)
        self.bestand.save("upload", uploaded_file, save=False)

    def neem_over(self, ander):
        """Take over another stored file (a kept upload): the same file in storage, no copy (the caller saves)."""
        self.bestand.name = ander.bestand.name
        self.naam, self.grootte, self.mime_type, self.sha256 = (
            ander.naam,
            ander.grootte,
            ander.mime_type,
            ander.sha256,
        )


# --- Kept uploads: the good files of a refused form (loket.models.BewaardeUpload) --------------------------------
BEWAARTERMIJN = timedelta(hours=24)


def bewaarde_uploads(user, sleutel):
    """Selector: the uploads kept for this person and this form (younger than BEWAARTERMIJN)."""
    from .models import BewaardeUpload

    if not getattr(user, "is_authenticated", False):
        return BewaardeUpload.objects.none()
    return BewaardeUpload.objects.filter(
        gebruiker=user, sleutel=sleutel, aangemaakt_op__gte=timezone.now() - BEWAARTERMIJN
    )


@transaction.atomic
def bewaar_uploads(*, user, sleutel, uploads):
    """Service: keep the validated uploads of a refused form for this person and form; returns the kept rows."""
    from .models import BewaardeUpload

    bewaard = []
    for upload in uploads:
        kept = BewaardeUpload(gebruiker=user, sleutel=sleutel)
        kept.set_upload(upload)
        kept.save()
        bewaard.append(kept)
    return bewaard


def neem_bewaarde_over(*, bewaarde, user, sleutel):
    """Service step, inside the module's save transaction: the kept uploads the form sent back that really are this
    person's for this form. Their rows go; their files stay, for the module's own rows (StoredFile.neem_over)."""
    from .models import BewaardeUpload

    pks = [b.pk for b in bewaarde]
    rows = list(
        BewaardeUpload.objects.select_for_update()
        .filter(pk__in=pks, gebruiker=user, sleutel=sleutel)
        .order_by("id")
    )
    BewaardeUpload.objects.filter(pk__in=[r.pk for r in rows]).delete()
    return rows


def ruim_bewaarde_uploads_op(ouder_dan=None):
    """Remove kept uploads nobody used (file and row); returns how many."""
    from .models import BewaardeUpload

    grens = ouder_dan or timezone.now() - BEWAARTERMIJN * 2
    verwijderd = 0
    for kept in BewaardeUpload.objects.filter(aangemaakt_op__lt=grens).iterator():
        kept.bestand.delete(save=False)
        kept.delete()
        verwijderd += 1
    return verwijderd


class OpenDataBestand(StoredFile):
    """The latest generated open-data file of one dataset in one format (CSV, Turtle, JSON-LD, N-Triples).
    Written by `loket.opendata.bewaar_bestanden`; a module subclasses it once per dataset."""

    class Formaat(models.TextChoices):
        CSV = "csv", "CSV"
        TURTLE = "ttl", "Linked Data (Turtle)"
        JSONLD = "jsonld", "Linked Data (JSON-LD)"
        NTRIPLES = "nt", "Linked Data (N-Triples)"

    formaat = models.CharField(max_length=10, choices=Formaat.choices, unique=True)
    aantal = models.PositiveIntegerField("aantal rijen", default=0)

    class Meta:
        abstract = True
        ordering = ["formaat"]


def download_response(stored_file):
    """Stream a stored file as an attachment under its original name (the caller checked the right)."""
    response = FileResponse(
        stored_file.bestand.open("rb"),
        as_attachment=True,
        filename=stored_file.naam,
        content_type=stored_file.mime_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
