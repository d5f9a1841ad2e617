"""The columns of the conversation lists (loket/tabel.py renders the rows in Python).

A row is a conversation or anything with its fields' names (the bestuur's inbox: selectors.InboxRij); what the
model's properties would compute per row (the type's label, whether the deadline passed, the last sender's name)
is computed here from the fields, with one day and one bestuur name for the whole page."""

from django.utils import timezone
from django.utils.safestring import SafeString

from loket.tabel import datum, escape, html, object_url

from .models import ABB_NAAM, Partij, TypeCommunicatie, vandaag

# A page of rows calls each column 20 times: the cells are f-strings of escaped values (what html() would give),
# with what is the same on every row (labels, the bestuur's name, the links' start) escaped once.
_NIEUW = (
    ' <span class="au-c-pill au-c-pill--small au-c-pill--ongoing" data-testid="ongelezen">Nieuw'
    '<span class="au-u-hidden-visually"> bericht, nog niet gelezen</span></span>'
)
_TE_LAAT = '<br><span class="au-c-pill au-c-pill--small au-c-pill--error" data-testid="te-laat">Termijn verstreken</span>'
_BEANTWOORD = '<br><span class="au-u-muted">beantwoord</span>'
_TYPES = {waarde: SafeString(escape(label)) for waarde, label in TypeCommunicatie.choices}


def _ongelezen(g, abb):
    return not (g.gelezen_door_abb if abb else g.gelezen_door_bestuur)


def _betreft(abb):
    url_name = "berichten:abb-gesprek" if abb else "berichten:gesprek"
    voor, _, na = object_url(url_name, "UUID").partition("UUID")
    voor, na = escape(voor), escape(na)

    def betreft(g):  # loket.tabel.link() and the unread pill
        nieuw = _NIEUW if _ongelezen(g, abb) else ""
        return SafeString(f'<a class="au-c-link" href="{voor}{g.uuid}{na}">{escape(g.betreft)}</a>{nieuw}')

    return betreft


def _bestuur(g):
    if g.bestuur.provincie:
        return html('{}<br><span class="au-u-muted">{}</span>', g.bestuur.volledige_naam, g.bestuur.provincie)
    return g.bestuur.volledige_naam


def _laatste(bestuur_naam):
    tijdzone = timezone.get_current_timezone()
    abb = escape(ABB_NAAM)
    bestuur = escape(bestuur_naam) if bestuur_naam is not None else None

    def laatste(g):
        if not g.laatste_bericht_op:
            return None
        if g.laatste_bericht_van == Partij.ABB:  # Gesprek.laatste_afzender_naam
            van = abb
        elif g.laatste_bericht_van == Partij.BESTUUR:
            van = bestuur if bestuur is not None else escape(g.bestuur.volledige_naam)
        else:
            van = ""
        dag = datum(g.laatste_bericht_op.astimezone(tijdzone))  # the day in Brussels (timezone.localtime)
        return SafeString(f'{dag}<br><span class="au-u-muted">van {van}</span>')

    return laatste


def _termijn(today):
    def termijn(g):
        if g.antwoord_verwacht_tegen:
            te_laat = _TE_LAAT if g.antwoord_verwacht_tegen < today else ""  # Gesprek.te_laat
            return SafeString(f"antwoord tegen {datum(g.antwoord_verwacht_tegen)}{te_laat}")
        if g.reactietermijn_dagen:
            beantwoord = _BEANTWOORD if g.laatste_bericht_van == Partij.BESTUUR else ""
            return SafeString(f"{int(g.reactietermijn_dagen)} dagen{beantwoord}")
        return None

    return termijn


def _dossiernummer(g):
    return SafeString(f'<span class="loket-nowrap">{escape(g.dossiernummer)}</span>')


def kolommen(abb, bestuur_naam=None, today=None):
    """The columns; `bestuur_naam`: the bestuur of every row (the bestuur's inbox), else each row's own;
    `today`: the day the deadlines are compared with (vandaag() when not given)."""
    return (
        _betreft(abb),
        *((_bestuur,) if abb else ()),
        lambda g: _TYPES.get(g.type_communicatie, g.type_communicatie),  # get_type_communicatie_display()
        _dossiernummer,
        _laatste(bestuur_naam),
        _termijn(today or vandaag()),
    )


_ATTRIBUTEN = {
    ongelezen: {"class": "loket-ongelezen" if ongelezen else "", "data-testid": "gesprek-rij"}
    for ongelezen in (True, False)
}


def rij_attributen(abb):
    return lambda g: _ATTRIBUTEN[_ongelezen(g, abb)]
