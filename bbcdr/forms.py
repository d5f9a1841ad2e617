from django import forms

from loket.uploads import upload_attrs

from .models import Rapport
from .validators import POLICY, validate_xbrl, validate_xml


class BestandenForm(forms.Form):
    """Upload or replace the XML and/or XBRL file of a concept. Each file is checked by content on its own."""

    xml = forms.FileField(
        label="Kies het XML-bestand",
        required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xml,text/xml,application/xml", "class": "au-c-input"}
        ),
    )
    xbrl = forms.FileField(
        label="Kies het XBRL-bestand",
        required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xbrl,.xml,application/xml", "class": "au-c-input"}
        ),
    )

    def __init__(self, *args, rapport=None, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in ("xml", "xbrl"):
            self.fields[naam].widget.attrs.update(upload_attrs(POLICY))
        if rapport is not None:
            if rapport.xml is not None:
                self.fields["xml"].label = "Vervang het XML-bestand"
            if rapport.xbrl is not None:
                self.fields["xbrl"].label = "Vervang het XBRL-bestand"

    def clean_xml(self):
        f = self.cleaned_data.get("xml")
        if f:
            validate_xml(f)
        return f

    def clean_xbrl(self):
        f = self.cleaned_data.get("xbrl")
        if f:
            validate_xbrl(f)
        return f

    def bestanden(self):
        """The files that passed their checks, by kind (a valid file is kept even if the other one failed)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            soort: cleaned[soort]
            for soort in ("xml", "xbrl")
            if cleaned.get(soort) and soort not in self.errors
        }


class FeedbackForm(forms.Form):
    status = forms.ChoiceField(
        label="Beoordeling",
        choices=[(Rapport.Status.OPMERKING, "Opmerking"), (Rapport.Status.GOEDGEKEURD, "Goedgekeurd")],
        widget=forms.RadioSelect(attrs={"class": "au-c-control__input"}),
    )
    opmerking = forms.CharField(
        label="Opmerking voor het bestuur",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "au-c-textarea"}),
        help_text="Het bestuur ziet deze opmerking bij het rapport. Verplicht bij 'Opmerking'.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Rapport.Status.OPMERKING and not (cleaned.get("opmerking") or "").strip():
            self.add_error("opmerking", "Geef een opmerking voor het bestuur.")
        return cleaned
