"""Demo data: the 2025–2030 council and college of Gemeente Aalst, with fictitious people (idempotent)."""

from datetime import date

from loket.models import Bestuurseenheid, Concept, Persoon

from . import codes
from .models import Bestuursperiode, Fractie, Mandaat, Mandataris

FRACTIES = [("Samen Vooruit", codes.SAMENWERKINGSVERBAND), ("Aalst Anders", codes.ONAFHANKELIJK)]
START = date(2025, 1, 2)

# (voornaam, achternaam, fractie, [(functie, rangorde, beleidsdomeinen)])
MENSEN = [
    (
        "Hanne",
        "Verbruggen",
        "Samen Vooruit",
        [(codes.BURGEMEESTER, None, ["Algemeen beleid", "Veiligheid"]), (codes.GEMEENTERAADSLID, None, [])],
    ),
    (
        "Pieter",
        "De Clercq",
        "Samen Vooruit",
        [(codes.SCHEPEN, 1, ["Financiën", "Economie"]), (codes.GEMEENTERAADSLID, None, [])],
    ),
    (
        "Nadia",
        "El Amrani",
        "Samen Vooruit",
        [(codes.SCHEPEN, 2, ["Onderwijs", "Jeugd"]), (codes.GEMEENTERAADSLID, None, [])],
    ),
    (
        "Wouter",
        "Van Damme",
        "Samen Vooruit",
        [(codes.SCHEPEN, 3, ["Mobiliteit", "Openbare Werken"]), (codes.GEMEENTERAADSLID, None, [])],
    ),
    (
        "Els",
        "Mertens",
        "Samen Vooruit",
        [(codes.VOORZITTER_GEMEENTERAAD, None, []), (codes.GEMEENTERAADSLID, None, [])],
    ),
    ("Tom", "Goossens", "Samen Vooruit", [(codes.GEMEENTERAADSLID, None, [])]),
    ("Sofie", "Lambrecht", "Aalst Anders", [(codes.GEMEENTERAADSLID, None, [])]),
    ("Karim", "Bouzid", "Aalst Anders", [(codes.GEMEENTERAADSLID, None, [])]),
    ("Lotte", "Claeys", "Aalst Anders", [(codes.GEMEENTERAADSLID, None, [])]),
]


def load(log):
    aalst = Bestuurseenheid.objects.filter(naam="Aalst", classificatie__label="Gemeente", actief=True).first()
    periode = Bestuursperiode.objects.filter(slug="2025-2030").first()
    if aalst is None or periode is None:
        log("Mandaten: geen demogegevens (Gemeente Aalst of bestuursperiode 2025–2030 ontbreekt).")
        return
    mandaten = {m.bestuursfunctie.uri: m for m in Mandaat.objects.for_bestuur(aalst).filter(periode=periode)}
    if codes.SCHEPEN in mandaten and mandaten[codes.SCHEPEN].aantal_houders is None:
        mandaten[codes.SCHEPEN].aantal_houders = 8
        mandaten[codes.SCHEPEN].save(update_fields=["aantal_houders"])
    effectief = Concept.objects.get(lijst=codes.STATUS_LIJST, uri=codes.EFFECTIEF)
    fracties = {}
    for naam, type_uri in FRACTIES:
        fracties[naam], _ = Fractie.objects.get_or_create(
            bestuur=aalst,
            periode=periode,
            naam=naam,
            defaults={"fractietype": Concept.objects.get(lijst=codes.FRACTIETYPE_LIJST, uri=type_uri)},
        )
    aantal = 0
    for voornaam, achternaam, fractie, rollen in MENSEN:
        persoon = Persoon.objects.filter(voornaam=voornaam, achternaam=achternaam).first()
        if persoon is None:
            persoon = Persoon.objects.create(voornaam=voornaam, achternaam=achternaam)
        for functie, rangorde, domeinen in rollen:
            mandaat = mandaten.get(functie)
            if mandaat is None:
                continue
            mandataris, created = Mandataris.objects.get_or_create(
                bestuur=aalst,
                persoon=persoon,
                mandaat=mandaat,
                defaults={
                    "start": START,
                    "status": effectief,
                    "rangorde": rangorde,
                    "fractie": fracties[fractie],
                },
            )
            if created:
                mandataris.full_clean()
                mandataris.beleidsdomeinen.set(
                    Concept.objects.filter(lijst=codes.BELEIDSDOMEIN_LIJST, label__in=domeinen)
                )
                aantal += 1
    from .services import genereer_exports

    genereer_exports()
    log(
        f"Mandaten: {aantal} nieuwe mandatarissen voor Gemeente Aalst 2025–2030, open-data bestanden aangemaakt."
    )
