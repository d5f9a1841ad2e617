"""Extract the seat addresses and memberships of the besturen from lblod/app-organization-portal (MIT, Vlaamse
Overheid) into loket/data/hoofdvestigingen.csv and loket/data/lidmaatschappen.csv.

    pip install pyoxigraph   # a tool for this script only, not a dependency of the Loket
    python scripts/convert_op_vestigingen.py <app-organization-portal checkout or `git archive` of it> <store dir>

Replays the whole migration chain of config/migrations (sorted by file name, as mu-migrations-service does: a .ttl
into the graph named in its .graph file, else http://mu.semte.ch/application; a .sparql as an update) into an
Oxigraph store, then queries the final state over all graphs. Virtuoso accepts updates that Oxigraph does not:
several operations without ";" between them, and "INSERT { ... }" without WHERE; `sparql_voor_oxigraph` adds the
";" and the empty WHERE. An update that still fails or runs longer than a minute is skipped and listed at the end
(about 20, none about addresses or memberships; see loket/data/README.md). Only besturen in
loket/data/bestuurseenheden.csv are written.
"""

import csv
import re
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "loket" / "data"
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct": "http://purl.org/dc/terms/",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
}
OPERATIE = re.compile(r"(INSERT|DELETE|WHERE|DATA|WITH|CLEAR|DROP|LOAD|CREATE)\b", re.I)

VESTIGINGEN = """
PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX organisatie: <https://data.vlaanderen.be/ns/organisatie#>
PREFIX locn: <http://www.w3.org/ns/locn#>
PREFIX adres: <https://data.vlaanderen.be/ns/adres#>
SELECT ?bestuur ?site ?postCode ?gemeentenaam ?adminUnitL2 ?land WHERE {
  ?bestuur a besluit:Bestuurseenheid ; org:hasPrimarySite ?site .
  ?site organisatie:bestaatUit ?address .
  OPTIONAL { ?address locn:postCode ?postCode }
  OPTIONAL { ?address adres:gemeentenaam ?gemeentenaam }
  OPTIONAL { ?address locn:adminUnitL2 ?adminUnitL2 }
  OPTIONAL { ?address adres:land ?land }
}
"""
LIDMAATSCHAPPEN = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?organisatie ?lid ?rol WHERE {
  ?m a org:Membership ; org:organization ?organisatie ; org:member ?lid ; org:role/skos:prefLabel ?rol .
  FILTER (STR(?rol) IN ("participant", "stichtend lid"))
}
"""


def sparql_voor_oxigraph(q):
    """Add the ";" between update operations and the empty WHERE of "INSERT { ... }" that Virtuoso does not need."""
    out, i, n, diepte = [], 0, len(q), 0
    klaar = data = where = begonnen = False
    soort = None
    while i < n:
        c = q[i]
        if q.startswith('"""', i) or q.startswith("'''", i):
            j = q.find(q[i : i + 3], i + 3)
            j = n if j < 0 else j + 3
            out.append(q[i:j])
            i = j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and q[j] != c and q[j] != "\n":
                j += 2 if q[j] == "\\" else 1
            out.append(q[i : j + 1])
            i = j + 1
            continue
        if c == "<":
            m = re.match(r"<[^\s<>\"{}]*>", q[i:])
            if m:
                out.append(m.group(0))
                i += len(m.group(0))
                continue
        if c == "#":
            j = q.find("\n", i)
            j = n if j < 0 else j
            out.append(q[i:j])
            i = j
            continue
        if c == "{":
            diepte += 1
        elif c == "}":
            diepte -= 1
            if diepte == 0 and (where or data):
                klaar = True
            elif diepte == 0 and begonnen:
                rest = re.sub(r"^(\s|#[^\n]*\n)*", "", q[i + 1 :])
                volgend = (re.match(r"\w+", rest) or [""])[0].upper()
                if volgend == "INSERT" and soort == "DELETE":
                    soort = "INSERT"
                elif volgend not in ("WHERE", "USING"):
                    out.append("} WHERE {}")
                    i += 1
                    klaar = True
                    continue
        elif c == ";" and diepte == 0:
            klaar = data = where = begonnen = False
            soort = None
        elif diepte == 0 and c.isalpha() and (i == 0 or not (q[i - 1].isalnum() or q[i - 1] in ":_?$")):
            m = OPERATIE.match(q, i)
            if m:
                woord = m.group(1).upper()
                if woord in ("INSERT", "DELETE", "WITH", "CLEAR", "DROP", "LOAD", "CREATE"):
                    if klaar:
                        out.append(";\n")
                        klaar = data = where = begonnen = False
                    if not begonnen:
                        soort = woord
                    begonnen = True
                    m2 = re.match(r"(INSERT|DELETE)\s+(DATA|WHERE)\b", q[i:], re.I)
                    if m2:
                        out.append(m2.group(0))
                        i += len(m2.group(0))
                        data, where = m2.group(2).upper() == "DATA", m2.group(2).upper() == "WHERE"
                        continue
                elif woord == "WHERE":
                    where = True
                out.append(m.group(0))
                i = m.end()
                continue
        out.append(c)
        i += 1
    return "".join(out)


def pas_toe(store_dir, bestand):
    """Apply one migration file (run in a child process, so a runaway update can be stopped)."""
    import pyoxigraph as ox

    store = ox.Store(store_dir)
    bestand = Path(bestand)
    if bestand.suffix == ".ttl":
        graph_file = bestand.with_suffix(".graph")
        graph = graph_file.read_text().strip() if graph_file.exists() else "http://mu.semte.ch/application"
        store.load(path=str(bestand), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
    else:
        q = bestand.read_text()
        q = (
            "".join(
                f"PREFIX {k}: <{v}>\n"
                for k, v in PREFIXES.items()
                if not re.search(rf"PREFIX\s+{k}\s*:", q, re.I)
            )
            + q
        )
        try:
            store.update(q)
        except SyntaxError:
            store.update(sparql_voor_oxigraph(q))
    store.flush()


def replay(repo, store_dir):
    migraties = Path(repo) / "config" / "migrations"
    bestanden = sorted(
        (p for p in migraties.rglob("*") if p.suffix in (".ttl", ".sparql") and "local" not in p.parts),
        key=lambda p: p.name,
    )
    mislukt = []
    for bestand in bestanden:
        try:
            r = subprocess.run(
                [sys.executable, __file__, "--pas-toe", store_dir, str(bestand)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            if r.returncode:
                mislukt.append((bestand, (r.stderr.strip().splitlines() or ["?"])[-1][:150]))
        except subprocess.TimeoutExpired:
            mislukt.append((bestand, "langer dan 60 s"))
    for bestand, reden in mislukt:
        print(f"overgeslagen: {bestand.relative_to(migraties)}: {reden}", file=sys.stderr)


def schrijf(store_dir):
    import pyoxigraph as ox

    store = ox.Store.read_only(store_dir)
    besturen = {}
    with open(DATA / "bestuurseenheden.csv", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            besturen[r["uri"]] = r["name"] or r["legalName"]

    def waarde(sol, naam):
        return sol[naam].value if sol[naam] is not None else ""

    rijen = [
        {k: waarde(sol, k) for k in ("bestuur", "site", "postCode", "gemeentenaam", "adminUnitL2", "land")}
        for sol in store.query(VESTIGINGEN, use_default_graph_as_union=True)
    ]
    rijen = sorted(
        (r for r in rijen if r["bestuur"] in besturen), key=lambda r: (besturen[r["bestuur"]], r["bestuur"])
    )
    with open(DATA / "hoofdvestigingen.csv", "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(
            [
                "bestuurseenheid",
                "bestuurseenheidName",
                "vestiging",
                "postCode",
                "gemeentenaam",
                "adminUnitL2",
                "land",
                "source",
            ]
        )
        for r in rijen:
            w.writerow(
                [
                    r["bestuur"],
                    besturen[r["bestuur"]],
                    r["site"],
                    r["postCode"],
                    r["gemeentenaam"],
                    r["adminUnitL2"],
                    r["land"],
                    "app-organization-portal",
                ]
            )
    leden = {
        (waarde(s, "organisatie"), waarde(s, "lid"), waarde(s, "rol"))
        for s in store.query(LIDMAATSCHAPPEN, use_default_graph_as_union=True)
    }
    leden = sorted(
        (rij for rij in leden if rij[0] in besturen and rij[1] in besturen),
        key=lambda rij: (besturen[rij[0]], rij[0], besturen[rij[1]], rij[1], rij[2]),
    )
    with open(DATA / "lidmaatschappen.csv", "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(["organisatie", "organisatieName", "lid", "lidName", "rol", "source"])
        for org, lid, rol in leden:
            w.writerow([org, besturen[org], lid, besturen[lid], rol, "app-organization-portal"])
    print(f"{len(rijen)} hoofdvestigingen, {len(leden)} lidmaatschappen")


if __name__ == "__main__":
    if sys.argv[1] == "--pas-toe":
        pas_toe(sys.argv[2], sys.argv[3])
    else:
        if not Path(sys.argv[2]).exists():
            replay(sys.argv[1], sys.argv[2])
        schrijf(sys.argv[2])
