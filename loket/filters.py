"""Shared list filters (django-filter): the bestuur search field; the audit trail search for ABB beheerders."""

import django_filters
from django import forms
from django.db.models import Q

from .models import AuditEvent


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


class AuditFilter(django_filters.FilterSet):
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
    )
    tot = django_filters.DateFilter(
        label="Tot en met",
        field_name="tijdstip",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"class": "au-c-input", "type": "date"}, format="%Y-%m-%d"),
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
