"""Toezicht reference data: the decision types (besluittypes.csv) and their notification rules.

Called by `manage.py load_reference_data` after the core (which loaded the classifications). Idempotent: types are
upserted on their URI, rules on (type, rule URI), and each rule's classifications are rewritten.
"""

from loket.models import Classificatie
from loket.reference import parse_date, read_csv, upsert

from .models import BesluitType, BesluitTypeRegel

BELASTINGREGLEMENT = "Belastingreglement"
REGLEMENTEN = "Reglementen en verordeningen"
BBC_WOORDEN = ("meerjarenplan", "jaarrekening", "bbc", "budget")


def profiel_voor(label, broader_label):
    """Which extra fields a type gets: our reading of DESIGN.md (tax regulations, BBC documents, regulations)."""
    lower = label.lower()
    if BELASTINGREGLEMENT in (label, broader_label):
        return BesluitType.Profiel.BELASTING
    if any(word in lower for word in BBC_WOORDEN):
        return BesluitType.Profiel.BBC
    if REGLEMENTEN in (label, broader_label) or "reglement" in lower or "retributie" in lower:
        return BesluitType.Profiel.REGLEMENT
    return BesluitType.Profiel.STANDAARD


def load(data_dir, log=print):
    rows = read_csv(data_dir, "besluittypes.csv")
    types = {}
    for r in rows:
        types.setdefault(
            r["uri"],
            BesluitType(
                uri=r["uri"], uuid=r["uuid"], schema=r["scheme"], label=r["label"], definitie=r["definition"],
                broader=r["broader"], broader_label=r["broaderLabel"],
                profiel=profiel_voor(r["label"], r["broaderLabel"]),
            ),
        )  # fmt: skip
    upsert(BesluitType, list(types.values()), ["uri"])
    type_ids = dict(BesluitType.objects.values_list("uri", "id"))

    regels = {}
    for r in rows:
        if not r["decidableBy"]:
            continue  # a type nobody may submit: never offered
        key = (type_ids[r["uri"]], r["rule"])
        regels[key] = (
            BesluitTypeRegel(
                besluittype_id=key[0], uri=r["rule"], meldingsplicht=r["obligationToReport"] == "true",
                geldig_vanaf=parse_date(r["validFrom"]), geldig_tot=parse_date(r["validThrough"]),
            ),
            [u for u in r["decidableBy"].split("|") if u],
        )  # fmt: skip
    upsert(BesluitTypeRegel, [regel for regel, _ in regels.values()], ["besluittype", "uri"])

    classificaties = dict(Classificatie.objects.values_list("uri", "id"))
    regel_ids = {(b, u): i for i, b, u in BesluitTypeRegel.objects.values_list("id", "besluittype_id", "uri")}
    Through = BesluitTypeRegel.classificaties.through
    Through.objects.filter(besluittyperegel_id__in=regel_ids.values()).delete()
    Through.objects.bulk_create(
        [
            Through(besluittyperegel_id=regel_ids[key], classificatie_id=classificaties[uri])
            for key, (_, uris) in regels.items()
            for uri in uris
            if uri in classificaties
        ]
    )
    log(f"Types dossier (toezicht): {len(types)} (meldingsregels: {len(regels)})")
