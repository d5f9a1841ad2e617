"""The columns of the dossier lists (loket/tabel.py renders the rows in Python)."""

from loket.tabel import datum, datumtijd, html, link


def _pil(a, label=None):
    return html(
        '<span class="au-c-pill au-c-pill--small au-c-pill--{}">{}</span>',
        a.status_skin,
        label or a.status_label,
    )


def _maatregel(a):
    if a.projectnaam:
        return html('{}<br><span class="au-c-help-text">{}</span>', a.maatregel.titel, a.projectnaam)
    return a.maatregel.titel


def _periode(a):
    r = a.reeks
    if r.begin and r.einde:
        return html(
            '{}<br><span class="au-c-help-text">{} – {}</span>', r.label, datum(r.begin), datum(r.einde)
        )
    return r.label


def _indienen_tot(a):
    return datumtijd(a.actieve_stap.einde) if a.actieve_stap and a.actieve_stap.einde else "N.V.T."


def _actie(a):
    tekst = "Bekijk" if a.status == "ingediend" else "Bewerk"
    verborgen = f"{a.maatregel.titel}, {a.projectnaam}" if a.projectnaam else a.maatregel.titel
    return link("subsidies:dossier", a.uuid, tekst, verborgen)


# 'Lopende subsidiedossiers': Subsidiemaatregel, Periode, Indienen tot, Status, Gewijzigd door, Laatst bewerkt, actie.
KOLOMMEN = (
    _maatregel,
    _periode,
    _indienen_tot,
    _pil,
    lambda a: a.gewijzigd_door_naam,
    lambda a: datumtijd(a.gewijzigd_op),
    _actie,
)


def _abb_maatregel(a):
    onder = f"{a.reeks.label} · {a.projectnaam}" if a.projectnaam else a.reeks.label
    # Concept dossiers are not clickable (as in the Subsidiedatabank): nothing was sent yet.
    titel = (
        a.maatregel.titel
        if a.status == "concept"
        else link("subsidies:abb-dossier", a.uuid, a.maatregel.titel, f"van {a.bestuur.volledige_naam}")
    )
    return html('{}<br><span class="au-c-help-text">{}</span>', titel, onder)


# 'Subsidie aanvragen' (ABB): Subsidiemaatregel, Type organisatie, Organisatie, Laatst gewijzigd, Status, Actieve stap.
ABB_KOLOMMEN = (
    _abb_maatregel,
    lambda a: a.bestuur.classificatie.label,
    lambda a: a.bestuur.naam,
    lambda a: datumtijd(a.gewijzigd_op),
    lambda a: _pil(a, a.get_status_display()),
    lambda a: a.actieve_stap.naam if a.actieve_stap else None,
)


def rij(testid):
    return lambda a: {"data-testid": testid}
