"""The columns of the mandatarissen list (loket/tabel.py renders the rows in Python)."""

from django.utils.safestring import SafeString

from loket.tabel import datum, html, object_url


def _mandaat(m):
    label = m.mandaat.bestuursfunctie.label
    return f"{label} ({m.rangorde_label})" if m.rangorde else label


def _beleidsdomeinen(m):
    return ", ".join(d.label for d in m.beleidsdomeinen.all()) or None


def _acties(m):
    links = [("mandaten:mandataris", "Bewerken")]
    if not m.einde:
        links.append(("mandaten:mandataris-beeindigen", "Beëindigen"))
    return SafeString(
        "<br>".join(
            html(
                '<a class="au-c-link" href="{}">{}<span class="au-u-hidden-visually"> {}</span></a>',
                object_url(naam, m.uuid),
                tekst,
                m.persoon,
            )
            for naam, tekst in links
        )
    )


KOLOMMEN = (
    lambda m: f"{m.persoon.voornaam} {m.persoon.achternaam}",
    lambda m: m.mandaat.orgaan_in_tijd.orgaan.naam,
    _mandaat,
    lambda m: m.fractie.naam if m.fractie_id else None,
    lambda m: datum(m.start),
    lambda m: datum(m.einde),
    lambda m: m.status.label if m.status_id else None,
    _beleidsdomeinen,
    _acties,
)
