"""Open data of the public mandatendatabank: CSV (loket.csvexport) and one rdflib graph (loket.linkeddata) per
export, serialised to Turtle, JSON-LD or N-Triples; for one bestuur or for every bestuur.

Only what is public anyway: names, mandaten, fracties, beleidsdomeinen, dates. Never a rijksregisternummer
(nor its mask), birth date or gender.

`besturen` is a list of (bestuur, [(orgaan_in_tijd, [mandataris, ...]), ...]) as the selectors give it.
"""

import uuid

from loket import csvexport, linkeddata
from loket.linkeddata import NS, A, datum, iri, tekst

PERSOON_NAMESPACE = uuid.UUID("0f4c3a52-7a0e-4b8f-8f4e-2f1d4c6b9e10")

CSV_KOLOMMEN = [
    "bestuur",
    "bestuur_uri",
    "kbo",
    "bestuursperiode",
    "orgaan",
    "orgaan_uri",
    "mandaat",
    "rangorde",
    "voornaam",
    "achternaam",
    "fractie",
    "beleidsdomeinen",
    "start",
    "einde",
    "status",
    "mandataris_uri",
]


def persoon_uri(persoon):
    return f"http://data.lblod.info/id/personen/{uuid.uuid5(PERSOON_NAMESPACE, f'persoon:{persoon.pk}')}"


def bestandsnaam(bestuur, periode):
    """Without extension; None for the export of every bestuur."""
    if bestuur is None:
        return f"mandatarissen-alle-besturen-{periode.slug}"
    naam = "".join(c if c.isalnum() else "-" for c in bestuur.volledige_naam.lower()).strip("-")
    return f"mandatarissen-{naam}-{periode.slug}"


def csv_rijen(besturen, periode):
    for bestuur, organen in besturen:
        for oit, mandatarissen in organen:
            for m in mandatarissen:
                yield [
                    bestuur.volledige_naam,
                    bestuur.uri,
                    bestuur.kbo,
                    periode.label,
                    oit.orgaan.naam,
                    oit.orgaan.uri,
                    m.mandaat.bestuursfunctie.label,
                    m.rangorde_label,
                    m.persoon.voornaam,
                    m.persoon.achternaam,
                    m.fractie.naam if m.fractie else "",
                    "; ".join(d.label for d in m.beleidsdomeinen.all()),
                    m.start,
                    m.einde,
                    m.status.label,
                    m.uri,
                ]


def csv_response(besturen, periode, bestuur):
    return csvexport.csv_response(
        CSV_KOLOMMEN, csv_rijen(besturen, periode), f"{bestandsnaam(bestuur, periode)}.csv"
    )


def graaf(besturen):
    """The mandaat vocabulary (as lblod publishes it), with the reference data's URIs."""
    g = linkeddata.nieuwe_graaf()
    mandaat_ns, skos = NS["mandaat"], NS["skos"]
    for bestuur, organen in besturen:
        b = iri(bestuur.uri)
        g.add((b, A, NS["besluit"].Bestuurseenheid))
        g.add((b, skos.prefLabel, tekst(bestuur.naam)))
        for oit, mandatarissen in organen:
            o, orgaan = iri(oit.uri), iri(oit.orgaan.uri)
            g.add((o, A, NS["besluit"].Bestuursorgaan))
            g.add((o, mandaat_ns.isTijdspecialisatieVan, orgaan))
            g.add((orgaan, skos.prefLabel, tekst(oit.orgaan.naam)))
            g.add((orgaan, NS["besluit"].bestuurt, b))
            # The binding dates exactly as the source has them (a dateTime there stays a dateTime).
            if oit.start_bron or oit.start:
                g.add((o, mandaat_ns.bindingStart, datum(oit.start_bron or oit.start)))
            if oit.einde_bron or oit.einde:
                g.add((o, mandaat_ns.bindingEinde, datum(oit.einde_bron or oit.einde)))
            for m in mandatarissen:
                _mandataris(g, m, o, b)
    return g


def _mandataris(g, m, orgaan_in_tijd, bestuur):
    mandaat_ns, org, skos = NS["mandaat"], NS["org"], NS["skos"]
    mandaat, persoon = m.mandaat, m.persoon
    x, md, p = iri(m.uri), iri(mandaat.uri), iri(persoon_uri(persoon))
    functie, status = iri(mandaat.bestuursfunctie.uri), iri(m.status.uri)
    g.add((orgaan_in_tijd, org.hasPost, md))
    g.add((md, A, mandaat_ns.Mandaat))
    g.add((md, org.role, functie))
    g.add((functie, skos.prefLabel, tekst(mandaat.bestuursfunctie.label)))
    g.add((x, A, mandaat_ns.Mandataris))
    g.add((x, NS["mu"].uuid, tekst(m.uuid)))
    g.add((x, org.holds, md))
    g.add((x, mandaat_ns.isBestuurlijkeAliasVan, p))
    g.add((x, mandaat_ns.start, datum(m.start)))
    if m.einde:
        g.add((x, mandaat_ns.einde, datum(m.einde)))
    g.add((x, mandaat_ns.status, status))
    g.add((status, skos.prefLabel, tekst(m.status.label)))
    if m.rangorde:
        g.add((x, mandaat_ns.rangorde, tekst(m.rangorde_label, lang="nl")))
    for domein in m.beleidsdomeinen.all():
        g.add((x, mandaat_ns.beleidsdomein, iri(domein.uri)))
        g.add((iri(domein.uri), skos.prefLabel, tekst(domein.label)))
    g.add((p, A, NS["person"].Person))
    g.add((p, NS["persoon"].gebruikteVoornaam, tekst(persoon.voornaam)))
    g.add((p, NS["foaf"].familyName, tekst(persoon.achternaam)))
    if m.fractie:
        fractie = iri(m.fractie.uri)
        lid = iri(
            f"http://data.lblod.info/id/lidmaatschappen/{uuid.uuid5(PERSOON_NAMESPACE, f'{m.uuid}|{m.fractie.uuid}')}"
        )
        g.add((x, org.hasMembership, lid))
        g.add((lid, A, org.Membership))
        g.add((lid, org.organisation, fractie))
        g.add((fractie, A, mandaat_ns.Fractie))
        g.add((fractie, NS["regorg"].legalName, tekst(m.fractie.naam)))
        g.add((fractie, NS["ext"].isFractietype, iri(m.fractie.fractietype.uri)))
        g.add((fractie, org.linkedTo, bestuur))


def rdf_response(besturen, periode, formaat, bestuur):
    return linkeddata.response(graaf(besturen), formaat, bestandsnaam(bestuur, periode))
