"""Filters of the dossier lists (django-filter): everything in the URL."""

import django_filters
from django import forms
from django.db.models import Q

from loket.models import Classificatie

from .models import Aanvraag, AanvraagStatus, Maatregel


def _maatregelen(request):
    return Maatregel.objects.order_by("titel")


class AanvraagFilter(django_filters.FilterSet):
    """Bestuur side: 'Lopende subsidiedossiers' (Subsidie, Status, Datum aanvraag as in SubsidiePunt)."""

    maatregel = django_filters.ModelChoiceFilter(
        label="Subsidie",
        queryset=_maatregelen,
        to_field_name="uuid",
        empty_label="Alle subsidiemaatregelen",
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=AanvraagStatus.choices,
        empty_label="Alle statussen",
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )
    datum = django_filters.DateFilter(
        label="Laatst bewerkt op",
        field_name="gewijzigd_op",
        lookup_expr="date",
        widget=forms.DateInput(attrs={"class": "au-c-input", "type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Aanvraag
        fields = []


class AbbAanvraagFilter(AanvraagFilter):
    """ABB side: 'Subsidie aanvragen' (Subsidiedatabank: also type organisatie and organisatie)."""

    classificatie = django_filters.ModelChoiceFilter(
        label="Type organisatie",
        field_name="bestuur__classificatie",
        queryset=Classificatie.objects.order_by("label"),
        to_field_name="uuid",
        empty_label="Alle types",
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )
    bestuur = django_filters.CharFilter(
        label="Organisatie",
        method="filter_bestuur",
        widget=forms.TextInput(attrs={"class": "au-c-input", "type": "search"}),
    )

    def filter_bestuur(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= Q(bestuur__naam__icontains=word)
        return queryset.filter(query)
