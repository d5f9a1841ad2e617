"""Mandatenbeheer: who holds which mandaat in the bestuursorganen of a bestuur, per bestuursperiode.

Bestuursperiodes and mandaten are reference data derived by mandaten/reference.py from the real
bestuursorganen-in-tijd; fracties and mandatarissen are kept by the bestuur itself.
"""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from loket.files import OpenDataBestand
from loket.models import BestuurScopedQuerySet, BestuursorgaanInTijd, Concept

from . import codes

RANGORDE_WOORDEN = [
    "Eerste",
    "Tweede",
    "Derde",
    "Vierde",
    "Vijfde",
    "Zesde",
    "Zevende",
    "Achtste",
    "Negende",
    "Tiende",
    "Elfde",
    "Twaalfde",
]


def datum(value):
    return value.strftime("%d-%m-%Y") if value else ""


def rangorde_label(rangorde, functie_label):
    """ "Tweede schepen" (rangorde 2 of the functie Schepen); "" without a rangorde."""
    if not rangorde:
        return ""
    woord = RANGORDE_WOORDEN[rangorde - 1] if rangorde <= len(RANGORDE_WOORDEN) else f"{rangorde}e"
    return f"{woord} {functie_label.lower()}"


class Bestuursperiode(models.Model):
    """A legislature (e.g. 2025–2030), derived from the start dates of the real bestuursorganen in tijd."""

    slug = models.SlugField(max_length=20, unique=True)
    label = models.CharField(max_length=20)
    start = models.DateField()
    einde = models.DateField()

    class Meta:
        ordering = ["-start"]
        verbose_name = "bestuursperiode"
        verbose_name_plural = "bestuursperiodes"

    def __str__(self):
        return self.label

    def organen_in_tijd(self):
        # Organen installed in December of the last year (02-12-2024) belong to the next legislature.
        return BestuursorgaanInTijd.objects.filter(
            start__gte=self.start, start__lt=date(self.einde.year, 12, 1)
        )

    def peildatum(self, today=None):
        """The day whose mandatarissen are "current": today, or the nearest day of the period."""
        today = today or timezone.localdate()
        return min(max(today, self.start), self.einde)


class MandaatQuerySet(BestuurScopedQuerySet):
    bestuur_field = "orgaan_in_tijd__orgaan__bestuurseenheid"


class Mandaat(models.Model):
    """A post (bestuursfunctie) in a bestuursorgaan in tijd: "Schepen in het college 2025–2030"."""

    uri = models.URLField(max_length=255, unique=True)
    uuid = models.UUIDField(unique=True)
    orgaan_in_tijd = models.ForeignKey(
        BestuursorgaanInTijd, on_delete=models.CASCADE, related_name="mandaten"
    )
    periode = models.ForeignKey(Bestuursperiode, on_delete=models.PROTECT, related_name="mandaten")
    bestuursfunctie = models.ForeignKey(Concept, on_delete=models.PROTECT, related_name="+")
    aantal_houders = models.PositiveSmallIntegerField(
        "maximum aantal houders", null=True, blank=True, help_text="Leeg als het aantal niet gekend is."
    )

    objects = MandaatQuerySet.as_manager()

    class Meta:
        ordering = ["orgaan_in_tijd__orgaan__naam", "bestuursfunctie__label"]
        constraints = [
            models.UniqueConstraint(
                fields=["orgaan_in_tijd", "bestuursfunctie"], name="mandaat_uniek_per_orgaan"
            )
        ]
        verbose_name = "mandaat"
        verbose_name_plural = "mandaten"

    def __str__(self):
        return f"{self.bestuursfunctie.label} ({self.orgaan_in_tijd.orgaan.naam})"

    @property
    def is_burgemeester(self):
        return self.bestuursfunctie.uri in codes.BURGEMEESTERS

    @property
    def is_schepen(self):
        return self.bestuursfunctie.uri in codes.SCHEPENEN

    @property
    def heeft_beleidsdomeinen(self):
        return self.is_burgemeester or self.is_schepen

    @property
    def start(self):
        return self.orgaan_in_tijd.start or self.periode.start

    @property
    def einde(self):
        return self.orgaan_in_tijd.einde or self.periode.einde


class FractieQuerySet(BestuurScopedQuerySet):
    pass


class Fractie(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bestuur = models.ForeignKey("loket.Bestuurseenheid", on_delete=models.CASCADE, related_name="+")
    periode = models.ForeignKey(Bestuursperiode, on_delete=models.PROTECT, related_name="fracties")
    naam = models.CharField(max_length=200)
    fractietype = models.ForeignKey(
        Concept,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"lijst": codes.FRACTIETYPE_LIJST},
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = FractieQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["bestuur", "periode", "naam"],
                name="fractie_naam_uniek",
                violation_error_message="Er bestaat al een fractie met deze naam in deze bestuursperiode.",
            )
        ]
        verbose_name = "fractie"
        verbose_name_plural = "fracties"

    def __str__(self):
        return self.naam

    @property
    def uri(self):
        return f"http://data.lblod.info/id/fracties/{self.uuid}"

    def clean(self):
        if self.fractietype_id and self.fractietype.lijst != codes.FRACTIETYPE_LIJST:
            raise ValidationError({"fractietype": "Kies Onafhankelijk of Samenwerkingsverband."})


class MandatarisQuerySet(BestuurScopedQuerySet):
    def in_periode(self, periode):
        return self.filter(mandaat__periode=periode)

    def actief_op(self, dag):
        return self.filter(start__lte=dag).filter(models.Q(einde__isnull=True) | models.Q(einde__gte=dag))

    def with_related(self):
        return self.select_related(
            "persoon",
            "status",
            "fractie__fractietype",
            "mandaat__bestuursfunctie",
            "mandaat__orgaan_in_tijd__orgaan",
            "mandaat__periode",
        ).prefetch_related("beleidsdomeinen")


class Mandataris(models.Model):
    """A person holding a mandaat from a start date, optionally until an end date."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bestuur = models.ForeignKey("loket.Bestuurseenheid", on_delete=models.CASCADE, related_name="+")
    persoon = models.ForeignKey("loket.Persoon", on_delete=models.PROTECT, related_name="mandatarissen")
    mandaat = models.ForeignKey(Mandaat, on_delete=models.PROTECT, related_name="mandatarissen")
    start = models.DateField("startdatum")
    einde = models.DateField("einddatum", null=True, blank=True)
    status = models.ForeignKey(
        Concept, on_delete=models.PROTECT, related_name="+", limit_choices_to={"lijst": codes.STATUS_LIJST}
    )
    rangorde = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Enkel voor schepenen.")
    beleidsdomeinen = models.ManyToManyField(
        Concept, blank=True, related_name="+", limit_choices_to={"lijst": codes.BELEIDSDOMEIN_LIJST}
    )
    fractie = models.ForeignKey(
        Fractie, on_delete=models.PROTECT, null=True, blank=True, related_name="mandatarissen"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = MandatarisQuerySet.as_manager()

    class Meta:
        ordering = ["persoon__achternaam", "persoon__voornaam", "start"]
        verbose_name = "mandataris"
        verbose_name_plural = "mandatarissen"

    def __str__(self):
        return f"{self.persoon} – {self.mandaat.bestuursfunctie.label}"

    @property
    def uri(self):
        return f"http://data.lblod.info/id/mandatarissen/{self.uuid}"

    @property
    def rangorde_label(self):
        if not self.rangorde:
            return ""
        return rangorde_label(self.rangorde, self.mandaat.bestuursfunctie.label)

    def is_actief_op(self, dag):
        return self.start <= dag and (self.einde is None or self.einde >= dag)

    def clean(self):
        errors = {}
        mandaat = self.mandaat if self.mandaat_id else None
        if (
            mandaat is not None
            and self.bestuur_id
            and mandaat.orgaan_in_tijd.orgaan.bestuurseenheid_id != self.bestuur_id
        ):
            errors["mandaat"] = "Kies een mandaat van uw eigen bestuur."
        if mandaat is not None and self.start:
            if not mandaat.start <= self.start <= mandaat.einde:
                errors["start"] = (
                    f"De startdatum moet binnen de bestuursperiode {mandaat.periode.label} liggen "
                    f"({datum(mandaat.start)} tot {datum(mandaat.einde)})."
                )
        if self.einde and self.start and self.einde <= self.start:
            errors["einde"] = "De einddatum moet na de startdatum liggen."
        elif self.einde and mandaat is not None and self.einde > mandaat.einde:
            errors["einde"] = (
                f"De einddatum mag niet na het einde van de bestuursperiode ({datum(mandaat.einde)}) liggen."
            )
        if self.status_id:
            if self.status.lijst != codes.STATUS_LIJST:
                errors["status"] = "Kies een geldige status."
            elif (
                self.status.uri == codes.TITELVOEREND and mandaat is not None and not mandaat.is_burgemeester
            ):
                errors["status"] = "De status Titelvoerend kan enkel voor een burgemeester."
        if self.rangorde is not None and mandaat is not None and not mandaat.is_schepen:
            errors["rangorde"] = "Een rangorde kan enkel voor een schepen."
        if self.fractie_id and mandaat is not None:
            if self.fractie.bestuur_id != self.bestuur_id or self.fractie.periode_id != mandaat.periode_id:
                errors["fractie"] = (
                    f"Kies een fractie van uw bestuur in de bestuursperiode {mandaat.periode.label}."
                )
        if errors:
            raise ValidationError(errors)


def beleidsdomein_fouten(mandaat, beleidsdomeinen):
    """The beleidsdomein rule (a many-to-many, so it cannot live in Mandataris.clean)."""
    if beleidsdomeinen and mandaat is not None and not mandaat.heeft_beleidsdomeinen:
        return "Beleidsdomeinen kunnen enkel voor een schepen of een burgemeester."
    if any(d.lijst != codes.BELEIDSDOMEIN_LIJST for d in beleidsdomeinen or ()):
        return "Kies een geldig beleidsdomein."
    return None


class EigenBeleidsdomein(models.Model):
    """A beleidsdomein a bestuur added itself (a concept in the shared BeleidsdomeinCode list, offered to that bestuur)."""

    concept = models.OneToOneField(Concept, on_delete=models.CASCADE, related_name="+")
    bestuur = models.ForeignKey("loket.Bestuurseenheid", on_delete=models.CASCADE, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = BestuurScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "eigen beleidsdomein"
        verbose_name_plural = "eigen beleidsdomeinen"

    def __str__(self):
        return self.concept.label


class PubliekeExport(OpenDataBestand):
    """The latest open-data file of the current mandatarissen of every bestuur, in one format (regenerated nightly)."""

    UPLOAD_PREFIX = "mandaten/exports"

    aantal = models.PositiveIntegerField("aantal mandatarissen", default=0)

    class Meta(OpenDataBestand.Meta):
        verbose_name = "publieke export"
        verbose_name_plural = "publieke exports"
