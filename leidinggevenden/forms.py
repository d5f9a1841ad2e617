from django import forms

from loket import rrn

from .functies import Status
from .models import VOOR_2019_HINT, ContactGegevens


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", attrs={"class": "au-c-input"}, **kwargs)


def _input(**attrs):
    return forms.TextInput(attrs={"class": "au-c-input", **attrs})


class PersoonZoekForm(forms.Form):
    zoek = forms.CharField(
        label="Naam of rijksregisternummer",
        max_length=100,
        required=False,
        widget=_input(type="search", autocomplete="off"),
    )


class PeriodeForm(forms.Form):
    start = forms.DateField(label="Startdatum", widget=DatumInput())
    einde = forms.DateField(label="Einddatum", required=False, widget=DatumInput())
    status = forms.ChoiceField(
        label="Status",
        choices=Status.choices,
        widget=forms.RadioSelect(attrs={"class": "au-c-control__input"}),
    )

    def __init__(self, *args, functie, **kwargs):
        super().__init__(*args, **kwargs)
        self.functie = functie
        self.fields["status"].initial = Status.AANGESTELD
        if functie.enkel_aangesteld:
            self.fields["status"].choices = [(Status.AANGESTELD, Status.AANGESTELD.label)]
            self.fields["status"].initial = Status.AANGESTELD
        self.fields["start"].help_text = VOOR_2019_HINT
        self.fields["einde"].help_text = "Leeg laten zolang de periode loopt. Moet na de startdatum liggen."

    def clean(self):
        data = super().clean()
        start, einde = data.get("start"), data.get("einde")
        if start and einde and einde <= start:
            self.add_error("einde", "De einddatum moet na de startdatum liggen.")
        return data


class NieuwePersoonPeriodeForm(PeriodeForm):
    """A new person and their period in one form, so every error shows at once."""

    voornaam = forms.CharField(label="Voornaam", max_length=150, widget=_input(autocomplete="off"))
    achternaam = forms.CharField(label="Achternaam", max_length=150, widget=_input(autocomplete="off"))
    rijksregisternummer = forms.CharField(
        label="Rijksregisternummer",
        max_length=20,
        help_text="11 cijfers, bijvoorbeeld 85.07.30-033.28. We bewaren het nummer beschermd en tonen het nooit volledig.",
        widget=_input(autocomplete="off", inputmode="numeric"),
    )
    field_order = ["voornaam", "achternaam", "rijksregisternummer", "start", "einde", "status"]

    def clean_rijksregisternummer(self):
        value = self.cleaned_data["rijksregisternummer"]
        rrn.validate(value)
        return rrn.normalize(value)


class BeeindigForm(forms.Form):
    einde = forms.DateField(label="Einddatum", widget=DatumInput(), help_text="Moet na de startdatum liggen.")

    def __init__(self, *args, functionaris, **kwargs):
        super().__init__(*args, **kwargs)
        self.functionaris = functionaris

    def clean_einde(self):
        einde = self.cleaned_data["einde"]
        if einde <= self.functionaris.start:
            raise forms.ValidationError(
                f"De einddatum moet na de startdatum ({self.functionaris.start:%d-%m-%Y}) liggen."
            )
        return einde


class ContactGegevensForm(forms.ModelForm):
    class Meta:
        model = ContactGegevens
        fields = ["email", "telefoon", "straat", "huisnummer", "bus", "postcode", "gemeente"]
        widgets = {
            "email": forms.EmailInput(attrs={"class": "au-c-input", "autocomplete": "off"}),
            "telefoon": _input(type="tel", autocomplete="off"),
            "straat": _input(),
            "huisnummer": _input(),
            "bus": _input(),
            "postcode": _input(inputmode="numeric", maxlength="4"),
            "gemeente": _input(),
        }
        help_texts = {
            "email": "Het algemene werkadres van deze functie, bijvoorbeeld algemeen.directeur@gemeente.be.",
            "telefoon": "Een Belgisch nummer, bijvoorbeeld 053 77 93 00 of +32 53 77 93 00.",
            "postcode": "4 cijfers.",
        }
