"""Search of the audit trail for ABB functioneel beheerders (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q

from .models import AuditEvent


def _acties():
    return [(a, a) for a in AuditEvent.objects.order_by("actie").values_list("actie", flat=True).distinct()]


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
        help_text="Id of soort, bijvoorbeeld toezicht.melding",
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
        value = value.strip()
        return queryset.filter(Q(object_id=value) | Q(object_type__icontains=value))

    def filter_queryset(self, queryset):
        # An unticked checkbox means "all events", not "only events without impersonation".
        if not self.form.cleaned_data.get("impersonatie"):
            self.form.cleaned_data["impersonatie"] = None
        return super().filter_queryset(queryset)
