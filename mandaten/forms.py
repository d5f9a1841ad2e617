import django_filters
from django import forms
from django.db.models import Q

from loket import rrn
from loket.filters import LijstFilterSet
from loket.models import Concept

from . import selectors
from .models import Fractie, Mandaat, Mandataris, beleidsdomein_fouten

DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]


def datum_veld(label, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATUM_FORMATEN,
        widget=forms.DateInput(attrs={"type": "date", "class": "au-c-input"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages={"invalid": "Geef een geldige datum op (dd-mm-jjjj)."},
    )


class MandaatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.bestuursfunctie.label} – {obj.orgaan_in_tijd.orgaan.naam}"


class MandatarisForm(forms.ModelForm):
    """Mandaat, dates, status, rangorde, fractie, beleidsdomeinen. The rules live in Mandataris.clean()."""

    mandaat = MandaatChoiceField(
        queryset=Mandaat.objects.none(), label="Mandaat", empty_label="Kies een mandaat"
    )
    start = datum_veld("Startdatum")
    einde = datum_veld("Einddatum", required=False, help_text="Laat leeg zolang het mandaat loopt.")
    status = forms.ModelChoiceField(
        queryset=Concept.objects.none(),
        label="Status",
        empty_label="Kies…",
        error_messages={"required": "Kies de status van het mandaat."},
    )
    rangorde = forms.IntegerField(
        label="Rangorde",
        required=False,
        min_value=1,
        max_value=20,
        help_text="Enkel voor schepenen: 1 voor de eerste schepen, 2 voor de tweede, ...",
        widget=forms.NumberInput(attrs={"class": "au-c-input au-c-input--small"}),
    )
    fractie = forms.ModelChoiceField(
        queryset=Fractie.objects.none(), label="Fractie", required=False, empty_label="Geen fractie"
    )
    beleidsdomeinen = forms.ModelMultipleChoiceField(
        queryset=Concept.objects.none(),
        label="Beleidsdomeinen",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "au-c-control__input"}),
        help_text="Enkel voor schepenen en de burgemeester.",
    )

    class Meta:
        model = Mandataris
        fields = ["mandaat", "start", "einde", "status", "rangorde", "fractie", "beleidsdomeinen"]

    def __init__(self, *args, bestuur, periode, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandaat"].queryset = selectors.mandaten(bestuur, periode)
        self.fields["status"].queryset = selectors.statussen()
        self.fields["fractie"].queryset = Fractie.objects.for_bestuur(bestuur).filter(periode=periode)
        self.fields["beleidsdomeinen"].queryset = selectors.beleidsdomeinen(bestuur)
        for name in ("mandaat", "status", "fractie"):
            self.fields[name].widget.attrs.setdefault("class", "au-c-select")

    def clean(self):
        cleaned = super().clean()
        fout = beleidsdomein_fouten(cleaned.get("mandaat"), cleaned.get("beleidsdomeinen"))
        if fout:
            self.add_error("beleidsdomeinen", fout)
        return cleaned


class EindeForm(forms.Form):
    einde = datum_veld("Einddatum")


class PeriodeKeuzeForm(forms.Form):
    """`periode=<slug>` of every mandaten page and export: anything but a slug (a NUL byte, ...) is no period."""

    periode = forms.SlugField(max_length=20, required=False)


class PersoonForm(forms.Form):
    voornaam = forms.CharField(
        label="Voornaam",
        max_length=150,
        widget=forms.TextInput(attrs={"class": "au-c-input", "autocomplete": "off"}),
    )
    achternaam = forms.CharField(
        label="Achternaam",
        max_length=150,
        widget=forms.TextInput(attrs={"class": "au-c-input", "autocomplete": "off"}),
    )
    rrn = forms.CharField(
        label="Rijksregisternummer",
        max_length=20,
        help_text="11 cijfers, in de vorm jj.mm.dd-xxx.cc. Het nummer wordt niet getoond, enkel gebruikt om dubbels te vermijden.",
        widget=forms.TextInput(attrs={"class": "au-c-input", "autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_rrn(self):
        value = self.cleaned_data["rrn"]
        if not rrn.is_valid(value):
            raise forms.ValidationError("Het " + rrn.MESSAGE)
        return value


class FractieForm(forms.ModelForm):
    naam = forms.CharField(
        label="Naam", max_length=200, widget=forms.TextInput(attrs={"class": "au-c-input"})
    )
    fractietype = forms.ModelChoiceField(
        queryset=Concept.objects.none(),
        label="Type",
        widget=forms.RadioSelect(attrs={"class": "au-c-control__input"}),
        empty_label=None,
    )

    class Meta:
        model = Fractie
        fields = ["naam", "fractietype"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fractietype"].queryset = selectors.fractietypes()


class MandaatForm(forms.ModelForm):
    aantal_houders = forms.IntegerField(
        label="Maximum aantal houders",
        required=False,
        min_value=1,
        max_value=100,
        help_text="Leeg als het aantal niet gekend is. Het loket waarschuwt als er meer actieve mandatarissen zijn.",
        widget=forms.NumberInput(attrs={"class": "au-c-input au-c-input--small"}),
    )

    class Meta:
        model = Mandaat
        fields = ["aantal_houders"]


class BeleidsdomeinForm(forms.Form):
    label = forms.CharField(
        label="Naam van het beleidsdomein",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "au-c-input"}),
    )


SORTERING = [
    ("naam", "persoon__achternaam"),
    ("orgaan", "mandaat__orgaan_in_tijd__orgaan__naam"),
    ("mandaat", "mandaat__bestuursfunctie__label"),
    ("fractie", "fractie__naam"),
    ("start", "start"),
    ("einde", "einde"),
    ("status", "status__label"),
]


class MandatarisFilter(LijstFilterSet):
    q = django_filters.CharFilter(
        label="Naam",
        method="filter_naam",
        widget=forms.TextInput(attrs={"class": "au-c-input", "type": "search"}),
    )
    # Choices as (id, label) pairs (values_list, or reference data kept in memory): no model instances and no
    # server-side cursor per select on every page view.
    orgaan = django_filters.ChoiceFilter(
        label="Orgaan",
        field_name="mandaat__orgaan_in_tijd",
        choices=(),
        empty_label="Alle organen",
        widget=forms.Select(attrs={"class": "au-c-select"}),
    )
    mandaat = django_filters.ChoiceFilter(
        label="Mandaat",
        field_name="mandaat__bestuursfunctie",
        choices=(),
        empty_label="Alle mandaten",
        widget=forms.Select(attrs={"class": "au-c-select"}),
    )
    fractie = django_filters.ChoiceFilter(
        label="Fractie",
        choices=(),
        empty_label="Alle fracties",
        widget=forms.Select(attrs={"class": "au-c-select"}),
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=(),
        empty_label="Alle statussen",
        widget=forms.Select(attrs={"class": "au-c-select"}),
    )
    toon = django_filters.ChoiceFilter(
        label="Toon",
        method="filter_toon",
        empty_label="Alle mandatarissen van de periode",
        choices=[("actief", "Enkel actieve mandatarissen")],
        widget=forms.Select(attrs={"class": "au-c-select"}),
    )
    sorteer = django_filters.OrderingFilter(
        fields=[(field, key) for key, field in SORTERING], widget=forms.HiddenInput
    )

    class Meta:
        model = Mandataris
        fields = []

    def __init__(self, *args, bestuur, periode, **kwargs):
        self.periode = periode
        super().__init__(*args, **kwargs)
        organen, mandaten = selectors.mandaat_keuzes(bestuur, periode)  # reference data, from memory
        self.filters["orgaan"].extra["choices"] = organen
        self.filters["mandaat"].extra["choices"] = mandaten
        self.filters["fractie"].extra["choices"] = selectors.fractie_keuzes(bestuur, periode)
        self.filters["status"].extra["choices"] = selectors.status_keuzes()

    def filter_naam(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(persoon__voornaam__icontains=word) | Q(persoon__achternaam__icontains=word)
            )
        return queryset

    def filter_toon(self, queryset, name, value):
        if value == "actief":
            return queryset.actief_op(self.periode.peildatum())
        return queryset
