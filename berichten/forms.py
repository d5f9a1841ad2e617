import re

from django import forms
from django.core.exceptions import ValidationError

from loket.models import Bestuurseenheid, BewaardeUpload
from loket.uploads import UploadField
from toezicht.models import Melding

from .models import TypeCommunicatie, validate_adressen

BIJLAGE_VERPLICHT = "Voeg minstens één bijlage toe: uw antwoord hoort als bijlage bij het bericht."
TEKST_VERPLICHT = "Geef een tekst voor uw bericht."
MAX_ADRESSEN = 10


class BijlagenField(UploadField):
    """Several files, each validated by content. Whether at least one is needed is decided by the form:
    uploads kept from an earlier, refused attempt count too. (`required` stays, for the Verplicht label.)"""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("multiple", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        required, self.required = self.required, False
        try:
            return super().clean(data, initial)
        finally:
            self.required = required


class BewaardeBijlagenMixin:
    """Adds `bewaarde_bijlagen`: kept uploads (checkboxes) of the person, for this form (see views)."""

    def _voeg_bewaarde_toe(self, bewaard):
        self.fields["bewaarde_bijlagen"] = forms.ModelMultipleChoiceField(
            queryset=bewaard, to_field_name="uuid", required=False, widget=forms.MultipleHiddenInput
        )

    def _controleer_bijlagen(self, data):
        field = self.fields["bijlagen"]
        if field.required and not data.get("bijlagen") and not data.get("bewaarde_bijlagen"):
            if "bijlagen" not in self.errors:
                self.add_error("bijlagen", field.error_messages["required"])


def _textarea():
    return forms.Textarea(attrs={"class": "au-c-textarea au-c-textarea--block", "rows": 6})


class AntwoordForm(BewaardeBijlagenMixin, forms.Form):
    """A bestuur's answer: text and at least one attachment (ABB's: text, attachments optional)."""

    inhoud = forms.CharField(
        label="Uw bericht", widget=_textarea(), max_length=10000, error_messages={"required": TEKST_VERPLICHT}
    )
    bijlagen = BijlagenField(
        label="Bijlagen",
        required=True,
        help_text="Uw antwoord als bijlage, bijvoorbeeld een PDF. U kunt meerdere bestanden tegelijk kiezen.",
        error_messages={"required": BIJLAGE_VERPLICHT},
    )

    def __init__(self, *args, bijlage_verplicht=True, bewaard=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._voeg_bewaarde_toe(bewaard if bewaard is not None else BewaardeUpload.objects.none())
        self.fields["bijlagen"].required = bijlage_verplicht
        if not bijlage_verplicht:
            self.fields["bijlagen"].help_text = "Optioneel. U kunt meerdere bestanden tegelijk kiezen."
        self.fields["bijlagen"].widget.attrs.update({"class": "au-c-input loket-upload"})

    def clean(self):
        data = super().clean()
        self._controleer_bijlagen(data)
        return data


class NieuwGesprekForm(BewaardeBijlagenMixin, forms.Form):
    """ABB starts a conversation with a bestuur."""

    bestuur = forms.ModelChoiceField(
        label="Bestuur",
        queryset=Bestuurseenheid.objects.none(),
        empty_label="Kies een bestuur",
        widget=forms.Select(attrs={"class": "au-c-input", "data-zoekbaar": ""}),
    )
    type_communicatie = forms.ChoiceField(
        label="Type communicatie",
        choices=[("", "Kies een type")] + TypeCommunicatie.choices,
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )
    betreft = forms.CharField(
        label="Betreft", max_length=255, widget=forms.TextInput(attrs={"class": "au-c-input"})
    )
    dossiernummer = forms.CharField(
        label="Dossiernummer",
        max_length=100,
        widget=forms.TextInput(attrs={"class": "au-c-input"}),
        help_text="Bijvoorbeeld KLACHT2026.000053 of het nummer van het toezichtsdossier.",
    )
    reactietermijn_dagen = forms.IntegerField(
        label="Reactietermijn (dagen)",
        required=False,
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"class": "au-c-input au-c-input--small"}),
        help_text="Binnen hoeveel kalenderdagen moet het bestuur antwoorden? Verplicht voor een opvraging.",
        error_messages={
            "min_value": "De reactietermijn is minstens 1 dag.",
            "max_value": "De reactietermijn is hoogstens 365 dagen.",
            "invalid": "Geef een aantal dagen op.",
        },
    )
    inhoud = forms.CharField(
        label="Bericht", widget=_textarea(), max_length=10000, error_messages={"required": TEKST_VERPLICHT}
    )
    bijlagen = BijlagenField(
        label="Bijlagen",
        required=False,
        help_text="Optioneel, bijvoorbeeld de toezichtsbeslissing als PDF.",
    )

    melding = forms.ModelChoiceField(
        queryset=Melding.objects.verstuurd(),
        to_field_name="uuid",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Deze toezicht melding bestaat niet of is nog niet verstuurd."},
    )

    def __init__(self, *args, bewaard=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._voeg_bewaarde_toe(bewaard if bewaard is not None else BewaardeUpload.objects.none())
        self.fields["bestuur"].queryset = (
            Bestuurseenheid.objects.actief()
            .exclude(classificatie__label="Agentschap Binnenlands Bestuur")
            .select_related("classificatie")
            .order_by("naam", "classificatie__label")
        )
        self.fields["bestuur"].label_from_instance = lambda b: f"{b.naam} ({b.classificatie.label})"
        self.fields["bijlagen"].widget.attrs.update({"class": "au-c-input loket-upload"})

    def clean(self):
        data = super().clean()
        if data.get("type_communicatie") == TypeCommunicatie.OPVRAGING and not data.get(
            "reactietermijn_dagen"
        ):
            if "reactietermijn_dagen" not in self.errors:
                self.add_error("reactietermijn_dagen", "Geef een reactietermijn op voor een opvraging.")
        melding, bestuur = data.get("melding"), data.get("bestuur")
        if melding and bestuur and melding.bestuur_id != bestuur.pk:
            self.add_error(
                "bestuur",
                f"De toezicht melding hoort bij {melding.bestuur.volledige_naam}: kies dat bestuur.",
            )
        return data


class MailConfiguratieForm(forms.Form):
    ontvang_mails = forms.BooleanField(
        label="Ontvang mails bij nieuwe berichten",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "au-c-control__input"}),
    )
    adressen = forms.CharField(
        label="E-mailadressen",
        required=False,
        widget=forms.Textarea(attrs={"class": "au-c-textarea", "rows": 3, "autocomplete": "email"}),
        help_text="Eén of meer adressen, elk op een eigen regel of gescheiden door komma's. Bijvoorbeeld secretariaat@aalst.be",
    )

    def clean_adressen(self):
        adressen = [a.strip() for a in re.split(r"[\s,;]+", self.cleaned_data["adressen"]) if a.strip()]
        adressen = list(dict.fromkeys(adressen))
        if len(adressen) > MAX_ADRESSEN:
            raise ValidationError(f"Geef hoogstens {MAX_ADRESSEN} e-mailadressen op.")
        try:
            validate_adressen(adressen)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return adressen

    def clean(self):
        data = super().clean()
        if data.get("ontvang_mails") and not data.get("adressen") and "adressen" not in self.errors:
            self.add_error("adressen", "Geef minstens één e-mailadres op om mails te ontvangen.")
        return data
