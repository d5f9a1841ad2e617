"""Reads. Bestuur-side queries start from .for_bestuur(); the ABB queue only ever holds sent meldingen."""

import json

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from berichten.models import Gesprek
from loket.vaste_query import VasteQuery

from . import reference
from .models import BesluitType, Bundel, Melding, MeldingBestand, Ontvangstbewijs


def vandaag():
    return timezone.localdate()


def besluittypes_voor(bestuur, today=None):
    """The types this bestuur may submit today: a rule allows its classification and is valid today."""
    if bestuur is None:
        return BesluitType.objects.none()
    return BesluitType.objects.voor_classificatie(bestuur.classificatie, today or vandaag())


def organen_voor(bestuur):
    return bestuur.organen.all().order_by("naam") if bestuur is not None else None


def meldingen_voor(bestuur):
    return (
        Melding.objects.for_bestuur(bestuur)
        .actief()
        .select_related("besluittype", "beslissingsorgaan", "gewijzigd_door", "leverancier")
    )


def melding_voor(bestuur, melding_id):
    """One melding of this bestuur (not deleted), or Melding.DoesNotExist."""
    return meldingen_voor(bestuur).get(uuid=melding_id)


# What the detail pages (detail.html, abb_detail.html and their partials) read of a melding and its relations: one
# query with these ~30 columns instead of every column of the melding and of four related rows (the users in full).
DETAIL_VELDEN = (
    "uuid",
    "bestuur",
    "status",
    "besluittype__label",
    "besluittype__definitie",
    "besluittype__broader_label",
    "besluittype__profiel",
    "beslissingsorgaan__naam",
    "datum_zitting",
    "datum_publicatie",
    "opmerking",
    "links",
    "belasting_soort",
    "mar_code",
    "opcentiem",
    "differentiatie",
    "belasting_vanaf",
    "belasting_tot",
    "rapportjaar",
    "verstuurd_op",
    "verstuurd_door__first_name",
    "verstuurd_door__last_name",
    "leverancier__naam",
    "review_status",
    "review_opmerking",
    "review_zichtbaar",
    "behandeld_op",
    "heropend_op",
    "heropend_reden",
)
ABB_DETAIL_VELDEN = (
    *DETAIL_VELDEN,
    "bestuur__naam",
    "bestuur__provincie",
    "bestuur__classificatie__label",
    "bestuur__classificatie__uuid",
    "behandeld_door__first_name",
    "behandeld_door__last_name",
    "behandelaar__first_name",
    "behandelaar__last_name",
)


# The detail pages run on every view of a melding: their queries are compiled to SQL once per process
# (loket/vaste_query.py), only the values change (the bestuur, the melding).
_melding_detail = VasteQuery(
    lambda bestuur_id, melding_id: (
        Melding.objects.for_bestuur(bestuur_id)
        .actief()
        .filter(uuid=melding_id)
        .select_related("besluittype", "beslissingsorgaan", "verstuurd_door", "leverancier")
        .only(*DETAIL_VELDEN)
    ),
    Melding,
)
_abb_melding_detail = VasteQuery(
    lambda melding_id: (
        Melding.objects.verstuurd()
        .filter(uuid=melding_id)
        .select_related(
            "bestuur__classificatie",
            "besluittype",
            "beslissingsorgaan",
            "verstuurd_door",
            "leverancier",
            "behandeld_door",
            "behandelaar",
        )
        .only(*ABB_DETAIL_VELDEN)
    ),
    Melding,
)
_ontvangstbewijs_sha256 = VasteQuery(
    lambda melding_id, verstuurd_op: Ontvangstbewijs.objects.filter(
        melding_id=melding_id, verstuurd_op=verstuurd_op
    ).only("sha256"),
    Ontvangstbewijs,
)
_gesprekken_over = VasteQuery(
    lambda melding_id: Gesprek.objects.filter(melding_id=melding_id).only("uuid", "dossiernummer", "betreft"),
    Gesprek,
)
_bestanden = VasteQuery(
    lambda melding_id: MeldingBestand.objects.filter(melding_id=melding_id).only("uuid", "naam", "grootte"),
    MeldingBestand,
)


def melding_detail_voor(bestuur, melding_id):
    """One melding of this bestuur (not deleted) as its detail page shows it, or Melding.DoesNotExist."""
    rijen = _melding_detail(bestuur.pk, melding_id) if bestuur is not None else []
    if not rijen:
        raise Melding.DoesNotExist
    return rijen[0]


def abb_melding_detail(melding_id):
    """One sent melding as ABB's detail page shows it (abb_meldingen, narrowed to what it reads), or
    Melding.DoesNotExist."""
    rijen = _abb_melding_detail(melding_id)
    if not rijen:
        raise Melding.DoesNotExist
    return rijen[0]


def ontvangstbewijs_sha256(melding):
    """The SHA-256 of the receipt of the melding's current sending (ontvangstbewijs_van), or None when there is
    none (not sent, or not made yet)."""
    if melding.verstuurd_op is None:
        return None
    rijen = _ontvangstbewijs_sha256(melding.pk, melding.verstuurd_op)
    return rijen[0].sha256 if rijen else None


def bestanden_van(melding):
    """The melding's files as its detail pages list them (name, size, download link)."""
    return _bestanden(melding.pk)


def gesprekken_over(melding):
    """ABB side: the conversations about a melding, as its detail page links them."""
    return _gesprekken_over(melding.pk)


def abb_meldingen():
    """The ABB queue: every sent melding of every bestuur (never concepts, never deleted ones)."""
    return Melding.objects.verstuurd().select_related(
        "bestuur__classificatie", "besluittype", "beslissingsorgaan", "behandeld_door", "behandelaar"
    )


def is_belastingreglement():
    """A Belastingreglement: the type itself or one of its narrower types (Aanvullende belasting of opcentiem,
    Contantbelasting, Kohierbelasting), as lblod's import expands the SKOS broader tree."""
    return Q(besluittype__uri=reference.BELASTINGREGLEMENT_URI) | Q(
        besluittype__broader=reference.BELASTINGREGLEMENT_URI
    )


def vlabel_meldingen():
    """What the Vlaamse Belastingdienst may read, enforced here for every page, file and export: sent
    Belastingreglementen with MAR-code 7300, 7304 or 7305 (never concepts, never deleted ones)."""
    return abb_meldingen().filter(is_belastingreglement(), mar_code__in=reference.VLABEL_MAR_CODES)


def bundels_voor(bestuur=None, abb=False):
    """The bundles (zips): on the bestuur side those of that bestuur (whoever of it asked: they hold the same
    meldingen every colleague with the Toezicht right sees), on the ABB side those of ABB."""
    if abb:
        return Bundel.objects.filter(abb=True)
    return Bundel.objects.for_bestuur(bestuur).filter(abb=False)


def overzicht(queryset, weken=12, today=None):
    """Counts for the ABB overview: per week (the last `weken` weeks, empty weeks included), per provincie,
    per type (top 10) and open vs afgehandeld. Portable aggregates (PostgreSQL and SQLite)."""
    from datetime import timedelta

    from django.db.models import Count
    from django.db.models.functions import TruncDate

    today = today or vandaag()
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weken - 1)
    per_dag = (
        queryset.filter(verstuurd_op__date__gte=start)
        .annotate(dag=TruncDate("verstuurd_op"))
        .values("dag")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_week = {start + timedelta(weeks=i): 0 for i in range(weken)}
    for rij in per_dag:
        maandag = rij["dag"] - timedelta(days=rij["dag"].weekday())
        if maandag in per_week:
            per_week[maandag] += rij["n"]

    def tel(veld):
        return queryset.values(veld).annotate(n=Count("id")).order_by("-n", veld)

    statussen = dict(Melding.ReviewStatus.choices)
    return {
        "per_week": [(f"week {m.isocalendar()[1]} ({m:%d-%m})", n) for m, n in per_week.items()],
        "per_provincie": [(r["bestuur__provincie"] or "Onbekend", r["n"]) for r in tel("bestuur__provincie")],
        "per_type": [
            (r["besluittype__label"] or "Geen type", r["n"]) for r in tel("besluittype__label")[:10]
        ],
        "per_status": [
            (statussen[s], dict((r["review_status"], r["n"]) for r in tel("review_status")).get(s, 0))
            for s in statussen
        ],
        "totaal": queryset.count(),
    }


class LijstPaginator(Paginator):
    """Pages of a long list with a deferred join: the page's ids first (an index-only scan, also past a large
    OFFSET), then only those 25 rows with their related objects. The query count stays the same.

    `velden`: the fields the page shows (`.only()`, also of the related objects): a row of a list needs a dozen of
    the melding's and its relations' ~70 columns, and every column read costs (conversion, model instance)."""

    def __init__(self, *args, velden=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.velden = velden

    def page(self, number):
        number = self.validate_number(number)
        onder = (number - 1) * self.per_page
        boven = onder + self.per_page
        if boven + self.orphans >= self.count:
            boven = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[onder:boven])
        rijen = self.object_list.order_by()
        if self.velden:  # only the relations the fields name are joined
            relaties = {veld.rpartition("__")[0] for veld in self.velden if "__" in veld}
            rijen = rijen.select_related(None).select_related(*relaties).only(*self.velden)
        rijen = rijen.in_bulk(ids)
        return self._get_page([rijen[i] for i in ids if i in rijen], number, self)


class GeschattePaginator(LijstPaginator):
    """The paginator of the ABB queue and of a bestuur's own list: an exact count up to GRENS rows, PostgreSQL's
    planner estimate above that.

    Counting a filtered queue over a million meldingen reads every matching row on every page view; a bounded
    count (`LIMIT GRENS + 1`) reads at most GRENS + 1. Above the bound the total is shown as "ongeveer".
    """

    GRENS = 1000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.geschat = False

    @cached_property
    def count(self):
        queryset = self.object_list.order_by()
        aantal = queryset[: self.GRENS + 1].count()
        if aantal <= self.GRENS or connection.vendor != "postgresql":
            return aantal if aantal <= self.GRENS else queryset.count()
        self.geschat = True
        # The ids only: the same rows (the filters' joins stay), without compiling every selected column.
        return max(aantal, _planner_schatting(queryset.values("pk")))


def _planner_schatting(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)  # noqa: S608 (the ORM's own SQL)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def ontvangstbewijs_van(melding):
    """The stored receipt of the melding's current sending, or None (not sent, or not made yet)."""
    if melding.verstuurd_op is None:
        return None
    return melding.ontvangstbewijzen.filter(verstuurd_op=melding.verstuurd_op).first()
