"""Mandatenbeheer's production-sized data (manage.py generate_scale_data; loket/scale.py): mandatarissen for the
mandaten of the reference data."""

import uuid

from loket.models import Concept
from loket.scale import Schrijver, Voortgang

from . import codes as mandaten_codes
from .models import Mandaat, Mandataris


def argumenten(parser):
    parser.add_argument("--zonder-mandatarissen", action="store_true")


def genereer(gen, besturen):
    if not gen.opts["zonder_mandatarissen"]:
        mandatarissen(gen)


def mandatarissen(gen):
    effectief = Concept.objects.filter(
        lijst=mandaten_codes.STATUS_LIJST, uri=mandaten_codes.EFFECTIEF
    ).first()
    if effectief is None:
        return
    mandaten = list(
        Mandaat.objects.filter(mandatarissen__isnull=True).values_list(
            "id", "aantal_houders", "periode__start", "orgaan_in_tijd__orgaan__bestuurseenheid_id"
        )
    )
    taken = [(m, min(houders or 1, 5)) for m in mandaten for houders in [m[1]]]
    personen = iter(gen.personen(sum(k for _, k in taken), "personen (mandaat)"))
    schrijver = Schrijver(Mandataris, ["uuid", "bestuur", "persoon", "mandaat", "start", "status"])

    def rijen():
        for (mandaat_id, _, start, bestuur_id), aantal in taken:
            for _ in range(aantal):
                yield (
                    schrijver.nieuw_id(),
                    uuid.uuid4(),
                    bestuur_id,
                    next(personen),
                    mandaat_id,
                    start,
                    effectief.pk,
                )

    voortgang = Voortgang("mandatarissen", sum(k for _, k in taken), gen.err)
    schrijver.schrijf(rijen(), voortgang)
    voortgang.klaar()
