"""The columns of the conversation lists (loket/tabel.py renders the rows in Python)."""

from django.utils import timezone

from loket.tabel import datum, html, link

_NIEUW = html(
    ' <span class="au-c-pill au-c-pill--small au-c-pill--ongoing" data-testid="ongelezen">Nieuw'
    '<span class="au-u-hidden-visually"> bericht, nog niet gelezen</span></span>'
)
_TE_LAAT = html(
    '<br><span class="au-c-pill au-c-pill--small au-c-pill--error" data-testid="te-laat">Termijn verstreken</span>'
)


def _ongelezen(g, abb):
    return not (g.gelezen_door_abb if abb else g.gelezen_door_bestuur)


def _betreft(abb):
    url_name = "berichten:abb-gesprek" if abb else "berichten:gesprek"
    return lambda g: html("{}{}", link(url_name, g.uuid, g.betreft), _NIEUW if _ongelezen(g, abb) else "")


def _bestuur(g):
    if g.bestuur.provincie:
        return html('{}<br><span class="au-u-muted">{}</span>', g.bestuur.volledige_naam, g.bestuur.provincie)
    return g.bestuur.volledige_naam


def _laatste(g):
    if not g.laatste_bericht_op:
        return None
    return html(
        '{}<br><span class="au-u-muted">van {}</span>',
        datum(timezone.localtime(g.laatste_bericht_op)),  # the day in Brussels, as the page says it
        g.laatste_afzender_naam,
    )


def _termijn(g):
    if g.antwoord_verwacht_tegen:
        return html("antwoord tegen {}{}", datum(g.antwoord_verwacht_tegen), _TE_LAAT if g.te_laat else "")
    if g.reactietermijn_dagen:
        beantwoord = html('<br><span class="au-u-muted">beantwoord</span>')
        return html(
            "{} dagen{}", g.reactietermijn_dagen, beantwoord if g.laatste_bericht_van == "bestuur" else ""
        )
    return None


def kolommen(abb):
    return (
        _betreft(abb),
        *((_bestuur,) if abb else ()),
        lambda g: g.get_type_communicatie_display(),
        lambda g: html('<span class="loket-nowrap">{}</span>', g.dossiernummer),
        _laatste,
        _termijn,
    )


def rij_attributen(abb):
    return lambda g: {"class": "loket-ongelezen" if _ongelezen(g, abb) else "", "data-testid": "gesprek-rij"}
