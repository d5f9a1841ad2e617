"""The bestuursfuncties of the Databank leidinggevenden: which classification keeps which functions.

The codes are the real BestuursfunctieCode concepts (loket/data/bestuursfunctie_codes.csv, also in
loket.Concept); the statuses are the real FunctionarisStatusCode concepts (typed_codes.csv). Labels are the
spelling of the Decreet over het lokaal bestuur.
"""

import uuid
from dataclasses import dataclass

from django.db import models

BESTUURSFUNCTIE_BASE = "http://data.vlaanderen.be/id/concept/BestuursfunctieCode/"
BESTUURSORGAAN_CLASSIFICATIE_BASE = "http://data.vlaanderen.be/id/concept/BestuursorgaanClassificatieCode/"
STATUS_BASE = "http://data.vlaanderen.be/id/concept/functionarisStatusCode/"


@dataclass(frozen=True)
class Functie:
    slug: str  # in URLs
    code: str  # uuid of the BestuursfunctieCode concept (stored on Functionaris / ContactGegevens)
    label: str
    orgaan_classificatie: str  # uuid of the BestuursorgaanClassificatieCode of the matching orgaan
    enkel_aangesteld: bool = False  # leidend ambtenaar: no waarnemend

    @property
    def uri(self):
        return BESTUURSFUNCTIE_BASE + self.code

    @property
    def orgaan_classificatie_uri(self):
        return BESTUURSORGAAN_CLASSIFICATIE_BASE + self.orgaan_classificatie

    def __str__(self):
        return self.label


ALGEMEEN_DIRECTEUR = Functie(
    "algemeen-directeur",
    "39e08271-68db-4282-897f-5cba88c71862",
    "Algemeen directeur",
    "39854196-f214-4688-87a1-d6ad12baa2fa",
)
ADJUNCT_ALGEMEEN_DIRECTEUR = Functie(
    "adjunct-algemeen-directeur",
    "f7b4e17b-6f4e-48e7-a558-bce61669f59a",
    "Adjunct-algemeen directeur",
    "11f0af9e-016c-4e0b-983a-d8bc73804abc",
)
FINANCIEEL_DIRECTEUR = Functie(
    "financieel-directeur",
    "6d4cf4dd-2080-4752-8733-d02a036b2df0",
    "Financieel directeur",
    "62644b9c-4514-41dd-a660-4c35257f2b35",
)
ADJUNCT_FINANCIEEL_DIRECTEUR = Functie(
    "adjunct-financieel-directeur",
    "3200ffc1-bb72-4235-a81c-64aa578b0789",
    "Adjunct-financieel directeur",
    "ed40469e-3b6f-4f38-99ba-18912ee352b0",
)
GRIFFIER = Functie(
    "griffier", "63195ec6-02cb-4f86-ac8e-29c5183a11dc", "Griffier", "5ab19107-82d2-4273-a986-3da86fda050d"
)
FINANCIEEL_BEHEERDER = Functie(
    "financieel-beheerder",
    "b213c870-c762-4e39-9f78-3abdeda4b64a",
    "Financieel beheerder",
    "3e9f22c1-0d35-445b-8a37-494addedf2d8",
)
LEIDEND_AMBTENAAR = Functie(
    "leidend-ambtenaar",
    "855489b9-b584-4f34-90b2-39aea808cd9f",
    "Leidend ambtenaar",
    "41caf7e6-b040-4720-9cc2-a96cfffed5b4",
    enkel_aangesteld=True,
)

ALLE_FUNCTIES = (
    ALGEMEEN_DIRECTEUR,
    ADJUNCT_ALGEMEEN_DIRECTEUR,
    FINANCIEEL_DIRECTEUR,
    ADJUNCT_FINANCIEEL_DIRECTEUR,
    GRIFFIER,
    FINANCIEEL_BEHEERDER,
    LEIDEND_AMBTENAAR,
)
BY_CODE = {f.code: f for f in ALLE_FUNCTIES}
BY_SLUG = {f.slug: f for f in ALLE_FUNCTIES}

_DIRECTEURS = (
    ALGEMEEN_DIRECTEUR,
    ADJUNCT_ALGEMEEN_DIRECTEUR,
    FINANCIEEL_DIRECTEUR,
    ADJUNCT_FINANCIEEL_DIRECTEUR,
)
_LEIDEND = (LEIDEND_AMBTENAAR,)
# Classification label (as in the reference data) -> its functions. Every other classification keeps none.
PER_CLASSIFICATIE = {
    "Gemeente": _DIRECTEURS,
    "OCMW": _DIRECTEURS,
    "Provincie": (GRIFFIER, FINANCIEEL_BEHEERDER),
    "Autonoom gemeentebedrijf": _LEIDEND,
    "Autonoom provinciebedrijf": _LEIDEND,
    "Welzijnsvereniging": _LEIDEND,
    "OCMW vereniging": _LEIDEND,
    # Intergemeentelijke samenwerkingsverbanden
    "Projectvereniging": _LEIDEND,
    "Dienstverlenende vereniging": _LEIDEND,
    "Opdrachthoudende vereniging": _LEIDEND,
    "Opdrachthoudende vereniging met private deelname": _LEIDEND,
}

FUNCTIE_CHOICES = [(f.code, f.label) for f in ALLE_FUNCTIES]


def functies_voor(bestuur):
    """The bestuursfuncties a bestuur keeps in the databank (empty when its classification keeps none)."""
    if bestuur is None:
        return ()
    return PER_CLASSIFICATIE.get(bestuur.classificatie.label, ())


def bestuursfunctie_id(bestuur, functie):
    """The stable id of one function of one bestuur (also the last part of its linked-data URI)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{bestuur.uri}|{functie.uri}")


def bestuursfunctie_uri(bestuur, functie):
    return f"http://data.lblod.info/id/bestuursfuncties/{bestuursfunctie_id(bestuur, functie)}"


def classificaties_met_functies():
    return list(PER_CLASSIFICATIE)


class Status(models.TextChoices):
    AANGESTELD = "aangesteld", "Aangesteld"
    WAARNEMEND = "waarnemend", "Waarnemend"


STATUS_URI = {
    Status.AANGESTELD: STATUS_BASE + "45b4b155-d22a-4eaf-be3a-97022c6b7fcd",
    Status.WAARNEMEND: STATUS_BASE + "188fc9c0-dae7-43b2-b2b3-6122c1594479",
}
