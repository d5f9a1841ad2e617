"""Subsidies: subsidiemaatregelen (aanbod) → reeksen → stappen with a form per step; aanvragen of one bestuur.

Model after lblod's SubsidiePunt (docs: ../shared/research/subsidies.md): a Maatregel has criteria (bestuur
classifications or named besturen), Reeksen (calls, "Oproep 2025") with a flow of Stappen (order, name, period
"Instuurbaar tot", a versioned form definition or an external link). An Aanvraag (consumptie) belongs to one
bestuur: Concept → Actief → Aanvraag ingediend, with one StapFormulier per step that keeps the definition version
it was filled with.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from loket.files import StoredFile
from loket.models import BestuurScopedQuerySet, Bestuurseenheid, Classificatie


class FormulierDefinitie(models.Model):
    """One version of a declarative form (subsidies/formengine.py). Never changed once used: a new version is a
    new row, and a sent form keeps pointing at the version it was filled with."""

    sleutel = models.CharField(max_length=200)
    versie = models.CharField(max_length=100)
    definitie = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sleutel", "versie"], name="subsidies_formulier_versie")
        ]
        verbose_name = "formulierdefinitie"
        verbose_name_plural = "formulierdefinities"

    def __str__(self):
        return f"{self.sleutel}@{self.versie}"


class MaatregelQuerySet(models.QuerySet):
    def voor_bestuur(self, bestuur):
        """Measures whose criteria the bestuur satisfies: its classification, or the bestuur named."""
        if bestuur is None:
            return self.none()
        return self.filter(
            models.Q(criteria_classificaties=bestuur.classificatie_id) | models.Q(criteria_besturen=bestuur)
        ).distinct()


class Maatregel(models.Model):
    """SubsidiemaatregelAanbod."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bron_id = models.CharField("lblod-id", max_length=100, unique=True)
    titel = models.CharField(max_length=255)
    info_url = models.URLField("Informatie subsidiemaatregel", max_length=500, blank=True)
    criteria_classificaties = models.ManyToManyField(Classificatie, blank=True, related_name="+")
    criteria_besturen = models.ManyToManyField(Bestuurseenheid, blank=True, related_name="+")
    extern_url = models.URLField("externe afhandeling", max_length=500, blank=True)

    objects = MaatregelQuerySet.as_manager()

    class Meta:
        ordering = ["titel"]
        verbose_name = "subsidiemaatregel"
        verbose_name_plural = "subsidiemaatregelen"

    def __str__(self):
        return self.titel

    @property
    def extern(self):
        return bool(self.extern_url)


class Reeks(models.Model):
    """SubsidiemaatregelAanbodReeks: one call of a measure, with its flow of steps."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bron_id = models.CharField("lblod-id", max_length=100, unique=True)
    maatregel = models.ForeignKey(Maatregel, on_delete=models.CASCADE, related_name="reeksen")
    titel = models.CharField(max_length=255, blank=True)
    begin = models.DateTimeField(null=True, blank=True)
    einde = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["maatregel__titel", "begin"]
        verbose_name = "reeks"
        verbose_name_plural = "reeksen"

    def __str__(self):
        return f"{self.maatregel} – {self.label}"

    @property
    def label(self):
        if self.titel:
            return self.titel
        if self.begin and self.einde:
            return f"{timezone.localtime(self.begin):%Y} – {timezone.localtime(self.einde):%Y}"
        return "N.V.T."


class Stap(models.Model):
    """ApplicationStep with its Subsidieprocedurestap: name, period, form or external link."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bron_id = models.CharField("lblod-id", max_length=100, unique=True)
    reeks = models.ForeignKey(Reeks, on_delete=models.CASCADE, related_name="stappen")
    volgorde = models.PositiveSmallIntegerField(default=0)
    naam = models.CharField(max_length=255)
    begin = models.DateTimeField(null=True, blank=True)
    einde = models.DateTimeField("instuurbaar tot", null=True, blank=True)
    formulier = models.ForeignKey(
        FormulierDefinitie, null=True, blank=True, on_delete=models.PROTECT, related_name="stappen"
    )
    extern_url = models.URLField("externe verwerking", max_length=500, blank=True)

    class Meta:
        ordering = ["reeks", "volgorde"]
        constraints = [models.UniqueConstraint(fields=["reeks", "volgorde"], name="subsidies_stap_volgorde")]
        verbose_name = "stap"
        verbose_name_plural = "stappen"

    def __str__(self):
        return self.naam

    def is_open(self, nu=None):
        """Inside its period. A step without a begin is not open yet (as in SubsidiePunt)."""
        nu = nu or timezone.now()
        return self.begin is not None and self.begin <= nu and (self.einde is None or nu <= self.einde)

    def is_verstreken(self, nu=None):
        return self.einde is not None and (nu or timezone.now()) > self.einde


class AanvraagStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    ACTIEF = "actief", "Actief"
    INGEDIEND = "ingediend", "Aanvraag ingediend"


class AanvraagQuerySet(BestuurScopedQuerySet):
    pass


class Aanvraag(models.Model):
    """SubsidiemaatregelConsumptie: the dossier of one bestuur for one reeks."""

    Status = AanvraagStatus

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bestuur = models.ForeignKey(Bestuurseenheid, on_delete=models.PROTECT, related_name="subsidieaanvragen")
    maatregel = models.ForeignKey(Maatregel, on_delete=models.PROTECT, related_name="aanvragen")
    reeks = models.ForeignKey(Reeks, on_delete=models.PROTECT, related_name="aanvragen")
    status = models.CharField(max_length=20, choices=AanvraagStatus.choices, default=AanvraagStatus.CONCEPT)
    actieve_stap = models.ForeignKey(Stap, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    projectnaam = models.CharField(max_length=255, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gewijzigd_door_naam = models.CharField("gewijzigd door", max_length=255, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AanvraagQuerySet.as_manager()

    class Meta:
        ordering = ["-gewijzigd_op", "-id"]
        indexes = [
            models.Index(fields=["bestuur", "-gewijzigd_op", "-id"], name="subsidies_aanvraag_lijst_idx")
        ]
        verbose_name = "subsidieaanvraag"
        verbose_name_plural = "subsidieaanvragen"

    def __str__(self):
        return f"{self.maatregel} – {self.bestuur}"

    @property
    def status_label(self):
        if self.status == AanvraagStatus.ACTIEF and self.actieve_stap_id:
            return f"Actief - {self.actieve_stap.naam}"
        return self.get_status_display()

    @property
    def status_skin(self):
        return {"concept": "warning", "actief": "action", "ingediend": "success"}[self.status]


class FormulierStatus(models.TextChoices):
    NIEUW = "nieuw", "Nieuw"
    CONCEPT = "concept", "Concept"
    VERSTUURD = "verstuurd", "Verstuurd"


class Beoordeling(models.TextChoices):
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
    AANVULLING = "aanvulling", "Aanvulling gevraagd"


class StapFormulierQuerySet(BestuurScopedQuerySet):
    bestuur_field = "aanvraag__bestuur"


class StapFormulier(models.Model):
    """ApplicationForm: the answers of one aanvraag for one step, with the definition version they belong to."""

    Status = FormulierStatus

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="formulieren")
    stap = models.ForeignKey(Stap, on_delete=models.PROTECT, related_name="+")
    definitie = models.ForeignKey(
        FormulierDefinitie, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=FormulierStatus.choices, default=FormulierStatus.NIEUW)
    gewijzigd_op = models.DateTimeField(default=timezone.now)
    verstuurd_op = models.DateTimeField(null=True, blank=True)
    verstuurd_door_naam = models.CharField(max_length=255, blank=True)
    beoordeling = models.CharField(max_length=20, choices=Beoordeling.choices, blank=True)
    beoordeling_bericht = models.TextField("bericht van ABB", blank=True)
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    # Deadline reminder (tasks: outbox sweeper "subsidies.herinnering"): set when the mail for this step left, so it is sent once.
    herinnering_verstuurd_op = models.DateTimeField(null=True, blank=True)

    objects = StapFormulierQuerySet.as_manager()

    class Meta:
        ordering = ["stap__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["aanvraag", "stap"], name="subsidies_een_formulier_per_stap")
        ]
        verbose_name = "stapformulier"
        verbose_name_plural = "stapformulieren"

    def __str__(self):
        return f"{self.aanvraag} – {self.stap}"

    @property
    def verstuurd(self):
        return self.status == FormulierStatus.VERSTUURD

    @property
    def bestuur_id(self):
        """The dossier's bestuur: lets the shared Geschiedenis include ABB's events about this form."""
        return self.aanvraag.bestuur_id


class BijlageQuerySet(BestuurScopedQuerySet):
    bestuur_field = "formulier__aanvraag__bestuur"


class Bijlage(StoredFile):
    """A file answer of a form's file field."""

    UPLOAD_PREFIX = "subsidies"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    formulier = models.ForeignKey(StapFormulier, on_delete=models.CASCADE, related_name="bijlagen")
    veld = models.CharField(max_length=100)

    objects = BijlageQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"
