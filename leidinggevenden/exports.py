"""The open-data downloads: CSV, Turtle and JSON-LD of every current functionaris.

Written by hand (no RDF library): Turtle literals and IRIs are escaped per the Turtle 1.1 grammar, JSON-LD is
plain JSON. Vocabulary as lblod models leidinggevenden (slave-leidinggevenden-domain): lblodlg:Functionaris
(mandaat:start/einde, org:holds a lblodlg:Bestuursfunctie, mandaat:status, mandaat:isBestuurlijkeAliasVan a
person:Person), lblodlg:Bestuursfunctie (org:role a BestuursfunctieCode, schema:contactPoint), the bestuur's
bestuursorgaan lblodlg:heeftBestuursfunctie. Never: rijksregisternummer, birth date, gender.
"""

import csv
import io
import json
import re

PREFIXES = {
    "lblodlg": "http://data.lblod.info/vocabularies/leidinggevenden/",
    "mandaat": "http://data.vlaanderen.be/ns/mandaat#",
    "besluit": "http://data.vlaanderen.be/ns/besluit#",
    "org": "http://www.w3.org/ns/org#",
    "person": "http://www.w3.org/ns/person#",
    "persoon": "http://data.vlaanderen.be/ns/persoon#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "http://schema.org/",
    "locn": "http://www.w3.org/ns/locn#",
    "adres": "https://data.vlaanderen.be/ns/adres#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

CSV_KOLOMMEN = [
    "bestuur", "classificatie", "bestuur_uri", "kbo", "functie", "functie_uri", "voornaam", "achternaam",
    "status", "start", "einde", "email", "telefoon", "straat", "huisnummer", "bus", "postcode", "gemeente",
]  # fmt: skip


def _csv_cel(value):
    """Neutralise spreadsheet formulas (CSV injection); a phone number like +32 53 ... stays as it is."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "@", "\t", "\r") or (
        text[:1] in ("+", "-") and not re.fullmatch(r"[+\-][\d ./]*", text)
    ):
        return "'" + text
    return text


def _contact(rij):
    c = rij.contact
    if c is None:
        return {k: "" for k in ("email", "telefoon", "straat", "huisnummer", "bus", "postcode", "gemeente")}
    return {
        "email": c.email,
        "telefoon": c.telefoon,
        "straat": c.straat,
        "huisnummer": c.huisnummer,
        "bus": c.bus,
        "postcode": c.postcode,
        "gemeente": c.gemeente,
    }


def to_csv(rijen):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_KOLOMMEN)
    for r in rijen:
        f = r.functionaris
        values = {
            "bestuur": r.bestuur.naam,
            "classificatie": r.bestuur.classificatie.label,
            "bestuur_uri": r.bestuur.uri,
            "kbo": r.bestuur.kbo,
            "functie": r.functie.label,
            "functie_uri": r.functie.uri,
            "voornaam": r.voornaam,
            "achternaam": r.achternaam,
            "status": f.get_status_display(),
            "start": f.start.isoformat(),
            "einde": f.einde.isoformat() if f.einde else "",
            **_contact(r),
        }
        writer.writerow([_csv_cel(values[k]) for k in CSV_KOLOMMEN])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


# --- Turtle -------------------------------------------------------------------------------------------

_TTL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def ttl_literal(value, datatype=None, lang=None):
    text = "".join(_TTL_ESCAPES.get(ch, ch) for ch in str(value))
    text = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04X}", text)
    if datatype:
        return f'"{text}"^^{datatype}'
    if lang:
        return f'"{text}"@{lang}'
    return f'"{text}"'


def ttl_iri(value):
    """An IRI in angle brackets; characters Turtle forbids inside IRIs are percent-encoded."""
    return "<" + _IRI_FORBIDDEN.sub(lambda m: f"%{ord(m.group()):02X}", str(value)) + ">"


def _subjects(rijen):
    """The RDF description as (subject IRI, [(predicate, object-term)]) with terms already Turtle-encoded."""
    seen = set()
    for r in rijen:
        f = r.functionaris
        bf = r.bestuursfunctie_uri
        triples = [
            ("a", "lblodlg:Functionaris"),
            ("mandaat:start", ttl_literal(f.start.isoformat(), "xsd:date")),
            ("org:holds", ttl_iri(bf)),
            ("mandaat:status", ttl_iri(f.status_uri)),
            ("mandaat:isBestuurlijkeAliasVan", ttl_iri(r.persoon_uri)),
        ]
        if f.einde:
            triples.insert(2, ("mandaat:einde", ttl_literal(f.einde.isoformat(), "xsd:date")))
        yield f.uri, triples
        if r.persoon_uri not in seen:
            seen.add(r.persoon_uri)
            yield (
                r.persoon_uri,
                [
                    ("a", "person:Person"),
                    ("persoon:gebruikteVoornaam", ttl_literal(r.voornaam)),
                    ("foaf:familyName", ttl_literal(r.achternaam)),
                ],
            )
        if bf not in seen:
            seen.add(bf)
            bf_triples = [
                ("a", "lblodlg:Bestuursfunctie"),
                ("org:role", ttl_iri(r.functie.uri)),
                ("skos:prefLabel", ttl_literal(f"{r.functie.label} {r.bestuur.volledige_naam}", lang="nl")),
                ("dct:isPartOf", ttl_iri(r.bestuur.uri)),
            ]
            if r.contact is not None and not r.contact.is_leeg:
                bf_triples.append(("schema:contactPoint", ttl_iri(r.contact.uri)))
            yield bf, bf_triples
            if r.orgaan_uri:
                yield r.orgaan_uri, [("lblodlg:heeftBestuursfunctie", ttl_iri(bf))]
            if r.contact is not None and not r.contact.is_leeg:
                c = r.contact
                cp = [("a", "schema:ContactPoint")]
                if c.email:
                    cp.append(("schema:email", ttl_literal(c.email)))
                if c.telefoon:
                    cp.append(("schema:telephone", ttl_literal(c.telefoon)))
                if c.heeft_adres:
                    cp.append(("locn:address", ttl_iri(c.adres_uri)))
                yield c.uri, cp
                if c.heeft_adres:
                    adres = [
                        ("a", "locn:Address"),
                        ("locn:thoroughfare", ttl_literal(c.straat)),
                        ("adres:Adresvoorstelling.huisnummer", ttl_literal(c.huisnummer)),
                    ]
                    if c.bus:
                        adres.append(("adres:Adresvoorstelling.busnummer", ttl_literal(c.bus)))
                    adres += [
                        ("locn:postCode", ttl_literal(c.postcode)),
                        ("adres:gemeentenaam", ttl_literal(c.gemeente)),
                        ("locn:fullAddress", ttl_literal(c.adres)),
                    ]
                    yield c.adres_uri, adres


DATASET_URI = "http://data.lblod.info/id/datasets/databank-leidinggevenden-huidig"


def _dataset(gegenereerd_op):
    return DATASET_URI, [
        ("a", "dcat:Dataset"),
        ("dct:title", ttl_literal("Databank leidinggevenden: huidige functionarissen", lang="nl")),
        ("dct:issued", ttl_literal(gegenereerd_op.isoformat(), "xsd:dateTime")),
    ]


def to_turtle(rijen, gegenereerd_op):
    lines = [f"@prefix {p}: <{uri}> ." for p, uri in PREFIXES.items()]
    lines.append("")
    lines.append(
        f"# Databank leidinggevenden – huidige functionarissen, gegenereerd op {gegenereerd_op.isoformat()}"
    )
    lines.append("")
    for subject, triples in [_dataset(gegenereerd_op), *_subjects(rijen)]:
        body = " ;\n    ".join(f"{p} {o}" for p, o in triples)
        lines.append(f"{ttl_iri(subject)}\n    {body} .\n")
    return "\n".join(lines).encode("utf-8")


# --- JSON-LD ------------------------------------------------------------------------------------------


def _jsonld_term(term):
    """Turn an already Turtle-encoded object back into a JSON-LD value."""
    if term.startswith("<") and term.endswith(">"):
        return {"@id": term[1:-1]}
    match = re.fullmatch(r'"(.*)"(?:\^\^(\w+):(\w+)|@(\w+))?', term, re.S)
    raw = json.loads('"' + match.group(1) + '"') if match else term
    if match and match.group(2):
        return {"@value": raw, "@type": f"{PREFIXES[match.group(2)]}{match.group(3)}"}
    if match and match.group(4):
        return {"@value": raw, "@language": match.group(4)}
    return raw


def to_jsonld(rijen, gegenereerd_op):
    graph = {}
    for subject, triples in [_dataset(gegenereerd_op), *_subjects(rijen)]:
        node = graph.setdefault(subject, {"@id": subject})
        for predicate, term in triples:
            if predicate == "a":
                node.setdefault("@type", []).append(term)
                continue
            node.setdefault(predicate, []).append(_jsonld_term(term))
    document = {
        "@context": dict(PREFIXES),
        "@graph": list(graph.values()),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
