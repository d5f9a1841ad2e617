"""Search and filters of the conversation lists (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q

from loket.filters import BestuurZoekFilter, LijstFilterSet
from loket.models import Provincie

from .models import Gesprek, TypeCommunicatie, vandaag


class _Base(LijstFilterSet):
    q = django_filters.CharFilter(
        label="Zoeken",
        method="filter_q",
        widget=forms.TextInput(attrs={"class": "au-c-input", "type": "search"}),
    )
    type_communicatie = django_filters.ChoiceFilter(
        label="Type communicatie",
        choices=TypeCommunicatie.choices,
        empty_label="Alle types",
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )
    dossiernummer = django_filters.CharFilter(
        label="Dossiernummer", lookup_expr="icontains", widget=forms.TextInput(attrs={"class": "au-c-input"})
    )

    class Meta:
        model = Gesprek
        fields = []

    def filter_q(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= (
                Q(betreft__icontains=word)
                | Q(dossiernummer__icontains=word)
                | Q(berichten__inhoud__icontains=word)
            )
        return queryset.filter(query).distinct()


class GesprekFilter(_Base):
    """Bestuur side: search, type, dossiernummer."""


class AbbGesprekFilter(_Base):
    STATUS = [
        ("open", "Wacht op antwoord (binnen termijn)"),
        ("te_laat", "Termijn verstreken"),
        ("alle_open", "Wacht op antwoord (alle)"),
        ("ongelezen", "Nieuw antwoord van bestuur"),
    ]
    bestuur = BestuurZoekFilter()
    provincie = django_filters.ChoiceFilter(
        label="Provincie",
        field_name="bestuur__provincie",
        choices=Provincie.choices,
        empty_label="Alle provincies",
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=STATUS,
        method="filter_status",
        empty_label="Alle",
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the filter bar's order: the search first, the status last
        volgorde = ("q", "bestuur", "provincie", "type_communicatie", "dossiernummer", "status")
        self.filters = {naam: self.filters[naam] for naam in volgorde}

    def filter_status(self, queryset, name, value):
        today = vandaag()
        if value == "open":
            return queryset.op_tijd_open(today)
        if value == "te_laat":
            return queryset.te_laat(today)
        if value == "alle_open":
            return queryset.wacht_op_antwoord()
        if value == "ongelezen":
            return queryset.filter(gelezen_door_abb=False)
        return queryset
