"""loket.tabel's escape and html give exactly what Django's conditional_escape and format_html give."""

import datetime
import re
import uuid

import pytest
from django import forms
from django.utils.functional import lazy
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from loket.lijsten import select_html
from loket.tabel import escape, html, rijen_html


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


def test_datum_of_a_moment_is_its_day_in_brussels():
    from datetime import UTC

    from loket.tabel import datum

    assert datum(datetime.datetime(2026, 12, 5, 23, 30, tzinfo=UTC)) == "06-12-2026"
    assert datum(datetime.date(2026, 12, 5)) == "05-12-2026" and datum(None) == "–"
