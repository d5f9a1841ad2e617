"""Shared list filters (django-filter): the base FilterSet of the lists, date and sort filters, the bestuur search
field; the audit trail search for ABB beheerders."""

import threading
from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.formats import get_format
from django.utils.functional import Promise

from .models import AuditEvent

DATUM = forms.DateInput(attrs={"type": "date", "class": "au-c-input"}, format="%Y-%m-%d")


class _IsoEerst:
    """A date filter's input formats: ISO first (what a date input sends), then the site's (dd-mm-jjjj, …, typed
    where the browser shows a text field). Django tries the localised ones first, each failing one costs ~10 µs."""

    def __iter__(self):
        yield "%Y-%m-%d"
        yield from get_format("DATE_INPUT_FORMATS")


DATUM_FORMATEN = _IsoEerst()


def datum_filter(label, field_name, lookup_expr):
    """A date bound on a date field ("vanaf": gte, "tot en met": lte)."""
    return django_filters.DateFilter(
        label=label,
        field_name=field_name,
        lookup_expr=lookup_expr,
        widget=DATUM,
        input_formats=DATUM_FORMATEN,
    )


class DagFilter(django_filters.DateFilter):
    """A day (Europe/Brussels) as a bound on a timestamp: from local midnight ("gte"), or up to the next local
    midnight ("lte"). An index on the timestamp applies and PostgreSQL estimates the rows well, unlike a filter on
    the date of the timestamp."""

    def __init__(self, label, field_name, lookup_expr):
        super().__init__(
            label=label,
            field_name=field_name,
            lookup_expr=lookup_expr,
            widget=DATUM,
            input_formats=DATUM_FORMATEN,
        )

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        if self.lookup_expr == "gte":
            return qs.filter(**{f"{self.field_name}__gte": self.grens(value)})
        return qs.filter(**{f"{self.field_name}__lt": self.grens(value)})

    def grens(self, dag):
        """The moment the day bounds the timestamp at: its local midnight ("gte"), the next one ("lte")."""
        return _middernacht(dag if self.lookup_expr == "gte" else dag + timedelta(days=1))

    def dag(self, grens):
        """The day whose bound `grens` is (grens's inverse, for a local midnight)."""
        return (grens if self.lookup_expr == "gte" else grens - timedelta(days=1)).date()


def _middernacht(dag):
    return timezone.make_aware(datetime.combine(dag, time.min))


class SorteerFilter(django_filters.OrderingFilter):
    """Sorting through the `sorteer` parameter; a hidden field (the column headers are the links:
    `{% sorteer_kop %}`). Ties are broken by id, so pages never repeat or skip a row."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "-id") if value else qs


def _filter_kopie(flt):
    """A filter for one request: its own object and its own `extra` (where a list sets its choices or queryset per
    bestuur), sharing the rest (labels, widgets: a form field copies its widget) with the class's filter."""
    # copy.copy without its __reduce_ex__ round: a filter keeps its state in its __dict__
    kopie = object.__new__(type(flt))
    kopie.__dict__.update(flt.__dict__)
    kopie.extra = dict(flt.extra)
    kopie.__dict__.pop("_field", None)
    if getattr(flt, "_method", None) is not None:
        kopie.method = flt.method  # a `method=` filter calls through an object bound to its own filter
    return kopie


class _FiltersPerAanvraag(dict):
    """django-filter deep-copies every filter of the class for each request (with its widgets, choices and
    querysets); what a request changes is the filter's own attributes and its `extra`, so that is what is copied."""

    def __deepcopy__(self, memo):
        return {naam: _filter_kopie(flt) for naam, flt in self.items()}


class _VeldenPerAanvraag:
    """The filter form's fields are made for this request by the FilterSet (each with its own widget), so the form
    uses them as they are instead of deep-copying them once more, as Django's forms do with class fields."""

    def __init__(self, *args, **kwargs):
        velden = self.base_fields
        self.base_fields = {}
        try:
            super().__init__(*args, **kwargs)
        finally:
            del self.base_fields
        self.fields = dict(velden)

    def full_clean(self):
        """Django's, its outcome (cleaned values, errors) kept for a shared form class (fixed choices) and the same
        query values, as the filter bar is: a list paged or viewed again validates its filters once. Each form gets
        its own copies."""
        sleutel = waarden_sleutel(self)
        bewaard = _GEVALIDEERD.get(sleutel) if sleutel is not None else None
        if bewaard is not None:
            fouten, schoon = bewaard
            self._errors = ErrorDict({k: v.copy() for k, v in fouten.items()}, renderer=self.renderer)
            self.cleaned_data = dict(schoon)
            return
        super().full_clean()
        if sleutel is not None and hasattr(self, "cleaned_data"):
            _GEVALIDEERD[sleutel] = ({k: v.copy() for k, v in self._errors.items()}, dict(self.cleaned_data))
            if len(_GEVALIDEERD) > _GEVALIDEERD_MAX:
                with _FORMULIEREN_LOCK:
                    for oud in list(_GEVALIDEERD)[: len(_GEVALIDEERD) - _GEVALIDEERD_MAX]:
                        _GEVALIDEERD.pop(oud, None)


_GEVALIDEERD = {}  # waarden_sleutel(form): (errors, cleaned data)
_GEVALIDEERD_MAX = 512


def waarden_sleutel(form):
    """A shared filter form class (fixed choices: `loket_gedeeld`) and every value of its query but the page (and
    its cursor): what decides its outcome and its HTML. None for any other form."""
    if not getattr(type(form), "loket_gedeeld", False):
        return None
    if not form.is_bound:
        return (type(form), form.prefix, None)
    data = form.data
    paren = data.lists() if hasattr(data, "lists") else data.items()
    try:
        waarden = tuple(
            sorted(
                (k, tuple(v) if isinstance(v, list | tuple) else v)
                for k, v in paren
                if k not in ("page", "na")
            )
        )
        hash(waarden)
    except TypeError:
        return None
    return (type(form), form.prefix, waarden)


_GEEN = object()
_FORMULIEREN = {}  # (FilterSet class, choices it was given): its form class, oldest first
_FORMULIEREN_MAX = 1024  # e.g. a bestuur's list per bestuur; each holds references to shared choices
_FORMULIEREN_LOCK = threading.Lock()


def _bevries(waarde):
    """Choices as a hashable value: (value, label) pairs (a list or tuple of them, also grouped), text or a number;
    _GEEN for anything else (a queryset, an object made per request)."""
    if isinstance(waarde, list):
        waarde = tuple(tuple(w) if isinstance(w, list) else w for w in waarde)
    elif not isinstance(waarde, (tuple, str, int, float, Promise)) and waarde is not None:
        return _GEEN
    try:
        hash(waarde)
    except TypeError:
        return _GEEN
    return waarde


def _vaste_keuzes(veld):
    """Whether a form field's choices, if it has any, are a fixed list (or django-filter's iterator over one)."""
    keuzes = getattr(veld.widget, "choices", None)
    if keuzes is None:
        return True
    bron = getattr(keuzes, "choices", None) if isinstance(keuzes, BaseChoiceIterator) else keuzes
    return isinstance(bron, list | tuple)


class LijstFilterSet(django_filters.FilterSet):
    """The base of every list's FilterSet. Filters a base class shares (e.g. the date ranges of a module's lists)
    come after the list's own filters in the filter bar, and the sort (a hidden field) last. Built cheaply per
    request (docs/performance.md): the filters and form fields are copied once, not deep-copied twice."""

    def __init__(self, *args, **kwargs):
        self.base_filters = _FiltersPerAanvraag(type(self).base_filters)
        try:
            super().__init__(*args, **kwargs)
        finally:
            del self.base_filters
        eigen = set(type(self).__dict__.get("declared_filters", {})) - {
            naam for base in type(self).__mro__[1:] for naam in getattr(base, "declared_filters", {})
        }
        volgorde = {naam: (0 if naam in eigen else 1, i) for i, naam in enumerate(self.filters)}
        for naam, flt in self.filters.items():
            if isinstance(flt, django_filters.OrderingFilter):
                volgorde[naam] = (2, 0)
        self.filters = dict(sorted(self.filters.items(), key=lambda kv: volgorde[kv[0]]))

    # Whether the form's fields may be shared between requests with the same choices: False for a FilterSet that
    # changes its form's fields after building it (they would change for every request).
    gedeelde_velden = True

    def get_form_class(self):
        """The form class of these filters: made once per process for the same choices (the filters a list sets per
        bestuur or per release, compared by content) and kept, so its fields, their widgets and their choices are
        made once (Django normalises the choices and copies the widget of every field it makes; a filter bar's
        options are then escaped once, loket.lijsten.select_html). Only bound per request: a form never is."""
        sleutel = self._formulier_sleutel() if self.gedeelde_velden else None
        if sleutel is not None:
            klasse = _FORMULIEREN.get(sleutel)
            if klasse is not None:
                return klasse
        velden = {naam: flt.field for naam, flt in self.filters.items()}
        klasse = type(f"{type(self).__name__}Form", (_VeldenPerAanvraag, self._meta.form), velden)
        if sleutel is not None:
            # With fixed choices only (not a callable read when rendered): the same HTML for the same values
            # (loket.lijsten.filterbalk).
            klasse.loket_gedeeld = all(_vaste_keuzes(veld) for veld in klasse.base_fields.values())
            with _FORMULIEREN_LOCK:
                _FORMULIEREN[sleutel] = klasse
                while len(_FORMULIEREN) > _FORMULIEREN_MAX:
                    del _FORMULIEREN[next(iter(_FORMULIEREN))]
        return klasse

    def _formulier_sleutel(self):
        """What decides the form's fields beyond the class: the filters' extras a request changed (choices set per
        bestuur), by content. None if one is not plain data (a queryset, a callable made per request)."""
        klasse_filters = type(self).base_filters
        anders = []
        for naam, flt in self.filters.items():
            klasse_extra = klasse_filters[naam].extra
            for sleutel, waarde in flt.extra.items():
                if klasse_extra.get(sleutel, _GEEN) is waarde:
                    continue
                bevroren = _bevries(waarde)
                if bevroren is _GEEN:
                    return None
                anders.append((naam, sleutel, bevroren))
        return (type(self), tuple(anders))


class BestuurZoekFilter(django_filters.CharFilter):
    """A bestuur as a search field instead of a <select> of ~2,000 options: the words typed must all match the
    bestuur's name, classification or provincie ("Gemeente Gent", "gent oost"); a suggestion list of at most 20
    besturen is filled as the user types (static/js/loket.js, /besturen/zoek/). Without JavaScript it is a text
    search. A number is a bestuur's id (saved searches and links from before)."""

    def __init__(self, *args, veld="bestuur", **kwargs):
        self.veld = veld
        kwargs.setdefault("label", "Bestuur")
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "class": "au-c-input",
                    "type": "search",
                    "autocomplete": "off",
                    "data-bestuur-zoek": "1",
                }
            ),
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        from .referentie import zoek_besturen

        value = (value or "").strip()
        if not value:
            return qs
        if value.isdigit():
            return qs.filter(**{f"{self.veld}_id": int(value)})
        return qs.filter(**{f"{self.veld}_id__in": [pk for pk, _label in zoek_besturen(value)]})


def _acties():
    from .audit import actie_label

    acties = AuditEvent.objects.order_by("actie").values_list("actie", flat=True).distinct()
    return sorted(((a, "{} ({})".format(*actie_label(a))) for a in acties), key=lambda keuze: keuze[1])


class AuditFilter(LijstFilterSet):
    bestuur = django_filters.CharFilter(
        label="Bestuur",
        method="filter_bestuur",
        widget=forms.TextInput(attrs={"class": "au-c-input", "type": "search"}),
    )
    gebruiker = django_filters.CharFilter(
        label="Gebruiker",
        method="filter_gebruiker",
        widget=forms.TextInput(attrs={"class": "au-c-input", "type": "search"}),
    )
    actie = django_filters.ChoiceFilter(
        label="Actie",
        choices=_acties,
        empty_label="Alle acties",
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )
    van = django_filters.DateFilter(
        label="Van",
        field_name="tijdstip",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"class": "au-c-input", "type": "date"}, format="%Y-%m-%d"),
        input_formats=DATUM_FORMATEN,
    )
    tot = django_filters.DateFilter(
        label="Tot en met",
        field_name="tijdstip",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"class": "au-c-input", "type": "date"}, format="%Y-%m-%d"),
        input_formats=DATUM_FORMATEN,
    )
    object = django_filters.CharFilter(
        label="Object",
        method="filter_object",
        help_text="De uuid van het object (op elke pagina ervan), een id of een soort, bijvoorbeeld toezicht.melding",
        widget=forms.TextInput(attrs={"class": "au-c-input"}),
    )
    impersonatie = django_filters.BooleanFilter(
        label="Alleen acties als een bestuur",
        field_name="namens",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.CheckboxInput(attrs={"class": "au-c-control__input"}),
    )

    class Meta:
        model = AuditEvent
        fields = []

    def filter_bestuur(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= Q(bestuur__naam__icontains=word) | Q(bestuur__classificatie__label__icontains=word)
        return queryset.filter(query)

    def filter_gebruiker(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= (
                Q(gebruiker_naam__icontains=word)
                | Q(namens__first_name__icontains=word)
                | Q(namens__last_name__icontains=word)
            )
        return queryset.filter(query)

    def filter_object(self, queryset, name, value):
        """An id, a kind ("toezicht.melding") or the uuid shown on every page of the object."""
        from .audit import objecten_met_uuid

        value = value.strip()
        query = Q(object_id=value) | Q(object_type__icontains=value)
        for soort, pk in objecten_met_uuid(value):
            query |= Q(object_type=soort, object_id=pk)
        return queryset.filter(query)

    def filter_queryset(self, queryset):
        # An unticked checkbox means "all events", not "only events without impersonation".
        if not self.form.cleaned_data.get("impersonatie"):
            self.form.cleaned_data["impersonatie"] = None
        return super().filter_queryset(queryset)
