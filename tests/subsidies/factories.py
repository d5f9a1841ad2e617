"""Subsidies test data: a reeks with two open-able steps using a small form definition (engine features)."""

from datetime import timedelta

from django.utils import timezone

from subsidies.models import (
    Aanvraag,
    AanvraagStatus,
    Bijlage,
    FormulierDefinitie,
    Maatregel,
    Reeks,
    Stap,
    StapFormulier,
)

VERPLICHT = {"soort": "verplicht", "melding": "Dit veld is verplicht."}
DEFINITIE = {
    "sleutel": "test/aanvraag",
    "versie": "1",
    "secties": [
        {
            "titel": "Contact",
            "velden": [
                {"sleutel": "naam", "label": "Naam contactpersoon", "type": "tekst", "regels": [VERPLICHT]},
                {
                    "sleutel": "iban",
                    "label": "IBAN",
                    "type": "iban",
                    "regels": [VERPLICHT, {"soort": "iban", "melding": "Geef een geldig IBAN op."}],
                },
                {
                    "sleutel": "telefoon",
                    "label": "Telefoonnummer",
                    "type": "telefoon",
                    "regels": [{"soort": "telefoon", "melding": "Geef een geldig telefoonnummer in."}],
                },
                {
                    "sleutel": "motivatie",
                    "label": "Motivatie",
                    "type": "tekstvak",
                    "regels": [{"soort": "max_lengte", "max": 20, "melding": "Max. karakters overschreden."}],
                },
                {
                    "sleutel": "keuze",
                    "label": "Opleiding",
                    "type": "radio",
                    "opties": ["A", "Andere"],
                    "regels": [],
                },
                {
                    "sleutel": "andere",
                    "label": "Indien 'andere': motiveer",
                    "type": "tekst",
                    "regels": [VERPLICHT],
                    "toon_als": {"veld": "keuze", "waarde": "Andere"},
                },
                {"sleutel": "bestand", "label": "Beslissing", "type": "bestanden", "regels": []},
            ],
        },
        {
            "titel": "Erkenningen",
            "velden": [
                {
                    "sleutel": "tabel",
                    "label": "Overzicht",
                    "type": "tabel",
                    "regels": [],
                    "kolommen": [
                        {
                            "sleutel": "instantie",
                            "label": "Instantie",
                            "type": "tekst",
                            "regels": [VERPLICHT],
                        },
                        {"sleutel": "bedrag", "label": "Bedrag", "type": "bedrag", "regels": [VERPLICHT]},
                    ],
                },
            ],
        },
    ],
}
GELDIG = {
    "naam": "Els",
    "iban": "BE68 5390 0754 7034",
    "telefoon": "053 77 30 00",
    "motivatie": "kort",
    "keuze": "A",
}


def definitie(versie="1"):
    obj, _ = FormulierDefinitie.objects.get_or_create(
        sleutel="test/aanvraag", versie=versie, defaults={"definitie": {**DEFINITIE, "versie": versie}}
    )
    return obj


def reeks(*, classificaties=("Gemeente",), stappen=2, begin=None, einde=None, titel="Testmaatregel"):
    """A measure for `classificaties` with a reeks of `stappen` steps, all open from `begin` to `einde`."""
    from loket.models import Classificatie

    nu = timezone.now()
    begin = begin or nu - timedelta(days=1)
    einde = einde or nu + timedelta(days=30)
    maatregel = Maatregel.objects.create(bron_id=f"test-{Maatregel.objects.count()}-{titel}", titel=titel)
    maatregel.criteria_classificaties.set(Classificatie.objects.filter(label__in=classificaties))
    r = Reeks.objects.create(
        bron_id=f"{maatregel.bron_id}-r", maatregel=maatregel, titel="Oproep test", begin=begin, einde=einde
    )
    for i in range(stappen):
        Stap.objects.create(
            bron_id=f"{r.bron_id}-{i}",
            reeks=r,
            volgorde=i,
            naam=["Aanvraag", "Verantwoording", "Derde"][i],
            begin=begin,
            einde=einde,
            formulier=definitie(),
        )
    return r


def aanvraag(bestuur, r=None, *, data=None):
    r = r or reeks()
    eerste = r.stappen.order_by("volgorde").first()
    a = Aanvraag.objects.create(
        bestuur=bestuur, maatregel=r.maatregel, reeks=r, actieve_stap=eerste, status=AanvraagStatus.CONCEPT
    )
    StapFormulier.objects.create(aanvraag=a, stap=eerste, definitie=eerste.formulier, data=data or {})
    return a


def bijlage(formulier, naam="beslissing.pdf"):
    from django.core.files.base import ContentFile

    b = Bijlage(formulier=formulier, veld="bestand", naam=naam, grootte=10, mime_type="application/pdf")
    b.bestand.save("upload", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    b.save()
    return b
