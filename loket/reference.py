"""Load the public reference data (besturen, organen, codelists) from the CSV files in loket/data/.

Idempotent: rows are upserted on their URI, so running it again after the source files change updates the
database in place. Module apps add their own reference data by providing `<app>/reference.py` with a
`load(data_dir, log)` function; `load_all` calls them after the core.
"""

import csv
import importlib
import importlib.util
import re
from datetime import date
from pathlib import Path

from django.apps import apps
from django.db import transaction

from .models import (
    Bestuurseenheid,
    Bestuursorgaan,
    BestuursorgaanClassificatie,
    BestuursorgaanInTijd,
    Classificatie,
    Concept,
    Provincie,
)

STATUS_BY_URI = {
    "http://lblod.data.gift/concepts/63cc561de9188d64ba5840a42ae8f0d6": Bestuurseenheid.Status.ACTIEF,
    "http://lblod.data.gift/concepts/d02c4e12bf88d2fdf5123b07f29c9311": Bestuurseenheid.Status.NIET_ACTIEF,
    "http://lblod.data.gift/concepts/abf4fee82019f88cf122f986830621ab": Bestuurseenheid.Status.IN_OPRICHTING,
}
# The first digit of a NIS code names the province (refnis).
PROVINCIE_BY_NIS_PREFIX = {
    "1": Provincie.ANTWERPEN,
    "2": Provincie.VLAAMS_BRABANT,
    "3": Provincie.WEST_VLAANDEREN,
    "4": Provincie.OOST_VLAANDEREN,
    "7": Provincie.LIMBURG,
}
FUSIE = "http://lblod.data.gift/concepts/fa80032794c841ecac73ff874f856db1"


def read_csv(data_dir, name):
    with open(Path(data_dir) / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def parse_date(value):
    return date.fromisoformat(value[:10]) if value else None


def upsert(model, objects, unique_fields):
    update_fields = [
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in unique_fields
    ]
    model.objects.bulk_create(
        objects,
        update_conflicts=True,
        unique_fields=unique_fields,
        update_fields=update_fields,
        batch_size=1000,
    )
    return len(objects)


def load_classificaties(data_dir):
    rows = read_csv(data_dir, "bestuurseenheid_classificatie_codes.csv")
    upsert(
        Classificatie,
        [Classificatie(uri=r["uri"], uuid=r["uuid"], label=r["prefLabel"]) for r in rows],
        ["uri"],
    )
    rows = read_csv(data_dir, "bestuursorgaan_classificatie_codes.csv")
    objs = [BestuursorgaanClassificatie(uri=r["uri"], uuid=r["uuid"], label=r["prefLabel"]) for r in rows]
    upsert(BestuursorgaanClassificatie, objs, ["uri"])


def absorbed_by(data_dir, today):
    """Besturen merged away (an original of a merger that is not among its results) -> (results, date)."""
    result = {}
    for event in read_csv(data_dir, "veranderingsgebeurtenissen.csv"):
        when = parse_date(event["date"])
        if event["typeWijziging"] != FUSIE or when is None or when > today:
            continue
        originals = set(filter(None, event["originalOrganization"].split("|")))
        resulting = [u for u in event["resultingOrganization"].split("|") if u]
        for uri in originals - set(resulting):
            result[uri] = (result.get(uri, ([], when))[0] + resulting, when)
    return result


# Antwerpen is the only city with districts (its ten districts are all in the data, werkingsgebiedNiveau "District").
DISTRICT_STAD = "Antwerpen"
# Roles in lidmaatschappen.csv that make a bestuur part of an organisation ("gerelateerd" is not among them).
LID_ROLLEN = {"participant", "stichtend lid"}


def provincie_for(row, provincie_by_gemeente, zetel_gemeente=""):
    """The provincie of a bestuur from its own territory or seat, derived from the source only (docs/architecture.md,
    "Reference data"); "" when the source gives neither. `zetel_gemeente`: the gemeentenaam of its seat."""
    nis = row["nisCode"] or row["nis2019Code"]
    if nis:
        return PROVINCIE_BY_NIS_PREFIX.get(nis[0], "")
    label = row["classificationLabel"]
    name = row["name"].replace("\xa0", " ")
    if label == "OCMW":
        # The OCMW's of the 2025 fusion gemeenten have no werkingsgebied: the gemeente of the same name has.
        return provincie_by_gemeente.get(name, "")
    if label == "District":
        return provincie_by_gemeente.get(DISTRICT_STAD, "")
    # Police zones carry no werkingsgebied, but their name lists their municipalities: "PZ AMOW: Asse, ...".
    if ":" in name:
        for gemeente in re.split(r",| en ", name.split(":", 1)[1]):
            provincie = provincie_by_gemeente.get(gemeente.strip())
            if provincie:
                return provincie
    # Any other bestuur: the gemeente of its seat (hoofdvestiging). Its address's own provincie (adminUnitL2) is not
    # used: the source has it wrong for some (8400 Oostende "Vlaams-Brabant", 3060 Bertem "West-Vlaanderen").
    return provincie_by_gemeente.get(zetel_gemeente, "")


def provincie_van_leden(leden, provincies):
    """The one provincie of all members (participants, stichtende leden) of a bestuur; "" when they have none or
    lie in more than one."""
    gevonden = {provincies.get(lid, "") for lid in leden}
    return gevonden.pop() if len(gevonden) == 1 else ""


def naam_uit_bron(row):
    """The name the source gives (skos:prefLabel, else the legal name); never another entity's name (e.g. the
    werkingsgebied): a bestuur without one is "Naamloze projectvereniging (KBO 0680397589)"."""
    naam = row["name"].strip() or row["legalName"].strip()
    if naam:
        return naam
    kbo = f" (KBO {row['kbo']})" if row["kbo"] else ""
    return f"Naamloze {row['classificationLabel'].lower()}{kbo}"


def load_besturen(data_dir, today):
    rows = read_csv(data_dir, "bestuurseenheden.csv")
    classificaties = dict(Classificatie.objects.values_list("uri", "id"))
    absorbed = absorbed_by(data_dir, today)
    provincie_by_gemeente = {
        r["name"]: PROVINCIE_BY_NIS_PREFIX.get((r["nisCode"] or r["nis2019Code"] or "x")[0], "")
        for r in rows
        if r["classificationLabel"] == "Gemeente"
    }
    zetels = {r["bestuurseenheid"]: r["gemeentenaam"] for r in read_csv(data_dir, "hoofdvestigingen.csv")}
    provincies = {r["uri"]: provincie_for(r, provincie_by_gemeente, zetels.get(r["uri"], "")) for r in rows}
    leden = {}
    for r in read_csv(data_dir, "lidmaatschappen.csv"):
        if r["rol"] in LID_ROLLEN:
            leden.setdefault(r["organisatie"], []).append(r["lid"])
    objs = []
    for r in rows:
        status = STATUS_BY_URI.get(r["status"], Bestuurseenheid.Status.ONBEKEND)
        objs.append(
            Bestuurseenheid(
                uri=r["uri"],
                uuid=r["uuid"],
                naam=naam_uit_bron(r),
                legal_name=r["legalName"],
                classificatie_id=classificaties[r["classification"]],
                werkingsgebied=r["werkingsgebiedLabel"],
                werkingsgebied_niveau=r["werkingsgebiedNiveau"],
                werkingsgebied_uri=r["werkingsgebied"],
                provincie=provincies[r["uri"]] or provincie_van_leden(leden.get(r["uri"], ()), provincies),
                nis_code=r["nisCode"] or r["nis2019Code"],
                kbo=r["kbo"],
                ovo=r["ovo"],
                status=status,
                actief=status != Bestuurseenheid.Status.NIET_ACTIEF and r["uri"] not in absorbed,
            )
        )
    upsert(Bestuurseenheid, objs, ["uri"])
    ids = dict(Bestuurseenheid.objects.values_list("uri", "id"))
    classification = {r["uri"]: r["classification"] for r in rows}
    for old, (results, when) in absorbed.items():
        # "Borsbeek + Antwerpen -> District Borsbeek and Gemeente Antwerpen": the successor has the same classification.
        successor = next((u for u in results if classification.get(u) == classification.get(old)), None)
        if old in ids and successor in ids:
            Bestuurseenheid.objects.filter(id=ids[old]).update(
                opgeheven_door_id=ids[successor], opgeheven_op=when
            )
    return len(objs)


def load_organen(data_dir):
    besturen = dict(Bestuurseenheid.objects.values_list("uri", "id"))
    classificaties = dict(BestuursorgaanClassificatie.objects.values_list("uri", "id"))
    objs = [
        Bestuursorgaan(
            uri=r["uri"],
            uuid=r["uuid"],
            naam=r["name"] or r["classificationLabel"],
            classificatie_id=classificaties.get(r["classification"]),
            bestuurseenheid_id=besturen[r["bestuurseenheid"]],
        )
        for r in read_csv(data_dir, "bestuursorganen.csv")
        if r["bestuurseenheid"] in besturen
    ]
    upsert(Bestuursorgaan, objs, ["uri"])
    organen = dict(Bestuursorgaan.objects.values_list("uri", "id"))
    periodes = [
        BestuursorgaanInTijd(
            uri=r["uri"],
            uuid=r["uuid"],
            orgaan_id=organen[r["isTijdspecialisatieVan"]],
            start=parse_date(r["bindingStart"]),
            einde=parse_date(r["bindingEinde"]),
            start_bron=r["bindingStart"],
            einde_bron=r["bindingEinde"],
        )
        for r in read_csv(data_dir, "bestuursorganen_in_tijd.csv")
        if r["isTijdspecialisatieVan"] in organen
    ]
    upsert(BestuursorgaanInTijd, periodes, ["uri"])
    return len(objs), len(periodes)


def load_concepts(data_dir):
    concepts = {}
    for r in read_csv(data_dir, "codelists.csv"):
        concepts[(r["scheme"], r["concept"])] = Concept(
            lijst=r["scheme"],
            lijst_label=r["schemeLabel"],
            uri=r["concept"],
            uuid=r["uuid"],
            label=r["prefLabel"],
            notation=r["notation"],
            broader=r["broader"],
            definitie=r["definition"],
        )
    for r in read_csv(data_dir, "typed_codes.csv"):
        lijst = r["scheme"] or r["type"]
        concepts.setdefault(
            (lijst, r["concept"]),
            Concept(
                lijst=lijst,
                lijst_label=r["type"].rsplit("/", 1)[-1],
                uri=r["concept"],
                uuid=r["uuid"],
                label=r["prefLabel"],
                notation=r["notation"],
            ),
        )
        # Also reachable by type, for codes that are in a scheme: the modules look them up by type.
        concepts.setdefault(
            (r["type"], r["concept"]),
            Concept(
                lijst=r["type"],
                lijst_label=r["type"].rsplit("/", 1)[-1],
                uri=r["concept"],
                uuid=r["uuid"],
                label=r["prefLabel"],
                notation=r["notation"],
            ),
        )
    return upsert(Concept, list(concepts.values()), ["lijst", "uri"])


def module_loaders():
    for config in apps.get_app_configs():
        if config.name != "loket" and importlib.util.find_spec(f"{config.name}.reference") is not None:
            yield config.label, importlib.import_module(f"{config.name}.reference").load


@transaction.atomic
def load_all(data_dir, log=print, today=None):
    today = today or date.today()
    load_classificaties(data_dir)
    log(f"Bestuurseenheden: {load_besturen(data_dir, today)}")
    organen, periodes = load_organen(data_dir)
    log(f"Bestuursorganen: {organen} (in tijd: {periodes})")
    log(f"Codelijstwaarden: {load_concepts(data_dir)}")
    for _label, load in module_loaders():
        load(data_dir, log)
    from . import publiek, referentie

    referentie.vergeet()  # bulk writes send no signals: the labels kept in this process are read again
    publiek.gewijzigd()  # besturen and codes shown on the public pages may have changed
