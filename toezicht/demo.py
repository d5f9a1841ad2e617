"""Demo meldingen for Gemeente Aalst and Gemeente Gent over the last months: some sent, some concept.

Idempotent: every demo melding has a fixed uuid (uuid5 of its key), so loading again updates nothing twice.
"""

import uuid
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from loket.models import Bestuurseenheid

from .models import BesluitType, Melding, MeldingBestand

NAMESPACE = uuid.UUID("6f1f1c52-5a43-4a8e-9c39-2f0e5d1b7a10")

# (key, gemeente, type label, orgaan, days ago of the zitting, sent?, afgehandeld?)
DEMO = [
    ("aalst-1", "Aalst", "Besluitenlijst", "Gemeenteraad Aalst", 95, True, True),
    ("aalst-2", "Aalst", "Belastingreglement", "Gemeenteraad Aalst", 70, True, False),
    ("aalst-3", "Aalst", "Politiereglement", "Gemeenteraad Aalst", 40, True, False),
    ("aalst-4", "Aalst", "Meerjarenplan(aanpassing)", "Gemeenteraad Aalst", 20, True, False),
    ("aalst-5", "Aalst", "Besluitenlijst", "College van Burgemeester en Schepenen Aalst", 6, False, False),
    ("gent-1", "Gent", "Besluitenlijst", "Gemeenteraad Gent", 110, True, True),
    ("gent-2", "Gent", "Retributiereglement", "Gemeenteraad Gent", 60, True, False),
    ("gent-3", "Gent", "Jaarrekening", "Gemeenteraad Gent", 30, True, False),
    ("gent-4", "Gent", "Huishoudelijk reglement", "Gemeenteraad Gent", 3, False, False),
]


def load(log):
    user = get_user_model().objects.filter(username="mock-demo-gebruiker").first()
    vandaag = timezone.localdate()
    aantal = 0
    for key, gemeente, type_label, orgaan_naam, dagen, verstuurd, afgehandeld in DEMO:
        bestuur = Bestuurseenheid.objects.get(naam=gemeente, classificatie__label="Gemeente", actief=True)
        besluittype = BesluitType.objects.filter(label=type_label).first()
        orgaan = bestuur.organen.filter(naam=orgaan_naam).first()
        zitting = vandaag - timedelta(days=dagen)
        moment = timezone.make_aware(datetime.combine(zitting + timedelta(days=2), time(10, 30)))
        melding, created = Melding.objects.get_or_create(
            uuid=uuid.uuid5(NAMESPACE, key),
            defaults={
                "bestuur": bestuur,
                "besluittype": besluittype,
                "beslissingsorgaan": orgaan,
                "datum_zitting": zitting,
                "datum_publicatie": zitting + timedelta(days=3)
                if besluittype and besluittype.met_publicatie
                else None,
                "links": [f"https://www.{gemeente.lower()}.be/bekendmakingen/{key}"],
                "opmerking": "Demogegevens.",
                "rapportjaar": vandaag.year - 1 if besluittype and besluittype.met_rapportjaar else None,
                "belasting_soort": Melding.BelastingSoort.KOHIER
                if besluittype and besluittype.met_belasting
                else "",
                # 7304: gewestelijke belasting op ongeschikte en onbewoonbare woningen (a VLABEL code).
                "mar_code": "7304" if besluittype and besluittype.met_belasting else "",
                "belasting_vanaf": vandaag.replace(month=1, day=1)
                if besluittype and besluittype.met_belasting
                else None,
                "aangemaakt_op": moment,
                "aangemaakt_door": user,
                "gewijzigd_op": moment,
                "gewijzigd_door": user,
                "status": Melding.Status.VERSTUURD if verstuurd else Melding.Status.CONCEPT,
                "verstuurd_op": moment if verstuurd else None,
                "verstuurd_door": user if verstuurd else None,
                "notificatie_verstuurd_op": moment if verstuurd else None,
                "review_status": Melding.ReviewStatus.AFGEHANDELD
                if afgehandeld
                else Melding.ReviewStatus.TE_BEHANDELEN,
                "review_opmerking": "Behandeld door dossierbeheerder (demo)." if afgehandeld else "",
                "behandeld_op": moment + timedelta(days=5) if afgehandeld else None,
            },
        )
        if created:
            aantal += 1
            inhoud = f"Demobestand bij melding {type_label} van {zitting:%d-%m-%Y}.\n".encode()
            bestand = MeldingBestand(melding=melding)
            bestand.set_upload(ContentFile(inhoud, name=f"{type_label} {zitting:%Y-%m-%d}.txt"))
            bestand.mime_type = "text/plain"
            bestand.save()
    log(f"Toezicht: {aantal} nieuwe demomeldingen (Gemeente Aalst, Gemeente Gent).")
