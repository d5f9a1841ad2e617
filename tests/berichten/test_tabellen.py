"""The rows of the conversation lists: the columns (f-strings of escaped fields, berichten/tabellen.py) give the
same HTML as the model's properties through loket.tabel's html() and link() did, on model instances (ABB) and on
the inbox's named tuples (bestuur side)."""

import itertools
from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from berichten import selectors, tabellen
from berichten.models import Gesprek, Partij, TypeCommunicatie
from loket.tabel import datum, html, link, rijen_html

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 3, 10)


def _vroeger(abb):
    """The columns as they were: from the model's properties (get_..._display, te_laat, laatste_afzender_naam)."""
    url_name = "berichten:abb-gesprek" if abb else "berichten:gesprek"
    nieuw = ' <span class="au-c-pill au-c-pill--small au-c-pill--ongoing" data-testid="ongelezen">Nieuw'
    nieuw += '<span class="au-u-hidden-visually"> bericht, nog niet gelezen</span></span>'
    te_laat = '<br><span class="au-c-pill au-c-pill--small au-c-pill--error" data-testid="te-laat">Termijn '
    te_laat += "verstreken</span>"

    def ongelezen(g):
        return not (g.gelezen_door_abb if abb else g.gelezen_door_bestuur)

    def laatste(g):
        if not g.laatste_bericht_op:
            return None
        dag = datum(timezone.localtime(g.laatste_bericht_op))
        return html('{}<br><span class="au-u-muted">van {}</span>', dag, g.laatste_afzender_naam)

    def termijn(g):
        if g.antwoord_verwacht_tegen:
            return html(
                "antwoord tegen {}{}",
                datum(g.antwoord_verwacht_tegen),
                html(te_laat) if g.is_te_laat(VANDAAG) else "",
            )
        if g.reactietermijn_dagen:
            beantwoord = html('<br><span class="au-u-muted">beantwoord</span>')
            return html(
                "{} dagen{}", g.reactietermijn_dagen, beantwoord if g.laatste_bericht_van == "bestuur" else ""
            )
        return None

    kolommen = (
        lambda g: html("{}{}", link(url_name, g.uuid, g.betreft), html(nieuw) if ongelezen(g) else ""),
        *((tabellen._bestuur,) if abb else ()),
        lambda g: g.get_type_communicatie_display(),
        lambda g: html('<span class="loket-nowrap">{}</span>', g.dossiernummer),
        laatste,
        termijn,
    )
    attributen = lambda g: {  # noqa: E731
        "class": "loket-ongelezen" if ongelezen(g) else "",
        "data-testid": "gesprek-rij",
    }
    return kolommen, attributen


def _gesprekken(bestuur):
    gesprekken = []
    combinaties = itertools.product(
        (True, False),  # read
        (None, date(2026, 3, 9), date(2026, 3, 10)),  # answer expected by (past, today)
        (None, 0, 30),  # reactietermijn
        (Partij.ABB, Partij.BESTUUR, ""),  # last message from
        (None, datetime(2026, 3, 9, 23, 30, tzinfo=UTC)),  # 10-03 in Brussels
    )
    for i, (gelezen, tegen, termijn, van, op) in enumerate(combinaties):
        gesprekken.append(
            Gesprek(
                bestuur=bestuur,
                dossiernummer=f"D&<{i}>",
                betreft=f"Vraag \"{i}\" over <b>besluit</b> & 'reglement'",
                type_communicatie=list(TypeCommunicatie)[i % 3],
                reactietermijn_dagen=termijn,
                antwoord_verwacht_tegen=tegen,
                laatste_bericht_op=op,
                laatste_bericht_van=van,
                gelezen_door_bestuur=gelezen,
                gelezen_door_abb=not gelezen,
            )
        )
    Gesprek.objects.bulk_create(gesprekken)
    return list(Gesprek.objects.for_bestuur(bestuur).select_related("bestuur__classificatie"))


@pytest.mark.parametrize("abb", [False, True])
def test_rows_as_the_models_properties_gave_them(aalst, abb):
    aalst.naam = "Aalst & <Co>"  # a name that needs escaping, as it is shown (not saved)
    gesprekken = _gesprekken(aalst)
    for g in gesprekken:
        g.bestuur = aalst
    kolommen, attributen = _vroeger(abb)
    verwacht = rijen_html(gesprekken, kolommen, attributen)
    if abb:
        rijen = gesprekken
    else:  # the inbox's rows: named tuples of its fields, the bestuur's name given
        rijen = list(selectors.inbox_rijen(Gesprek.objects.for_bestuur(aalst)))
        assert [r.id for r in rijen] == [g.id for g in gesprekken]
    naam = None if abb else aalst.volledige_naam
    getoond = rijen_html(
        rijen, tabellen.kolommen(abb=abb, bestuur_naam=naam, today=VANDAAG), tabellen.rij_attributen(abb)
    )
    assert getoond == verwacht
    assert "&lt;b&gt;besluit&lt;/b&gt; &amp; &#x27;reglement&#x27;" in getoond
    assert "10-03-2026" in getoond and 'data-testid="te-laat"' in getoond and "beantwoord" in getoond
