"""The open-data downloads of every current functionaris: CSV (loket.csvexport) and one rdflib graph
(loket.linkeddata) serialised to Turtle, JSON-LD and N-Triples.

Vocabulary as lblod models leidinggevenden (slave-leidinggevenden-domain): lblodlg:Functionaris
(mandaat:start/einde, org:holds a lblodlg:Bestuursfunctie, mandaat:status, mandaat:isBestuurlijkeAliasVan a
person:Person), lblodlg:Bestuursfunctie (org:role a BestuursfunctieCode, schema:contactPoint), the bestuur's
bestuursorgaan lblodlg:heeftBestuursfunctie. Never: rijksregisternummer, birth date, gender.
"""

from loket import linkeddata
from loket.linkeddata import NS, A, datum, iri, tekst

CSV_KOLOMMEN = [
    "bestuur",
    "classificatie",
    "bestuur_uri",
    "kbo",
    "functie",
    "functie_uri",
    "voornaam",
    "achternaam",
    "status",
    "start",
    "einde",
    "email",
    "telefoon",
    "straat",
    "huisnummer",
    "bus",
    "postcode",
    "gemeente",
]
CONTACT_VELDEN = ("email", "telefoon", "straat", "huisnummer", "bus", "postcode", "gemeente")


def _csv_rij(r):
    f, c = r.functionaris, r.contact
    contact = [getattr(c, veld) if c is not None else "" for veld in CONTACT_VELDEN]
    return [
        r.bestuur.naam,
        r.bestuur.classificatie.label,
        r.bestuur.uri,
        r.bestuur.kbo,
        r.functie.label,
        r.functie.uri,
        r.voornaam,
        r.achternaam,
        f.get_status_display(),
        f.start,
        f.einde,
        *contact,
    ]


def csv_rijen(rijen):
    return (_csv_rij(r) for r in rijen)


DATASET_URI = "http://data.lblod.info/id/datasets/databank-leidinggevenden-huidig"


def graaf(rijen, gegenereerd_op):
    g = linkeddata.nieuwe_graaf()
    lg, mandaat, schema, locn, adres = NS["lblodlg"], NS["mandaat"], NS["schema"], NS["locn"], NS["adres"]
    dataset = iri(DATASET_URI)
    g.add((dataset, A, NS["dcat"].Dataset))
    g.add((dataset, NS["dct"].title, tekst("Databank leidinggevenden: huidige functionarissen", lang="nl")))
    g.add((dataset, NS["dct"].issued, datum(gegenereerd_op)))
    for r in rijen:
        f, bf, persoon = r.functionaris, iri(r.bestuursfunctie_uri), iri(r.persoon_uri)
        x = iri(f.uri)
        g.add((x, A, lg.Functionaris))
        g.add((x, mandaat.start, datum(f.start)))
        if f.einde:
            g.add((x, mandaat.einde, datum(f.einde)))
        g.add((x, NS["org"].holds, bf))
        g.add((x, mandaat.status, iri(f.status_uri)))
        g.add((x, mandaat.isBestuurlijkeAliasVan, persoon))
        g.add((persoon, A, NS["person"].Person))
        g.add((persoon, NS["persoon"].gebruikteVoornaam, tekst(r.voornaam)))
        g.add((persoon, NS["foaf"].familyName, tekst(r.achternaam)))
        g.add((bf, A, lg.Bestuursfunctie))
        g.add((bf, NS["org"].role, iri(r.functie.uri)))
        g.add((bf, NS["skos"].prefLabel, tekst(f"{r.functie.label} {r.bestuur.volledige_naam}", lang="nl")))
        g.add((bf, NS["dct"].isPartOf, iri(r.bestuur.uri)))
        if r.orgaan_uri:
            g.add((iri(r.orgaan_uri), lg.heeftBestuursfunctie, bf))
        c = r.contact
        if c is None or c.is_leeg:
            continue
        cp = iri(c.uri)
        g.add((bf, schema.contactPoint, cp))
        g.add((cp, A, schema.ContactPoint))
        if c.email:
            g.add((cp, schema.email, tekst(c.email)))
        if c.telefoon:
            g.add((cp, schema.telephone, tekst(c.telefoon)))
        if c.heeft_adres:
            a = iri(c.adres_uri)
            g.add((cp, locn.address, a))
            g.add((a, A, locn.Address))
            g.add((a, locn.thoroughfare, tekst(c.straat)))
            g.add((a, adres["Adresvoorstelling.huisnummer"], tekst(c.huisnummer)))
            if c.bus:
                g.add((a, adres["Adresvoorstelling.busnummer"], tekst(c.bus)))
            g.add((a, locn.postCode, tekst(c.postcode)))
            g.add((a, adres.gemeentenaam, tekst(c.gemeente)))
            g.add((a, locn.fullAddress, tekst(c.adres)))
    return g
