"""Mandatenbeheer's reference data, derived from the core's real bestuursorganen in tijd (idempotent).

- Bestuursperiodes: the legislatures (2019–2024, 2025–2030, ...) found among the start dates of the
  bestuursorganen in tijd. Legislatures last six years from 1 January 2019; an orgaan installed in December
  (e.g. the gemeenteraden on 02-12-2024) belongs to the legislature that starts the next January.
  Open-ended periods that started before December 2018 (e.g. "since 1971") are no legislature.
- Mandaten: per orgaan in tijd, the bestuursfuncties its classification has (codes.MANDATEN_PER_ORGAAN).
  Existing mandaten are left alone (a bestuur may have set the number of holders).
"""

import uuid
from datetime import date

from loket.models import BestuursorgaanInTijd, Concept

from . import codes
from .models import Bestuursperiode, Mandaat

EERSTE_LEGISLATUUR = 2019
DUUR = 6
VROEGSTE_START = date(EERSTE_LEGISLATUUR - 1, 12, 1)
NAMESPACE = uuid.UUID("6a0b7f0e-3c1d-4d8e-9a55-0d7c1c1a2b3c")


def legislatuur(start):
    """The first year of the legislature an orgaan installed on `start` belongs to, or None."""
    if start is None or start < VROEGSTE_START:
        return None
    jaar = start.year + (1 if start.month == 12 else 0)
    return EERSTE_LEGISLATUUR + DUUR * ((jaar - EERSTE_LEGISLATUUR) // DUUR)


def load_periodes():
    jaren = {}
    for start in (
        BestuursorgaanInTijd.objects.filter(start__gte=VROEGSTE_START)
        .values_list("start", flat=True)
        .distinct()
    ):
        jaar = legislatuur(start)
        jaren[jaar] = min(start, jaren.get(jaar, start))
    for jaar, start in sorted(jaren.items()):
        einde = date(jaar + DUUR - 1, 12, 31)
        Bestuursperiode.objects.update_or_create(
            slug=f"{jaar}-{jaar + DUUR - 1}",
            defaults={"label": f"{jaar}–{jaar + DUUR - 1}", "start": start, "einde": einde},
        )
    return len(jaren)


def load_mandaten():
    functies = {c.uri: c for c in Concept.objects.filter(lijst=codes.BESTUURSFUNCTIE_LIJST)}
    periodes = list(Bestuursperiode.objects.all())
    organen = BestuursorgaanInTijd.objects.filter(
        orgaan__classificatie__uri__in=list(codes.MANDATEN_PER_ORGAAN), start__gte=VROEGSTE_START
    ).values_list("id", "uri", "start", "orgaan__classificatie__uri")
    nieuw = []
    for oit_id, oit_uri, start, classificatie in organen:
        periode = next((p for p in periodes if p.start <= start <= p.einde), None)
        if periode is None:
            continue
        for functie_uri in codes.MANDATEN_PER_ORGAAN[classificatie]:
            functie = functies.get(functie_uri)
            if functie is None:
                continue
            mandaat_uuid = uuid.uuid5(NAMESPACE, f"{oit_uri}|{functie_uri}")
            nieuw.append(
                Mandaat(
                    uri=f"http://data.lblod.info/id/mandaten/{mandaat_uuid}",
                    uuid=mandaat_uuid,
                    orgaan_in_tijd_id=oit_id,
                    periode=periode,
                    bestuursfunctie=functie,
                    aantal_houders=1 if functie_uri in codes.ENKELVOUDIG else None,
                )
            )
    Mandaat.objects.bulk_create(nieuw, ignore_conflicts=True, batch_size=1000)
    return len(nieuw)


def load(data_dir, log):
    periodes = load_periodes()
    log(f"Bestuursperiodes: {periodes}; mandaten: {load_mandaten()}")
