"""Demo data: a few functionarissen (fictitious people, valid fictitious rijksregisternummers) for real besturen."""

from datetime import date

from loket import rrn
from loket.models import Bestuurseenheid, Persoon

from . import functies
from .functies import Status
from .models import ContactGegevens, Functionaris


def fictief_rrn(geboorte_yymmdd, volgnummer, na_2000=False):
    """A rijksregisternummer that passes the mod-97 check: 6 digits birth date, 3 digits sequence, 2 check digits."""
    base = f"{geboorte_yymmdd}{volgnummer:03d}"
    check = 97 - int(("2" if na_2000 else "") + base) % 97
    return f"{base}{check:02d}"


PERSONEN = {
    "an": ("An", "Verhulst", fictief_rrn("780412", 122)),
    "bart": ("Bart", "De Smedt", fictief_rrn("690925", 37)),
    "chloe": ("Chloé", "Van den Broeck", fictief_rrn("850730", 264)),
    "dirk": ("Dirk", "Mertens", fictief_rrn("620203", 51)),
    "eline": ("Eline", "Goossens", fictief_rrn("010615", 88, na_2000=True)),
    "frank": ("Frank", "Claes", fictief_rrn("741108", 173)),
    "greet": ("Greet", "Wouters", fictief_rrn("700321", 210)),
}

# (bestuur naam, classificatie, functie, persoon, start, einde, status)
PERIODES = [
    ("Aalst", "Gemeente", functies.ALGEMEEN_DIRECTEUR, "an", date(2019, 1, 1), None, Status.AANGESTELD),
    ("Aalst", "OCMW", functies.ALGEMEEN_DIRECTEUR, "an", date(2019, 1, 1), None, Status.AANGESTELD),
    (
        "Aalst",
        "Gemeente",
        functies.ADJUNCT_ALGEMEEN_DIRECTEUR,
        "chloe",
        date(2023, 9, 1),
        None,
        Status.WAARNEMEND,
    ),
    (
        "Aalst",
        "Gemeente",
        functies.FINANCIEEL_DIRECTEUR,
        "bart",
        date(2019, 1, 1),
        date(2024, 6, 30),
        Status.AANGESTELD,
    ),
    ("Aalst", "Gemeente", functies.FINANCIEEL_DIRECTEUR, "dirk", date(2024, 7, 1), None, Status.AANGESTELD),
    ("Aalst", "OCMW", functies.FINANCIEEL_DIRECTEUR, "dirk", date(2024, 7, 1), None, Status.AANGESTELD),
    ("Antwerpen", "Provincie", functies.GRIFFIER, "frank", date(2019, 1, 1), None, Status.AANGESTELD),
    (
        "Antwerpen",
        "Provincie",
        functies.FINANCIEEL_BEHEERDER,
        "greet",
        date(2020, 3, 1),
        None,
        Status.AANGESTELD,
    ),
    (
        "Antwerpen",
        "Provincie",
        functies.FINANCIEEL_BEHEERDER,
        "eline",
        date(2027, 1, 1),
        None,
        Status.WAARNEMEND,
    ),
]

CONTACT = [
    (
        "Aalst",
        "Gemeente",
        functies.ALGEMEEN_DIRECTEUR,
        {
            "email": "algemeen.directeur@aalst.example",
            "telefoon": "053 77 93 00",
            "straat": "Grote Markt",
            "huisnummer": "3",
            "postcode": "9300",
            "gemeente": "Aalst",
        },
    ),
    (
        "Aalst",
        "Gemeente",
        functies.FINANCIEEL_DIRECTEUR,
        {"email": "financieel.directeur@aalst.example", "telefoon": "+32 53 77 93 10"},
    ),
    (
        "Aalst",
        "OCMW",
        functies.ALGEMEEN_DIRECTEUR,
        {"email": "algemeen.directeur@ocmw-aalst.example", "telefoon": "053 77 93 00"},
    ),
    (
        "Antwerpen",
        "Provincie",
        functies.GRIFFIER,
        {
            "email": "griffier@provincie-antwerpen.example",
            "telefoon": "03 240 50 11",
            "straat": "Koningin Elisabethlei",
            "huisnummer": "22",
            "postcode": "2018",
            "gemeente": "Antwerpen",
        },
    ),
]


def _bestuur(naam, classificatie):
    return Bestuurseenheid.objects.select_related("classificatie").get(
        naam=naam, classificatie__label=classificatie, actief=True
    )


def load(log):
    personen = {}
    for key, (voornaam, achternaam, nummer) in PERSONEN.items():
        persoon = Persoon.objects.filter(rrn_hash=rrn.keyed_hash(nummer)).first()
        if persoon is None:
            persoon = Persoon(voornaam=voornaam, achternaam=achternaam)
            persoon.set_rrn(nummer)
            persoon.save()
        personen[key] = persoon
    aantal = 0
    for naam, classificatie, functie, key, start, einde, status in PERIODES:
        _, created = Functionaris.objects.get_or_create(
            bestuur=_bestuur(naam, classificatie),
            functie=functie.code,
            persoon=personen[key],
            start=start,
            defaults={"einde": einde, "status": status},
        )
        aantal += created
    for naam, classificatie, functie, velden in CONTACT:
        ContactGegevens.objects.update_or_create(
            bestuur=_bestuur(naam, classificatie), functie=functie.code, defaults=velden
        )
    from .services import genereer_exports

    genereer_exports()
    log(f"Leidinggevenden: {aantal} nieuwe aanstellingsperiodes, publieke downloads aangemaakt.")
