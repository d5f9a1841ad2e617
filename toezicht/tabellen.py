"""The columns of Toezicht's lists (loket/tabel.py renders the rows in Python)."""

from loket.tabel import datum, datumtijd, html, link, pil


def _status(m):
    """What the bestuur sees: concept (reopened), verstuurd, or afgehandeld by ABB."""
    if m.status == "verstuurd":
        return (
            pil("Afgehandeld door ABB", "success")
            if m.review_status == "afgehandeld"
            else pil("Verstuurd", "success")
        )
    if m.heropend_op:
        return html("{} {}", pil("Concept"), pil("Heropend", "warning"))
    return pil("Concept")


def _kies(beschrijving):
    """The row's checkbox for the bulk actions (it belongs to the form #bulk-formulier below the table)."""

    def kolom(m):
        return html(
            '<input type="checkbox" class="loket-kies" form="bulk-formulier" name="melding" value="{}" '
            'id="kies-{}" aria-label="Kies {}">',
            m.uuid,
            m.uuid,
            beschrijving(m),
        )

    return kolom


def _type_link(m):
    url_name = "toezicht:bewerken" if m.is_concept else "toezicht:detail"
    return link(url_name, m.uuid, m.besluittype or "Nog geen type gekozen")


def _behandeling(m):
    return (
        pil("Afgehandeld", "success") if m.review_status == "afgehandeld" else pil("Te behandelen", "warning")
    )


def _gewijzigd_door(m):
    if m.gewijzigd_door:
        return m.gewijzigd_door.get_full_name()
    if m.leverancier_id:  # posted by a software vendor (leveranciers, POST /melding)
        return f"Automatisch bij publicatie ({m.leverancier.naam})"
    return None


BESTUUR_KOLOMMEN = (
    _kies(lambda m: f"{m.besluittype or 'melding'} van {datum(m.datum_zitting)}"),
    lambda m: m.beslissingsorgaan,
    _type_link,
    lambda m: datum(m.datum_zitting),
    lambda m: datumtijd(m.verstuurd_op),
    lambda m: _gewijzigd_door(m),
    lambda m: datumtijd(m.gewijzigd_op),
    _status,
)
# What BESTUUR_KOLOMMEN read (the list's query loads only these: toezicht.selectors.LijstPaginator).
BESTUUR_VELDEN = (
    "uuid",
    "status",
    "review_status",
    "heropend_op",
    "datum_zitting",
    "verstuurd_op",
    "gewijzigd_op",
    *("besluittype__label", "besluittype__broader_label", "besluittype__definitie"),
    "beslissingsorgaan__naam",
    *("gewijzigd_door__first_name", "gewijzigd_door__last_name"),
    "leverancier__naam",
)

ABB_KOLOMMEN = (
    _kies(lambda m: f"{m.besluittype or 'melding'} van {m.bestuur.volledige_naam}"),
    lambda m: m.bestuur.provincie,
    lambda m: m.bestuur.volledige_naam,
    lambda m: m.bestuur.classificatie.label,
    lambda m: link("toezicht:abb-detail", m.uuid, m.besluittype or "–"),
    lambda m: datum(m.datum_zitting),
    lambda m: datumtijd(m.verstuurd_op),
    _behandeling,
    lambda m: m.behandelaar.get_full_name() if m.behandelaar else None,
)

# What ABB_KOLOMMEN read.
ABB_VELDEN = (
    "uuid",
    "review_status",
    "datum_zitting",
    "verstuurd_op",
    *("bestuur__naam", "bestuur__provincie", "bestuur__classificatie__label", "bestuur__classificatie__uuid"),
    *("besluittype__label", "besluittype__broader_label", "besluittype__definitie"),
    *("behandelaar__first_name", "behandelaar__last_name"),
)
