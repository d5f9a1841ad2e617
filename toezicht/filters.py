"""Lists filter and sort with django-filter; every filter and the sort live in the URL."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.safestring import mark_safe

from loket.cache import OokInProces
from loket.filters import BestuurZoekFilter, DagFilter, LijstFilterSet, SorteerFilter, datum_filter
from loket.lijsten import select_html
from loket.models import Bestuursorgaan, Classificatie, Provincie
from loket.referentie import per_release
from loket.search import text_search

from . import reference
from .models import BesluitType, Melding

# The ABB queue's filter choices (besturen and types that sent something) are read from the whole table: cached
# for a few minutes, so the page's cost does not grow with the number of meldingen (docs/performance.md).
KEUZES_CACHE_SECONDEN = 300


class SnelleSelect(forms.Select):
    """A <select> with the same HTML as Django's, rendered in Python (loket.lijsten.select_html) instead of one
    template per option.

    The ABB queue offers ~2,000 besturen: through the option template that was most of the page's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(select_html(self, name, value, attrs or {}))  # noqa: S308 (every value is escaped)


SELECT = SnelleSelect(attrs={"class": "au-c-input"})


class _MeldingPeriodes(LijstFilterSet):
    """The date ranges every melding list offers (after the list's own filters in the bar)."""

    zitting_van = datum_filter("Datum zitting vanaf", "datum_zitting", "gte")
    zitting_tot = datum_filter("Datum zitting tot en met", "datum_zitting", "lte")
    verstuurd_van = DagFilter("Verstuurd vanaf", "verstuurd_op", "gte")
    verstuurd_tot = DagFilter("Verstuurd tot en met", "verstuurd_op", "lte")


@per_release
def besluittype_keuzes(classificatie_id):
    """The types a bestuur of this classification may ever have sent (any rule, any period), by label."""
    return tuple(
        (t.pk, str(t))
        for t in BesluitType.objects.filter(regels__classificaties=classificatie_id)
        .distinct()
        .order_by("label", "pk")
    )


@per_release
def orgaan_keuzes(bestuur_id):
    return tuple(
        Bestuursorgaan.objects.filter(bestuurseenheid=bestuur_id).order_by("naam").values_list("pk", "naam")
    )


@per_release
def classificatie_keuzes():
    return tuple(Classificatie.objects.order_by("label").values_list("pk", "label"))


class MeldingFilter(_MeldingPeriodes):
    status = django_filters.ChoiceFilter(choices=Melding.Status.choices, empty_label="Alle", widget=SELECT)
    # Choices from reference data kept in memory (loket/referentie.py): no query per page view.
    besluittype = django_filters.ChoiceFilter(
        label="Type dossier", choices=(), empty_label="Alle", widget=SELECT
    )
    beslissingsorgaan = django_filters.ChoiceFilter(
        label="Bestuursorgaan", choices=(), empty_label="Alle", widget=SELECT
    )
    bron = django_filters.ChoiceFilter(
        label="Bron",
        choices=(("manueel", "Manueel"), ("leverancier", "Automatisch bij publicatie (leverancier)")),
        empty_label="Alle",
        method="filter_bron",
        widget=SELECT,
    )
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
        self.filters["besluittype"].extra["choices"] = besluittype_keuzes(bestuur.classificatie_id)
        self.filters["beslissingsorgaan"].extra["choices"] = orgaan_keuzes(bestuur.pk)

    def filter_bron(self, queryset, name, value):
        """Manueel: made by a person; leverancier: posted by a software vendor (POST /melding)."""
        return queryset.filter(leverancier__isnull=value != "leverancier")


_ABB_KEUZES = OokInProces(30)


def _abb_keuzes():
    """The types that were sent at least once, as (id, label) choices; cached a few minutes (and half a minute in
    the process: every view of the queue reads them)."""
    try:
        return _ABB_KEUZES.get_or_set("toezicht:abb-filterkeuzes:v4", _lees_abb_keuzes, KEUZES_CACHE_SECONDEN)
    except Exception:  # the cache is away: read now
        return _lees_abb_keuzes()


def _lees_abb_keuzes():
    # Per type: does a sent melding of it exist (an index probe per type), not a scan of every melding (~2 s at
    # a million).
    verstuurd = Melding.objects.verstuurd().filter(besluittype=OuterRef("pk"))
    types = BesluitType.objects.filter(Exists(verstuurd))
    return {"types": tuple((t.pk, str(t)) for t in types)}  # a tuple: the form class is found by it as it is


# The text search matches what the table shows: "Gemeente Gent" (classification + name), "Belastingreglement Gent"
# (a type or its broader type + name), provincie names; every word must match one of these.
ZOEKVELDEN = [
    "bestuur__naam",
    "bestuur__classificatie__label",
    "provincie",  # the bestuur's (Melding.provincie)
    "besluittype__label",
    "besluittype__broader_label",
]


class AbbMeldingFilter(_MeldingPeriodes):
    q = django_filters.CharFilter(
        label="Zoek op bestuur, soort bestuur, provincie of type",
        method="zoek",
        widget=forms.TextInput(attrs={"class": "au-c-input", "type": "search"}),
    )
    provincie = django_filters.ChoiceFilter(
        label="Provincie",
        field_name="provincie",  # the bestuur's, kept on the melding (no join)
        choices=Provincie.choices,
        empty_label="Alle",
        widget=SELECT,
    )
    bestuur = BestuurZoekFilter()
    classificatie = django_filters.ChoiceFilter(
        label="Soort bestuur",
        field_name="bestuur__classificatie",
        choices=(),
        empty_label="Alle",
        widget=SELECT,
    )
    besluittype = django_filters.ChoiceFilter(
        label="Type dossier", choices=(), empty_label="Alle", widget=SELECT
    )
    review_status = django_filters.ChoiceFilter(
        label="Behandeling", choices=Melding.ReviewStatus.choices, empty_label="Alle", widget=SELECT
    )
    behandelaar = django_filters.ChoiceFilter(
        label="Behandelaar",
        choices=[("mij", "Mijn meldingen"), ("niemand", "Nog niet toegewezen")],
        empty_label="Iedereen",
        method="filter_behandelaar",
        widget=SELECT,
    )
    sorteer = SorteerFilter(
        fields=(
            ("provincie", "provincie"),
            ("bestuur__naam", "bestuur"),
            ("bestuur__classificatie__label", "classificatie"),
            ("besluittype__label", "type"),
            ("datum_zitting", "zitting"),
            ("verstuurd_op", "verstuurd"),
            ("review_status", "behandeling"),
            ("behandelaar__last_name", "behandelaar"),
        )
    )

    class Meta:
        model = Melding
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # As lists, not callables: the form's fields are then made once for the same choices (loket/filters.py).
        self.filters["classificatie"].extra["choices"] = classificatie_keuzes()
        self.filters["besluittype"].extra["choices"] = _abb_keuzes()["types"]

    def zoek(self, queryset, name, value):
        return text_search(queryset, ZOEKVELDEN, value)

    def filter_behandelaar(self, queryset, name, value):
        if value == "mij":
            return queryset.filter(behandelaar=self.request.user) if self.request else queryset.none()
        if value == "niemand":
            return queryset.filter(behandelaar__isnull=True)
        return queryset


def _mar_keuzes():
    return [(code, reference.mar_label(code)) for code in reference.VLABEL_MAR_CODES]


class VlabelFilter(LijstFilterSet):
    """The VLABEL screen: every filter in the URL. The queryset it gets is already limited (selectors)."""

    bestuur = BestuurZoekFilter()
    mar_code = django_filters.MultipleChoiceFilter(
        label="MAR-code", choices=_mar_keuzes, widget=forms.CheckboxSelectMultiple
    )
    verstuurd_van = DagFilter("Verstuurd vanaf", "verstuurd_op", "gte")
    verstuurd_tot = DagFilter("Verstuurd tot en met", "verstuurd_op", "lte")
    zitting_van = datum_filter("Zitting/besluit vanaf", "datum_zitting", "gte")
    zitting_tot = datum_filter("Zitting/besluit tot en met", "datum_zitting", "lte")
    vanaf_van = datum_filter("Geldt vanaf: van", "belasting_vanaf", "gte")
    vanaf_tot = datum_filter("Geldt vanaf: tot en met", "belasting_vanaf", "lte")
    tot_van = datum_filter("Geldt tot: van", "belasting_tot", "gte")
    tot_tot = datum_filter("Geldt tot: tot en met", "belasting_tot", "lte")
    sorteer = SorteerFilter(
        fields=(
            ("bestuur__naam", "bestuur"),
            ("mar_code", "mar"),
            ("datum_zitting", "zitting"),
            ("verstuurd_op", "verstuurd"),
            ("belasting_vanaf", "vanaf"),
            ("belasting_tot", "tot"),
        )
    )

    class Meta:
        model = Melding
        fields = []
