from django import forms

from .models import Beoordeling


class BeoordelingForm(forms.Form):
    """ABB's judgement of a sent step."""

    beoordeling = forms.ChoiceField(
        label="Beoordeling", choices=Beoordeling.choices, widget=forms.RadioSelect
    )
    bericht = forms.CharField(
        label="Bericht voor het bestuur",
        required=False,
        max_length=5000,
        help_text="Verplicht bij een aanvulling: het bestuur ziet dit bericht bij de stap.",
        widget=forms.Textarea(attrs={"class": "au-c-textarea au-c-textarea--block", "rows": 4}),
    )
