"""Toezicht's production-sized data (manage.py generate_scale_data; loket/scale.py): meldingen spread over the
years (concepts and sent ones, reviewed or not) with file metadata rows that all point at one tiny shared PDF."""

import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from loket.scale import Schrijver, Voortgang

from .models import BesluitType, Melding, MeldingBestand

GEDEELD_BESTAND = "toezicht/scale/gedeeld-besluit.pdf"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def argumenten(parser):
    parser.add_argument("--meldingen", type=int, default=10000)
    parser.add_argument("--bestanden-per-melding", type=int, default=5)


def genereer(gen, besturen):
    if not default_storage.exists(GEDEELD_BESTAND):
        default_storage.save(GEDEELD_BESTAND, ContentFile(PDF))
    gen.gedeeld["meldingen_per_bestuur"] = meldingen(gen, besturen, gen.opts)


def meldingen(gen, besturen, opts):
    n = opts["meldingen"]
    besturen = [b for b in gen.eligible(besturen, "toezicht") if b.organen.exists()]
    types_per_classificatie = {}
    organen = {}
    vandaag = timezone.localdate()
    for b in besturen:
        if b.classificatie_id not in types_per_classificatie:
            types_per_classificatie[b.classificatie_id] = list(
                BesluitType.objects.voor_classificatie(b.classificatie, vandaag).values_list("id", flat=True)
            )
        organen[b.pk] = list(b.organen.values_list("id", flat=True))
    besturen = [b for b in besturen if types_per_classificatie[b.classificatie_id]]
    if gen.groot not in besturen:
        gen.groot = None
    schrijver = Schrijver(
        Melding,
        [
            "uuid",
            "bestuur",
            "provincie",
            "status",
            "besluittype",
            "beslissingsorgaan",
            "datum_zitting",
            "links",
            "aangemaakt_op",
            "gewijzigd_op",
            "verstuurd_op",
            "review_status",
            "behandeld_op",
            "opmerking",
        ],
    )
    ids = {b.pk: [] for b in besturen}
    verstuurd_ids = []
    rnd = gen.rnd

    def rijen():
        for _ in range(n):
            b = gen.kies(besturen)
            aangemaakt = gen.tijdstip(opts["jaren"])
            concept = rnd.random() < 0.05
            gewijzigd = min(aangemaakt + timedelta(hours=rnd.randrange(1, 72)), gen.nu)
            afgehandeld = not concept and rnd.random() < 0.7
            i = schrijver.nieuw_id()
            ids[b.pk].append(i)
            if not concept:
                verstuurd_ids.append(i)
            yield (
                i,
                uuid.uuid4(),
                b.pk,
                b.provincie,
                Melding.Status.CONCEPT if concept else Melding.Status.VERSTUURD,
                rnd.choice(types_per_classificatie[b.classificatie_id]),
                rnd.choice(organen[b.pk]),
                (aangemaakt - timedelta(days=rnd.randrange(1, 30))).date(),
                [f"https://besluiten.example.org/{b.pk}/{i}"],
                aangemaakt,
                gewijzigd,
                None if concept else gewijzigd,
                Melding.ReviewStatus.AFGEHANDELD if afgehandeld else Melding.ReviewStatus.TE_BEHANDELEN,
                gewijzigd + timedelta(days=rnd.randrange(1, 20)) if afgehandeld else None,
                "",
            )

    voortgang = Voortgang("meldingen", n, gen.err)
    schrijver.schrijf(rijen(), voortgang)
    voortgang.klaar()

    per = opts["bestanden_per_melding"]
    alle = [i for lijst in ids.values() for i in lijst]
    bestanden = Schrijver(
        MeldingBestand,
        ["uuid", "melding", "bestand", "naam", "grootte", "mime_type", "sha256", "aangemaakt_op"],
    )
    sha = "8" * 64

    def bestand_rijen():
        for melding_id in alle:
            for j in range(per):
                yield (
                    bestanden.nieuw_id(),
                    uuid.uuid4(),
                    melding_id,
                    GEDEELD_BESTAND,
                    f"besluit-{melding_id}-{j + 1}.pdf",
                    len(PDF),
                    "application/pdf",
                    sha,
                    gen.nu,
                )

    voortgang = Voortgang("bestanden (metadata)", len(alle) * per, gen.err)
    bestanden.schrijf(bestand_rijen(), voortgang)
    voortgang.klaar()
    return {bestuur: lijst for bestuur, lijst in ids.items() if lijst}
