from django import forms

from loket import modules
from loket.access import impersonation_roles


class MockLoginForm(forms.Form):
    voornaam = forms.CharField(max_length=100, initial="Test")
    achternaam = forms.CharField(max_length=100, initial="Gebruiker")
    rollen = forms.MultipleChoiceField(
        label="Rechten",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="De rechten die u in het Vlaamse gebruikersbeheer zou krijgen.",
    )

    def __init__(self, *args, bestuur, **kwargs):
        super().__init__(*args, **kwargs)
        roles = modules.eligible_roles(bestuur)
        self.fields["rollen"].choices = [(r, modules.ROLE_LABELS[r]) for r in roles]
        self.fields["rollen"].initial = [
            r for r in roles if r not in (modules.ADMIN_ROLE, modules.ABB_VLABEL_ROLE)
        ]

    def clean_rollen(self):
        if not self.cleaned_data["rollen"]:
            raise forms.ValidationError("Kies minstens één recht.")
        return self.cleaned_data["rollen"]


class ImpersonatieForm(forms.Form):
    rollen = forms.MultipleChoiceField(
        label="Rechten",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "au-c-control__input"}),
        required=False,
        help_text="U werkt met deze rechten van het bestuur. Beheerders- en ABB-rechten zijn nooit mogelijk.",
    )

    def __init__(self, *args, bestuur, **kwargs):
        super().__init__(*args, **kwargs)
        roles = impersonation_roles(bestuur, modules.eligible_roles(bestuur))
        self.fields["rollen"].choices = [(r, modules.ROLE_LABELS[r]) for r in roles]
        self.fields["rollen"].initial = roles

    def clean_rollen(self):
        if not self.cleaned_data["rollen"]:
            raise forms.ValidationError("Kies minstens één recht.")
        return self.cleaned_data["rollen"]
