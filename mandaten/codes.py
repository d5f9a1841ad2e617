"""The codelists Mandatenbeheer uses, by their public URIs (all loaded into loket.Concept from the reference data)."""

EXT = "http://mu.semte.ch/vocabularies/ext/"
BESTUURSFUNCTIE_LIJST = "http://data.vlaanderen.be/id/conceptscheme/BestuursfunctieCode"
STATUS_LIJST = EXT + "MandatarisStatusCode"
FRACTIETYPE_LIJST = EXT + "Fractietype"
BELEIDSDOMEIN_LIJST = EXT + "BeleidsdomeinCode"

_STATUS = "http://data.vlaanderen.be/id/concept/MandatarisStatusCode/"
EFFECTIEF = _STATUS + "21063a5b-912c-4241-841c-cc7fb3c73e75"
TITELVOEREND = _STATUS + "aacb3fed-b51d-4e0b-a411-f3fa641da1b3"
VERHINDERD = _STATUS + "c301248f-0199-45ca-b3e5-4c596731d5fe"
WAARNEMEND = _STATUS + "e1ca6edd-55e1-4288-92a5-53f4cf71946a"

ONAFHANKELIJK = "http://data.vlaanderen.be/id/concept/Fractietype/Onafhankelijk"
SAMENWERKINGSVERBAND = "http://data.vlaanderen.be/id/concept/Fractietype/Samenwerkingsverband"

_FUNCTIE = "http://data.vlaanderen.be/id/concept/BestuursfunctieCode/"
GEMEENTERAADSLID = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000011"
VOORZITTER_GEMEENTERAAD = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000012"
BURGEMEESTER = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000013"
SCHEPEN = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000014"
TOEGEVOEGDE_SCHEPEN = _FUNCTIE + "59a90e03-4f22-4bb9-8c91-132618db4b38"
LID_RMW = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000015"
VOORZITTER_RMW = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000016"
LID_VAST_BUREAU = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000017"
VOORZITTER_VAST_BUREAU = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000018"
LID_BCSD = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000019"
VOORZITTER_BCSD = _FUNCTIE + "5ab0e9b8a3b2ca7c5e00001a"
DISTRICTSRAADSLID = _FUNCTIE + "5ab0e9b8a3b2ca7c5e00001b"
VOORZITTER_DISTRICTSRAAD = _FUNCTIE + "5ab0e9b8a3b2ca7c5e00001c"
DISTRICTSBURGEMEESTER = _FUNCTIE + "5ab0e9b8a3b2ca7c5e00001d"
DISTRICTSSCHEPEN = _FUNCTIE + "5ab0e9b8a3b2ca7c5e00001e"
PROVINCIERAADSLID = _FUNCTIE + "5ab0e9b8a3b2ca7c5e00001f"
GEDEPUTEERDE = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000020"
VOORZITTER_PROVINCIERAAD = _FUNCTIE + "5ab0e9b8a3b2ca7c5e000027"
GOUVERNEUR = _FUNCTIE + "d7c00cd1-baf1-4346-83c0-6796c0bedd85"

BURGEMEESTERS = frozenset({BURGEMEESTER, DISTRICTSBURGEMEESTER})
SCHEPENEN = frozenset({SCHEPEN, TOEGEVOEGDE_SCHEPEN, DISTRICTSSCHEPEN})
# Mandaten held by one person at a time; a chair ("voorzitter") also sits in the body as a member.
ENKELVOUDIG = BURGEMEESTERS | {
    VOORZITTER_GEMEENTERAAD,
    VOORZITTER_RMW,
    VOORZITTER_VAST_BUREAU,
    VOORZITTER_BCSD,
    VOORZITTER_DISTRICTSRAAD,
    VOORZITTER_PROVINCIERAAD,
    GOUVERNEUR,
}
VOORZITTERS = ENKELVOUDIG - BURGEMEESTERS - {GOUVERNEUR}

_ORGAAN = "http://data.vlaanderen.be/id/concept/BestuursorgaanClassificatieCode/"
# Which mandaten (bestuursfuncties) each kind of bestuursorgaan has, as in the lblod mandatendatabank:
# the burgemeester is an orgaan of its own, the college holds the schepenen.
MANDATEN_PER_ORGAAN = {
    _ORGAAN + "5ab0e9b8a3b2ca7c5e000005": [GEMEENTERAADSLID, VOORZITTER_GEMEENTERAAD],  # Gemeenteraad
    _ORGAAN + "5ab0e9b8a3b2ca7c5e000006": [SCHEPEN, TOEGEVOEGDE_SCHEPEN],  # College van B&S
    _ORGAAN + "4955bd72cd0e4eb895fdbfab08da0284": [BURGEMEESTER],  # Burgemeester
    _ORGAAN + "5ab0e9b8a3b2ca7c5e000007": [LID_RMW, VOORZITTER_RMW],  # Raad voor Maatschappelijk Welzijn
    _ORGAAN + "5ab0e9b8a3b2ca7c5e000008": [LID_VAST_BUREAU, VOORZITTER_VAST_BUREAU],  # Vast Bureau
    _ORGAAN + "5ab0e9b8a3b2ca7c5e000009": [LID_BCSD],  # Bijzonder Comité voor de Sociale Dienst
    _ORGAAN + "53c0d8cd-f3a2-411d-bece-4bd83ae2bbc9": [VOORZITTER_BCSD],  # Voorzitter van het BCSD
    _ORGAAN + "5ab0e9b8a3b2ca7c5e00000a": [DISTRICTSRAADSLID, VOORZITTER_DISTRICTSRAAD],  # Districtsraad
    _ORGAAN + "5ab0e9b8a3b2ca7c5e00000b": [DISTRICTSSCHEPEN],  # Districtscollege
    _ORGAAN + "9314533e-891f-4d84-a492-0338af104065": [DISTRICTSBURGEMEESTER],  # Districtsburgemeester
    _ORGAAN + "5ab0e9b8a3b2ca7c5e00000c": [PROVINCIERAADSLID, VOORZITTER_PROVINCIERAAD],  # Provincieraad
    _ORGAAN + "5ab0e9b8a3b2ca7c5e00000d": [GEDEPUTEERDE],  # Deputatie
    _ORGAAN + "180a2fba-6ca9-4766-9b94-82006bb9c709": [GOUVERNEUR],  # Gouverneur
}
