from django import forms

from .models import Inzending, Leverancier


class LeverancierForm(forms.ModelForm):
    class Meta:
        model = Leverancier
        fields = ["naam", "uri", "actief"]
        widgets = {
            "naam": forms.TextInput(attrs={"class": "au-c-input"}),
            "uri": forms.URLInput(attrs={"class": "au-c-input"}),
        }
        help_texts = {
            "uri": "De URI waarmee de leverancier zich aanmeldt (publisher.uri), bv. "
            "http://data.lblod.info/vendors/….",
            "actief": "Een niet-actieve leverancier kan geen meldingen meer versturen.",
        }
        error_messages = {
            "naam": {"required": "Dit veld is verplicht."},
            "uri": {
                "required": "Dit veld is verplicht.",
                "invalid": "Geef een geldige URI op, beginnend met http:// of https://.",
                "unique": "Er bestaat al een leverancier met deze URI.",
            },
        }


class NieuweLeverancierForm(LeverancierForm):
    class Meta(LeverancierForm.Meta):
        fields = ["naam", "uri"]


class BestuurZoekForm(forms.Form):
    q = forms.CharField(
        label="Zoek een bestuur",
        help_text="Naam van het bestuur, bv. Aalst.",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "au-c-input", "type": "search"}),
    )


class VerwerkingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status verwerking",
        required=False,
        choices=[("", "Alle"), *Inzending.Status.choices],
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )
