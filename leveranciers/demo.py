"""Demo: the vendor Vanden Broele (its URI and name from lblod's public data, loket/data/README.md) acting for
Gemeente Aalst and Gemeente Gent, with one automatic melding sent for Aalst and one whose download failed for Gent.

Idempotent: fixed uuids (uuid5), the vendor looked up by URI.
"""

import uuid
from datetime import datetime, time, timedelta

from django.utils import timezone

from loket.models import Bestuurseenheid
from toezicht.models import BesluitType, Melding

from . import services
from .models import STATUS_INZENDBAAR, SUBMISSION_URI, Inzending, InzendingStap, Leverancier

NAMESPACE = uuid.UUID("0d7c3c1e-8a52-4c59-9a3e-5b7f0c2e9d41")
URI = "http://data.lblod.info/vendors/b1e41693-639a-4f61-92a9-5b9a3e0b924e"
Op, St = InzendingStap.Operatie, InzendingStap.Status


def load(log):
    leverancier = Leverancier.objects.filter(uri=URI).first()
    if leverancier is None:
        leverancier, _ = services.maak_leverancier(naam="Vanden Broele", uri=URI)
    besturen = {
        naam: Bestuurseenheid.objects.get(naam=naam, classificatie__label="Gemeente", actief=True)
        for naam in ("Aalst", "Gent")
    }
    for bestuur in besturen.values():
        if not leverancier.besturen.filter(pk=bestuur.pk).exists():
            services.voeg_bestuur_toe(leverancier=leverancier, bestuur=bestuur)
    vandaag = timezone.localdate()
    nieuw = 0
    for key, naam, dagen, geslaagd in (
        ("aalst-auto-1", "Aalst", 12, True),
        ("gent-auto-1", "Gent", 2, False),
    ):
        bestuur = besturen[naam]
        job = uuid.uuid5(NAMESPACE, key)
        if Inzending.objects.filter(uuid=job).exists():
            continue
        zitting = vandaag - timedelta(days=dagen)
        moment = timezone.make_aware(datetime.combine(zitting + timedelta(days=1), time(9, 15)))
        href = f"https://besluiten.{naam.lower()}.be/zittingen/{zitting:%Y-%m-%d}/besluitenlijst.html"
        melding = Melding.objects.create(
            uuid=uuid.uuid5(NAMESPACE, f"melding-{key}"),
            bestuur=bestuur,
            leverancier=leverancier,
            links=[href],
            besluittype=BesluitType.objects.filter(label="Besluitenlijst").first() if geslaagd else None,
            beslissingsorgaan=bestuur.organen.filter(naam=f"Gemeenteraad {naam}").first()
            if geslaagd
            else None,
            datum_zitting=zitting if geslaagd else None,
            aangemaakt_op=moment,
            gewijzigd_op=moment,
            status=Melding.Status.VERSTUURD if geslaagd else Melding.Status.CONCEPT,
            verstuurd_op=moment if geslaagd else None,
            notificatie_verstuurd_op=moment if geslaagd else None,
        )
        fout_nl = "" if geslaagd else "De server van de publicatie antwoordde met fout 503."
        fout_en = "" if geslaagd else "The publication's server answered 503."
        submission = uuid.uuid5(NAMESPACE, f"submission-{key}")
        inzending = Inzending.objects.create(
            uuid=job,
            submission_uuid=submission,
            submission_uri=SUBMISSION_URI.format(uuid=submission),
            leverancier=leverancier,
            bestuur=bestuur,
            melding=melding,
            submitted_resource=f"https://besluiten.{naam.lower()}.be/id/besluitenlijsten/{zitting:%Y-%m-%d}",
            href=href,
            gevraagde_status=STATUS_INZENDBAAR,
            status=Inzending.Status.GESLAAGD if geslaagd else Inzending.Status.MISLUKT,
            uitkomst="verstuurd" if geslaagd else "",
            fout_nl=fout_nl,
            fout_en=fout_en,
            aangemaakt_op=moment,
            gewijzigd_op=moment,
        )
        for index, operatie in enumerate((Op.REGISTREER, Op.DOWNLOAD, Op.IMPORT, Op.VALIDEER)):
            mislukt = not geslaagd and operatie == Op.DOWNLOAD
            InzendingStap.objects.create(
                inzending=inzending,
                index=index,
                operatie=operatie,
                status=St.GESLAAGD if geslaagd or index == 0 else (St.MISLUKT if mislukt else St.GEPLAND),
                poging=7 if mislukt else (1 if geslaagd or index == 0 else 0),
                gestart_op=moment if geslaagd or index <= 1 else None,
                beeindigd_op=moment if geslaagd or index <= 1 else None,
                fout_nl=fout_nl if mislukt else "",
                fout_en=fout_en if mislukt else "",
            )
        nieuw += 1
    log(f"Leveranciers: Vanden Broele voor Aalst en Gent, {nieuw} nieuwe automatische meldingen.")
