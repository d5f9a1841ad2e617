"""BBC-DR: the digital financial report (one XML and one XBRL file) a bestuur sends to the Flemish government."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from loket.files import StoredFile
from loket.models import BestuurScopedQuerySet, Bestuurseenheid


class RapportQuerySet(BestuurScopedQuerySet):
    def verstuurd(self):
        return self.exclude(status=Rapport.Status.CONCEPT)

    def met_bestanden(self):
        return self.select_related("bestuur__classificatie", "gewijzigd_door").prefetch_related("bestanden")


class Rapport(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        VERSTUURD = "verstuurd", "Verstuurd"
        OPMERKING = "opmerking", "Opmerking"  # ABB's feedback: something needs attention
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"

    class Levering(models.TextChoices):
        NIET_VERSTUURD = "", "Niet verstuurd"
        IN_WACHTRIJ = "in_wachtrij", "In wachtrij"
        OPNIEUW = "opnieuw", "Mislukt, wordt opnieuw geprobeerd"
        GELEVERD = "geleverd", "Afgeleverd"
        MISLUKT = "mislukt", "Mislukt"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bestuur = models.ForeignKey(Bestuurseenheid, on_delete=models.PROTECT, related_name="bbcdr_rapporten")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT, db_index=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField("bewerkt op", auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verstuurd_op = models.DateTimeField(null=True, blank=True, db_index=True)
    verstuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # ABB's feedback, visible to the bestuur.
    abb_opmerking = models.TextField("opmerking van ABB", blank=True)
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Delivery of the zip package to the outbox (bbcdr.tasks.lever_rapport).
    levering_status = models.CharField(max_length=20, choices=Levering.choices, blank=True, default="")
    levering_fout = models.TextField(blank=True)
    levering_pogingen = models.PositiveIntegerField(default=0)
    geleverd_op = models.DateTimeField(null=True, blank=True)
    pakket_naam = models.CharField(max_length=255, blank=True)
    pakket_sha256 = models.CharField(max_length=64, blank=True)

    objects = RapportQuerySet.as_manager()

    class Meta:
        ordering = ["-gewijzigd_op", "-id"]
        verbose_name = "BBC-DR-rapport"
        verbose_name_plural = "BBC-DR-rapporten"

    def __str__(self):
        return f"{self.naam} ({self.bestuur})"

    @property
    def status_pill(self):
        return {"concept": "draft", "verstuurd": "ongoing", "opmerking": "warning", "goedgekeurd": "success"}[
            self.status
        ]

    @property
    def levering_pill(self):
        return {"geleverd": "success", "mislukt": "error"}.get(self.levering_status, "warning")

    @property
    def is_concept(self):
        return self.status == self.Status.CONCEPT

    @property
    def is_verstuurd(self):
        return not self.is_concept

    def bestand(self, soort):
        for b in self.bestanden.all():
            if b.soort == soort:
                return b
        return None

    @property
    def xml(self):
        return self.bestand(RapportBestand.Soort.XML)

    @property
    def xbrl(self):
        return self.bestand(RapportBestand.Soort.XBRL)

    @property
    def heeft_paar(self):
        return self.xml is not None and self.xbrl is not None

    @property
    def naam(self):
        """How the report is named in lists: its file names, else when it was made."""
        namen = [b.naam for b in sorted(self.bestanden.all(), key=lambda b: b.soort != "xml")]
        if namen:
            return " + ".join(namen)
        if self.aangemaakt_op is None:
            return "Nieuw rapport"
        return f"Rapport van {timezone.localtime(self.aangemaakt_op):%d-%m-%Y} (nog zonder bestanden)"


class RapportBestandQuerySet(BestuurScopedQuerySet):
    bestuur_field = "rapport__bestuur"


class RapportBestand(StoredFile):
    """One of the two files of a report. A report holds at most one of each kind."""

    UPLOAD_PREFIX = "bbcdr"

    class Soort(models.TextChoices):
        XML = "xml", "XML-bestand"
        XBRL = "xbrl", "XBRL-bestand"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    rapport = models.ForeignKey(Rapport, on_delete=models.CASCADE, related_name="bestanden")
    soort = models.CharField(max_length=10, choices=Soort.choices)

    objects = RapportBestandQuerySet.as_manager()

    class Meta:
        ordering = ["-soort"]  # xml before xbrl
        constraints = [
            models.UniqueConstraint(fields=["rapport", "soort"], name="bbcdr_een_bestand_per_soort")
        ]
        verbose_name = "rapportbestand"
        verbose_name_plural = "rapportbestanden"
