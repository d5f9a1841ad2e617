"""Every template of the Loket compiles in Jinja2, and none uses a method without calling it.

Django's template language called a method it met (`{{ melding.get_status_display }}`); Jinja2 does not, and
`{% if obj.is_iets %}` on an uncalled method is always true, silently. This reads every template's syntax tree
and refuses an attribute that is a method of one of our models or forms (or a Django model, queryset, form or
bound field) where it is not called.
"""

import inspect
from datetime import date, datetime
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.boundfield import BoundWidget
from django.http import QueryDict
from django.template import engines
from jinja2 import nodes

ROOT = Path(settings.BASE_DIR)


def _engine():
    return engines.all()[0]


def sjablonen():
    engine = _engine()
    for directory in engine.template_dirs:
        for path in Path(directory).rglob("*"):
            if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".svg"):
                yield str(path.relative_to(directory))


def _methoden_van(klasse):
    namen = set()
    for naam, waarde in inspect.getmembers(klasse):
        if naam.startswith("_"):
            continue
        if inspect.isfunction(waarde) or inspect.ismethod(waarde):
            namen.add(naam)
    return namen


def methodenamen():
    namen = set()
    onze = {c.name for c in apps.get_app_configs() if (ROOT / c.name.split(".")[0]).is_dir()}
    for model in apps.get_models():
        if model._meta.app_config.name in onze or model._meta.app_label in ("auth",):
            namen |= _methoden_van(model)
            namen |= {f"get_{f.name}_display" for f in model._meta.fields if f.choices}
    for klasse in (
        models.QuerySet,
        forms.Form,
        forms.BoundField,
        BoundWidget,
        Page,
        Paginator,
        FieldFile,
        date,
        datetime,
        str,
        dict,
        QueryDict,
    ):
        namen |= _methoden_van(klasse)
    # also properties somewhere (paginator.count, loop.first, …), or harmless as a truth test
    return namen - {
        "count",
        "first",
        "last",
        "index",
        "label",
        "errors",
        "name",
        "get",
        "pk",
        "clean",
        "url",
        "copy",
        "update",
        "items_",
        "id_for_label",
    }


METHODEN = methodenamen()


def _ongeroepen(tree):
    geroepen = {id(n.node) for n in tree.find_all(nodes.Call)}
    for getattr_node in tree.find_all(nodes.Getattr):
        if getattr_node.attr in METHODEN and id(getattr_node) not in geroepen:
            yield getattr_node.attr, getattr_node.lineno


@pytest.mark.parametrize("naam", sorted(sjablonen()))
def test_sjabloon_compileert_en_roept_methodes(naam):
    env = _engine().env
    bron, _, _ = env.loader.get_source(env, naam)
    tree = env.parse(bron, naam)
    env.get_template(naam)  # compiles
    fouten = sorted(set(_ongeroepen(tree)))
    assert not fouten, f"{naam}: methods used without calling them: {fouten}"


def test_moments_print_in_brussels_time_and_dutch_formats():
    """As in Django's templates: `|date` and a printed moment are in Europe/Brussels, numbers with a comma."""
    from datetime import UTC
    from decimal import Decimal

    env = _engine()
    moment = datetime(2026, 12, 5, 20, 42, tzinfo=UTC)
    html = env.from_string(
        "{{ m|date('d-m-Y H:i') }}|{{ m|date('c') }}|{{ m }}|{{ d }}|{{ x }}|{{ leeg }}|{{ niets.iets() }}|"
        "{% if niets is none %}geen{% endif %}"
    ).render({"m": moment, "d": date(2026, 1, 2), "x": Decimal("1.5"), "leeg": None})
    assert (
        html == "05-12-2026 21:42|2026-12-05T21:42:00+01:00|5 december 2026 21:42|2 januari 2026|1,5|||geen"
    )


@pytest.mark.parametrize("formaat", ["d-m-Y", "d-m-Y H:i", "d-m-Y H:i:s", "H:i", "j F Y", "c"])
def test_date_formats_written_directly_are_djangos(formaat):
    """`|date` writes the formats the pages use itself (faster): the same text as Django's filter, in Brussels
    time, for moments around midnight and summer time, dates, and what Django prints nothing for."""
    from datetime import UTC

    from django.template import defaultfilters
    from django.utils.timezone import template_localtime

    from loket.jinja import _date

    waarden = [
        datetime(2026, 12, 5, 23, 30, 5, tzinfo=UTC),
        datetime(2026, 7, 1, 22, 15, tzinfo=UTC),
        datetime(999, 1, 2, 3, 4, tzinfo=UTC),
        date(2026, 1, 2),
        None,
        "",
    ]

    def uitkomst(filter_, waarde):
        try:
            return filter_(waarde)
        except TypeError as fout:  # Django's: a time format for a date
            return type(fout)

    for waarde in waarden:
        assert uitkomst(lambda w: _date(w, formaat), waarde) == uitkomst(
            lambda w: defaultfilters.date(template_localtime(w), formaat), waarde
        ), waarde
