from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from loket.models import BewaardeUpload
from loket.uploads import UploadField

from . import reference, selectors, services
from .models import BesluitType, Melding, ToezichtInstelling

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BestandenField(UploadField):
    """Several files; the good ones are known (self.geldig) even when another one is refused, so the view can keep
    them for the next attempt."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, multiple=True, **kwargs)
        self.geldig = []

    def clean(self, data, initial=None):
        self.geldig, fouten = [], []
        for upload in [f for f in (data if isinstance(data, list | tuple) else [data]) if f]:
            try:
                self.geldig.append(self._clean_one(upload, initial))
            except ValidationError as exc:
                fouten.extend(exc.error_list)
        if fouten:
            raise ValidationError(fouten)
        return self.geldig


class LinksField(forms.CharField):
    """One link per line; each must start with http://, https://, ftp:// or sftp://."""

    widget = forms.Textarea(attrs={"rows": 3, "class": "au-c-textarea"})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def validate(self, value):
        fouten = services.link_fouten(value)
        if fouten:
            raise ValidationError(fouten)


class MeldingForm(forms.ModelForm):
    """Every field is optional here: "Bewaar als concept" always saves. services.verzendfouten() decides what a
    melding needs before it can be sent, and the view adds those errors to this form (all at once)."""

    links = LinksField(
        required=False,
        label="Links naar de publicatie",
        help_text="Eén link per regel, beginnend met http://, https://, ftp:// of sftp://.",
    )
    rapportjaar = forms.IntegerField(label="Rapportjaar", min_value=2000, max_value=2100, required=False)
    mar_code = forms.ChoiceField(
        label="MAR-code",
        required=False,
        help_text="De code uit de minimumindeling van het algemeen rekeningenstelsel, bv. 7300.",
    )
    opcentiem = forms.DecimalField(
        label="Opcentiem",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=4,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "au-c-input"}),
        help_text="Het aantal opcentiemen of het bedrag, bv. 7 of 1,5. Laat leeg bij een differentiatie.",
    )
    bestanden = BestandenField(
        required=False,
        label="Bestanden toevoegen",
        help_text="U kunt meerdere bestanden tegelijk kiezen.",
    )

    class Meta:
        model = Melding
        fields = [
            "besluittype",
            "beslissingsorgaan",
            "datum_zitting",
            "datum_publicatie",
            "belasting_soort",
            "mar_code",
            "opcentiem",
            "differentiatie",
            "belasting_vanaf",
            "belasting_tot",
            "rapportjaar",
            "links",
            "opmerking",
        ]
        widgets = {
            "datum_zitting": DATUM,
            "datum_publicatie": DATUM,
            "belasting_vanaf": DATUM,
            "belasting_tot": DATUM,
            "opmerking": forms.Textarea(attrs={"rows": 4, "class": "au-c-textarea"}),
            "differentiatie": forms.CheckboxInput(attrs={"class": "au-c-control__input"}),
        }
        labels = {"belasting_vanaf": "Geldt vanaf", "belasting_tot": "Geldt tot"}
        help_texts = {
            "rapportjaar": "Het boekjaar waarover het document gaat, bv. 2025.",
            "belasting_vanaf": "De datum van inwerkingtreding.",
            "belasting_tot": "De einddatum.",
            "differentiatie": "Aanvinken als het reglement verschillende tarieven of opcentiemen vastlegt.",
        }

    def __init__(self, *args, bestuur, bewaard=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bestuur = bestuur
        # Files kept from an earlier, refused attempt (loket.files.bewaar_uploads): sent back as ticked checkboxes.
        self.fields["bewaarde_bestanden"] = forms.ModelMultipleChoiceField(
            queryset=bewaard if bewaard is not None else BewaardeUpload.objects.none(),
            to_field_name="uuid",
            required=False,
            widget=forms.MultipleHiddenInput,
        )
        huidig = self.instance.besluittype_id
        toegelaten = selectors.besluittypes_voor(bestuur).values("pk")
        self.fields["besluittype"].queryset = BesluitType.objects.filter(
            Q(pk__in=toegelaten) | Q(pk=huidig)
        ).order_by("label")
        self.fields["besluittype"].help_text = "Alleen de types die uw bestuur vandaag kan indienen."
        self.fields["beslissingsorgaan"].queryset = selectors.organen_voor(bestuur)
        self.fields["beslissingsorgaan"].empty_label = "Kies een bestuursorgaan"
        self.fields["besluittype"].empty_label = "Kies een type dossier"
        self.fields["belasting_soort"].choices = [
            ("", "Kies een soort belasting"),
            *Melding.BelastingSoort.choices,
        ]
        self.fields["mar_code"].choices = [("", "Kies een MAR-code")] + [
            (code, f"{code} – {label}") for code, label in reference.mar_codes().items()
        ]
        for naam in services.verplichte_velden(self.gekozen_type, self.gekozen_soort):
            hint = self.fields[naam].help_text
            self.fields[naam].help_text = (
                f"{hint} Nodig om te verzenden." if hint else "Nodig om te verzenden."
            )
        for field in self.fields.values():
            field.required = False
            if isinstance(field.widget, forms.Select | forms.TextInput | forms.NumberInput | forms.DateInput):
                field.widget.attrs.setdefault("class", "au-c-input")

    @property
    def gekozen_type(self):
        """The type as currently chosen in the (possibly unsaved) input, to show the fields that belong to it."""
        if self.is_bound:
            waarde = self.data.get(self.add_prefix("besluittype"))
            try:
                return self.fields["besluittype"].queryset.filter(pk=int(waarde)).first() if waarde else None
            except (TypeError, ValueError):
                return None
        return self.instance.besluittype

    @property
    def gekozen_soort(self):
        if self.is_bound:
            return self.data.get(self.add_prefix("belasting_soort"), "")
        return self.instance.belasting_soort

    def geldige_gegevens(self):
        """The fields that passed validation (the others keep their stored value and show their error)."""
        cleaned = getattr(self, "cleaned_data", {})
        gegevens = {name: cleaned[name] for name in services.BEWERKBARE_VELDEN if name in cleaned}
        if "mar_code" in gegevens and gegevens["mar_code"] is None:
            gegevens["mar_code"] = ""
        return gegevens

    def geldige_bestanden(self):
        return list(self.fields["bestanden"].geldig)

    def bewaarde_bestanden(self):
        return list(getattr(self, "cleaned_data", {}).get("bewaarde_bestanden") or [])

    def voeg_verzendfouten_toe(self, fouten):
        for veld, boodschappen in fouten.items():
            if veld not in self.fields:
                veld = None
            elif self.has_error(veld):
                continue
            for boodschap in boodschappen:
                self.add_error(veld, boodschap)


class AfhandelForm(forms.Form):
    vaste_velden = (
        True  # the same fields for every request: an empty one's HTML made once (loket.jinja.field)
    )

    opmerking = forms.CharField(
        label="Opmerking bij de behandeling",
        help_text="Bv. wie de melding behandelde en eventuele extra informatie.",
        widget=forms.Textarea(attrs={"rows": 3, "class": "au-c-textarea"}),
        max_length=2000,
        error_messages={"required": "Dit veld is verplicht."},
    )
    zichtbaar = forms.BooleanField(
        label="Zichtbaar voor het bestuur",
        required=False,
        help_text="Het bestuur ziet deze opmerking bij de melding. Zonder vinkje blijft ze intern.",
        widget=forms.CheckboxInput(attrs={"class": "au-c-control__input"}),
    )


class BulkAfhandelForm(AfhandelForm):
    """One comment for the selected rows of the ABB queue."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opmerking"].help_text = "Deze opmerking komt bij elke gekozen melding."
        for naam, veld in self.fields.items():
            veld.widget.attrs["id"] = f"bulk-{naam}"


class OngedaanForm(forms.Form):
    vaste_velden = (
        True  # the same fields for every request: an empty one's HTML made once (loket.jinja.field)
    )

    reden = forms.CharField(
        label="Reden",
        help_text="Waarom de melding opnieuw te behandelen is. Wordt bewaard in het auditlogboek.",
        widget=forms.Textarea(attrs={"rows": 2, "class": "au-c-textarea"}),
        max_length=500,
        error_messages={"required": "Dit veld is verplicht."},
    )


class ToewijsForm(forms.Form):
    behandelaar = forms.ModelChoiceField(
        label="Behandelaar",
        queryset=None,
        required=False,
        empty_label="Niemand",
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["behandelaar"].queryset = services.abb_behandelaars()
        self.fields["behandelaar"].label_from_instance = lambda u: u.get_full_name() or u.username


class ZoekOpdrachtForm(forms.Form):
    vaste_velden = (
        True  # the same fields for every request: an empty one's HTML made once (loket.jinja.field)
    )

    naam = forms.CharField(
        label="Naam van de zoekopdracht",
        max_length=100,
        widget=forms.TextInput(attrs={"class": "au-c-input"}),
        error_messages={"required": "Dit veld is verplicht."},
    )


class HeropenForm(forms.Form):
    vaste_velden = (
        True  # the same fields for every request: an empty one's HTML made once (loket.jinja.field)
    )

    reden = forms.CharField(
        label="Reden van heropenen",
        help_text="Wordt bewaard in het auditlogboek.",
        widget=forms.Textarea(attrs={"rows": 2, "class": "au-c-textarea"}),
        max_length=500,
        error_messages={"required": "Dit veld is verplicht."},
    )


class InstellingForm(forms.ModelForm):
    class Meta:
        model = ToezichtInstelling
        fields = ["contact_email"]
        widgets = {"contact_email": forms.EmailInput(attrs={"class": "au-c-input", "autocomplete": "email"})}
