"""Read a decision from the RDFa of its published page (lblod's "besluit" vocabulary).

The same properties lblod's import/enrich steps and toezicht-flattened-form-data-generator take from a published
document, for the submittedResource:
- type dossier: `rdf:type` (a BesluitType / BesluitDocumentType concept; for a tax regulation the soort belasting
  is one of its types too),
- bestuursorgaan: `eli:passed_by` (the orgaan or the orgaan in a period),
- datum zitting: `prov:startedAtTime` of the zitting that has the document (`besluit:heeftBesluitenlijst`,
  `heeftNotulen`, `heeftAgenda`, `heeftUittreksel`) or that treats (`besluit:behandelt`) the agendapunt the
  decision came from (`prov:wasGeneratedBy` / `dct:subject`),
- datum publicatie: `eli:date_publication`; belasting: `lblodBesluit:chartOfAccount` (MAR), `lblodBesluit:taxRate`
  (the opcentiem: a literal, or a node with `schema:price`), `lblodBesluit:hasAdditionalTaxRate` (differentiatie), `eli:first_date_entry_in_force`, `eli:date_no_longer_in_force`;
  rapportjaar: `elod:financialYear`.
Nothing is fetched: pyRdfa runs without vocabulary expansion on the bytes the download step stored.
"""

import io
import logging
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from rdflib import RDF, Literal, Namespace, URIRef

logger = logging.getLogger(__name__)

BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
LBLOD_BESLUIT = Namespace("http://lblod.data.gift/vocabularies/besluit/")
SCHEMA = Namespace("http://schema.org/")
ELOD = Namespace("http://linkedeconomy.org/ontology#")
MAR_SCHEME = "http://lblod.data.gift/concept-schemes/b65b15ba-6755-4cd2-bd07-2c2cf3c0e4d3"
BELASTING_SOORTEN = {
    "https://data.vlaanderen.be/id/concept/BesluitType/b2d0734d-13d0-44b4-9af8-1722933c5288": "aanvullend",
    "https://data.vlaanderen.be/id/concept/BesluitType/4c22ef0a-f808-41dd-9c9f-2aff17fd851f": "contant",
    "https://data.vlaanderen.be/id/concept/BesluitType/8597e056-b96d-4213-ad4c-37338f2aaf35": "kohier",
}
DOCUMENT_VAN_ZITTING = ("heeftBesluitenlijst", "heeftNotulen", "heeftAgenda", "heeftUittreksel")


class OnleesbarePagina(Exception):
    """The page could not be parsed at all."""


def graaf(inhoud, base):
    from pyRdfa import Options, pyRdfa

    opties = Options(
        vocab_expansion=False,
        vocab_cache=False,
        output_default_graph=True,
        output_processor_graph=False,
        embedded_rdf=False,
        check_lite=False,
    )
    try:
        # Bytes, so html5lib honours the page's own <meta charset> (parsed as HTML5, never as XML).
        ruw = inhoud if isinstance(inhoud, bytes) else inhoud.encode("utf-8")
        return pyRdfa(options=opties, base=base, media_type="text/html").graph_from_source(
            io.BytesIO(ruw), rdfOutput=False
        )
    except Exception as exc:  # pyRdfa raises many kinds of errors on broken pages
        logger.info("RDFa niet leesbaar: %s", exc)
        raise OnleesbarePagina(str(exc)) from exc


def _datum(waarde):
    if not isinstance(waarde, Literal):
        return None
    python = waarde.toPython()
    if isinstance(python, datetime):
        return timezone.localtime(python).date() if timezone.is_aware(python) else python.date()
    if isinstance(python, date):
        return python
    try:
        return date.fromisoformat(str(waarde)[:10])
    except ValueError:
        return None


def _eerste(g, subject, predicate):
    return next(iter(g.objects(subject, predicate)), None)


def zitting_datum(g, s):
    zittingen = set()
    for naam in DOCUMENT_VAN_ZITTING:
        zittingen.update(g.subjects(BESLUIT[naam], s))
    for behandeling in g.objects(s, PROV.wasGeneratedBy):
        for agendapunt in g.objects(behandeling, DCT.subject):
            zittingen.update(g.subjects(BESLUIT.behandelt, agendapunt))
    for zitting in sorted(zittingen):
        for predicate in (PROV.startedAtTime, BESLUIT.geplandeStart):
            dag = _datum(_eerste(g, zitting, predicate))
            if dag:
                return dag
    return None


def lees_besluit(inhoud, *, base, submitted_resource, bestuur):
    """{field: value} for toezicht.services.bewaar_concept, as far as the page tells (missing fields are left out)."""
    from loket.models import Bestuursorgaan, Concept
    from toezicht.models import BesluitType

    g = graaf(inhoud, base)
    s = URIRef(submitted_resource)
    gegevens = {}

    types = {str(t) for t in g.objects(s, RDF.type)}
    soort = next((BELASTING_SOORTEN[t] for t in types if t in BELASTING_SOORTEN), "")
    kandidaten = list(BesluitType.objects.filter(uri__in=types - set(BELASTING_SOORTEN)))
    if not kandidaten and soort:
        kandidaten = list(BesluitType.objects.filter(profiel=BesluitType.Profiel.BELASTING)[:1])
    if kandidaten:
        breder = {k.broader for k in kandidaten}
        specifiek = [k for k in kandidaten if k.uri not in breder] or kandidaten
        gegevens["besluittype"] = sorted(specifiek, key=lambda k: k.label)[0]
    if soort:
        gegevens["belasting_soort"] = soort

    for orgaan_uri in g.objects(s, ELI.passed_by):
        orgaan = (
            Bestuursorgaan.objects.filter(bestuurseenheid=bestuur)
            .filter(models_q_orgaan(str(orgaan_uri)))
            .first()
        )
        if orgaan is not None:
            gegevens["beslissingsorgaan"] = orgaan
            break

    dag = zitting_datum(g, s)
    if dag:
        gegevens["datum_zitting"] = dag
    for veld, predicate in (
        ("datum_publicatie", ELI.date_publication),
        ("belasting_vanaf", ELI.first_date_entry_in_force),
        ("belasting_tot", ELI.date_no_longer_in_force),
    ):
        dag = _datum(_eerste(g, s, predicate))
        if dag:
            gegevens[veld] = dag

    mar = _eerste(g, s, LBLOD_BESLUIT.chartOfAccount)
    if isinstance(mar, URIRef):
        concept = Concept.objects.filter(lijst=MAR_SCHEME, uri=str(mar)).first()
        if concept and concept.notation:
            gegevens["mar_code"] = concept.notation[:20]
    elif isinstance(mar, Literal) and str(mar).strip():
        gegevens["mar_code"] = str(mar).strip()[:20]

    tarief = _eerste(g, s, LBLOD_BESLUIT.taxRate)
    if tarief is not None and not isinstance(tarief, Literal):
        tarief = _eerste(g, tarief, SCHEMA.price)
    if isinstance(tarief, Literal):
        try:
            opcentiem = Decimal(str(tarief).strip().replace(",", "."))
        except InvalidOperation:
            opcentiem = None
        if opcentiem is not None and opcentiem.is_finite() and 0 <= opcentiem < 10**8:
            gegevens["opcentiem"] = opcentiem
    differentiatie = _eerste(g, s, LBLOD_BESLUIT.hasAdditionalTaxRate)
    if isinstance(differentiatie, Literal) and str(differentiatie).strip().lower() in ("true", "1"):
        gegevens["differentiatie"] = True

    jaar = _eerste(g, s, ELOD.financialYear)
    if isinstance(jaar, Literal):
        try:
            waarde = int(str(jaar)[:4])
            if 2000 <= waarde <= 2100:
                gegevens["rapportjaar"] = waarde
        except ValueError:
            pass
    return gegevens


def models_q_orgaan(uri):
    from django.db.models import Q

    return Q(uri=uri) | Q(periodes__uri=uri)
