"""Private file storage: random names on disk/S3, the original name kept for download, rights-checked downloads."""

import uuid

from django.db import models
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
