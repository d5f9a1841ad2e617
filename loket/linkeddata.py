"""Linked data: every Turtle / JSON-LD / N-Triples export is one rdflib graph, serialised here.

A module builds its graph with `nieuwe_graaf()` and the helpers below (IRIs and literals are rdflib terms, so
escaping is rdflib's job), then answers with `response(graaf, formaat, naam)` or stores `serialiseer(graaf, formaat)`.
"""

import re
from datetime import date, datetime

from django.http import HttpResponse
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

PREFIXES = {
    "mandaat": "http://data.vlaanderen.be/ns/mandaat#",
    "besluit": "http://data.vlaanderen.be/ns/besluit#",
    "persoon": "http://data.vlaanderen.be/ns/persoon#",
    "lblodlg": "http://data.lblod.info/vocabularies/leidinggevenden/",
    "org": "http://www.w3.org/ns/org#",
    "regorg": "http://www.w3.org/ns/regorg#",
    "person": "http://www.w3.org/ns/person#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "http://schema.org/",
    "locn": "http://www.w3.org/ns/locn#",
    "adres": "https://data.vlaanderen.be/ns/adres#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "ext": "http://mu.semte.ch/vocabularies/ext/",
    "mu": "http://mu.semte.ch/vocabularies/core/",
    "xsd": str(XSD),
}
NS = {prefix: Namespace(uri) for prefix, uri in PREFIXES.items()}
A = RDF.type

# formaat -> (rdflib format, content type, file extension)
FORMATEN = {
    "ttl": ("turtle", "text/turtle; charset=utf-8", "ttl"),
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8", "jsonld"),
    "nt": ("nt", "application/n-triples; charset=utf-8", "nt"),
}
FORMAAT_LABELS = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples"}


def nieuwe_graaf():
    graaf = Graph(bind_namespaces="none")
    for prefix, uri in PREFIXES.items():
        graaf.bind(prefix, uri)
    return graaf


# Characters Turtle forbids inside an IRI; percent-encoded, so a stray space in a URI cannot break a file.
_IRI_VERBODEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri(value):
    return URIRef(_IRI_VERBODEN.sub(lambda m: f"%{ord(m.group()):02X}", str(value)))


def tekst(value, lang=None):
    return Literal(str(value), lang=lang)


def datum(value):
    """A date literal with the precision it has: a date is xsd:date, a datetime xsd:dateTime; a string from the
    source ("2024-12-02T00:00:00" or "2025-01-01") keeps its own lexical form and type."""
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    value = str(value)
    return Literal(value, datatype=XSD.dateTime if "T" in value else XSD.date)


def geheel_getal(value):
    return Literal(int(value), datatype=XSD.nonNegativeInteger)


def serialiseer(graaf, formaat):
    rdflib_formaat = FORMATEN[formaat][0]
    if rdflib_formaat == "json-ld":
        return graaf.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True, indent=2).encode(
            "utf-8"
        )
    return graaf.serialize(format=rdflib_formaat, encoding="utf-8")


def response(graaf, formaat, bestandsnaam, attachment=True):
    """`bestandsnaam` without extension; the format's extension is added."""
    _, content_type, ext = FORMATEN[formaat]
    resp = HttpResponse(serialiseer(graaf, formaat), content_type=content_type)
    if attachment:
        resp["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.{ext}"'
    return resp
