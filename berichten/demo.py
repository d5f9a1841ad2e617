"""Demo data for the Berichtencentrum: a few conversations of Gemeente Aalst and Gemeente Gent with ABB.

Idempotent: a conversation is keyed on (bestuur, dossiernummer) and only filled when it is created.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from loket.models import Bestuurseenheid
from loket.pdf import render_pdf

from .models import ABB_NAAM, Bericht, BerichtBijlage, Gesprek, MailConfiguratie, Partij, TypeCommunicatie

ABB_AUTEUR = "Tom Janssens (toezichthouder ABB)"

# (bestuur, dossiernummer, betreft, type, termijn, gelezen, [(dagen geleden, van, auteur, inhoud, bijlage)])
GESPREKKEN = [
    (
        "Aalst",
        "OPV2026.000031",
        "Opvraging dossier belastingreglement op tweede verblijven",
        TypeCommunicatie.OPVRAGING,
        30,
        False,
        [
            (
                9,
                Partij.ABB,
                ABB_AUTEUR,
                "Geachte,\n\nIn het kader van het algemeen bestuurlijk toezicht vragen wij u het volledige dossier van het "
                "gemeenteraadsbesluit over het belastingreglement op tweede verblijven te bezorgen, met inbegrip van het "
                "advies van de financieel directeur.\n\nMet vriendelijke groeten,",
                "Opvraging belastingreglement tweede verblijven.pdf",
            ),
        ],
    ),
    (
        "Aalst",
        "OPV2026.000017",
        "Opvraging notulen gemeenteraad van januari",
        TypeCommunicatie.OPVRAGING,
        14,
        True,
        [
            (
                40,
                Partij.ABB,
                ABB_AUTEUR,
                "Geachte,\n\nGelieve ons de goedgekeurde notulen van de gemeenteraad van januari te bezorgen.",
                "Opvraging notulen gemeenteraad.pdf",
            ),
        ],
    ),
    (
        "Aalst",
        "KLACHT2026.000053",
        "Klacht tegen het besluit over het parkeerbeleid: toezichtsbeslissing",
        TypeCommunicatie.KENNISGEVING,
        None,
        True,
        [
            (
                75,
                Partij.ABB,
                ABB_AUTEUR,
                "Geachte,\n\nWij ontvingen een klacht over het gemeenteraadsbesluit over het parkeerbeleid. Gelieve ons "
                "het dossier te bezorgen.",
                "Opvraging klachtendossier parkeerbeleid.pdf",
            ),
            (
                68,
                Partij.BESTUUR,
                "Demo Gebruiker",
                "Geachte,\n\nIn bijlage vindt u het volledige dossier.",
                "Dossier parkeerbeleid Aalst.pdf",
            ),
            (
                50,
                Partij.ABB,
                ABB_AUTEUR,
                "Geachte,\n\nIn bijlage vindt u de toezichtsbeslissing: de klacht is ongegrond.",
                "Toezichtsbeslissing KLACHT2026.000053.pdf",
            ),
        ],
    ),
    (
        "Gent",
        "OPV2026.000044",
        "Opvraging rechtspositieregeling personeel",
        TypeCommunicatie.OPVRAGING,
        30,
        True,
        [
            (
                20,
                Partij.ABB,
                ABB_AUTEUR,
                "Geachte,\n\nGelieve ons de gecoördineerde rechtspositieregeling van het personeel te bezorgen.",
                "Opvraging rechtspositieregeling.pdf",
            ),
            (
                6,
                Partij.BESTUUR,
                "Demo Gebruiker",
                "Geachte,\n\nIn bijlage de gecoördineerde versie zoals goedgekeurd door de gemeenteraad.",
                "Rechtspositieregeling Gent gecoördineerd.pdf",
            ),
        ],
    ),
    (
        "Gent",
        "KLACHT2026.000061",
        "Klacht over de samenstelling van het college: toezichtsbeslissing",
        TypeCommunicatie.KENNISGEVING,
        None,
        False,
        [
            (
                2,
                Partij.ABB,
                ABB_AUTEUR,
                "Geachte,\n\nIn bijlage vindt u onze beslissing over de klacht. U hoeft hierop niet te antwoorden.",
                "Toezichtsbeslissing KLACHT2026.000061.pdf",
            ),
        ],
    ),
]


def _pdf(titel, gesprek, afzender, bestemmeling, inhoud):
    return render_pdf(
        "berichten/demo_bijlage.html",
        {
            "titel": titel.removesuffix(".pdf"),
            "dossiernummer": gesprek.dossiernummer,
            "afzender": afzender,
            "bestemmeling": bestemmeling,
            "alineas": [a for a in inhoud.split("\n") if a.strip()],
        },
    )


def load(log):
    now = timezone.now()
    nieuw = 0
    for naam, dossiernummer, betreft, type_, termijn, gelezen, berichten in GESPREKKEN:
        bestuur = Bestuurseenheid.objects.select_related("classificatie").get(
            naam=naam, classificatie__label="Gemeente", actief=True
        )
        gesprek, created = Gesprek.objects.get_or_create(
            bestuur=bestuur,
            dossiernummer=dossiernummer,
            defaults={"betreft": betreft, "type_communicatie": type_, "reactietermijn_dagen": termijn},
        )
        if not created:
            continue
        nieuw += 1
        for dagen, van, auteur, inhoud, bijlage_naam in berichten:
            verzonden = now - timedelta(days=dagen)
            bericht = Bericht.objects.create(
                gesprek=gesprek, van=van, auteur_naam=auteur, verzonden_op=verzonden, inhoud=inhoud
            )
            afzender, bestemmeling = (
                (ABB_NAAM, bestuur.volledige_naam)
                if van == Partij.ABB
                else (bestuur.volledige_naam, ABB_NAAM)
            )
            inhoud_pdf = _pdf(bijlage_naam, gesprek, afzender, bestemmeling, inhoud)
            bijlage = BerichtBijlage(
                bericht=bericht, naam=bijlage_naam, grootte=len(inhoud_pdf), mime_type="application/pdf"
            )
            bijlage.bestand.save("upload", ContentFile(inhoud_pdf), save=False)
            bijlage.save()
            gesprek.laatste_bericht_op = verzonden
            gesprek.laatste_bericht_van = van
            gesprek.antwoord_verwacht_tegen = (
                timezone.localdate(verzonden) + timedelta(days=termijn)
                if van == Partij.ABB and termijn
                else None
            )
        gesprek.gelezen_door_bestuur = gelezen
        gesprek.gelezen_door_abb = gesprek.laatste_bericht_van == Partij.ABB
        gesprek.save()
    MailConfiguratie.objects.get_or_create(
        bestuur=Bestuurseenheid.objects.get(naam="Aalst", classificatie__label="Gemeente", actief=True),
        defaults={"ontvang_mails": True, "adressen": ["berichten@aalst.be"]},
    )
    log(f"Berichtencentrum: {nieuw} nieuwe demogesprekken (Gemeente Aalst en Gemeente Gent).")
