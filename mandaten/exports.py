"""Open data of the public mandatendatabank: CSV, Turtle and JSON-LD (mandaat vocabulary, reference URIs).

Only what is public anyway: names, mandaten, fracties, beleidsdomeinen, dates. Never a rijksregisternummer
(nor its mask), birth date or gender.
"""

import csv
import io
import json
import uuid
from collections import OrderedDict

from django.http import HttpResponse

PREFIXES = OrderedDict(
    [
        ("mandaat", "http://data.vlaanderen.be/ns/mandaat#"),
        ("besluit", "http://data.vlaanderen.be/ns/besluit#"),
        ("persoon", "http://data.vlaanderen.be/ns/persoon#"),
        ("org", "http://www.w3.org/ns/org#"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("regorg", "http://www.w3.org/ns/regorg#"),
        ("ext", "http://mu.semte.ch/vocabularies/ext/"),
        ("mu", "http://mu.semte.ch/vocabularies/core/"),
        ("person", "http://www.w3.org/ns/person#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ]
)
RDF_TYPE = "a"
PERSOON_NAMESPACE = uuid.UUID("0f4c3a52-7a0e-4b8f-8f4e-2f1d4c6b9e10")

CSV_KOLOMMEN = [
    "bestuur", "bestuursperiode", "orgaan", "mandaat", "rangorde", "voornaam", "achternaam", "fractie",
    "beleidsdomeinen", "start", "einde", "status", "mandataris_uri",
]  # fmt: skip


def persoon_uri(persoon):
    return f"http://data.lblod.info/id/personen/{uuid.uuid5(PERSOON_NAMESPACE, f'persoon:{persoon.pk}')}"


def _bestandsnaam(bestuur, periode, ext):
    naam = "".join(c if c.isalnum() else "-" for c in bestuur.volledige_naam.lower()).strip("-")
    return f"mandatarissen-{naam}-{periode.slug}.{ext}"


def _response(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _cel(value):
    """Text a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe."""
    value = str(value or "")
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_response(bestuur, periode, organen):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_KOLOMMEN)
    for oit, mandatarissen in organen:
        for m in mandatarissen:
            writer.writerow(
                _cel(v)
                for v in [
                    bestuur.volledige_naam, periode.label, oit.orgaan.naam, m.mandaat.bestuursfunctie.label,
                    m.rangorde_label, m.persoon.voornaam, m.persoon.achternaam, m.fractie.naam if m.fractie else "",
                    "; ".join(d.label for d in m.beleidsdomeinen.all()), m.start.isoformat(),
                    m.einde.isoformat() if m.einde else "", m.status.label, m.uri,
                ]
            )  # fmt: skip
    return _response(
        "\ufeff" + buffer.getvalue(), "text/csv; charset=utf-8", _bestandsnaam(bestuur, periode, "csv")
    )


# Linked Data ------------------------------------------------------------------------------------------------


class Uri(str):
    pass


class Literal:
    def __init__(self, value, datatype=None, lang=None):
        self.value, self.datatype, self.lang = str(value), datatype, lang


def triples(bestuur, periode, organen):
    """(subject, predicate, object) with predicates as prefixed names and objects as Uri or Literal."""
    out = []
    fracties = {}
    out.append((bestuur.uri, RDF_TYPE, Uri("besluit:Bestuurseenheid")))
    out.append((bestuur.uri, "skos:prefLabel", Literal(bestuur.naam)))
    for oit, mandatarissen in organen:
        out += [
            (oit.uri, RDF_TYPE, Uri("besluit:Bestuursorgaan")),
            (oit.uri, "mandaat:isTijdspecialisatieVan", Uri(oit.orgaan.uri)),
            (oit.orgaan.uri, "skos:prefLabel", Literal(oit.orgaan.naam)),
            (oit.orgaan.uri, "besluit:bestuurt", Uri(bestuur.uri)),
        ]
        if oit.start:
            out.append((oit.uri, "mandaat:bindingStart", Literal(oit.start.isoformat(), "xsd:date")))
        if oit.einde:
            out.append((oit.uri, "mandaat:bindingEinde", Literal(oit.einde.isoformat(), "xsd:date")))
        for m in mandatarissen:
            mandaat, persoon = m.mandaat, m.persoon
            p_uri = persoon_uri(persoon)
            out += [
                (oit.uri, "org:hasPost", Uri(mandaat.uri)),
                (mandaat.uri, RDF_TYPE, Uri("mandaat:Mandaat")),
                (mandaat.uri, "org:role", Uri(mandaat.bestuursfunctie.uri)),
                (mandaat.bestuursfunctie.uri, "skos:prefLabel", Literal(mandaat.bestuursfunctie.label)),
                (m.uri, RDF_TYPE, Uri("mandaat:Mandataris")),
                (m.uri, "mu:uuid", Literal(m.uuid)),
                (m.uri, "org:holds", Uri(mandaat.uri)),
                (m.uri, "mandaat:isBestuurlijkeAliasVan", Uri(p_uri)),
                (m.uri, "mandaat:start", Literal(m.start.isoformat(), "xsd:date")),
                (m.uri, "mandaat:status", Uri(m.status.uri)),
                (m.status.uri, "skos:prefLabel", Literal(m.status.label)),
                (p_uri, RDF_TYPE, Uri("person:Person")),
                (p_uri, "persoon:gebruikteVoornaam", Literal(persoon.voornaam)),
                (p_uri, "foaf:familyName", Literal(persoon.achternaam)),
            ]
            if m.einde:
                out.append((m.uri, "mandaat:einde", Literal(m.einde.isoformat(), "xsd:date")))
            if m.rangorde:
                out.append((m.uri, "mandaat:rangorde", Literal(m.rangorde_label, lang="nl")))
            for domein in m.beleidsdomeinen.all():
                out.append((m.uri, "mandaat:beleidsdomein", Uri(domein.uri)))
                out.append((domein.uri, "skos:prefLabel", Literal(domein.label)))
            if m.fractie:
                lid = f"http://data.lblod.info/id/lidmaatschappen/{uuid.uuid5(PERSOON_NAMESPACE, f'{m.uuid}|{m.fractie.uuid}')}"
                out += [
                    (m.uri, "org:hasMembership", Uri(lid)),
                    (lid, RDF_TYPE, Uri("org:Membership")),
                    (lid, "org:organisation", Uri(m.fractie.uri)),
                ]
                fracties[m.fractie.uri] = m.fractie
    for uri, fractie in fracties.items():
        out += [
            (uri, RDF_TYPE, Uri("mandaat:Fractie")),
            (uri, "regorg:legalName", Literal(fractie.naam)),
            (uri, "ext:isFractietype", Uri(fractie.fractietype.uri)),
            (uri, "org:linkedTo", Uri(bestuur.uri)),
        ]
    seen, unique = set(), []
    for t in out:
        key = (t[0], t[1], t[2] if isinstance(t[2], str) else (t[2].value, t[2].datatype, t[2].lang))
        if key not in seen:
            seen.add(key)
            unique.append(t)
    return unique


def _escape(text):
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _ttl_object(obj):
    if isinstance(obj, Uri):
        prefix = obj.split(":", 1)[0]
        return str(obj) if prefix in PREFIXES and not obj.startswith("http") else f"<{obj}>"
    text = f'"{_escape(obj.value)}"'
    if obj.lang:
        return f"{text}@{obj.lang}"
    if obj.datatype:
        return f"{text}^^{obj.datatype}"
    return text


def turtle(bestuur, periode, organen):
    lines = [f"@prefix {p}: <{uri}> ." for p, uri in PREFIXES.items()]
    lines.append("")
    current = None
    for s, p, o in triples(bestuur, periode, organen):
        if s != current:
            if current is not None:
                lines[-1] = lines[-1][:-2] + " ."
                lines.append("")
            lines.append(f"<{s}>")
            current = s
        lines.append(f"    {p} {_ttl_object(o)} ;")
    if current is not None:
        lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines) + "\n"


def turtle_response(bestuur, periode, organen):
    return _response(
        turtle(bestuur, periode, organen),
        "text/turtle; charset=utf-8",
        _bestandsnaam(bestuur, periode, "ttl"),
    )


def jsonld(bestuur, periode, organen):
    nodes = OrderedDict()
    for s, p, o in triples(bestuur, periode, organen):
        node = nodes.setdefault(s, OrderedDict([("@id", s)]))
        if p == RDF_TYPE:
            node.setdefault("@type", []).append(str(o))
            continue
        if isinstance(o, Uri):
            value = {"@id": str(o)}
        elif o.lang:
            value = {"@value": o.value, "@language": o.lang}
        elif o.datatype:
            value = {"@value": o.value, "@type": o.datatype}
        else:
            value = o.value
        node.setdefault(p, []).append(value)
    return {"@context": dict(PREFIXES), "@graph": list(nodes.values())}


def jsonld_response(bestuur, periode, organen):
    content = json.dumps(jsonld(bestuur, periode, organen), ensure_ascii=False, indent=2)
    return _response(content, "application/ld+json; charset=utf-8", _bestandsnaam(bestuur, periode, "jsonld"))
