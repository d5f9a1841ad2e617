"""The shared core: besturen and the reference data every module relies on.

All of it is loaded from the real public data by `manage.py load_reference_data`; nothing here is typed in.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.formats import date_format

from .files import StoredFile


class Classificatie(models.Model):
    """BestuurseenheidClassificatieCode: gemeente, OCMW, politiezone, ..."""

    uri = models.URLField(max_length=255, unique=True)
    uuid = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=200)

    class Meta:
        ordering = ["label"]
        verbose_name = "classificatie"
        verbose_name_plural = "classificaties"

    def __str__(self):
        return self.label


class Provincie(models.TextChoices):
    ANTWERPEN = "Antwerpen"
    LIMBURG = "Limburg"
    OOST_VLAANDEREN = "Oost-Vlaanderen", "Oost-Vlaanderen"  # the official names, with their hyphen
    VLAAMS_BRABANT = "Vlaams-Brabant", "Vlaams-Brabant"
    WEST_VLAANDEREN = "West-Vlaanderen", "West-Vlaanderen"


class BestuurseenheidQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)

    def met_uuid(self, waarde):
        """The bestuur a posted or typed `bestuur=<uuid>` names: anything that cannot be one (not text, longer than
        a uuid, a NUL byte, which PostgreSQL refuses) names none, never a database error."""
        if not isinstance(waarde, str) or not waarde or len(waarde) > 64 or "\x00" in waarde:
            return self.none()
        return self.filter(uuid=waarde)

    def opgeheven(self):
        """Besturen merged away, with their successor (`opgeheven_door`)."""
        return self.filter(opgeheven_door__isnull=False).select_related(
            "classificatie", "opgeheven_door__classificatie"
        )

    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(models.Q(naam__icontains=text) | models.Q(kbo=text) | models.Q(ovo__iexact=text))


class Bestuurseenheid(models.Model):
    """A local government (or ABB itself), as registered in the Organisatieportaal."""

    class Status(models.TextChoices):
        ACTIEF = "actief", "Actief"
        IN_OPRICHTING = "in_oprichting", "In oprichting"
        NIET_ACTIEF = "niet_actief", "Niet actief"
        ONBEKEND = "onbekend", "Onbekend"

    uri = models.URLField(max_length=255, unique=True)
    uuid = models.CharField(max_length=64, unique=True)
    naam = models.CharField(max_length=255)
    legal_name = models.CharField("officiële naam", max_length=255, blank=True)
    classificatie = models.ForeignKey(Classificatie, on_delete=models.PROTECT, related_name="besturen")
    werkingsgebied = models.CharField(max_length=200, blank=True)
    werkingsgebied_niveau = models.CharField(max_length=50, blank=True)
    werkingsgebied_uri = models.URLField(max_length=255, blank=True)
    provincie = models.CharField(max_length=20, choices=Provincie.choices, blank=True, db_index=True)
    nis_code = models.CharField("NIS-code", max_length=10, blank=True)
    kbo = models.CharField("KBO-nummer", max_length=20, blank=True, db_index=True)
    ovo = models.CharField("OVO-nummer", max_length=20, blank=True, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ONBEKEND)
    # False for besturen that were closed or merged away (e.g. the municipalities absorbed on 01-01-2025):
    # they stay for history, but nobody can log in for them.
    actief = models.BooleanField(default=True, db_index=True)
    opgeheven_door = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="opgeslorpt"
    )
    opgeheven_op = models.DateField("opgeheven op", null=True, blank=True)  # the date of the merger event

    objects = BestuurseenheidQuerySet.as_manager()

    class Meta:
        ordering = ["naam", "classificatie__label"]
        verbose_name = "bestuurseenheid"
        verbose_name_plural = "bestuurseenheden"

    def __str__(self):
        return f"{self.classificatie.label} {self.naam}" if self.classificatie_id else self.naam

    @property
    def volledige_naam(self):
        """ "Gemeente Aalst", "OCMW Aalst"; names that already say what they are stay as they are."""
        label = self.classificatie.label
        if self.naam.lower().startswith(label.lower()) or self.classificatie.uuid not in NAAM_MET_PREFIX:
            return self.naam
        return f"{label} {self.naam}"

    @property
    def opgegaan_in_tekst(self):
        """ "Gemeente Borsbeek is op 1 januari 2025 opgegaan in Gemeente Antwerpen"; "" when it was not merged."""
        if self.opgeheven_door_id is None:
            return ""
        op = f" op {date_format(self.opgeheven_op, 'j F Y')}" if self.opgeheven_op else ""
        return f"{self.volledige_naam} is{op} opgegaan in {self.opgeheven_door.volledige_naam}"

    @property
    def is_abb(self):
        return self.classificatie.uuid == ABB_CLASSIFICATIE_UUID


ABB_CLASSIFICATIE_UUID = "52cc9d8d-1c9a-4d92-9936-da9d4a622ec4"
# Classifications whose names are only the place name ("Aalst"): shown with the classification in front.
NAAM_MET_PREFIX = {
    "5ab0e9b8a3b2ca7c5e000001",  # Gemeente
    "5ab0e9b8a3b2ca7c5e000002",  # OCMW
    "5ab0e9b8a3b2ca7c5e000000",  # Provincie
    "5ab0e9b8a3b2ca7c5e000003",  # District
}


class BestuursorgaanClassificatie(models.Model):
    uri = models.URLField(max_length=255, unique=True)
    uuid = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=200)

    class Meta:
        ordering = ["label"]
        verbose_name = "bestuursorgaanclassificatie"
        verbose_name_plural = "bestuursorgaanclassificaties"

    def __str__(self):
        return self.label


class Bestuursorgaan(models.Model):
    """An abstract governing body of a bestuur (gemeenteraad, college, ...)."""

    uri = models.URLField(max_length=255, unique=True)
    uuid = models.CharField(max_length=64, unique=True)
    naam = models.CharField(max_length=400)
    classificatie = models.ForeignKey(
        BestuursorgaanClassificatie, on_delete=models.PROTECT, related_name="organen", null=True
    )
    bestuurseenheid = models.ForeignKey(Bestuurseenheid, on_delete=models.CASCADE, related_name="organen")

    class Meta:
        ordering = ["naam"]
        verbose_name = "bestuursorgaan"
        verbose_name_plural = "bestuursorganen"

    def __str__(self):
        return self.naam


class BestuursorgaanInTijd(models.Model):
    """A bestuursorgaan in one legislative period (e.g. the gemeenteraad 2025–2030)."""

    uri = models.URLField(max_length=255, unique=True)
    uuid = models.CharField(max_length=64, unique=True)
    orgaan = models.ForeignKey(Bestuursorgaan, on_delete=models.CASCADE, related_name="periodes")
    start = models.DateField(null=True, blank=True)
    einde = models.DateField(null=True, blank=True)
    # bindingStart / bindingEinde exactly as the source has them (xsd:date or xsd:dateTime): the open data keep
    # the source's precision, the pages use the dates above.
    start_bron = models.CharField(max_length=40, blank=True)
    einde_bron = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["orgaan", "-start"]
        verbose_name = "bestuursorgaan in tijd"
        verbose_name_plural = "bestuursorganen in tijd"

    def __str__(self):
        return (
            f"{self.orgaan} ({self.start:%Y}–{self.einde:%Y})"
            if self.start and self.einde
            else str(self.orgaan)
        )


class Concept(models.Model):
    """One value of a codelist (SKOS concept), e.g. a mandataris status or a beleidsdomein.

    `lijst` is the concept scheme URI, or the rdf:type URI for codes that belong to no scheme.
    """

    lijst = models.URLField(max_length=255, db_index=True)
    lijst_label = models.CharField(max_length=255, blank=True)
    uri = models.URLField(max_length=255, db_index=True)
    uuid = models.CharField(max_length=64, blank=True)
    label = models.CharField(max_length=500)
    notation = models.CharField(max_length=100, blank=True)
    broader = models.URLField(max_length=255, blank=True)
    definitie = models.TextField(blank=True)

    class Meta:
        ordering = ["lijst", "label"]
        constraints = [models.UniqueConstraint(fields=["lijst", "uri"], name="concept_uniek_per_lijst")]
        verbose_name = "codelijstwaarde"
        verbose_name_plural = "codelijstwaarden"

    def __str__(self):
        return self.label


class BestuurScopedQuerySet(models.QuerySet):
    """Base for every module's data: queries start from `.for_bestuur()`, so another bestuur's object is a 404."""

    bestuur_field = "bestuur"

    def for_bestuur(self, bestuur):
        if bestuur is None:
            return self.none()
        return self.filter(**{self.bestuur_field: bestuur})


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Auditgebeurtenissen zijn onveranderlijk.")

    def delete(self):
        raise PermissionError("Auditgebeurtenissen kunnen niet verwijderd worden.")

    def for_bestuur(self, bestuur):
        return self.filter(bestuur=bestuur) if bestuur is not None else self.none()

    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEvent(models.Model):
    """A business event: who did what, for which bestuur, when. Append-only for the application."""

    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    gebruiker_naam = models.CharField(max_length=255, blank=True)
    namens = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="De beheerder die de gebruiker impersoneerde, indien van toepassing.",
    )
    bestuur = models.ForeignKey(
        Bestuurseenheid, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actie = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    omschrijving = models.CharField(max_length=500, blank=True)
    voor = models.JSONField(null=True, blank=True)
    na = models.JSONField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = "auditgebeurtenis"
        verbose_name_plural = "auditgebeurtenissen"

    def __str__(self):
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.gebruiker_naam}: {self.actie}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Auditgebeurtenissen zijn onveranderlijk.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Auditgebeurtenissen kunnen niet verwijderd worden.")


class PersoonQuerySet(models.QuerySet):
    """Persoon is shared by the modules, so it has no bestuur of its own: a person belongs to every bestuur for
    which they hold, held or will hold a function or a mandate (`van_bestuur`). Reads for a bestuur go through
    loket/personen.py, which applies that rule."""

    def _koppeling(self, bestuur):
        """True for a person linked to `bestuur`: a row of any bestuur-scoped model (Functionaris, Mandataris, ...)
        pointing at them, in any period."""
        from django.db.models import Exists, OuterRef, Q

        voorwaarde = Q()
        for model, veld in persoon_koppelingen():
            voorwaarde |= Q(Exists(model._base_manager.filter(bestuur=bestuur, **{veld: OuterRef("pk")})))
        assert voorwaarde, "no model links a person to a bestuur"
        return voorwaarde

    def van_bestuur(self, bestuur):
        return self.filter(self._koppeling(bestuur))

    def met_koppeling(self, bestuur):
        """Each person with `gekoppeld`: linked to `bestuur` (see van_bestuur)."""
        from django.db.models import BooleanField, ExpressionWrapper

        return self.annotate(
            gekoppeld=ExpressionWrapper(self._koppeling(bestuur), output_field=BooleanField())
        )

    def search(self, text):
        """By name, or by rijksregisternummer (matched through its keyed hash, never in clear)."""
        from . import rrn

        text = (text or "").strip()
        if not text:
            return self.none()
        if rrn.is_valid(text):
            return self.filter(rrn_hash=rrn.keyed_hash(text))
        query = models.Q()
        for word in text.split():
            query &= models.Q(voornaam__icontains=word) | models.Q(achternaam__icontains=word)
        return self.filter(query)


def persoon_koppelingen():
    """(model, field) of every model that links a person to a bestuur: a ForeignKey to Persoon on a model with a
    `bestuur` field. Today leidinggevenden.Functionaris and mandaten.Mandataris; a new module's joins by existing."""
    from django.core.exceptions import FieldDoesNotExist

    koppelingen = []
    for relatie in Persoon._meta.related_objects:
        try:
            relatie.related_model._meta.get_field("bestuur")
        except FieldDoesNotExist:
            continue
        koppelingen.append((relatie.related_model, relatie.field.name))
    return koppelingen


class Persoon(models.Model):
    """A natural person holding a function or a mandate; shared by Databank leidinggevenden and Mandatenbeheer.

    The rijksregisternummer is kept only as a keyed hash (duplicates, search) and a mask (display): see loket.rrn.
    """

    # In URLs (picking a person) only this uuid, never the integer id; and only for the active bestuur's persons
    # (loket/personen.py).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    voornaam = models.CharField(max_length=150)
    achternaam = models.CharField(max_length=150)
    rrn_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    rrn_masker = models.CharField("rijksregisternummer", max_length=20, blank=True, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = PersoonQuerySet.as_manager()

    class Meta:
        ordering = ["achternaam", "voornaam"]
        verbose_name = "persoon"
        verbose_name_plural = "personen"

    def __str__(self):
        return f"{self.voornaam} {self.achternaam}"

    def set_rrn(self, value):
        from . import rrn

        rrn.validate(value)
        self.rrn_hash = rrn.keyed_hash(value)
        self.rrn_masker = rrn.mask(value)


class BewaardeUpload(StoredFile):
    """A file that passed every check on a form that was refused for another reason (another file, a field): kept
    for this person and this form (`sleutel`), so it need not be chosen and uploaded again. The module's service takes
    it over on the next successful save (loket.files.neem_bewaarde_over); unused ones are removed after a day
    (loket.tasks.ruim_bewaarde_uploads_op)."""

    UPLOAD_PREFIX = "bestanden"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sleutel = models.CharField(max_length=100, help_text="Het formulier waarvoor de upload bewaard is.")

    class Meta:
        ordering = ["aangemaakt_op", "id"]
        indexes = [models.Index(fields=["gebruiker", "sleutel"], name="bewaardeupload_formulier_idx")]
        verbose_name = "bewaarde upload"
        verbose_name_plural = "bewaarde uploads"
