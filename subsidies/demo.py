"""Demo data for Subsidies: open demo reeksen of two real measures (clearly labelled: the real calls are over)
and a few dossiers of Gemeente Aalst and Gemeente Gent in every status.

Idempotent: reeksen and steps are keyed on their demo id (their periods follow today's date on every load);
dossiers are created once per (bestuur, reeks).
"""

from datetime import timedelta

from django.utils import timezone

from loket.models import Bestuurseenheid

from .models import (
    Aanvraag,
    AanvraagStatus,
    FormulierDefinitie,
    FormulierStatus,
    Maatregel,
    Reeks,
    Stap,
    StapFormulier,
)

DEMO_LABEL = "Demo-oproep (demogegevens, geen echte oproep)"
# (maatregel, demo-id, form, days open before today, days until the deadline)
REEKSEN = [
    (
        "Beurs Lokaal Bestuurlijk Talent",
        "demo-lokaal-bestuurlijk-talent",
        ("lokaal-bestuurlijk-talent/proposal", "20240318151410"),
        30,
        45,
    ),
    (
        "Safe(r) spaces verbinden en versterken",
        "demo-safer-spaces",
        ("safer-spaces/aanvraag", "20250314100240-init"),
        10,
        5,
    ),
]

BLBT_ANTWOORDEN = {
    "kboNummerF": "0207.437.468",
    "bankAccountF": "BE68 5390 0754 7034",
    "naamContactpersoonF": "Demo Gebruiker",
    "telefoonnummerF": "053 77 30 00",
    "emailadresF": "subsidies@aalst.be",
}


def _reeks(titel, demo_id, formulier, voor, na, nu):
    maatregel = Maatregel.objects.get(titel=titel)
    reeks, _ = Reeks.objects.update_or_create(
        bron_id=demo_id,
        defaults={
            "maatregel": maatregel,
            "titel": DEMO_LABEL,
            "begin": nu - timedelta(days=voor),
            "einde": nu + timedelta(days=na),
        },
    )
    definitie = FormulierDefinitie.objects.get(sleutel=formulier[0], versie=formulier[1])
    stap, _ = Stap.objects.update_or_create(
        bron_id=f"{demo_id}-0",
        defaults={
            "reeks": reeks,
            "volgorde": 0,
            "naam": "Aanvraag",
            "begin": reeks.begin,
            "einde": reeks.einde,
            "formulier": definitie,
        },
    )
    return reeks, stap


def _dossier(bestuur, reeks, stap, *, status, data, dagen, nu):
    if Aanvraag.objects.filter(bestuur=bestuur, reeks=reeks).exists():
        return 0
    tijd = nu - timedelta(days=dagen)
    aanvraag = Aanvraag.objects.create(
        bestuur=bestuur,
        maatregel=reeks.maatregel,
        reeks=reeks,
        aangemaakt_op=tijd,
        gewijzigd_op=tijd,
        gewijzigd_door_naam="Demo Gebruiker",
        status=AanvraagStatus.INGEDIEND if status == FormulierStatus.VERSTUURD else AanvraagStatus.CONCEPT,
        actieve_stap=None if status == FormulierStatus.VERSTUURD else stap,
    )
    StapFormulier.objects.create(
        aanvraag=aanvraag,
        stap=stap,
        definitie=stap.formulier,
        data=data,
        status=status,
        gewijzigd_op=tijd,
        verstuurd_op=tijd if status == FormulierStatus.VERSTUURD else None,
        verstuurd_door_naam="Demo Gebruiker" if status == FormulierStatus.VERSTUURD else "",
    )
    return 1


def load(log):
    if not Maatregel.objects.filter(titel=REEKSEN[0][0]).exists():
        log("Subsidies: geen subsidiemaatregelen (laad eerst de referentiegegevens).")
        return
    nu = timezone.now()
    gemaakt = {demo_id: _reeks(t, demo_id, f, voor, na, nu) for t, demo_id, f, voor, na in REEKSEN}
    besturen = {
        naam: Bestuurseenheid.objects.get(naam=naam, classificatie__label="Gemeente", actief=True)
        for naam in ("Aalst", "Gent")
    }
    blbt, safer = gemaakt["demo-lokaal-bestuurlijk-talent"], gemaakt["demo-safer-spaces"]
    nieuw = _dossier(
        besturen["Aalst"], *blbt, status=FormulierStatus.CONCEPT, data=BLBT_ANTWOORDEN, dagen=3, nu=nu
    )
    nieuw += _dossier(
        besturen["Gent"],
        *safer,
        status=FormulierStatus.VERSTUURD,
        dagen=2,
        nu=nu,
        data={"titelProject": "Veilige ontmoetingsplekken in de buurt", "juridischStatuut": "Lokaal bestuur"},
    )
    log(
        f"Subsidies: {len(gemaakt)} open demoreeksen, {nieuw} nieuwe demodossiers (Gemeente Aalst en Gemeente Gent)."
    )
