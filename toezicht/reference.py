"""Toezicht reference data: the decision types (besluittypes.csv) and their notification rules.

Called by `manage.py load_reference_data` after the core (which loaded the classifications). Idempotent: types are
upserted on their URI, rules on (type, rule URI), and each rule's classifications are rewritten.
"""

from loket.models import Classificatie
from loket.reference import parse_date, read_csv, upsert
from loket.referentie import per_release

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
                uri=r["uri"],
                uuid=r["uuid"],
                schema=r["scheme"],
                label=r["label"],
                definitie=r["definition"],
                broader=r["broader"],
                broader_label=r["broaderLabel"],
                profiel=profiel_voor(r["label"], r["broaderLabel"]),
            ),
        )
    upsert(BesluitType, list(types.values()), ["uri"])
    type_ids = dict(BesluitType.objects.values_list("uri", "id"))

    regels = {}
    for r in rows:
        if not r["decidableBy"]:
            continue  # a type nobody may submit: never offered
        key = (type_ids[r["uri"]], r["rule"])
        regels[key] = (
            BesluitTypeRegel(
                besluittype_id=key[0],
                uri=r["rule"],
                meldingsplicht=r["obligationToReport"] == "true",
                geldig_vanaf=parse_date(r["validFrom"]),
                geldig_tot=parse_date(r["validThrough"]),
            ),
            [u for u in r["decidableBy"].split("|") if u],
        )
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
    from .services import provincies_bijwerken

    if bijgewerkt := provincies_bijwerken():  # a bestuur's provincie changed: its meldingen follow
        log(f"Meldingen met de provincie van hun bestuur bijgewerkt: {bijgewerkt}")


# --- Belastingreglementen (tax regulations) and the VLABEL view ---------------------------------------------------
# All from lblod/app-digitaal-loket (MIT), already in loket/data/codelists.csv and loaded as loket.Concept.
BELASTINGREGLEMENT_URI = (
    "https://data.vlaanderen.be/id/concept/BesluitType/efa4ec5a-b006-453f-985f-f986ebae11bc"
)
# "Minimumindeling van het algemeen rekeningenstelsel" (Minimal Belgian chart of accounts, 105 codes).
MAR_SCHEMA = "http://lblod.data.gift/concept-schemes/b65b15ba-6755-4cd2-bd07-2c2cf3c0e4d3"
# "Type belasting" (Soort belasting): the three narrower concepts of Belastingreglement.
BELASTINGTYPE_SCHEMA = "http://lblod.data.gift/concept-schemes/3037c4f4-1c63-43ac-bfc4-b41d098b15a6"
BELASTINGTYPE_URIS = {
    "aanvullend": "https://data.vlaanderen.be/id/concept/BesluitType/b2d0734d-13d0-44b4-9af8-1722933c5288",
    "contant": "https://data.vlaanderen.be/id/concept/BesluitType/4c22ef0a-f808-41dd-9c9f-2aff17fd851f",
    "kohier": "https://data.vlaanderen.be/id/concept/BesluitType/8597e056-b96d-4213-ad4c-37338f2aaf35",
}
# The MAR-codes the Vlaamse Belastingdienst reads (frontend-toezicht-abb VLABEL_CHART_OF_ACCOUNTS).
VLABEL_MAR_CODES = ("7300", "7304", "7305")


@per_release
def besluittype_namen():
    """{pk: str(type)} of every decision type: the name lists show."""
    from .models import BesluitType

    return {t.pk: str(t) for t in BesluitType.objects.all()}


@per_release
def mar_codes():
    """{notation: label} of the MAR codelist, in code order (kept in process memory for the release; read only)."""
    from loket.models import Concept

    return dict(sorted(Concept.objects.filter(lijst=MAR_SCHEMA).values_list("notation", "label")))


def mar_label(notation):
    """'7300 – Opcentiemen op de onroerenden voorheffing' (or the bare code if the codelist lacks it)."""
    label = mar_codes().get(notation or "")
    return f"{notation} – {label}" if label else (notation or "")
