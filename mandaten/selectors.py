"""Reads of Mandatenbeheer: every bestuur-side query starts from .for_bestuur()."""

from collections import Counter, defaultdict
from itertools import groupby

from django.db.models import Count, Q
from django.utils import timezone

from loket.models import Bestuurseenheid, Concept
from loket.referentie import per_release

from . import codes
from .models import Bestuursperiode, EigenBeleidsdomein, Fractie, Mandaat, Mandataris


def periodes():
    return list(Bestuursperiode.objects.all())


def standaard_periode(bestuur=None, today=None, alle=None):
    """The periode containing today, else the latest one (with mandaten for `bestuur`, if it has any). `alle`: the
    periodes when the caller read them already."""
    today = today or timezone.localdate()
    alle = periodes() if alle is None else alle
    if bestuur is not None:
        met_mandaten = set(
            Mandaat.objects.for_bestuur(bestuur).order_by().values_list("periode_id", flat=True).distinct()
        )  # no ordering: its joins (the functie's label) and sort are not needed for a set
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
    """The mandatarissen list and its warnings: only the joins their columns read. PostgreSQL plans a join of ten
    tables in ~5 ms (more than it takes to run it); without the periode (known) and the fractietype: eight."""
    return (
        Mandataris.objects.for_bestuur(bestuur)
        .in_periode(periode)
        .select_related(
            "persoon", "status", "fractie", "mandaat__bestuursfunctie", "mandaat__orgaan_in_tijd__orgaan"
        )
        .prefetch_related("beleidsdomeinen")
    )


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
    """Counts per orgaan and per fractie of the given (filtered) mandatarissen."""
    per_orgaan = Counter()
    per_fractie = Counter()
    for orgaan, fractie in mandatarissen_qs.values_list(
        "mandaat__orgaan_in_tijd__orgaan__naam", "fractie__naam"
    ):
        per_orgaan[orgaan] += 1
        per_fractie[fractie or "Geen fractie"] += 1
    return sorted(per_orgaan.items()), sorted(per_fractie.items())


def waarschuwingen(bestuur, periode, today=None):
    """Suspicious data (warnings, not errors): two burgemeesters, too many schepenen, a rangorde given twice,
    a person twice in an orgaan.

    Counted among the mandatarissen active on the periode's peildatum; a verhinderd mandataris does not count
    (a waarnemend one replaces him or her).
    """
    dag = periode.peildatum(today)
    actief = list(
        mandatarissen_lijst(bestuur, periode)
        .actief_op(dag)
        .exclude(status__uri=codes.VERHINDERD)
        .prefetch_related(None)  # the beleidsdomeinen are not part of any warning
    )
    result = []
    per_mandaat = defaultdict(list)
    for m in actief:
        per_mandaat[m.mandaat].append(m)
    for mandaat, houders in sorted(per_mandaat.items(), key=lambda item: str(item[0])):
        if mandaat.is_burgemeester and len(houders) > 1:
            namen = ", ".join(str(m.persoon) for m in houders)
            result.append(f"Er zijn {len(houders)} actieve burgemeesters op {dag:%d-%m-%Y}: {namen}.")
        elif mandaat.aantal_houders and len(houders) > mandaat.aantal_houders:
            result.append(
                f"Er zijn {len(houders)} actieve mandatarissen met het mandaat {mandaat.bestuursfunctie.label} "
                f"in {mandaat.orgaan_in_tijd.orgaan.naam}, terwijl dit mandaat er maximaal {mandaat.aantal_houders} heeft."
            )
        rangordes = Counter(m.rangorde for m in houders if m.rangorde)
        for rangorde, aantal in sorted(rangordes.items()):
            if aantal > 1:
                label = Mandataris(mandaat=mandaat, rangorde=rangorde).rangorde_label
                result.append(f"{aantal} actieve mandatarissen hebben de rangorde {label.lower()}.")
    per_orgaan_persoon = defaultdict(list)
    for m in actief:
        if m.mandaat.bestuursfunctie.uri not in codes.VOORZITTERS:
            per_orgaan_persoon[(m.mandaat.orgaan_in_tijd, m.persoon)].append(m)
    for (oit, persoon), items in sorted(
        per_orgaan_persoon.items(), key=lambda item: (item[0][0].orgaan.naam, str(item[0][1]))
    ):
        if len(items) > 1:
            result.append(f"{persoon} heeft {len(items)} actieve mandaten in {oit.orgaan.naam}.")
    return result


# Public mandatendatabank ---------------------------------------------------------------------------------


def publieke_besturen(zoekterm=""):
    """Besturen that have mandaten (only those can show anything), optionally searched by name."""
    met_mandaten = Mandaat.objects.values("orgaan_in_tijd__orgaan__bestuurseenheid_id")
    qs = Bestuurseenheid.objects.filter(pk__in=met_mandaten).select_related("classificatie")
    return qs.search(zoekterm) if zoekterm else qs


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
