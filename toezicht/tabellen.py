"""The columns of Toezicht's lists (loket/tabel.py renders the rows in Python).

A list's rows are tuples of the fields its columns read (`*_VELDEN`, read with `values_list` by
toezicht.selectors.LijstPaginator, as named tuples): no model instances. Names of decision types and besturen come
from the reference data kept in memory (loket/referentie.py), not from joins.
"""

from django.utils.safestring import SafeString

from loket.referentie import bestuur_kolommen, per_release
from loket.tabel import cellen, datum, datumtijd, html, link, pil

from .reference import besluittype_namen


@per_release
def _type_namen_html():
    """{id: the type's name, escaped}: a page of rows shows each twice."""
    namen = besluittype_namen()
    return dict(zip(namen, cellen(namen.values()), strict=True))


def _type(r):
    """The decision type's name as everywhere (str(BesluitType)), escaped, or None."""
    return _type_namen_html().get(r.besluittype_id) if r.besluittype_id else None


# The status pills are the same on every row: made once.
_AFGEHANDELD_DOOR_ABB = pil("Afgehandeld door ABB", "success")
_VERSTUURD = pil("Verstuurd", "success")
_CONCEPT = pil("Concept")
_HEROPEND_CONCEPT = html("{} {}", _CONCEPT, pil("Heropend", "warning"))
_AFGEHANDELD = pil("Afgehandeld", "success")
_TE_BEHANDELEN = pil("Te behandelen", "warning")


def _status(r):
    """What the bestuur sees: concept (reopened), verstuurd, or afgehandeld by ABB."""
    if r.status == "verstuurd":
        return _AFGEHANDELD_DOOR_ABB if r.review_status == "afgehandeld" else _VERSTUURD
    return _HEROPEND_CONCEPT if r.heropend_op else _CONCEPT


def _kies(beschrijving):
    """The row's checkbox for the bulk actions (it belongs to the form #bulk-formulier below the table);
    `beschrijving(r)`: which melding, as HTML (escaped)."""

    def kolom(r):
        uuid = str(r.uuid)  # a uuid holds only hex digits and dashes: nothing to escape
        return SafeString(
            f'<input type="checkbox" class="loket-kies" form="bulk-formulier" name="melding" value="{uuid}" '
            f'id="kies-{uuid}" aria-label="Kies {beschrijving(r)}">'
        )

    return kolom


def _type_link(r):
    url_name = "toezicht:bewerken" if r.status == "concept" else "toezicht:detail"
    return link(url_name, r.uuid, _type(r) or "Nog geen type gekozen")


def _behandeling(r):
    return _AFGEHANDELD if r.review_status == "afgehandeld" else _TE_BEHANDELEN


def _naam(voornaam, achternaam):
    """User.get_full_name()."""
    return f"{voornaam} {achternaam}".strip()


def _gewijzigd_door(r):
    if r.gewijzigd_door_id:
        return _naam(r.gewijzigd_door__first_name, r.gewijzigd_door__last_name)
    if r.leverancier_id:  # posted by a software vendor (leveranciers, POST /melding)
        return f"Automatisch bij publicatie ({r.leverancier__naam})"
    return None


@per_release
def _besturen_html():
    """{pk: (volledige naam, provincie, classificatie)} of every bestuur, escaped (– when empty)."""
    return {pk: cellen(waarden) for pk, waarden in bestuur_kolommen().items()}


def _bestuur(r):
    """(volledige naam, provincie, classificatie) of the row's bestuur, escaped."""
    return _besturen_html()[r.bestuur_id]


# What the columns read: the fields of the rows (values_list; the id first).
BESTUUR_VELDEN = (
    "id",
    "uuid",
    "status",
    "review_status",
    "heropend_op",
    "datum_zitting",
    "verstuurd_op",
    "gewijzigd_op",
    "besluittype_id",
    "beslissingsorgaan__naam",
    *("gewijzigd_door_id", "gewijzigd_door__first_name", "gewijzigd_door__last_name"),
    *("leverancier_id", "leverancier__naam"),
)

BESTUUR_KOLOMMEN = (
    _kies(lambda r: f"{_type(r) or 'melding'} van {datum(r.datum_zitting)}"),  # a date: digits and dashes
    lambda r: r.beslissingsorgaan__naam,
    _type_link,
    lambda r: datum(r.datum_zitting),
    lambda r: datumtijd(r.verstuurd_op),
    _gewijzigd_door,
    lambda r: datumtijd(r.gewijzigd_op),
    _status,
)

ABB_VELDEN = (
    "id",
    "uuid",
    "bestuur_id",
    "review_status",
    "datum_zitting",
    "verstuurd_op",
    "besluittype_id",
    *("behandelaar_id", "behandelaar__first_name", "behandelaar__last_name"),
)

ABB_KOLOMMEN = (
    _kies(lambda r: f"{_type(r) or 'melding'} van {_bestuur(r)[0]}"),
    lambda r: _bestuur(r)[1],
    lambda r: _bestuur(r)[0],
    lambda r: _bestuur(r)[2],
    lambda r: link("toezicht:abb-detail", r.uuid, _type(r) or "–"),
    lambda r: datum(r.datum_zitting),
    lambda r: datumtijd(r.verstuurd_op),
    _behandeling,
    lambda r: _naam(r.behandelaar__first_name, r.behandelaar__last_name) if r.behandelaar_id else None,
)
