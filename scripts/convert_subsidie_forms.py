"""Convert lblod subsidy form definitions (form.ttl, MIT, Vlaamse Overheid) into the Loket's declarative JSON.

    python scripts/convert_subsidie_forms.py <app-subsidiepunt checkout> <app-digitaal-loket checkout>

Reads the forms named in FORMS (at the commits in loket/data/README.md), keeps what the Loket's form engine
(subsidies/formengine.py) understands: sections, fields (label, help, order, type), their constraints with the
real Dutch messages, listing tables with their columns, and the option lists of concept-scheme radio buttons
(from the concept-scheme migrations). Writes loket/data/subsidies/formulieren/<sleutel>/<versie>.json.
Not converted (none of these two forms needs them): custom Ember widgets, generators, case numbers.
"""

import html
import json
import re
import subprocess
import sys
from pathlib import Path

from rdflib import RDF, Dataset, Graph, Namespace

FORM = Namespace("http://lblod.data.gift/vocabularies/forms/")
SH = Namespace("http://www.w3.org/ns/shacl#")
DISPLAY = "http://lblod.data.gift/display-types/"
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
QB = Namespace("http://purl.org/linked-data/cube#")

SP_COMMIT = "b3cee9a"
ADL_COMMIT = "45565a8e"
FORMS = [
    {
        "sleutel": "lokaal-bestuurlijk-talent/proposal",
        "versie": "20240318151410",
        "pad": "config/subsidy-application-management/forms/lokaal-bestuurlijk-talent/proposal/versions/"
        "20240318151410/form.ttl",
        "schemes": "config/migrations/2024/subsidies/20240318151410-add-lokaal-bestuurlijk-talent-subsidy.sparql",
        # Shown only when another answer was given (the labels say so: "Indien 'andere'", "Indien ja").
        "voorwaarden": {
            "otherCourseMotivation": ("courseName", "Andere"),
            "credits": ("isProgramNeeded", "Ja"),
        },
    },
    {
        "sleutel": "safer-spaces/aanvraag",
        "versie": "20250314100240-init",
        "pad": "config/subsidy-application-management/forms/safer-spaces/aanvraag/versions/20250314100240-init/"
        "form.ttl",
        "schemes": None,
        "voorwaarden": {},
    },
]

DISPLAY_TYPES = {
    "defaultInput": "tekst",
    "textArea": "tekstvak",
    "numericalInput": "getal",
    "currencyInput": "bedrag",
    "date": "datum",
    "files": "bestanden",
    "remoteUrls": "urls",
    "checkbox": "vink",
    "conceptSchemeRadioButtons": "radio",
    "conceptSchemeMultiSelectCheckboxes": "keuzes",
}
CONSTRAINTS = {
    "RequiredConstraint": "verplicht",
    "ValidIBAN": "iban",
    "ValidPhoneNumber": "telefoon",
    "ValidEmail": "email",
    "MaxLength": "max_lengte",
    "PositiveNumber": "positief",
    "UriConstraint": "url",
}


def local(uri):
    return re.split(r"[/#]", str(uri))[-1]


def plain(text):
    """Help texts carry HTML links: keep the words and the address, drop the markup."""
    text = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", str(text), flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split())


def options(adl, path):
    if not path:
        return {}
    ds = Dataset()
    ds.update(git_show(adl, ADL_COMMIT, path))
    schemes = {}
    for graph in ds.graphs():
        for concept, scheme in graph.subject_objects(SKOS.inScheme):
            order = graph.value(concept, QB.order)
            schemes.setdefault(str(scheme), []).append(
                (int(order) if order is not None else 0, str(graph.value(concept, SKOS.prefLabel)))
            )
    return {k: [label for _, label in sorted(v)] for k, v in schemes.items()}


def git_show(repo, commit, path):
    return subprocess.run(
        ["git", "-C", repo, "show", f"{commit}:{path}"], check=True, capture_output=True, text=True
    ).stdout


def field_def(g, field, schemes, voorwaarden):
    display = local(g.value(field, FORM.displayType) or "")
    veld = {
        "sleutel": local(field),
        "label": plain(g.value(field, SH.name)),
        "type": DISPLAY_TYPES[display],
        "volgorde": int(g.value(field, SH.order) or 0),
    }
    if g.value(field, FORM.help):
        veld["hulp"] = plain(g.value(field, FORM.help))
    regels = []
    for constraint in g.objects(field, FORM.validatedBy):
        soort = CONSTRAINTS[local(g.value(constraint, RDF.type))]
        regel = {"soort": soort, "melding": plain(g.value(constraint, SH.resultMessage) or "")}
        if soort == "max_lengte":
            regel["max"] = int(g.value(constraint, FORM.max))
        regels.append((int(g.value(constraint, SH.order) or 0), soort, regel))
    veld["regels"] = [r for _, _, r in sorted(regels, key=lambda x: (x[1] != "verplicht", x[0]))]
    if veld["type"] in ("radio", "keuzes"):
        scheme = json.loads(str(g.value(field, FORM.options)))["conceptScheme"]
        veld["opties"] = schemes[scheme]
    if veld["type"] == "urls" and not regels:
        # The URL check sits on the nested remote data object, not on the field itself.
        for constraint in g.subjects(RDF.type, FORM.UriConstraint):
            veld["regels"].append({"soort": "url", "melding": plain(g.value(constraint, SH.resultMessage))})
    if veld["sleutel"] in voorwaarden:
        ander, waarde = voorwaarden[veld["sleutel"]]
        veld["toon_als"] = {"veld": ander, "waarde": waarde}
    # The type follows the check: a text input validated as IBAN / phone / e-mail is one of those.
    soorten = {r["soort"] for r in veld["regels"]}
    for soort in ("iban", "telefoon", "email"):
        if veld["type"] == "tekst" and soort in soorten:
            veld["type"] = soort
    return veld


def convert(sp, adl, spec):
    g = Graph().parse(data=git_show(sp, SP_COMMIT, spec["pad"]), format="turtle", publicID="http://x/")
    schemes = options(adl, spec["schemes"])
    secties = {}
    for section in g.subjects(RDF.type, FORM.Section):
        secties[section] = {
            "titel": plain(g.value(section, SH.name)),
            "volgorde": int(g.value(section, SH.order) or 0),
            "velden": [],
        }
        if g.value(section, FORM.help):
            secties[section]["hulp"] = plain(g.value(section, FORM.help))
    in_subform = {f for sub in g.subjects(RDF.type, FORM.SubForm) for f in g.objects(sub, FORM.includes)}
    for field in g.subjects(RDF.type, FORM.Field):
        if field in in_subform or "hidden input" in str(g.value(field, SH.name)):
            continue
        secties[g.value(field, FORM.partOf)]["velden"].append(
            field_def(g, field, schemes, spec["voorwaarden"])
        )
    for listing in g.subjects(RDF.type, FORM.Listing):
        sub = g.value(listing, FORM.each)
        kolommen = sorted(
            (field_def(g, f, schemes, {}) for f in g.objects(sub, FORM.includes)), key=lambda k: k["volgorde"]
        )
        secties[g.value(listing, FORM.partOf)]["velden"].append(
            {
                "sleutel": local(listing),
                "label": plain(g.value(sub, SH.name)),
                "type": "tabel",
                "volgorde": int(g.value(listing, SH.order) or 0),
                "toevoegen": plain(g.value(listing, FORM.addLabel) or "Voeg rij toe"),
                "verwijderen": plain(g.value(sub, FORM.removeLabel) or "Verwijder rij"),
                "kolommen": kolommen,
                "regels": [],
            }
        )
    result = []
    for sectie in sorted(secties.values(), key=lambda s: s["volgorde"]):
        sectie["velden"].sort(key=lambda v: v["volgorde"])
        result.append(sectie)
    return {
        "sleutel": spec["sleutel"],
        "versie": spec["versie"],
        "bron": f"lblod/app-subsidiepunt@{SP_COMMIT}:{spec['pad']}",
        "secties": result,
    }


def main(sp, adl):
    out = Path(__file__).resolve().parent.parent / "loket" / "data" / "subsidies" / "formulieren"
    for spec in FORMS:
        definitie = convert(sp, adl, spec)
        path = out / spec["sleutel"] / f"{spec['versie']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(definitie, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(path, sum(len(s["velden"]) for s in definitie["secties"]), "velden")


if __name__ == "__main__":
    main(*sys.argv[1:3])
