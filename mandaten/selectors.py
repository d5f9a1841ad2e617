"""Reads of Mandatenbeheer: every bestuur-side query starts from .for_bestuur()."""

from collections import Counter, defaultdict
from itertools import groupby
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Q
from django.utils import timezone

from loket.models import Bestuurseenheid, Concept
from loket.referentie import per_release
from loket.vaste_query import VasteQuery

from . import codes
from .models import (
    Bestuursperiode,
    EigenBeleidsdomein,
    Fractie,
    Mandaat,
    Mandataris,
    rangorde_label,
)

_PERIODE_VELDEN = ("id", "slug", "label", "start", "einde")


@per_release
def _periode_rijen():
    """The bestuursperiodes (reference data: load_reference_data), newest first."""
    return tuple(Bestuursperiode.objects.values_list(*_PERIODE_VELDEN))


def periodes():
    """Every bestuursperiode, newest first: new instances for the caller from the rows kept for the release."""
    return [Bestuursperiode.from_db(DEFAULT_DB_ALIAS, _PERIODE_VELDEN, rij) for rij in _periode_rijen()]


class MandaatRij(NamedTuple):
    """A mandaat of a bestuur as the lists and warnings read it (reference data; not the bestuur's own
    aantal_houders)."""

    id: int
    periode_id: int
    orgaan_in_tijd_id: int
    orgaan: str
    functie_id: int
    functie: str
    functie_uri: str

    @property
    def label(self):
        """str(mandaat): "Schepen (College van Burgemeester en Schepenen Aalst)"."""
        return f"{self.functie} ({self.orgaan})"


_MANDAAT_VELDEN = (
    "id",
    "periode_id",
    "orgaan_in_tijd_id",
    "orgaan_in_tijd__orgaan__naam",
    "bestuursfunctie_id",
    "bestuursfunctie__label",
    "bestuursfunctie__uri",
)


@per_release
def _mandaten_van(bestuur_id):
    """(the bestuur's mandaten of every periode by orgaan, orgaan in tijd and functie; its functies by label).
    Mandaten are reference data (mandaten/reference.py, load_reference_data): read once per release and bestuur."""
    qs = Mandaat.objects.filter(orgaan_in_tijd__orgaan__bestuurseenheid_id=bestuur_id)
    rijen = tuple(
        MandaatRij(*rij)
        for rij in qs.order_by(
            "orgaan_in_tijd__orgaan__naam", "orgaan_in_tijd_id", "bestuursfunctie__label", "id"
        ).values_list(*_MANDAAT_VELDEN)
    )
    functies = tuple(
        dict.fromkeys(
            qs.order_by("bestuursfunctie__label", "bestuursfunctie_id").values_list(
                "bestuursfunctie_id", flat=True
            )
        )
    )
    return rijen, functies


def bestuur_mandaten(bestuur, periode=None):
    """The bestuur's mandaten (of the periode) as MandaatRij, by orgaan naam, orgaan in tijd and functie label."""
    rijen = _mandaten_van(bestuur.pk)[0]
    return list(rijen) if periode is None else [r for r in rijen if r.periode_id == periode.pk]


def mandaat_keuzes(bestuur, periode):
    """(organen, mandaten) of the filter bar: [(orgaan_in_tijd_id, orgaan naam)] by name and
    [(functie_id, functie label)] by label, of the bestuur's mandaten in the periode."""
    rijen, functies = _mandaten_van(bestuur.pk)
    in_periode = [r for r in rijen if r.periode_id == periode.pk]
    organen = list(dict.fromkeys((r.orgaan_in_tijd_id, r.orgaan) for r in in_periode))
    labels = {r.functie_id: r.functie for r in in_periode}
    return organen, [(f, labels[f]) for f in functies if f in labels]


def _mandaat_info(bestuur, ids):
    """{mandaat id: MandaatRij} for the ids (the bestuur's own from memory; any other read, which the rules of
    Mandataris.clean never let happen)."""
    info = {r.id: r for r in _mandaten_van(bestuur.pk)[0]}
    ontbrekend = set(ids) - info.keys()
    if ontbrekend:
        for rij in Mandaat.objects.filter(pk__in=ontbrekend).values_list(*_MANDAAT_VELDEN):
            info[rij[0]] = MandaatRij(*rij)
    return info


def standaard_periode(bestuur=None, today=None, alle=None):
    """The periode containing today, else the latest one (with mandaten for `bestuur`, if it has any). `alle`: the
    periodes when the caller read them already."""
    today = today or timezone.localdate()
    alle = periodes() if alle is None else alle
    if bestuur is not None:
        met_mandaten = {r.periode_id for r in _mandaten_van(bestuur.pk)[0]}
        alle = [p for p in alle if p.pk in met_mandaten] or alle
    for periode in alle:
        if periode.start <= today <= periode.einde:
            return periode
    return alle[0] if alle else None


def mandaten(bestuur, periode):
    return (
        Mandaat.objects.for_bestuur(bestuur)
        .filter(periode=periode)
        .select_related("bestuursfunctie", "orgaan_in_tijd__orgaan__classificatie", "periode")
        .order_by("orgaan_in_tijd__orgaan__naam", "bestuursfunctie__label")
    )


def organen(bestuur, periode):
    """[(orgaan_in_tijd, [mandaat with .aantal_actief]), ...] for the bestuur in the periode."""
    dag = periode.peildatum()
    qs = mandaten(bestuur, periode).annotate(
        aantal_actief=Count(
            "mandatarissen",
            filter=Q(mandatarissen__start__lte=dag)
            & (Q(mandatarissen__einde__isnull=True) | Q(mandatarissen__einde__gte=dag)),
        )
    )
    return [(oit, list(items)) for oit, items in groupby(qs, key=lambda m: m.orgaan_in_tijd)]


def mandatarissen(bestuur, periode):
    return Mandataris.objects.for_bestuur(bestuur).in_periode(periode).with_related()


def mandatarissen_lijst(bestuur, periode):
    """The mandatarissen list's queryset (the filters apply to it; lijst_rijen reads a page of it)."""
    return Mandataris.objects.for_bestuur(bestuur).in_periode(periode)


class MandatarisRij:
    """A row of the mandatarissen list: what its columns (mandaten/tabellen.py) show, no model instances."""

    __slots__ = (
        "id",
        "uuid",
        "voornaam",
        "achternaam",
        "orgaan",
        "functie",
        "rangorde",
        "fractie",
        "start",
        "einde",
        "status",
        "beleidsdomeinen",
    )

    def __init__(self, **waarden):
        for naam, waarde in waarden.items():
            setattr(self, naam, waarde)

    @property
    def naam(self):
        """str(persoon)"""
        return f"{self.voornaam} {self.achternaam}"

    @property
    def rangorde_label(self):
        return rangorde_label(self.rangorde, self.functie)


def _concept_labels(ids):
    """{concept id: label}: the statuses from memory (reference data), any other read."""
    labels = dict(status_keuzes())
    ontbrekend = set(ids) - labels.keys()
    if ontbrekend:
        labels.update(Concept.objects.filter(pk__in=ontbrekend).values_list("pk", "label"))
    return labels


PER_PAGINA = 50  # rows of the mandatarissen list

_beleidsdomeinen_van = VasteQuery(
    lambda *mandataris_ids: (
        Mandataris.beleidsdomeinen.through.objects.filter(mandataris_id__in=mandataris_ids)
        .order_by("concept__lijst", "concept__label")
        .values_list("mandataris_id", "concept__label")
    )
)


def _beleidsdomein_labels(mandataris_ids):
    """{mandataris id: [beleidsdomein label, ...]} in Concept's order (as a prefetch of them had it). Asked per
    PER_PAGINA ids, padded with ids that do not exist: the same SQL every time (compiled once, loket/vaste_query.py)."""
    domeinen = defaultdict(list)
    for i in range(0, len(mandataris_ids), PER_PAGINA):
        ids = list(mandataris_ids[i : i + PER_PAGINA])
        ids += [-j for j in range(1, PER_PAGINA - len(ids) + 1)]  # never an id
        for mandataris_id, label in _beleidsdomeinen_van(*ids):
            domeinen[mandataris_id].append(label)
    return domeinen


_RIJ_VELDEN = (
    "id",
    "uuid",
    "persoon__voornaam",
    "persoon__achternaam",
    "mandaat_id",
    "rangorde",
    "fractie__naam",
    "start",
    "einde",
    "status_id",
)
STANDAARD_ORDE = ("mandaat__orgaan_in_tijd__orgaan__naam", "persoon__achternaam")

_eerste_pagina = VasteQuery(
    lambda bestuur_id, periode_id: (
        Mandataris.objects.for_bestuur(bestuur_id)
        .filter(mandaat__periode_id=periode_id)
        .order_by(*STANDAARD_ORDE)
        .values_list(*_RIJ_VELDEN)[:PER_PAGINA]
    )
)
_alle_totalen = VasteQuery(
    lambda bestuur_id, periode_id: (
        Mandataris.objects.for_bestuur(bestuur_id)
        .filter(mandaat__periode_id=periode_id)
        .order_by()
        .values_list("mandaat__orgaan_in_tijd__orgaan__naam", "fractie__naam")
        .annotate(aantal=Count("id"))
    )
)


def eerste_pagina(bestuur, periode):
    """lijst_rijen of the first page of the unfiltered list in its default order (the page most asked): the same
    SQL every time, compiled once."""
    return _maak_rijen(bestuur, _eerste_pagina(bestuur.pk, periode.pk))


def alle_totalen(bestuur, periode):
    """totalen of the unfiltered list."""
    return _tel(_alle_totalen(bestuur.pk, periode.pk))


def lijst_rijen(bestuur, qs):
    """MandatarisRij per mandataris of `qs` (a page of mandatarissen_lijst, filtered and sorted): one query for
    the rows, one for their beleidsdomeinen; mandaten and statuses from memory."""
    return _maak_rijen(bestuur, list(qs.values_list(*_RIJ_VELDEN)))


def _maak_rijen(bestuur, rijen):
    if not rijen:
        return []
    mandaten = _mandaat_info(bestuur, {r[4] for r in rijen})
    statussen = _concept_labels({r[9] for r in rijen})
    domeinen = _beleidsdomein_labels([r[0] for r in rijen])
    result = []
    for pk, uuid, voornaam, achternaam, mandaat_id, rangorde, fractie, start, einde, status_id in rijen:
        mandaat = mandaten[mandaat_id]
        result.append(
            MandatarisRij(
                id=pk,
                uuid=uuid,
                voornaam=voornaam,
                achternaam=achternaam,
                orgaan=mandaat.orgaan,
                functie=mandaat.functie,
                rangorde=rangorde,
                fractie=fractie,
                start=start,
                einde=einde,
                status=statussen[status_id],
                beleidsdomeinen=domeinen.get(pk, ()),
            )
        )
    return result


_fractie_keuzes = VasteQuery(
    lambda bestuur_id, periode_id: (
        Fractie.objects.for_bestuur(bestuur_id).filter(periode_id=periode_id).values_list("pk", "naam")
    )
)


def fractie_keuzes(bestuur, periode):
    """[(pk, naam)] of the bestuur's fracties in the periode, by name."""
    return _fractie_keuzes(bestuur.pk, periode.pk)


def fracties(bestuur, periode):
    dag = periode.peildatum()
    return (
        Fractie.objects.for_bestuur(bestuur)
        .filter(periode=periode)
        .select_related("fractietype")
        .annotate(
            aantal_leden=Count(
                "mandatarissen",
                filter=Q(mandatarissen__start__lte=dag)
                & (Q(mandatarissen__einde__isnull=True) | Q(mandatarissen__einde__gte=dag)),
            )
        )
    )


def fractie_leden(fractie):
    return (
        Mandataris.objects.for_bestuur(fractie.bestuur)
        .filter(fractie=fractie)
        .with_related()
        .order_by("persoon__achternaam", "persoon__voornaam", "start")
    )


def statussen():
    return Concept.objects.filter(lijst=codes.STATUS_LIJST).order_by("label")


@per_release
def status_keuzes():
    return tuple(statussen().values_list("pk", "label"))


def fractietypes():
    return Concept.objects.filter(lijst=codes.FRACTIETYPE_LIJST).order_by("label")


def beleidsdomeinen(bestuur):
    """The standard beleidsdomeinen plus the ones this bestuur added (not those other besturen added)."""
    eigen_van_anderen = EigenBeleidsdomein.objects.exclude(bestuur=bestuur).values("concept_id")
    return (
        Concept.objects.filter(lijst=codes.BELEIDSDOMEIN_LIJST)
        .exclude(pk__in=eigen_van_anderen)
        .order_by("label")
    )


def totalen(mandatarissen_qs):
    """Counts per orgaan and per fractie of the given (filtered) mandatarissen, counted by the database."""
    return _tel(
        mandatarissen_qs.order_by()
        .values_list("mandaat__orgaan_in_tijd__orgaan__naam", "fractie__naam")
        .annotate(aantal=Count("id"))
    )


def _tel(groepen):
    per_orgaan = Counter()
    per_fractie = Counter()
    for orgaan, fractie, aantal in groepen:
        per_orgaan[orgaan] += aantal
        per_fractie[fractie or "Geen fractie"] += aantal
    return sorted(per_orgaan.items()), sorted(per_fractie.items())


_actieve_houders = VasteQuery(
    lambda bestuur_id, periode_id, dag: (
        Mandataris.objects.for_bestuur(bestuur_id)
        .filter(mandaat__periode_id=periode_id)
        .actief_op(dag)
        .exclude(status__uri=codes.VERHINDERD)
        .order_by("persoon__achternaam", "persoon__voornaam", "start")
        .values_list(
            "mandaat_id",
            "mandaat__aantal_houders",
            "persoon_id",
            "persoon__voornaam",
            "persoon__achternaam",
            "rangorde",
        )
    )
)


def waarschuwingen(bestuur, periode, today=None):
    """Suspicious data (warnings, not errors): two burgemeesters, too many schepenen, a rangorde given twice,
    a person twice in an orgaan.

    Counted among the mandatarissen active on the periode's peildatum; a verhinderd mandataris does not count
    (a waarnemend one replaces him or her). Read as tuples; the mandaten (functie, orgaan) from memory.
    """
    dag = periode.peildatum(today)
    actief = _actieve_houders(bestuur.pk, periode.pk, dag)
    if not actief:
        return []
    mandaten = _mandaat_info(bestuur, {m[0] for m in actief})
    result = []
    per_mandaat = defaultdict(list)
    for m in actief:
        per_mandaat[m[0]].append(m)
    for mandaat_id, houders in sorted(per_mandaat.items(), key=lambda item: mandaten[item[0]].label):
        mandaat, aantal_houders = mandaten[mandaat_id], houders[0][1]
        if mandaat.functie_uri in codes.BURGEMEESTERS and len(houders) > 1:
            namen = ", ".join(f"{m[3]} {m[4]}" for m in houders)
            result.append(f"Er zijn {len(houders)} actieve burgemeesters op {dag:%d-%m-%Y}: {namen}.")
        elif aantal_houders and len(houders) > aantal_houders:
            result.append(
                f"Er zijn {len(houders)} actieve mandatarissen met het mandaat {mandaat.functie} "
                f"in {mandaat.orgaan}, terwijl dit mandaat er maximaal {aantal_houders} heeft."
            )
        rangordes = Counter(m[5] for m in houders if m[5])
        for rangorde, aantal in sorted(rangordes.items()):
            if aantal > 1:
                label = rangorde_label(rangorde, mandaat.functie)
                result.append(f"{aantal} actieve mandatarissen hebben de rangorde {label.lower()}.")
    per_orgaan_persoon = defaultdict(list)
    for m in actief:
        mandaat = mandaten[m[0]]
        if mandaat.functie_uri not in codes.VOORZITTERS:
            per_orgaan_persoon[(mandaat.orgaan_in_tijd_id, m[2])].append(m)
    for items in sorted(
        per_orgaan_persoon.values(),
        key=lambda items: (mandaten[items[0][0]].orgaan, f"{items[0][3]} {items[0][4]}"),
    ):
        if len(items) > 1:
            m = items[0]
            result.append(f"{m[3]} {m[4]} heeft {len(items)} actieve mandaten in {mandaten[m[0]].orgaan}.")
    return result


# Public mandatendatabank ---------------------------------------------------------------------------------


def publieke_besturen(zoekterm=""):
    """Besturen that have mandaten (only those can show anything), optionally searched by name."""
    met_mandaten = Mandaat.objects.values("orgaan_in_tijd__orgaan__bestuurseenheid_id")
    qs = Bestuurseenheid.objects.filter(pk__in=met_mandaten).select_related("classificatie")
    return qs.search(zoekterm) if zoekterm else qs


_publieke_rijen = VasteQuery(
    lambda bestuur_id, periode_id, dag: (
        Mandataris.objects.for_bestuur(bestuur_id)
        # only the organen shown: the bestuur's own mandaten in the periode
        .filter(
            mandaat__periode_id=periode_id, mandaat__orgaan_in_tijd__orgaan__bestuurseenheid_id=bestuur_id
        )
        .actief_op(dag)
        .order_by("rangorde", "persoon__achternaam", "persoon__voornaam")
        .values_list(
            "id",
            "mandaat_id",
            "persoon__voornaam",
            "persoon__achternaam",
            "rangorde",
            "fractie__naam",
            "start",
            "status_id",
        )
    )
)


def publieke_pagina(bestuur, periode):
    """[(orgaan naam, [MandatarisRij of the current mandatarissen])] per orgaan in tijd with mandaten in the periode,
    for the public page: by orgaan, functie, rangorde, name (as publieke_organen). One query for the
    mandatarissen and one for their beleidsdomeinen; the organen and mandaten from memory."""
    mandaten = bestuur_mandaten(bestuur, periode)
    volgorde = {m.id: i for i, m in enumerate(mandaten)}
    rijen = _publieke_rijen(bestuur.pk, periode.pk, periode.peildatum()) if volgorde else []
    rijen.sort(key=lambda r: volgorde[r[1]])  # stable: by orgaan and functie, then rangorde and name
    statussen = _concept_labels({r[7] for r in rijen})
    domeinen = _beleidsdomein_labels([r[0] for r in rijen]) if rijen else {}
    per_oit = defaultdict(list)
    info = {m.id: m for m in mandaten}
    for pk, mandaat_id, voornaam, achternaam, rangorde, fractie, start, status_id in rijen:
        mandaat = info[mandaat_id]
        per_oit[mandaat.orgaan_in_tijd_id].append(
            MandatarisRij(
                id=pk,
                voornaam=voornaam,
                achternaam=achternaam,
                functie=mandaat.functie,
                rangorde=rangorde,
                fractie=fractie,
                start=start,
                status=statussen[status_id],
                beleidsdomeinen=domeinen.get(pk, ()),
            )
        )
    organen = dict.fromkeys((m.orgaan_in_tijd_id, m.orgaan) for m in mandaten)
    return [(orgaan, per_oit.get(oit_id, [])) for oit_id, orgaan in organen]


def publieke_organen(bestuur, periode):
    """[(orgaan_in_tijd, [current mandatarissen])] for the public pages and exports (no personal data)."""
    dag = periode.peildatum()
    items = (
        mandatarissen(bestuur, periode)
        .actief_op(dag)
        .order_by(
            "mandaat__orgaan_in_tijd__orgaan__naam",
            "mandaat__bestuursfunctie__label",
            "rangorde",
            "persoon__achternaam",
            "persoon__voornaam",
        )
    )
    per_oit = defaultdict(list)
    for m in items:
        per_oit[m.mandaat.orgaan_in_tijd].append(m)
    result = []
    for oit, _mandaten in organen(bestuur, periode):
        result.append((oit, per_oit.get(oit, [])))
    return result


def publieke_mandatarissen_alle_besturen(periode):
    """[(bestuur, [(orgaan_in_tijd, [current mandatarissen])])] of every active bestuur: the open-data export."""
    dag = periode.peildatum()
    items = (
        Mandataris.objects.in_periode(periode)
        .actief_op(dag)
        .filter(bestuur__actief=True)
        .with_related()
        .select_related("bestuur__classificatie")
        .order_by(
            "bestuur__naam",
            "bestuur__classificatie__label",
            "bestuur_id",
            "mandaat__orgaan_in_tijd__orgaan__naam",
            "mandaat__bestuursfunctie__label",
            "rangorde",
            "persoon__achternaam",
            "persoon__voornaam",
        )
    )
    result = []
    for bestuur, per_bestuur in groupby(items, key=lambda m: m.bestuur):
        organen = [
            (oit, list(ms)) for oit, ms in groupby(per_bestuur, key=lambda m: m.mandaat.orgaan_in_tijd)
        ]
        result.append((bestuur, organen))
    return result
