"""The columns of the mandatarissen list (loket/tabel.py renders the rows in Python), of selectors.MandatarisRij."""

from django.utils.safestring import SafeString

from loket.tabel import datum, html, object_url


def _mandaat(m):
    return f"{m.functie} ({m.rangorde_label})" if m.rangorde else m.functie


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
                m.naam,
            )
            for naam, tekst in links
        )
    )


KOLOMMEN = (
    lambda m: m.naam,
    lambda m: m.orgaan,
    _mandaat,
    lambda m: m.fractie,
    lambda m: datum(m.start),
    lambda m: datum(m.einde),
    lambda m: m.status,
    lambda m: ", ".join(m.beleidsdomeinen) or None,
    _acties,
)
