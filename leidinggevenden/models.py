"""Databank leidinggevenden: who holds which bestuursfunctie of a bestuur, and the function's contact data.

A Functionaris is one period (start, optional einde) in which a Persoon (shared with Mandatenbeheer) holds a
function. The person's rijksregisternummer lives on Persoon as a keyed hash and a mask only.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from loket.files import OpenDataBestand
from loket.models import BestuurScopedQuerySet, Bestuurseenheid, Persoon

from . import functies
from .functies import FUNCTIE_CHOICES, Status
from .validators import validate_postcode, validate_telefoon

VOOR_2019_HINT = "Periodes die vóór 01-01-2019 eindigden, hoeft u niet in te geven."


def vandaag():
    return timezone.localdate()


class FunctionarisQuerySet(BestuurScopedQuerySet):
    def voor_functie(self, functie):
        return self.filter(functie=functie.code)

    def huidig(self, op=None):
        """In function on `op` (default today): started, and not yet ended (the einde day still counts)."""
        op = op or vandaag()
        return self.filter(Q(einde__isnull=True) | Q(einde__gte=op), start__lte=op)


class Functionaris(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bestuur = models.ForeignKey(Bestuurseenheid, on_delete=models.PROTECT, related_name="functionarissen")
    functie = models.CharField(max_length=64, choices=FUNCTIE_CHOICES, db_index=True)
    persoon = models.ForeignKey(Persoon, on_delete=models.PROTECT, related_name="functionarissen")
    start = models.DateField("startdatum")
    einde = models.DateField("einddatum", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AANGESTELD)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = FunctionarisQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "persoon__achternaam"]
        verbose_name = "functionaris"
        verbose_name_plural = "functionarissen"
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gt=models.F("start")),
                name="functionaris_einde_na_start",
            )
        ]

    def __str__(self):
        return f"{self.persoon} – {self.functie_obj.label if self.functie_obj else self.functie}"

    @property
    def functie_obj(self):
        return functies.BY_CODE.get(self.functie)

    @property
    def status_uri(self):
        return functies.STATUS_URI[Status(self.status)]

    @property
    def uri(self):
        return f"http://data.lblod.info/id/functionarissen/{self.uuid}"

    def is_huidig(self, op=None):
        op = op or vandaag()
        return self.start <= op and (self.einde is None or self.einde >= op)

    @property
    def periode_label(self):
        op = vandaag()
        if self.start > op:
            return "Toekomstig"
        if self.einde is not None and self.einde < op:
            return "Beëindigd"
        return "Huidig"

    def clean(self):
        errors = {}
        if self.start and self.einde and self.einde <= self.start:
            errors["einde"] = "De einddatum moet na de startdatum liggen."
        functie = self.functie_obj
        if functie is not None and functie.enkel_aangesteld and self.status != Status.AANGESTELD:
            errors["status"] = f"Een {functie.label.lower()} kan enkel aangesteld zijn, niet waarnemend."
        if self.bestuur_id and functie is not None and functie not in functies.functies_voor(self.bestuur):
            errors["functie"] = (
                f"Een {self.bestuur.classificatie.label.lower()} heeft geen {functie.label.lower()}."
            )
        if errors:
            raise ValidationError(errors)


class ContactGegevensQuerySet(BestuurScopedQuerySet):
    pass


class ContactGegevens(models.Model):
    """The work contact data of one function of a bestuur (not of the person who holds it)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bestuur = models.ForeignKey(Bestuurseenheid, on_delete=models.PROTECT, related_name="+")
    functie = models.CharField(max_length=64, choices=FUNCTIE_CHOICES)
    email = models.EmailField("e-mailadres", blank=True)
    telefoon = models.CharField("telefoonnummer", max_length=30, blank=True, validators=[validate_telefoon])
    straat = models.CharField("straat", max_length=200, blank=True)
    huisnummer = models.CharField("huisnummer", max_length=20, blank=True)
    bus = models.CharField("bus", max_length=20, blank=True)
    postcode = models.CharField("postcode", max_length=4, blank=True, validators=[validate_postcode])
    gemeente = models.CharField("gemeente", max_length=100, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = ContactGegevensQuerySet.as_manager()

    class Meta:
        verbose_name = "contactgegevens"
        verbose_name_plural = "contactgegevens"
        constraints = [
            models.UniqueConstraint(fields=["bestuur", "functie"], name="contactgegevens_uniek_per_functie")
        ]

    def __str__(self):
        return f"Contactgegevens {self.functie_obj or self.functie} {self.bestuur}"

    @property
    def functie_obj(self):
        return functies.BY_CODE.get(self.functie)

    @property
    def uri(self):
        return f"http://data.lblod.info/id/contact-punten/{self.uuid}"

    @property
    def adres_uri(self):
        return f"http://data.lblod.info/id/adressen/{uuid.uuid5(self.uuid, 'adres')}"

    @property
    def heeft_adres(self):
        return bool(self.straat or self.huisnummer or self.postcode or self.gemeente)

    @property
    def adres(self):
        if not self.heeft_adres:
            return ""
        nummer = f"{self.huisnummer} bus {self.bus}" if self.bus else self.huisnummer
        return f"{self.straat} {nummer}, {self.postcode} {self.gemeente}".strip(" ,")

    @property
    def is_leeg(self):
        return not (self.email or self.telefoon or self.heeft_adres)

    def clean(self):
        if self.heeft_adres or self.bus:
            missing = {
                name: "Vul dit in om een volledig adres op te geven."
                for name in ("straat", "huisnummer", "postcode", "gemeente")
                if not getattr(self, name).strip()
            }
            if missing:
                raise ValidationError(missing)


class PubliekeExport(OpenDataBestand):
    """The latest generated open-data download of one format (CSV, Turtle, JSON-LD, N-Triples) of all current data."""

    UPLOAD_PREFIX = "leidinggevenden/exports"

    aantal = models.PositiveIntegerField("aantal functionarissen", default=0)

    class Meta(OpenDataBestand.Meta):
        verbose_name = "publieke export"
        verbose_name_plural = "publieke exports"
