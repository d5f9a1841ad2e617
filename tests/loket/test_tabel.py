"""loket.tabel's escape and html give exactly what Django's conditional_escape and format_html give."""

import datetime
import re
import uuid

import pytest
from django import forms
from django.utils.functional import lazy
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from markupsafe import Markup

from loket.lijsten import select_html
from loket.tabel import cellen, datum, datumtijd, escape, html, rijen_html


class _Naam:
    def __str__(self):
        return "<b>Jan</b> & 'Piet' \"Joris\""


class _Veilig:
    def __html__(self):
        return "<i>al veilig</i>"


WAARDEN = [
    "",
    "gewoon",
    "<script>alert('x')</script> & \"quotes\"",
    mark_safe("<b>veilig</b>"),  # noqa: S308 (a test value)
    SafeString("<em>ook</em>"),
    42,
    3.5,
    None,
    datetime.date(2026, 12, 5),
    uuid.UUID("12345678-1234-5678-1234-567812345678"),
    _Naam(),
    _Veilig(),
    lazy(lambda: "<lui> & laat", str)(),
]


def test_escape_is_conditional_escape():
    for waarde in WAARDEN:
        assert escape(waarde) == conditional_escape(waarde), waarde


def test_html_is_format_html():
    opmaak = '<a href="{}" title="{}">{}</a>'
    for waarde in WAARDEN:
        ons = html(opmaak, waarde, waarde, waarde)
        assert ons == format_html(opmaak, waarde, waarde, waarde), waarde
        assert isinstance(ons, SafeString)


def test_labels_escaped_once_are_what_a_row_would_show():
    """cellen: reference labels escaped once per release give the same cells as escaping them on every row; dates
    are safe as they are (digits and dashes)."""
    labels = ["Gemeente <Aalst> & 'co'", "", None]
    assert all(isinstance(cel, SafeString) for cel in cellen(labels))
    assert rijen_html([1], [lambda r, i=i: cellen(labels)[i] for i in range(3)]) == rijen_html(
        [1], [lambda r, i=i: labels[i] for i in range(3)]
    )
    moment = datetime.datetime(2026, 3, 29, 1, 30, tzinfo=datetime.UTC)
    assert rijen_html([1], [lambda r: datum(moment), lambda r: datumtijd(moment), lambda r: datum(None)]) == (
        "<tr><td>29-03-2026</td><td>29-03-2026 03:30</td><td>–</td></tr>"
    )


def test_rijen_escape_every_cell():
    rijen = rijen_html(["<x>", mark_safe("<y>")], [lambda r: r, lambda r: None])  # noqa: S308
    assert rijen == "<tr><td>&lt;x&gt;</td><td>–</td></tr><tr><td><y></td><td>–</td></tr>"
    assert isinstance(rijen, SafeString)


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(attrs={"class": "au-c-input"}), "2"),
        (forms.Select(), None),
        (forms.Select(), ""),
        (forms.SelectMultiple(attrs={"class": "au-c-input"}), ["1", "3"]),
        (forms.SelectMultiple(), None),
    ],
)
def test_select_html_is_djangos_select(widget, value):
    """The filter bar's <select> (loket.lijsten.select_html) gives Django's HTML, but for whitespace between tags:
    options, optgroups, escaping, one selected option (or several for a multiple select)."""
    widget.choices = [
        ("", "---------"),
        (1, "Eén & twee"),
        (2, "<b>Twee</b>"),
        ("Groep <x>", [(3, "Drie"), ("2", "Twee, weer")]),
        ("a'b", 'Gent "stad"'),
    ]

    def zonder_witruimte(tekst):
        return re.sub(r">\s+<", "><", str(tekst).strip())

    assert select_html(
        widget, "keuze", value, {"id": "id_keuze", "aria-describedby": 'x "y"'}
    ) == zonder_witruimte(widget.render("keuze", value, {"id": "id_keuze", "aria-describedby": 'x "y"'}))


@pytest.mark.parametrize("meerdere", [False, True])
def test_select_html_kept_options_follow_the_value(meerdere):
    """Options without groups are made once per widget (kept while its choices are the same list): every value
    asked after that still gets Django's HTML, with the right option(s) selected; new choices, new options."""
    widget = forms.SelectMultiple() if meerdere else forms.Select(attrs={"class": "au-c-input"})
    widget.choices = [("", "Alle"), (1, "Eén & twee"), (2, "<b>Twee</b>"), ("2", "Twee, weer"), ("a'b", "x")]

    def zonder_witruimte(tekst):
        return re.sub(r">\s+<", "><", str(tekst).strip())

    for value in (None, "", "2", ["1", "a'b"], "9", ["2"], "1"):
        assert select_html(widget, "k", value, {}) == zonder_witruimte(widget.render("k", value)), value
    widget.choices = [(3, "Drie")]
    assert select_html(widget, "k", "3", {}) == zonder_witruimte(widget.render("k", "3"))


def test_filter_form_fields_are_made_once_per_choices(db, aalst, gent):
    """A list's filter form class is made once for the same choices and kept (loket/filters.py): the same fields
    for two views of one bestuur, other fields for another bestuur's choices, and each view its own bound form."""
    from toezicht.filters import MeldingFilter
    from toezicht.models import Melding

    def filterset(bestuur, data):
        return MeldingFilter(data, queryset=Melding.objects.for_bestuur(bestuur), bestuur=bestuur)

    een, twee, gent_filter = (
        filterset(aalst, {"status": "concept"}),
        filterset(aalst, {}),
        filterset(gent, {}),
    )
    assert type(een.form) is type(twee.form) and een.form is not twee.form
    assert een.form.fields["beslissingsorgaan"] is twee.form.fields["beslissingsorgaan"]
    assert type(gent_filter.form) is not type(een.form)
    assert een.form["status"].value() == "concept" and twee.form["status"].value() is None


def test_datum_of_a_moment_is_its_day_in_brussels():
    from datetime import UTC

    from loket.tabel import datum

    assert datum(datetime.datetime(2026, 12, 5, 23, 30, tzinfo=UTC)) == "06-12-2026"
    assert datum(datetime.date(2026, 12, 5)) == "05-12-2026" and datum(None) == "–"


class _AlleControls(forms.Form):
    tekst = forms.CharField(max_length=20, help_text="Een <hint>")
    optioneel = forms.CharField(required=False, widget=forms.TextInput(attrs={"class": "au-c-input"}))
    zoek = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search", "data-x": 'a"b'}))
    mail = forms.EmailField(required=False)
    getal = forms.IntegerField(min_value=0, required=False)
    bedrag = forms.DecimalField(localize=True, required=False)
    dag = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    uitleg = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    akkoord = forms.BooleanField(required=False)
    verplicht_akkoord = forms.BooleanField()
    keuze = forms.ChoiceField(choices=[("", "–"), ("a", "A & co")], required=False)
    meer = forms.MultipleChoiceField(choices=[("1", "Een"), ("2", "Twee")], required=False)
    verborgen = forms.CharField(widget=forms.HiddenInput, required=False)
    uit = forms.CharField(disabled=True, required=False, initial="vast")
    radio = forms.ChoiceField(choices=[("x", "X")], widget=forms.RadioSelect, required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "tekst": "<script>" * 5,
            "zoek": "Gent 'oost'",
            "mail": "geen-mail",
            "getal": "-1",
            "bedrag": "1,5",
            "dag": "2026-12-05",
            "uitleg": "Regel 1\n<b>Regel 2</b>",
            "akkoord": "on",
            "keuze": "a",
            "meer": ["1", "2"],
            "verborgen": "v",
            "radio": "x",
        },
        {"tekst": "", "uitleg": "", "getal": "7"},
    ],
)
def test_control_html_is_djangos_widget(data):
    """Form controls made in Python (loket.lijsten.control_html, used by field() and the filter bar) give what
    Django's widgets give, for inputs, checkboxes, textareas and selects, bound or not, with errors and hints."""
    from loket.lijsten import control_html

    form = _AlleControls(data)
    form.is_valid() if data is not None else None
    for bf in form:
        assert control_html(bf) == re.sub(r">\s+<", "><", str(bf).strip()) or control_html(bf) == str(bf), (
            bf.name
        )


@pytest.mark.parametrize(
    "query",
    [
        "",
        "status=verstuurd",
        "sorteer=-zitting&status=&page=3",
        "a=1&a=2&sorteer=type&q=Gent+%27oost%27",
        "q=" + "lang+" * 100,  # a long query: made every time, not kept
    ],
)
def test_sort_header_links_keep_the_filters_as_before(rf, query):
    """The sort links: the query string without the page, the sort toggled in its place (as QueryDict did); the
    same when the header is made again for the same query (kept per process)."""
    from loket.lijsten import sorteer_kop

    request = rf.get("/lijst/?" + query)
    for veld in ("zitting", "type", "zitting", "type"):
        html = sorteer_kop({"request": request}, "Zitting <x>", veld)
        verwacht = request.GET.copy()
        verwacht.pop("page", None)
        huidig = request.GET.get("sorteer", "")
        verwacht["sorteer"] = f"-{veld}" if huidig == veld else veld
        assert f'href="?{escape(verwacht.urlencode())}"' in html and "Zitting &lt;x&gt;" in html


def test_field_leaves_a_shared_filter_field_as_it_was(db, aalst):
    """field() puts an error's aria-invalid and aria-describedby on this rendering only: a list's filter fields
    are shared between requests (loket/filters.py), the next view of the list must not inherit them."""
    from django.template import engines

    from toezicht.filters import MeldingFilter, VlabelFilter
    from toezicht.models import Melding

    env = engines["jinja2"].env
    veld = env.globals["field"]

    def vorm(cls, data, **kwargs):
        return cls(data, queryset=Melding.objects.all(), **kwargs).form

    fout = vorm(MeldingFilter, {"status": "geen-status"}, bestuur=aalst)
    assert not fout.is_valid()
    assert 'aria-invalid="true"' in veld(env, fout["status"])
    goed = vorm(MeldingFilter, {"status": "concept"}, bestuur=aalst)
    assert goed.fields["status"] is fout.fields["status"]
    assert "aria-invalid" not in veld(env, goed["status"])
    keuzes = vorm(VlabelFilter, {"mar_code": ["geen"]})
    assert not keuzes.is_valid() and 'aria-invalid="true"' in veld(env, keuzes["mar_code"])
    assert "aria-invalid" not in veld(env, vorm(VlabelFilter, {})["mar_code"])


def test_empty_form_field_kept_for_a_form_with_fixed_fields_is_the_field_made_anew():
    """field() keeps the HTML of an empty form's field only for a form class with `vaste_velden`: the same as made
    anew; a bound form (its values, its errors), a form with initial values or another class is made every time."""
    from django.template import engines

    from loket.jinja import _field
    from toezicht.forms import AfhandelForm, BulkAfhandelForm

    env = engines["jinja2"].env
    veld = env.globals["field"]
    for form_class in (AfhandelForm, BulkAfhandelForm):
        for naam, wide in (("opmerking", True), ("zichtbaar", False)):
            for _ in range(2):
                assert veld(env, form_class()[naam], wide=wide) == _field(env, form_class()[naam], "", wide)
    assert 'id="bulk-opmerking"' in veld(env, BulkAfhandelForm()["opmerking"])
    assert 'id="id_opmerking"' in veld(env, AfhandelForm()["opmerking"])
    fout = AfhandelForm({"opmerking": ""})
    assert not fout.is_valid()
    assert 'aria-invalid="true"' in veld(env, fout["opmerking"])
    assert "Eerder getypt &amp; bewaard" in veld(
        env, AfhandelForm({"opmerking": "Eerder getypt & bewaard"})["opmerking"]
    )
    assert "Voorstel" in veld(env, AfhandelForm(initial={"opmerking": "Voorstel"})["opmerking"])
    assert "aria-invalid" not in veld(env, AfhandelForm()["opmerking"])
    assert "Voorstel" not in veld(env, AfhandelForm()["opmerking"])


def test_filter_bar_kept_for_the_same_values_is_the_bar_made_anew(db, aalst):
    """The filter bar's HTML kept for a shared form class and the same values (loket.lijsten.filterbalk) is what
    rendering the form gives, for each of several values (one invalid); the page number does not matter."""
    from django.http import QueryDict

    from loket.lijsten import _filterbalk, filterbalk
    from toezicht.filters import MeldingFilter
    from toezicht.models import Melding

    def form(query):
        return MeldingFilter(QueryDict(query), queryset=Melding.objects.all(), bestuur=aalst).form

    assert type(form("")).loket_gedeeld  # its choices are fixed lists: its bar is kept
    for query in ("", "status=concept", "status=concept&page=4", "status=geen", "zitting_van=2026-01-01"):
        for _ in range(2):
            assert filterbalk(form(query)) == _filterbalk(form(query)), query
    assert 'value="concept" selected' in filterbalk(form("status=concept&page=9"))
    assert 'value="concept" selected' not in filterbalk(form("status=verstuurd"))
    assert "au-c-help-text--error" in filterbalk(form("status=geen"))


def test_filter_bar_with_choices_read_when_rendered_is_made_every_time(db):
    """A filter whose choices are a callable (read when the bar is rendered: a codelist changed since) is never
    served from a kept bar."""
    from subsidies.filters import AanvraagFilter
    from subsidies.models import Aanvraag

    form = AanvraagFilter({}, queryset=Aanvraag.objects.all()).form
    assert not type(form).loket_gedeeld


@pytest.mark.parametrize(
    "data", [None, {}, {"tekst": "<b>x</b>", "getal": "-1", "akkoord": "on"}, {"tekst": "", "uitleg": ""}]
)
def test_field_is_the_field_template(data):
    """field() writes a checkbox or a single control as includes/field.html does (label, required marker, hint,
    errors; compared without the whitespace between tags and with the same entities)."""
    import html as htmlmod

    from django.template import engines

    from loket.lijsten import control_html

    env = engines["jinja2"].env
    form = _AlleControls(data)
    if data is not None:
        form.is_valid()

    def gelijk(tekst):
        return htmlmod.unescape(re.sub(r"\s*(<|>)\s*", r"\1", str(tekst).strip()))

    for bf in form:
        if bf.is_hidden or bf.name == "radio":
            continue
        for hint, wide in (("", False), ("Een <tip>", True)):
            ons = env.globals["field"](env, bf, hint=hint, wide=wide)
            widget = bf.field.widget
            sjabloon = env.get_template("includes/field.html").render(
                field=bf,
                control=Markup(control_html(bf, _field_attrs(bf, hint))),  # noqa: S704
                hint=hint or bf.help_text,
                wide=wide,
                is_checkbox=getattr(widget, "input_type", "") == "checkbox",
                is_choice_list=False,
            )
            assert gelijk(ons) == gelijk(sjabloon), bf.name


def _field_attrs(bf, hint):
    from loket.jinja import _appuniversum_klasse

    attrs = {} if "class" in bf.field.widget.attrs else {"class": _appuniversum_klasse(bf.field.widget)}
    beschreven = [f"{bf.auto_id}-hint"] if hint or bf.help_text else []
    if bf.errors:
        beschreven.append(f"{bf.auto_id}-error")
    if beschreven:
        attrs["aria-describedby"] = " ".join(beschreven)
    if bf.errors:
        attrs["aria-invalid"] = "true"
    return attrs


@pytest.mark.parametrize(
    "query", ["", "page=3", "status=verstuurd&page=2&na=x", "a=1&a=2&page=4&q=Gent+%27oost%27&sorteer=type"]
)
def test_query_with_is_querydicts(rf, query):
    """query_with gives what QueryDict's copy, pop and set gave (page links, export links keep the filters)."""
    from loket.lijsten import query_with

    request = rf.get("/lijst/?" + query)
    for kwargs in ({"page": None}, {"page": 5, "na": None}, {"page": 2, "na": "2026-01-01T00:00:00+00:00_9"}):
        verwacht = request.GET.copy()
        for k, v in kwargs.items():
            if v in (None, ""):
                verwacht.pop(k, None)
            else:
                verwacht[k] = v
        for _ in range(2):
            assert query_with({"request": request}, **kwargs) == (
                "?" + verwacht.urlencode() if verwacht else "?"
            )


def test_filter_form_validated_again_gives_the_same_outcome_and_its_own_copies(db, aalst):
    """A shared filter form's validation kept per values (loket.filters._VeldenPerAanvraag.full_clean): the same
    cleaned values and errors as validating anew, each form its own copies (changing one changes no other)."""
    from django.http import QueryDict

    from loket.filters import _GEVALIDEERD
    from toezicht.filters import MeldingFilter
    from toezicht.models import Melding

    def form(query):
        return MeldingFilter(QueryDict(query), queryset=Melding.objects.all(), bestuur=aalst).form

    for query in ("status=concept&zitting_van=2026-01-31", "status=geen&zitting_van=31-13-2026", ""):
        _GEVALIDEERD.clear()
        vers = form(query)
        vers.is_valid()
        for _ in range(2):
            bewaard = form(query)
            assert bewaard.is_valid() == vers.is_valid(), query
            assert bewaard.cleaned_data == vers.cleaned_data and bewaard.errors == vers.errors, query
            bewaard.cleaned_data["status"] = "veranderd"
            bewaard.errors.setdefault("x", bewaard.error_class(["y"]))
    geen = form("status=geen")
    assert geen.errors["status"] and "status" not in geen.cleaned_data and "x" not in geen.errors
