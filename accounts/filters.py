"""Search and filters of "Gebruikers en rechten" (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q

from loket import modules
from loket.filters import LijstFilterSet

from .models import Membership


class GebruikerFilter(LijstFilterSet):
    q = django_filters.CharFilter(
        label="Zoek op naam",
        method="filter_naam",
        widget=forms.TextInput(attrs={"class": "au-c-input", "type": "search"}),
    )
    module = django_filters.ChoiceFilter(
        label="Module",
        method="filter_module",
        empty_label="Alle modules",
        widget=forms.Select(attrs={"class": "au-c-input"}),
    )

    class Meta:
        model = Membership
        fields = []

    def __init__(self, *args, bestuur, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["module"].extra["choices"] = [
            (m.code, m.label) for m in modules.MODULES if m.eligible(bestuur)
        ]

    def filter_naam(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
        return queryset.filter(query)

    def filter_module(self, queryset, name, value):
        # rollen is a JSON list: a text match on the quoted role works on PostgreSQL and SQLite alike.
        return queryset.filter(rollen__icontains=f'"{modules.get_module(value).role}"')
