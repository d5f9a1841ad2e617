"""The columns of the conversation lists (loket/tabel.py renders the rows in Python).

A row is a conversation or anything with its fields' names (the bestuur's inbox: selectors.InboxRij); what the
model's properties would compute per row (the type's label, whether the deadline passed, the last sender's name)
is computed here from the fields, with one day and one bestuur name for the whole page."""

from django.utils import timezone

from loket.tabel import datum, html, link

from .models import ABB_NAAM, Partij, TypeCommunicatie, vandaag

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


def _laatste(bestuur_naam):
    def laatste(g):
        if not g.laatste_bericht_op:
            return None
        if g.laatste_bericht_van == Partij.ABB:
            van = ABB_NAAM
        elif g.laatste_bericht_van == Partij.BESTUUR:
            van = bestuur_naam or g.bestuur.volledige_naam  # Gesprek.laatste_afzender_naam
        else:
            van = ""
        return html(
            '{}<br><span class="au-u-muted">van {}</span>',
            datum(timezone.localtime(g.laatste_bericht_op)),  # the day in Brussels, as the page says it
            van,
        )

    return laatste


_BEANTWOORD = html('<br><span class="au-u-muted">beantwoord</span>')


def _termijn(today):
    def termijn(g):
        if g.antwoord_verwacht_tegen:
            te_laat = g.antwoord_verwacht_tegen < today  # Gesprek.te_laat
            return html("antwoord tegen {}{}", datum(g.antwoord_verwacht_tegen), _TE_LAAT if te_laat else "")
        if g.reactietermijn_dagen:
            return html(
                "{} dagen{}",
                g.reactietermijn_dagen,
                _BEANTWOORD if g.laatste_bericht_van == "bestuur" else "",
            )
        return None

    return termijn


_TYPES = dict(TypeCommunicatie.choices)


def kolommen(abb, bestuur_naam=None, today=None):
    """The columns; `bestuur_naam`: the bestuur of every row (the bestuur's inbox), else each row's own;
    `today`: the day the deadlines are compared with (vandaag() when not given)."""
    return (
        _betreft(abb),
        *((_bestuur,) if abb else ()),
        lambda g: _TYPES.get(g.type_communicatie, g.type_communicatie),  # get_type_communicatie_display()
        lambda g: html('<span class="loket-nowrap">{}</span>', g.dossiernummer),
        _laatste(bestuur_naam),
        _termijn(today or vandaag()),
    )


def rij_attributen(abb):
    return lambda g: {"class": "loket-ongelezen" if _ongelezen(g, abb) else "", "data-testid": "gesprek-rij"}
