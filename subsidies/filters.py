"""Filters of the dossier lists (django-filter): everything in the URL. Choices come from reference data kept in
process memory (loket/referentie.py), so a list page reads no codelist per request."""

import django_filters
from django import forms

from loket.filters import DATUM_FORMATEN, BestuurZoekFilter, LijstFilterSet
from loket.models import Classificatie
from loket.referentie import per_release

from .models import Aanvraag, AanvraagStatus, Maatregel

SELECT = forms.Select(attrs={"class": "au-c-input"})


@per_release
def maatregel_keuzes():
    return tuple(Maatregel.objects.order_by("titel").values_list("uuid", "titel"))


@per_release
def classificatie_keuzes():
    return tuple(Classificatie.objects.order_by("label").values_list("uuid", "label"))


class AanvraagFilter(LijstFilterSet):
    """Bestuur side: 'Lopende subsidiedossiers' (Subsidie, Status, Datum as in SubsidiePunt's filter form)."""

    maatregel = django_filters.ChoiceFilter(
        label="Subsidie",
        field_name="maatregel__uuid",
        choices=maatregel_keuzes,
        empty_label="Alle subsidies",
        widget=SELECT,
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=AanvraagStatus.choices, empty_label="Alle statussen", widget=SELECT
    )
    datum = django_filters.DateFilter(
        label="Laatst bewerkt op",
        field_name="gewijzigd_op",
        lookup_expr="date",
        widget=forms.DateInput(attrs={"class": "au-c-input", "type": "date"}, format="%Y-%m-%d"),
        input_formats=DATUM_FORMATEN,
    )

    class Meta:
        model = Aanvraag
        fields = []


class AbbAanvraagFilter(AanvraagFilter):
    """ABB side: 'Subsidie aanvragen' (the Subsidiedatabank also filters on type organisatie and organisatie)."""

    classificatie = django_filters.ChoiceFilter(
        label="Type organisatie",
        field_name="bestuur__classificatie__uuid",
        choices=classificatie_keuzes,
        empty_label="Alle types",
        widget=SELECT,
    )
    bestuur = BestuurZoekFilter(label="Organisatie")
