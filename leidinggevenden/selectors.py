"""Reads. Bestuur-side reads start from .for_bestuur(); the public reads show only current periods."""

import uuid
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from loket.models import Bestuurseenheid, Bestuursorgaan
from loket.tabel import object_url
from loket.vaste_query import VasteQuery

from . import functies
from .models import ContactGegevens, Functionaris, PubliekeExport, vandaag


@dataclass
class FunctieOverzicht:
    functie: functies.Functie
    contact: ContactGegevens | None
    id: object = None  # the bestuursfunctie id (URLs)
    huidig: list = field(default_factory=list)
    andere: list = field(default_factory=list)  # past and future periods

    @property
    def url(self):
        """The function's page (reverse() once per process, loket.tabel.object_url)."""
        return object_url("leidinggevenden:functie", self.id)

    @property
    def meerdere_aangesteld(self):
        """More than one person appointed at the same time: allowed, but usually a forgotten end date."""
        return sum(1 for f in self.huidig if f.status == functies.Status.AANGESTELD) > 1


def functie_voor(bestuur, bestuursfunctie_id):
    """One function of this bestuur by its id; None for another bestuur's or an unknown id (the view: 404)."""
    for functie in functies.functies_voor(bestuur):
        if functies.bestuursfunctie_id(bestuur, functie) == bestuursfunctie_id:
            return functie
    return None


def functie_overzichten(bestuur, alleen=None):
    """Per function of the bestuur: its contact data and its current and other functionarissen."""
    lijst = [alleen] if alleen else list(functies.functies_voor(bestuur))
    codes = [f.code for f in lijst]
    contacten = ContactGegevens.objects.for_bestuur(bestuur).filter(functie__in=codes)
    rows = (
        Functionaris.objects.for_bestuur(bestuur)
        .filter(functie__in=codes)
        .select_related("persoon")
        .order_by("-start", "persoon__achternaam")
    )
    return _per_functie(bestuur, lijst, contacten, rows)


# The overview of all functions (the module's start page) runs on every visit: its two queries are compiled once
# per process (loket/vaste_query.py) and read what the overview shows of a functionaris (name, status, period).
_contacten = VasteQuery(lambda bestuur_id: ContactGegevens.objects.for_bestuur(bestuur_id))
_functionarissen = VasteQuery(
    lambda bestuur_id: (
        Functionaris.objects.for_bestuur(bestuur_id)
        .select_related("persoon")
        .only("functie", "status", "start", "einde", "persoon__voornaam", "persoon__achternaam")
        .order_by("-start", "persoon__achternaam")
    )
)


def overzicht_functies(bestuur):
    """functie_overzichten of every function of the bestuur, for the overview: the same lists, with the
    functionarissen's names, status and period only."""
    lijst = list(functies.functies_voor(bestuur))
    if not lijst:  # a bestuur that keeps no functions: nothing to read
        return []
    return _per_functie(bestuur, lijst, _contacten(bestuur.pk), _functionarissen(bestuur.pk))


def _per_functie(bestuur, lijst, contacten, rows):
    overzichten = {
        f.code: FunctieOverzicht(functie=f, contact=None, id=functies.bestuursfunctie_id(bestuur, f))
        for f in lijst
    }
    for contact in contacten:
        if contact.functie in overzichten:
            overzichten[contact.functie].contact = contact
    op = vandaag()
    for functionaris in rows:
        overzicht = overzichten.get(functionaris.functie)
        if overzicht is not None:
            (overzicht.huidig if functionaris.is_huidig(op) else overzicht.andere).append(functionaris)
    return list(overzichten.values())


def functionaris_voor(bestuur, functionaris_id):
    return Functionaris.objects.for_bestuur(bestuur).select_related("persoon").filter(uuid=functionaris_id)


# --- public -------------------------------------------------------------------------------------------


def besturen_met_leidinggevenden(zoekterm=""):
    """Active besturen that have at least one current functionaris, optionally filtered on name."""
    op = vandaag()
    huidige = Functionaris.objects.huidig(op).filter(bestuur=OuterRef("pk"))
    qs = (
        Bestuurseenheid.objects.actief()
        .filter(Exists(huidige))
        .select_related("classificatie")
        .order_by("naam", "classificatie__label")
    )
    zoekterm = (zoekterm or "").strip()
    if zoekterm:
        for woord in zoekterm.split():
            qs = qs.filter(Q(naam__icontains=woord) | Q(classificatie__label__icontains=woord))
    return qs


def publiek_bestuur(bestuur_uuid):
    """A bestuur that keeps leidinggevenden, by its uuid; None otherwise."""
    bestuur = (
        Bestuurseenheid.objects.actief()
        .select_related("classificatie")
        .filter(uuid=bestuur_uuid, classificatie__label__in=functies.classificaties_met_functies())
        .first()
    )
    return bestuur


@dataclass
class PubliekeRij:
    """One current functionaris as the public may see it: no rijksregisternummer, no birth date."""

    bestuur: Bestuurseenheid
    functie: functies.Functie
    functionaris: Functionaris
    contact: ContactGegevens | None
    orgaan_uri: str = ""

    @property
    def voornaam(self):
        return self.functionaris.persoon.voornaam

    @property
    def achternaam(self):
        return self.functionaris.persoon.achternaam

    @property
    def persoon_uri(self):
        key = f"loket:persoon:{self.functionaris.persoon_id}"
        return f"http://data.lblod.info/id/personen/{uuid.uuid5(uuid.NAMESPACE_URL, key)}"

    @property
    def bestuursfunctie_uri(self):
        return functies.bestuursfunctie_uri(self.bestuur, self.functie)


def publieke_rijen(bestuur=None):
    """Every current functionaris (of one bestuur, or of all), ordered by bestuur and function."""
    op = vandaag()
    qs = Functionaris.objects.huidig(op).select_related("persoon", "bestuur__classificatie")
    if bestuur is not None:
        qs = qs.for_bestuur(bestuur)
    qs = qs.filter(bestuur__actief=True)
    functionarissen = list(qs)
    bestuur_ids = {f.bestuur_id for f in functionarissen}
    contacten = {
        (c.bestuur_id, c.functie): c for c in ContactGegevens.objects.filter(bestuur_id__in=bestuur_ids)
    }
    orgaan_uris = {}
    classificaties = {f.orgaan_classificatie_uri: f.code for f in functies.ALLE_FUNCTIES}
    for orgaan in Bestuursorgaan.objects.filter(
        bestuurseenheid_id__in=bestuur_ids, classificatie__uri__in=list(classificaties)
    ).values("bestuurseenheid_id", "classificatie__uri", "uri"):
        key = (orgaan["bestuurseenheid_id"], classificaties[orgaan["classificatie__uri"]])
        orgaan_uris.setdefault(key, orgaan["uri"])
    rijen = []
    for f in functionarissen:
        functie = f.functie_obj
        if functie is None or functie not in functies.functies_voor(f.bestuur):
            continue
        rijen.append(
            PubliekeRij(
                bestuur=f.bestuur,
                functie=functie,
                functionaris=f,
                contact=contacten.get((f.bestuur_id, f.functie)),
                orgaan_uri=orgaan_uris.get((f.bestuur_id, f.functie), ""),
            )
        )
    volgorde = {f.code: i for i, f in enumerate(functies.ALLE_FUNCTIES)}
    rijen.sort(
        key=lambda r: (r.bestuur.naam, r.bestuur.classificatie.label, volgorde[r.functie.code], r.achternaam)
    )
    return rijen


def publieke_exports():
    return {e.formaat: e for e in PubliekeExport.objects.all()}
