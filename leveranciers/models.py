"""Software vendors (leveranciers) that post meldingen for the besturen they may act for, and the processing of
each posted melding (an Inzending: lblod's automatic-submission job with its tasks).

The contract is lblod's `POST /melding` (automatic-submission-service): see docs/vendor-api.md and
/work/shared/research/vendor-vlabel.md. A vendor's key is stored only as a Django password hash (argon2).
"""

from uuid import uuid4

from django.db import models
from django.utils import timezone

from loket.files import private_upload_path
from loket.models import BestuurScopedQuerySet

# lblod's submission document statuses (app-digitaal-loket codelist): the vendor asks Concept or Inzendbaar.
STATUS_CONCEPT = "http://lblod.data.gift/concepts/79a52da4-f491-4e2f-9374-89a13cde8ecd"
STATUS_INZENDBAAR = "http://lblod.data.gift/concepts/f6330856-e261-430f-b949-8e510d20d0ff"
STATUS_VERSTUURD = "http://lblod.data.gift/concepts/9bd8d86d-bb10-4456-a84e-91e9507c374c"
SUBMISSION_URI = "http://data.lblod.info/submissions/{uuid}"
JOB_URI = "http://data.lblod.info/id/automatic-submission-job/{uuid}"


class LeverancierQuerySet(models.QuerySet):
    def voor_bestuur(self, bestuur):
        """The vendors that may act for this bestuur (what the bestuur sees)."""
        return self.filter(besturen=bestuur, actief=True)


class Leverancier(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    naam = models.CharField(max_length=200)
    uri = models.URLField("URI", max_length=255, unique=True)
    sleutel_hash = models.CharField(max_length=255, blank=True, editable=False)
    sleutel_gewijzigd_op = models.DateTimeField(null=True, blank=True, editable=False)
    actief = models.BooleanField(default=True)
    besturen = models.ManyToManyField(
        "loket.Bestuurseenheid", related_name="leveranciers", blank=True, verbose_name="mag handelen voor"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = LeverancierQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = "leverancier"
        verbose_name_plural = "leveranciers"

    def __str__(self):
        return self.naam


class InzendingQuerySet(BestuurScopedQuerySet):
    pass


class Inzending(models.Model):
    """One POST /melding and its processing (lblod's cogs:Job with tasks): register → download → lees RDFa →
    valideer (and send when the vendor asked Inzendbaar). `melding` is the toezicht melding it fills."""

    class Status(models.TextChoices):
        BEZIG = "bezig", "Bezig"
        GESLAAGD = "geslaagd", "Geslaagd"
        MISLUKT = "mislukt", "Mislukt"

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)  # the job
    submission_uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    submission_uri = models.URLField(max_length=500, unique=True)
    leverancier = models.ForeignKey(Leverancier, on_delete=models.PROTECT, related_name="inzendingen")
    bestuur = models.ForeignKey("loket.Bestuurseenheid", on_delete=models.PROTECT, related_name="+")
    melding = models.OneToOneField(
        "toezicht.Melding", on_delete=models.PROTECT, related_name="inzending", null=True, blank=True
    )
    submitted_resource = models.URLField(max_length=500)
    href = models.URLField(max_length=2000)
    gevraagde_status = models.URLField(max_length=255, default=STATUS_CONCEPT)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BEZIG, db_index=True)
    uitkomst = models.CharField(max_length=20, blank=True)  # "verstuurd" | "concept"
    # Why the melding stayed a concept: toezicht's verzendfouten {field: [Dutch message]}.
    verzendfouten = models.JSONField(default=dict, blank=True)
    fout_nl = models.TextField(blank=True)
    fout_en = models.TextField(blank=True)
    # The downloaded page (private storage), kept as it was read.
    pagina = models.FileField(upload_to=private_upload_path, max_length=255, blank=True)
    pagina_sha256 = models.CharField(max_length=64, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now, db_index=True)
    gewijzigd_op = models.DateTimeField(default=timezone.now)
    verwijderd_op = models.DateTimeField(null=True, blank=True)

    UPLOAD_PREFIX = "leveranciers"

    objects = InzendingQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt_op", "-id"]
        verbose_name = "automatische melding"
        verbose_name_plural = "automatische meldingen"
        constraints = [
            # lblod's duplicate check: one (not deleted) melding per submittedResource.
            models.UniqueConstraint(
                fields=["submitted_resource"],
                condition=models.Q(verwijderd_op__isnull=True),
                name="inzending_submitted_resource_uniek",
            )
        ]

    def __str__(self):
        return f"{self.leverancier} – {self.submitted_resource}"

    @property
    def job_uri(self):
        return JOB_URI.format(uuid=self.uuid)


class InzendingStap(models.Model):
    """One task of the job (lblod task:Task): its operation, index, status and, when it failed, why."""

    class Operatie(models.TextChoices):
        REGISTREER = "register", "Registreren"
        DOWNLOAD = "download", "Publicatie downloaden"
        IMPORT = "import", "Besluit lezen (RDFa)"
        VALIDEER = "validate", "Valideren en versturen"

    class Status(models.TextChoices):
        GEPLAND = "scheduled", "Gepland"
        BEZIG = "busy", "Bezig"
        GESLAAGD = "success", "Geslaagd"
        MISLUKT = "failed", "Mislukt"

    inzending = models.ForeignKey(Inzending, on_delete=models.CASCADE, related_name="stappen")
    index = models.PositiveSmallIntegerField()
    operatie = models.CharField(max_length=20, choices=Operatie.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.GEPLAND)
    poging = models.PositiveSmallIntegerField(default=0)
    gestart_op = models.DateTimeField(null=True, blank=True)
    beeindigd_op = models.DateTimeField(null=True, blank=True)
    fout_nl = models.TextField(blank=True)
    fout_en = models.TextField(blank=True)

    class Meta:
        ordering = ["index"]
        constraints = [models.UniqueConstraint(fields=["inzending", "index"], name="inzendingstap_uniek")]
        verbose_name = "stap"
        verbose_name_plural = "stappen"

    def __str__(self):
        return f"{self.index} {self.get_operatie_display()} ({self.get_status_display()})"
