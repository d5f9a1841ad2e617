import django_filters
from django import forms

from loket.filters import LijstFilterSet
from loket.models import Bestuurseenheid, Provincie

from .models import Rapport

SELECT = {"class": "au-c-select"}


class RapportFilter(LijstFilterSet):
    """Bestuur side: the reports of the active bestuur."""

    status = django_filters.ChoiceFilter(
        label="Status",
        choices=Rapport.Status.choices,
        empty_label="Alle statussen",
        widget=forms.Select(attrs=SELECT),
    )

    class Meta:
        model = Rapport
        fields = ["status"]


class AbbRapportFilter(LijstFilterSet):
    """ABB side: sent reports of every bestuur."""

    gedeelde_velden = False  # its bestuur and jaar fields get their choices after the form is made (below)

    bestuur = django_filters.ModelChoiceFilter(
        label="Bestuur",
        queryset=Bestuurseenheid.objects.none(),
        empty_label="Alle besturen",
        widget=forms.Select(attrs=SELECT),
    )
    provincie = django_filters.ChoiceFilter(
        label="Provincie",
        field_name="bestuur__provincie",
        choices=Provincie.choices,
        empty_label="Alle provincies",
        widget=forms.Select(attrs=SELECT),
    )
    jaar = django_filters.ChoiceFilter(
        label="Jaar van verzending",
        field_name="verstuurd_op__year",
        choices=[],
        empty_label="Alle jaren",
        widget=forms.Select(attrs=SELECT),
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[c for c in Rapport.Status.choices if c[0] != Rapport.Status.CONCEPT],
        empty_label="Alle statussen",
        widget=forms.Select(attrs=SELECT),
    )

    class Meta:
        model = Rapport
        fields = ["bestuur", "provincie", "jaar", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        verstuurd = Rapport.objects.verstuurd()
        self.filters["bestuur"].queryset = Bestuurseenheid.objects.filter(
            pk__in=verstuurd.values("bestuur")
        ).select_related("classificatie")
        self.form.fields["bestuur"].queryset = self.filters["bestuur"].queryset
        self.form.fields["bestuur"].label_from_instance = lambda b: b.volledige_naam
        jaren = sorted({d.year for d in verstuurd.dates("verstuurd_op", "year")}, reverse=True)
        self.form.fields["jaar"].choices = [("", "Alle jaren")] + [(str(j), str(j)) for j in jaren]
