"""Toezicht: meldingen (submissions) of besluiten by besturen, reviewed by ABB.

BesluitType and BesluitTypeRegel are reference data (loket/data/besluittypes.csv, loaded by toezicht/reference.py):
a type is offered to a bestuur only when one of its notification rules names the bestuur's classification and is
valid today.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from loket.files import StoredFile, private_upload_path
from loket.models import BestuurScopedQuerySet, Provincie


class BesluitTypeQuerySet(models.QuerySet):
    def voor_classificatie(self, classificatie, today):
        """Types with a rule that allows `classificatie` and is valid on `today` (one rule must do both)."""
        return (
            self.filter(
                models.Q(regels__geldig_vanaf__isnull=True) | models.Q(regels__geldig_vanaf__lte=today),
                models.Q(regels__geldig_tot__isnull=True) | models.Q(regels__geldig_tot__gt=today),
                regels__classificaties=classificatie,
            )
            .distinct()
            .order_by("label")
        )


class BesluitType(models.Model):
    """A decision / document type a melding can be about ("Besluitenlijst", "Belastingreglement", ...)."""

    class Profiel(models.TextChoices):
        """Which extra fields a melding of this type has (DESIGN.md Toezicht)."""

        STANDAARD = "standaard", "Standaard"
        REGLEMENT = "reglement", "Reglement of verordening (datum publicatie)"
        BELASTING = "belasting", "Belastingreglement (belastingvelden)"
        BBC = "bbc", "BBC-document (rapportjaar)"

    uri = models.URLField(max_length=255, unique=True)
    uuid = models.CharField(max_length=64, unique=True)
    schema = models.CharField(max_length=40)
    label = models.CharField(max_length=300)
    definitie = models.TextField(blank=True)
    broader = models.URLField(max_length=255, blank=True)
    broader_label = models.CharField(max_length=300, blank=True)
    profiel = models.CharField(max_length=20, choices=Profiel.choices, default=Profiel.STANDAARD)

    objects = BesluitTypeQuerySet.as_manager()

    class Meta:
        ordering = ["label"]
        verbose_name = "type dossier"
        verbose_name_plural = "types dossier"

    def __str__(self):
        if self.label == "Andere":  # two types share this label in the codelist: say which one
            detail = self.broader_label or self.definitie
            return f"Andere ({detail[:1].lower()}{detail[1:60]})" if detail else self.label
        return self.label

    @property
    def met_publicatie(self):
        return self.profiel in (self.Profiel.REGLEMENT, self.Profiel.BELASTING)

    @property
    def met_belasting(self):
        return self.profiel == self.Profiel.BELASTING

    @property
    def met_rapportjaar(self):
        return self.profiel == self.Profiel.BBC


class BesluitTypeRegel(models.Model):
    """A notification rule: which classifications may (or must) submit a type, and when."""

    besluittype = models.ForeignKey(BesluitType, on_delete=models.CASCADE, related_name="regels")
    uri = models.CharField(
        max_length=255, help_text="URI van de regel; leeg als de classificaties op het type staan."
    )
    classificaties = models.ManyToManyField("loket.Classificatie", related_name="+", blank=True)
    meldingsplicht = models.BooleanField(default=False)
    geldig_vanaf = models.DateField(null=True, blank=True)
    geldig_tot = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["besluittype", "uri"], name="besluittyperegel_uniek")]
        verbose_name = "meldingsregel"
        verbose_name_plural = "meldingsregels"

    def __str__(self):
        return f"{self.besluittype} ({self.uri or 'op het type'})"


class MeldingQuerySet(BestuurScopedQuerySet):
    def actief(self):
        """Not (soft) deleted."""
        return self.filter(verwijderd_op__isnull=True)

    def concepten(self):
        return self.actief().filter(status=Melding.Status.CONCEPT)

    def verstuurd(self):
        return self.actief().filter(status=Melding.Status.VERSTUURD)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        met_provincie(objs)
        return super().bulk_create(objs, *args, **kwargs)


def met_provincie(meldingen):
    """Give new meldingen their bestuur's provincie (Melding.provincie): from the bestuur they hold, else read."""
    zonder = {m.bestuur_id for m in meldingen if not m._state.fields_cache.get("bestuur")}
    if zonder:
        from loket.models import Bestuurseenheid

        provincies = dict(Bestuurseenheid.objects.filter(pk__in=zonder).values_list("pk", "provincie"))
    for melding in meldingen:
        bestuur = melding._state.fields_cache.get("bestuur")
        melding.provincie = bestuur.provincie if bestuur else provincies.get(melding.bestuur_id, "")


class Melding(models.Model):
    # The fields a bestuur fills in (toezicht.services, its form, and what the detail pages read).
    BEWERKBARE_VELDEN = (
        "besluittype",
        "beslissingsorgaan",
        "datum_zitting",
        "datum_publicatie",
        "opmerking",
        "links",
        "belasting_soort",
        "mar_code",
        "opcentiem",
        "differentiatie",
        "belasting_vanaf",
        "belasting_tot",
        "rapportjaar",
    )

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        VERSTUURD = "verstuurd", "Verstuurd"

    class ReviewStatus(models.TextChoices):
        TE_BEHANDELEN = "te_behandelen", "Te behandelen"
        AFGEHANDELD = "afgehandeld", "Afgehandeld"

    class BelastingSoort(models.TextChoices):
        AANVULLEND = "aanvullend", "Aanvullende belasting of opcentiem"
        CONTANT = "contant", "Contantbelasting"
        KOHIER = "kohier", "Kohierbelasting"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bestuur = models.ForeignKey("loket.Bestuurseenheid", on_delete=models.PROTECT, related_name="meldingen")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT, db_index=True)
    # The bestuur's provincie, kept on the melding: the ABB queue filters on it (and sorts by it) within one index
    # range (melding_abb_provincie_idx), without a join to the besturen. Set when a melding is made (save,
    # bulk_create); a melding never changes bestuur, and when a bestuur's provincie changes (load_reference_data,
    # the admin) toezicht.services.provincies_bijwerken brings its meldingen in line.
    provincie = models.CharField(max_length=20, choices=Provincie.choices, blank=True, editable=False)

    besluittype = models.ForeignKey(
        BesluitType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="type dossier",
    )
    beslissingsorgaan = models.ForeignKey(
        "loket.Bestuursorgaan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bestuursorgaan",
    )
    datum_zitting = models.DateField("datum zitting/besluit", null=True, blank=True)
    datum_publicatie = models.DateField("datum publicatie", null=True, blank=True)
    opmerking = models.TextField(blank=True)
    links = models.JSONField(default=list, blank=True)

    belasting_soort = models.CharField(
        "soort belasting", max_length=20, choices=BelastingSoort.choices, blank=True
    )
    # The notation of a code of the codelist "Minimumindeling van het algemeen rekeningenstelsel" (loket.Concept,
    # toezicht.reference.MAR_SCHEMA), e.g. "7300"; the form offers only the codelist's codes.
    mar_code = models.CharField("MAR-code", max_length=20, blank=True, db_index=True)
    opcentiem = models.DecimalField(
        "opcentiem",
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    differentiatie = models.BooleanField(
        "differentiatie",
        default=False,
        help_text="Het reglement legt verschillende tarieven of opcentiemen vast (gedifferentieerd).",
    )
    belasting_vanaf = models.DateField("belasting geldt vanaf", null=True, blank=True)
    belasting_tot = models.DateField("belasting geldt tot", null=True, blank=True)
    rapportjaar = models.PositiveSmallIntegerField(null=True, blank=True)

    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(default=timezone.now, db_index=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verstuurd_op = models.DateTimeField(null=True, blank=True, db_index=True)
    verstuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notificatie_verstuurd_op = models.DateTimeField(null=True, blank=True, editable=False)
    verwijderd_op = models.DateTimeField(null=True, blank=True)
    # Posted by a software vendor (leveranciers app, POST /melding) rather than created by a person: the "bron".
    leverancier = models.ForeignKey(
        "leveranciers.Leverancier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    review_status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.TE_BEHANDELEN, db_index=True
    )
    review_opmerking = models.TextField("opmerking behandeling", blank=True)
    behandeld_op = models.DateTimeField(null=True, blank=True)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # ABB chose to show its remark to the bestuur ("zichtbaar voor het bestuur"; off by default).
    review_zichtbaar = models.BooleanField("zichtbaar voor het bestuur", default=False)
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="behandelaar",
    )
    # The last reopening by a functioneel beheerder (shown to the bestuur at the top of the melding).
    heropend_op = models.DateTimeField(null=True, blank=True)
    heropend_reden = models.TextField("reden van heropenen", blank=True)

    objects = MeldingQuerySet.as_manager()

    class Meta:
        ordering = ["-gewijzigd_op", "-id"]
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        indexes = [
            # The bestuur's list (filtered on status, newest first; counted) and the ABB queue (sent, newest
            # first): each reads one index range in the order it shows, however many meldingen exist.
            models.Index(
                fields=["bestuur", "status", "-gewijzigd_op", "-id"],
                name="melding_bestuur_lijst_idx",
                condition=models.Q(verwijderd_op__isnull=True),
            ),
            # The bestuur's list unfiltered (its default view, newest change first): page N reads N x 25 index
            # entries in order instead of sorting all of a bestuur's meldingen (50,000 for the largest at 1 M).
            models.Index(
                fields=["bestuur", "-gewijzigd_op", "-id"],
                name="melding_bestuur_recent_idx",
                condition=models.Q(verwijderd_op__isnull=True),
            ),
            # The types a bestuur used (its list's filter): one probe per type.
            models.Index(
                fields=["bestuur", "besluittype"],
                name="melding_bestuur_type_idx",
                condition=models.Q(verwijderd_op__isnull=True),
            ),
            models.Index(fields=["status", "-verstuurd_op", "-id"], name="melding_abb_wachtrij_idx"),
            # The ABB queue on its usual filter (what is still to handle, or what was handled): read in the order
            # it shows without stepping over the other review status's rows.
            models.Index(
                fields=["status", "review_status", "-verstuurd_op", "-id"],
                name="melding_abb_behandeling_idx",
                condition=models.Q(verwijderd_op__isnull=True),
            ),
            # ... and in one provincie (the queue of a provincial team): its page's entries only.
            models.Index(
                fields=["status", "review_status", "provincie", "-verstuurd_op", "-id"],
                name="melding_abb_provincie_idx",
                condition=models.Q(verwijderd_op__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.besluittype or 'Melding zonder type'} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self._state.adding:
            met_provincie([self])
        super().save(*args, **kwargs)

    @property
    def is_concept(self):
        return self.status == self.Status.CONCEPT

    @property
    def is_afgehandeld(self):
        return self.status == self.Status.VERSTUURD and self.review_status == self.ReviewStatus.AFGEHANDELD


class MeldingBestand(StoredFile):
    UPLOAD_PREFIX = "toezicht"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="bestanden")

    class Meta:
        ordering = ["aangemaakt_op", "id"]
        verbose_name = "bestand"
        verbose_name_plural = "bestanden"


class Ontvangstbewijs(StoredFile):
    """The receipt of one sending of a melding: made once (services.maak_ontvangstbewijs), stored privately with its
    SHA-256 and served as stored. A melding reopened and sent again gets a new one; the earlier one stays."""

    UPLOAD_PREFIX = "toezicht-ontvangstbewijzen"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="ontvangstbewijzen")
    verstuurd_op = models.DateTimeField(help_text="De verzending die dit bewijs bevestigt.")

    class Meta:
        ordering = ["-verstuurd_op"]
        verbose_name = "ontvangstbewijs"
        verbose_name_plural = "ontvangstbewijzen"
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "verstuurd_op"], name="ontvangstbewijs_een_per_verzending"
            )
        ]


class ZoekOpdracht(models.Model):
    """A saved search of an ABB official: a name and the query string of the ABB queue."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    naam = models.CharField(max_length=100)
    query = models.CharField(max_length=2000, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["naam"]
        verbose_name = "bewaarde zoekopdracht"
        verbose_name_plural = "bewaarde zoekopdrachten"

    def __str__(self):
        return self.naam


class ToezichtInstellingQuerySet(BestuurScopedQuerySet):
    pass


class ToezichtInstelling(models.Model):
    """Per bestuur: where the confirmation mail of a sent melding goes (besides the sender and ABB)."""

    bestuur = models.OneToOneField(
        "loket.Bestuurseenheid", on_delete=models.CASCADE, related_name="toezicht_instelling"
    )
    contact_email = models.EmailField(
        "contactadres voor meldingen",
        blank=True,
        help_text="Dit adres krijgt een bevestiging van elke verstuurde melding, bv. het secretariaat.",
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = ToezichtInstellingQuerySet.as_manager()

    class Meta:
        verbose_name = "toezichtinstelling"
        verbose_name_plural = "toezichtinstellingen"

    def __str__(self):
        return f"Instellingen toezicht {self.bestuur}"


class BundelQuerySet(BestuurScopedQuerySet):
    pass


class Bundel(models.Model):
    """A zip of the files of several meldingen with a manifest CSV, built by a Celery task (toezicht.tasks).

    The bestuur side makes one for its own meldingen (`bestuur` set); ABB for sent meldingen of any bestuur
    (`bestuur` empty, `abb` true). A bundle is seen by the bestuur's people with the Toezicht right (or by ABB):
    it holds nothing they cannot already open one by one.
    """

    UPLOAD_PREFIX = "toezicht-bundels"
    # "Alle resultaten van deze filter" takes at most this many meldingen (docs/architecture.md).
    MAXIMUM = 500

    class Status(models.TextChoices):
        WACHTEND = "wachtend", "In de wachtrij"
        BEZIG = "bezig", "Wordt gemaakt"
        KLAAR = "klaar", "Klaar"
        MISLUKT = "mislukt", "Mislukt"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    bestuur = models.ForeignKey(
        "loket.Bestuurseenheid", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    abb = models.BooleanField(default=False)
    meldingen = models.ManyToManyField(Melding, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WACHTEND)
    totaal = models.PositiveIntegerField(default=0)
    verwerkt = models.PositiveIntegerField(default=0)
    bestand = models.FileField(upload_to=private_upload_path, max_length=255, blank=True)
    grootte = models.BigIntegerField(default=0)
    fout = models.TextField(blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gestart_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)

    objects = BundelQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt_op", "-id"]
        verbose_name = "bundel"
        verbose_name_plural = "bundels"

    def __str__(self):
        return f"Bundel van {self.totaal} meldingen ({self.get_status_display()})"

    @property
    def procent(self):
        return round(self.verwerkt * 100 / self.totaal) if self.totaal else 100

    @property
    def bestandsnaam(self):
        return f"meldingen-{timezone.localtime(self.aangemaakt_op):%Y%m%d-%H%M}-{str(self.uuid)[:8]}.zip"
