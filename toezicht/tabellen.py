"""The columns of Toezicht's lists (loket/tabel.py renders the rows in Python)."""

from loket.tabel import datum, datumtijd, link, pil


def _status(m):
    return pil("Verstuurd", "success") if m.status == "verstuurd" else pil("Concept")


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
    lambda m: m.beslissingsorgaan,
    _type_link,
    lambda m: datum(m.datum_zitting),
    lambda m: datumtijd(m.verstuurd_op),
    lambda m: _gewijzigd_door(m),
    lambda m: datumtijd(m.gewijzigd_op),
    _status,
)

ABB_KOLOMMEN = (
    lambda m: m.bestuur.provincie,
    lambda m: m.bestuur.volledige_naam,
    lambda m: m.bestuur.classificatie.label,
    lambda m: link("toezicht:abb-detail", m.uuid, m.besluittype or "–"),
    lambda m: datum(m.datum_zitting),
    lambda m: datumtijd(m.verstuurd_op),
    _behandeling,
)
