"""Berichtencentrum: conversations (gesprekken) between one bestuur and ABB, their messages and attachments."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone

from loket.files import StoredFile
from loket.models import BestuurScopedQuerySet, Bestuurseenheid


class TypeCommunicatie(models.TextChoices):
    # DESIGN.md: the three types. Not a codelist in the reference data (loket/data/README.md).
    KENNISGEVING = "kennisgeving", "Kennisgeving toezichtsbeslissing"
    OPVRAGING = "opvraging", "Opvraging"
    REACTIE = "reactie", "Reactie"


class Partij(models.TextChoices):
    BESTUUR = "bestuur", "Bestuur"
    ABB = "abb", "Agentschap Binnenlands Bestuur"


ABB_NAAM = "Agentschap Binnenlands Bestuur"


def vandaag():
    return timezone.localdate()


class GesprekQuerySet(BestuurScopedQuerySet):
    def wacht_op_antwoord(self):
        """ABB asked something with a reactietermijn and the bestuur has not answered since."""
        return self.filter(antwoord_verwacht_tegen__isnull=False)

    def te_laat(self, today=None):
        return self.filter(antwoord_verwacht_tegen__lt=today or vandaag())

    def op_tijd_open(self, today=None):
        return self.filter(antwoord_verwacht_tegen__gte=today or vandaag())


class Gesprek(models.Model):
    """A conversation between one bestuur and ABB about one dossier."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bestuur = models.ForeignKey(Bestuurseenheid, on_delete=models.PROTECT, related_name="gesprekken")
    dossiernummer = models.CharField(max_length=100, db_index=True)
    betreft = models.CharField(max_length=255)
    type_communicatie = models.CharField(
        "type communicatie", max_length=20, choices=TypeCommunicatie.choices, db_index=True
    )
    reactietermijn_dagen = models.PositiveSmallIntegerField(
        "reactietermijn (dagen)",
        null=True,
        blank=True,
        help_text="Aantal kalenderdagen waarbinnen het bestuur moet antwoorden op een bericht van ABB.",
    )
    # Set when ABB sends a message in a conversation with a reactietermijn; cleared when the bestuur answers.
    antwoord_verwacht_tegen = models.DateField(
        "antwoord verwacht tegen", null=True, blank=True, db_index=True
    )
    laatste_bericht_op = models.DateTimeField(null=True, blank=True, db_index=True)
    laatste_bericht_van = models.CharField(max_length=10, choices=Partij.choices, blank=True)
    # A kennisgeving toezichtsbeslissing (or an opvraging) can be about a sent Toezicht melding of the same bestuur.
    melding = models.ForeignKey(
        "toezicht.Melding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gesprekken",
        verbose_name="toezicht melding",
    )
    gelezen_door_bestuur = models.BooleanField(default=False)
    gelezen_door_abb = models.BooleanField(default=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = GesprekQuerySet.as_manager()

    class Meta:
        ordering = [models.F("laatste_bericht_op").desc(nulls_last=True), "-id"]
        verbose_name = "gesprek"
        verbose_name_plural = "gesprekken"
        indexes = [
            # The inbox (newest first) and its two counters read index ranges of one bestuur, not its rows.
            models.Index(
                models.F("bestuur"),
                models.F("laatste_bericht_op").desc(nulls_last=True),
                models.F("id").desc(),
                name="gesprek_inbox_idx",
            ),
            models.Index(
                fields=["bestuur"],
                condition=models.Q(gelezen_door_bestuur=False),
                name="gesprek_ongelezen_idx",
            ),
            models.Index(
                fields=["bestuur", "antwoord_verwacht_tegen"],
                condition=models.Q(antwoord_verwacht_tegen__isnull=False),
                name="gesprek_termijn_idx",
            ),
        ]

    def __str__(self):
        return f"{self.dossiernummer} – {self.betreft}"

    def clean(self):
        if self.melding_id and self.bestuur_id and self.melding.bestuur_id != self.bestuur_id:
            raise ValidationError({"melding": "Deze melding hoort niet bij het gekozen bestuur."})

    @property
    def wacht_op_antwoord(self):
        return self.antwoord_verwacht_tegen is not None

    def is_te_laat(self, today=None):
        return self.antwoord_verwacht_tegen is not None and self.antwoord_verwacht_tegen < (
            today or vandaag()
        )

    @property
    def te_laat(self):
        return self.is_te_laat()

    @property
    def laatste_afzender_naam(self):
        if self.laatste_bericht_van == Partij.ABB:
            return ABB_NAAM
        if self.laatste_bericht_van == Partij.BESTUUR:
            return self.bestuur.volledige_naam
        return ""


class BerichtQuerySet(BestuurScopedQuerySet):
    bestuur_field = "gesprek__bestuur"


class Bericht(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="berichten")
    van = models.CharField(max_length=10, choices=Partij.choices)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    auteur_naam = models.CharField("auteur", max_length=255, blank=True)
    verzonden_op = models.DateTimeField(default=timezone.now, db_index=True)
    inhoud = models.TextField()

    objects = BerichtQuerySet.as_manager()

    class Meta:
        ordering = ["verzonden_op", "id"]
        verbose_name = "bericht"
        verbose_name_plural = "berichten"

    def __str__(self):
        return f"Bericht van {self.van_naam} op {timezone.localtime(self.verzonden_op):%d-%m-%Y %H:%M}"

    @property
    def van_naam(self):
        return ABB_NAAM if self.van == Partij.ABB else self.gesprek.bestuur.volledige_naam

    @property
    def naar_naam(self):
        return self.gesprek.bestuur.volledige_naam if self.van == Partij.ABB else ABB_NAAM


class BerichtBijlageQuerySet(BestuurScopedQuerySet):
    bestuur_field = "bericht__gesprek__bestuur"

    def verzonden(self):
        """Attachments of messages that were sent (not uploads kept after a refused reply)."""
        return self.filter(bericht__isnull=False)


class BerichtBijlage(StoredFile):
    UPLOAD_PREFIX = "berichten"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Uploads kept after a refused form are loket.BewaardeUpload rows until the message is sent (loket.files).
    bericht = models.ForeignKey(Bericht, on_delete=models.CASCADE, related_name="bijlagen")

    objects = BerichtBijlageQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"


def validate_adressen(adressen):
    """Each address valid; a Dutch error naming every wrong one."""
    if not isinstance(adressen, list):
        raise ValidationError("Ongeldige lijst van e-mailadressen.")
    fout = []
    for adres in adressen:
        try:
            validate_email(adres)
        except ValidationError:
            fout.append(adres)
    if fout:
        raise ValidationError(
            "Geen geldig e-mailadres: %(adressen)s.", params={"adressen": ", ".join(f"«{a}»" for a in fout)}
        )


class MailConfiguratieQuerySet(BestuurScopedQuerySet):
    pass


class MailConfiguratie(models.Model):
    """'Configureer berichtencentrum': whether and where a bestuur receives a mail for each new ABB message."""

    bestuur = models.OneToOneField(Bestuurseenheid, on_delete=models.CASCADE, related_name="berichten_mail")
    ontvang_mails = models.BooleanField("Ontvang mails bij nieuwe berichten", default=False)
    adressen = models.JSONField("e-mailadressen", default=list, blank=True, validators=[validate_adressen])
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = MailConfiguratieQuerySet.as_manager()

    class Meta:
        verbose_name = "mailconfiguratie berichtencentrum"
        verbose_name_plural = "mailconfiguraties berichtencentrum"

    def __str__(self):
        return f"Mailconfiguratie {self.bestuur}"

    def clean(self):
        if self.ontvang_mails and not self.adressen:
            raise ValidationError({"adressen": "Geef minstens één e-mailadres op om mails te ontvangen."})

    @property
    def actieve_adressen(self):
        return list(dict.fromkeys(a.lower() for a in self.adressen)) if self.ontvang_mails else []


class MailVerzendingQuerySet(BestuurScopedQuerySet):
    bestuur_field = "bericht__gesprek__bestuur"


class MailVerzending(models.Model):
    """One notification mail for one message to one address: exists (with verzonden_op) once it was sent."""

    bericht = models.ForeignKey(Bericht, on_delete=models.CASCADE, related_name="mails")
    adres = models.EmailField(max_length=254)
    verzonden_op = models.DateTimeField(null=True, blank=True)

    objects = MailVerzendingQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bericht", "adres"], name="berichten_mail_eenmaal")]
        verbose_name = "verstuurde mail"
        verbose_name_plural = "verstuurde mails"

    def __str__(self):
        return f"{self.adres} ({self.bericht_id})"
