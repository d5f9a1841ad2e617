"""Lists filter and sort with django-filter; every filter and the sort live in the URL."""

import django_filters
from django import forms

from loket.models import Bestuurseenheid, Classificatie, Provincie
from loket.search import text_search

from .models import BesluitType, Melding

DATUM = forms.DateInput(attrs={"type": "date", "class": "au-c-input"}, format="%Y-%m-%d")
SELECT = forms.Select(attrs={"class": "au-c-input"})


def datum_filter(label, field_name, lookup_expr):
    return django_filters.DateFilter(
        label=label, field_name=field_name, lookup_expr=lookup_expr, widget=DATUM
    )


class SorteerFilter(django_filters.OrderingFilter):
    """Sorting through the `sorteer` parameter; a hidden field (the column headers are the links)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "-id") if value else qs


class MeldingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Melding.Status.choices, empty_label="Alle", widget=SELECT)
    besluittype = django_filters.ModelChoiceFilter(
        label="Type dossier", queryset=BesluitType.objects.none(), empty_label="Alle", widget=SELECT
    )
    beslissingsorgaan = django_filters.ModelChoiceFilter(
        label="Bestuursorgaan", queryset=BesluitType.objects.none(), empty_label="Alle", widget=SELECT
    )
    zitting_van = datum_filter("Datum zitting vanaf", "datum_zitting", "gte")
    zitting_tot = datum_filter("Datum zitting tot en met", "datum_zitting", "lte")
    verstuurd_van = datum_filter("Verstuurd vanaf", "verstuurd_op__date", "gte")
    verstuurd_tot = datum_filter("Verstuurd tot en met", "verstuurd_op__date", "lte")
    sorteer = SorteerFilter(
        fields=(
            ("beslissingsorgaan__naam", "orgaan"),
            ("besluittype__label", "type"),
            ("datum_zitting", "zitting"),
            ("verstuurd_op", "verstuurd"),
            ("gewijzigd_door__last_name", "gewijzigd_door"),
            ("gewijzigd_op", "gewijzigd_op"),
            ("status", "status"),
        )
    )

    class Meta:
        model = Melding
        fields = []

    def __init__(self, *args, bestuur, **kwargs):
        super().__init__(*args, **kwargs)
        gebruikt = Melding.objects.for_bestuur(bestuur).actief().values("besluittype")
        self.filters["besluittype"].queryset = BesluitType.objects.filter(pk__in=gebruikt)
        self.filters["beslissingsorgaan"].queryset = bestuur.organen.all()


class AbbMeldingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Zoek op bestuur of type",
        method="zoek",
        widget=forms.TextInput(attrs={"class": "au-c-input", "type": "search"}),
    )
    provincie = django_filters.ChoiceFilter(
        label="Provincie",
        field_name="bestuur__provincie",
        choices=Provincie.choices,
        empty_label="Alle",
        widget=SELECT,
    )
    bestuur = django_filters.ModelChoiceFilter(
        queryset=Bestuurseenheid.objects.none(), empty_label="Alle", widget=SELECT
    )
    classificatie = django_filters.ModelChoiceFilter(
        label="Soort bestuur",
        field_name="bestuur__classificatie",
        queryset=Classificatie.objects.all(),
        empty_label="Alle",
        widget=SELECT,
    )
    besluittype = django_filters.ModelChoiceFilter(
        label="Type dossier", queryset=BesluitType.objects.none(), empty_label="Alle", widget=SELECT
    )
    review_status = django_filters.ChoiceFilter(
        label="Behandeling", choices=Melding.ReviewStatus.choices, empty_label="Alle", widget=SELECT
    )
    zitting_van = datum_filter("Datum zitting vanaf", "datum_zitting", "gte")
    zitting_tot = datum_filter("Datum zitting tot en met", "datum_zitting", "lte")
    verstuurd_van = datum_filter("Verstuurd vanaf", "verstuurd_op__date", "gte")
    verstuurd_tot = datum_filter("Verstuurd tot en met", "verstuurd_op__date", "lte")
    sorteer = SorteerFilter(
        fields=(
            ("bestuur__provincie", "provincie"),
            ("bestuur__naam", "bestuur"),
            ("bestuur__classificatie__label", "classificatie"),
            ("besluittype__label", "type"),
            ("datum_zitting", "zitting"),
            ("verstuurd_op", "verstuurd"),
            ("review_status", "behandeling"),
        )
    )

    class Meta:
        model = Melding
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        verstuurd = Melding.objects.verstuurd()
        self.filters["bestuur"].queryset = Bestuurseenheid.objects.filter(
            pk__in=verstuurd.values("bestuur")
        ).select_related("classificatie")
        self.filters["besluittype"].queryset = BesluitType.objects.filter(
            pk__in=verstuurd.values("besluittype")
        )

    def zoek(self, queryset, name, value):
        return text_search(queryset, ["bestuur__naam", "besluittype__label"], value)
