"""Reads. Bestuur-side queries start from .for_bestuur(); the ABB queue only ever holds sent meldingen."""

import hashlib
import json
from collections import namedtuple
from datetime import datetime

from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from loket.cache import OokInProces
from loket.vaste_query import VasteBasis, VasteQuery

from . import reference
from .models import BesluitType, Bundel, Melding, MeldingBestand, Ontvangstbewijs, ZoekOpdracht


def vandaag():
    return timezone.localdate()


def besluittypes_voor(bestuur, today=None):
    """The types this bestuur may submit today: a rule allows its classification and is valid today."""
    if bestuur is None:
        return BesluitType.objects.none()
    return BesluitType.objects.voor_classificatie(bestuur.classificatie, today or vandaag())


def organen_voor(bestuur):
    return bestuur.organen.all().order_by("naam") if bestuur is not None else None


_actieve_meldingen = VasteBasis(
    lambda: Melding.objects.actief().select_related(
        "besluittype", "beslissingsorgaan", "gewijzigd_door", "leverancier"
    )
)


_meldingen_van_bestuur = VasteBasis(lambda bestuur_id: _actieve_meldingen().for_bestuur(bestuur_id))


def meldingen_voor(bestuur):
    """A bestuur's meldingen (not deleted): `bestuur` a Bestuurseenheid or its id; none for None."""
    if bestuur is None:
        return Melding.objects.none()
    return _meldingen_van_bestuur(getattr(bestuur, "pk", bestuur))


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
    *Melding.BEWERKBARE_VELDEN,
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
    )
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
    )
)
_ontvangstbewijs_sha256 = VasteQuery(
    lambda melding_id, verstuurd_op: Ontvangstbewijs.objects.filter(
        melding_id=melding_id, verstuurd_op=verstuurd_op
    ).only("sha256")
)
_gesprekken_over = VasteQuery(
    # the conversations (berichten) about the melding, through the reverse relation: no import of another module
    lambda melding_id: (
        Melding._meta.get_field("gesprekken")
        .related_model.objects.filter(melding_id=melding_id)
        .only("uuid", "dossiernummer", "betreft")
    )
)
_bestanden = VasteQuery(
    lambda melding_id: MeldingBestand.objects.filter(melding_id=melding_id).only("uuid", "naam", "grootte")
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


_verstuurde_meldingen = VasteBasis(
    lambda: Melding.objects.verstuurd().select_related(
        "bestuur__classificatie", "besluittype", "beslissingsorgaan", "behandeld_door", "behandelaar"
    )
)


def abb_meldingen():
    """The ABB queue: every sent melding of every bestuur (never concepts, never deleted ones)."""
    return _verstuurde_meldingen()


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


# The ABB queue shows them on every view: compiled once per process (loket/vaste_query.py).
zoekopdrachten_van = VasteQuery(lambda user_id: ZoekOpdracht.objects.filter(gebruiker_id=user_id))


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
        "per_provincie": [(r["provincie"] or "Onbekend", r["n"]) for r in tel("provincie")],
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

    `keyset` (two fields the list is ordered on, descending, e.g. ("gewijzigd_op", "id")) and `na` (the cursor of
    the previous page's last row): deep in a long list the "Volgende" link carries that cursor, and its page reads
    the rows after it (an index range) instead of reading past an OFFSET of tens of thousands of rows.

    `velden`: the fields the page's columns read (the id first; `values_list` names, also of related objects): the
    rows are then named tuples of those, not model instances (a row of a list needs a dozen of the melding's and
    its relations' ~70 columns, and every column and instance costs). They are read by their ids with one query
    compiled once per process (loket/vaste_query.py): the ids list is padded to a full page with ids that do not
    exist, so its SQL is the same for every page. With an `ids_bron` (LijstIds) a page's ids and its rows come in one
    query."""

    _rij_queries = {}  # (model, velden): VasteQuery
    _rij_soorten = {}  # velden: named tuple
    geschat = False  # whether count is an estimate (GeschattePaginator)
    KEYSET_VANAF = 1000  # rows: the "Volgende" link carries a cursor from there on

    def __init__(self, *args, velden=(), keyset=(), na=None, ids_bron=None, model=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.velden = tuple(velden)
        self.keyset = tuple(keyset)
        self.na = _lees_cursor(na) if keyset else None
        self.ids_bron = ids_bron  # e.g. LijstIds: the same ids by a query compiled once, or None
        self.model = model

    # The list may be given as a function that builds its queryset: built only when the page asks it (with an
    # `ids_bron` and a known total, a page needs only the model, given as `model`).
    @property
    def object_list(self):
        lijst = self.__dict__["_lijst"]
        if callable(lijst) and not hasattr(lijst, "model"):
            lijst = self.__dict__["_lijst"] = lijst()
        return lijst

    @object_list.setter
    def object_list(self, waarde):
        self.__dict__["_lijst"] = waarde

    def _check_object_list_is_ordered(self):
        lijst = self.__dict__["_lijst"]
        if not (callable(lijst) and not hasattr(lijst, "model")):
            super()._check_object_list_is_ordered()

    def page(self, number):
        number = self.validate_number(number)
        onder = (number - 1) * self.per_page
        boven = onder + self.per_page
        meer = None
        ids = self._ids_na() if self.na is not None and number > 1 else None
        if ids is not None:  # the rows after the cursor of the previous page (keyset): no OFFSET to read past
            meer = len(ids) > self.per_page
            ids = ids[: self.per_page]
        elif self.geschat:  # the total is an estimate: one id more tells whether a next page has rows
            ids = self._ids(onder, boven + 1)
            meer = len(ids) > self.per_page
            ids = ids[: self.per_page]
            if (
                not ids and number > 1
            ):  # past the end (rare): counted after all, get_page() shows the last page
                self.__dict__["count"] = self.object_list.order_by().count()
                self.__dict__.pop("num_pages", None)
                self.geschat = False
                raise EmptyPage("Die pagina bevat geen resultaten")
            if onder + len(ids) + meer > self.count:  # more rows than estimated: the total is what is known
                self.__dict__["count"] = onder + len(ids) + meer
                self.__dict__.pop("num_pages", None)
        else:
            if boven + self.orphans >= self.count:
                boven = self.count
            ids = self._ids(onder, boven)
        rijen = self._rijen(ids)
        page = self._get_page([rijen[i] for i in ids if i in rijen], number, self)
        page.meer = meer
        if self.keyset and page.object_list and boven >= self.KEYSET_VANAF and page.has_next():
            laatste = page.object_list[-1]
            page.volgende_na = _schrijf_cursor([getattr(laatste, veld) for veld in self.keyset])
        return page

    def _ids_na(self):
        """The ids after the cursor in the list's order (descending on the keyset fields), one more than a page;
        None when the cursor's page is empty (the rows changed): then the page is read by its number."""
        waarde, id_ = self.na
        ids = None
        if self.ids_bron:
            ids = self._gelezen(self.ids_bron.na(waarde, id_, self.per_page + 1, rij=self._rij()))
        if ids is None:
            ids = list(
                self.object_list.filter(voorbij(self.keyset, waarde, id_)).values_list("pk", flat=True)[
                    : self.per_page + 1
                ]
            )
        return ids or None

    def _get_page(self, *args, **kwargs):
        return LijstPagina(*args, **kwargs)

    def _ids(self, onder, boven):
        ids = None
        if self.ids_bron is not None:
            if self.velden and boven - onder <= self.per_page + 1:  # a page: its rows read in the same query
                ids = self._gelezen(self.ids_bron.tussen(onder, boven, rij=self._rij()))
            else:
                ids = self.ids_bron.tussen(onder, boven)
        return ids if ids is not None else list(self.object_list.values_list("pk", flat=True)[onder:boven])

    def _gelezen(self, rijen):
        """Rows the ids source read with the page's fields (or None): kept for _rijen; their ids, in order."""
        if rijen is None or not self.velden:
            return rijen
        self._bron_rijen = {rij[0]: rij for rij in rijen}
        return list(self._bron_rijen)

    def _rij(self):
        """The named tuple of a row with `velden` (one class per list of fields), or None without `velden`."""
        if not self.velden:
            return None
        try:
            return self._rij_soorten[self.velden]
        except KeyError:
            return self._rij_soorten.setdefault(self.velden, namedtuple("Rij", self.velden))

    def _rijen(self, ids):
        """{id: row} of these ids (ids of this page of the scoped list): model instances, or with `velden` named
        tuples of those fields (the id first)."""
        gelezen = self.__dict__.get("_bron_rijen")
        if gelezen is not None and all(i in gelezen for i in ids):  # read with the ids (LijstIds)
            return gelezen
        if not self.velden or len(ids) > self.per_page:
            return self.object_list.order_by().in_bulk(ids)
        model = self.model or self.object_list.model
        sleutel = (model, self.velden)
        if sleutel not in self._rij_queries:
            velden = self.velden
            self._rij_queries[sleutel] = VasteQuery(
                # no order: rows are placed by their ids' order
                lambda *ids: model._default_manager.filter(pk__in=ids).order_by().values_list(*velden)
            )
        query, rij = self._rij_queries[sleutel], self._rij()
        opvulling = [-i for i in range(1, self.per_page - len(ids) + 1)]  # never an id
        return {waarden[0]: rij(*waarden) for waarden in query(*ids, *opvulling)}


def voorbij(keyset, waarde, id_):
    """The rows after (waarde, id_) in a list ordered descending on the two keyset fields. "first <= value" first:
    a range of the index the list is ordered by (an OR of the two alone is a filter over every row before it)."""
    eerste, tweede = keyset
    return Q(**{f"{eerste}__lte": waarde}) & (Q(**{f"{eerste}__lt": waarde}) | Q(**{f"{tweede}__lt": id_}))


class LijstIds:
    """The ids of a page of a list in its default order, on filters whose values pass as SQL parameters, by queries
    compiled once per process per shape (the list, which filters, which rows; loket/vaste_query.py). The query is
    built as the view builds the list: its base (`basis(*basis_waarden)`), the FilterSet's own filters (a day passes
    as the moment it bounds: `DagFilter.grens`/`dag`), its order. Pages within the first GeschattePaginator.GRENS rows
    by their offset, deeper pages after a cursor (with a `keyset`); other shapes give None and the paginator asks
    the queryset. Made by `bestuur_ids` and `abb_ids`; tests/test_query_counts.py compares them with the querysets."""

    _queries = {}  # (list, filter names, shape): VasteQuery
    MAX = 1024  # shapes kept per process

    def __init__(self, lijst, basis, filterset, volgorde, gekozen, basis_waarden=(), keyset=()):
        self.lijst, self.basis, self.filterset, self.volgorde, self.keyset = (
            lijst,
            basis,
            filterset,
            volgorde,
            keyset,
        )
        filters = filterset.base_filters
        self.namen = tuple(sorted(gekozen))
        self.waarden = (
            *basis_waarden,
            *(
                filters[naam].grens(gekozen[naam]) if hasattr(filters[naam], "grens") else gekozen[naam]
                for naam in self.namen
            ),
        )

    def _maak(self, bereik, velden):
        """What builds the query from its values (nothing of this request kept in it: it is kept per shape)."""
        basis, filters, volgorde, namen, keyset = (
            self.basis,
            self.filterset.base_filters,
            self.volgorde,
            self.namen,
            self.keyset,
        )
        aantal_basis = len(self.waarden) - len(namen)

        def maak(*waarden):
            queryset = basis(*waarden[:aantal_basis])
            rest = waarden[aantal_basis:]
            for naam, waarde in zip(namen, rest, strict=False):
                flt = filters[naam]
                queryset = flt.filter(queryset, flt.dag(waarde) if hasattr(flt, "dag") else waarde)
            queryset = queryset.order_by(*volgorde)
            onder, boven = bereik
            if onder == "na":  # the cursor's two values follow the filters' values
                queryset = queryset.filter(voorbij(keyset, *rest[len(namen) :]))
                onder = 0
            if velden == ("id",):
                return queryset.values_list("id")[onder:boven]
            # The page's rows with their fields, read by their ids in the same query: the ids' query (on the
            # list's index alone) is cheap to plan for any values, so PostgreSQL keeps one generic plan for the
            # whole; the rows with the list's filters in one query would be planned anew on every view.
            ids = queryset.values("id")[onder:boven]
            return queryset.model._default_manager.filter(id__in=ids).order_by(*volgorde).values_list(*velden)

        return maak

    def _ids(self, bereik, *extra, rij=None):
        velden = rij._fields if rij else ("id",)
        sleutel = (self.lijst, self.namen, bereik, velden)
        query = self._queries.get(sleutel)
        if query is None:
            if len(self._queries) >= self.MAX:
                return None  # enough shapes kept (each holds its SQL per thread): the queryset answers
            query = self._queries[sleutel] = VasteQuery(self._maak(bereik, velden))
        if rij:
            return [rij(*waarden) for waarden in query(*self.waarden, *extra)]
        return [waarden[0] for waarden in query(*self.waarden, *extra)]

    def tussen(self, onder, boven, rij=None):
        """The ids of rows onder..boven, or with `rij` (a named tuple of fields, the id first) those rows, read with
        their fields in the same query; None when this shape is not compiled here."""
        if boven <= onder:
            return []
        if onder >= GeschattePaginator.GRENS or boven - onder > GeschattePaginator.GRENS + 1:
            return None
        return self._ids((onder, boven), rij=rij)

    def na(self, waarde, id_, aantal, rij=None):
        return self._ids(("na", aantal), waarde, id_, rij=rij) if self.keyset else None


BESTUUR_VOLGORDE, BESTUUR_KEYSET = ("-gewijzigd_op", "-id"), ("gewijzigd_op", "id")
BESTUUR_FILTERS = frozenset({"status"})
ABB_VOLGORDE = ("-verstuurd_op", "-id")
ABB_FILTERS = frozenset(
    {"provincie", "review_status", "verstuurd_van", "verstuurd_tot", "zitting_van", "zitting_tot"}
)


def bestuur_ids(bestuur_id, gekozen):
    """LijstIds of a bestuur's own list (newest change first), unfiltered or on its status: its landing page and
    its paging, most of its views. `gekozen`: {filter: cleaned value} within BESTUUR_FILTERS."""
    from .filters import MeldingFilter

    return LijstIds(
        "bestuur",
        meldingen_voor,
        MeldingFilter,
        BESTUUR_VOLGORDE,
        gekozen,
        basis_waarden=(bestuur_id,),
        keyset=BESTUUR_KEYSET,
    )


def abb_ids(gekozen):
    """LijstIds of the ABB queue (newest sent first) on its usual filters (ABB_FILTERS)."""
    from .filters import AbbMeldingFilter

    return LijstIds("abb", abb_meldingen, AbbMeldingFilter, ABB_VOLGORDE, gekozen)


def _lees_cursor(tekst):
    """'2026-12-05T10:00:00.123456+00:00_12345' -> (moment, id), or None if it is not one."""
    moment, _, id_ = (tekst or "").rpartition("_")
    try:
        waarde = datetime.fromisoformat(moment)
        return (waarde, int(id_)) if waarde.tzinfo is not None else None
    except ValueError:
        return None


def _schrijf_cursor(waarden):
    moment, id_ = waarden
    return f"{moment.isoformat()}_{id_}"


class LijstPagina(Page):
    meer = None  # with an estimated total: whether a next page has rows
    volgende_na = None  # the cursor of the next page (keyset), deep in a long list

    def has_next(self):
        return super().has_next() if self.meer is None else self.meer


class GeschattePaginator(LijstPaginator):
    """The paginator of the ABB queue and of a bestuur's own list: an exact count up to GRENS rows, PostgreSQL's
    planner estimate above that.

    Counting a filtered queue over a million meldingen reads every matching row on every page view; a bounded
    count (`LIMIT GRENS + 1`) reads at most GRENS + 1. Above the bound the total is shown as "ongeveer": the
    planner's estimate, kept a minute in the cache for the same list: `sleutel` names it (all that decides its
    rows), else its query and parameters do.

    `samen_tellen`: on the pages within the first GRENS rows, one query reads the ids of those GRENS + 1 rows in
    the list's order; their number is the bounded count and the page's ids are a slice of them (one query instead
    of two). Only for a list whose order an index gives (a bestuur's own list): where PostgreSQL has to filter rows
    while walking an index in order (the ABB queue), reading GRENS + 1 rows in order costs more than counting them
    and reading 25.
    """

    GRENS = 1000
    SCHATTING_SECONDEN = 60

    def __init__(self, *args, samen_tellen=False, sleutel=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sleutel = sleutel
        self.geschat = False
        self.samen_tellen = samen_tellen
        self._eerste_ids = None

    def get_page(self, number):
        try:
            nummer = int(number)
        except (TypeError, ValueError):
            nummer = 1
        if (
            self.samen_tellen
            and 1 <= nummer
            and nummer * self.per_page <= self.GRENS
            and "count" not in self.__dict__
            and self._bewaarde_schatting() is None  # a large list: its estimate is known, the page read alone
        ):
            self._eerste_ids = LijstPaginator._ids(self, 0, self.GRENS + 1)
            self.__dict__["count"] = self._telling(len(self._eerste_ids))
        try:
            return super().get_page(number)
        except EmptyPage:  # past the end of an estimated total: counted now, the last page
            return self.page(self.num_pages)

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            if self.geschat and int(number) > 1:  # past an estimated total: page() reads whether it has rows
                return int(number)
            raise

    def _ids(self, onder, boven):
        if self._eerste_ids is not None and boven <= len(self._eerste_ids):
            return self._eerste_ids[onder:boven]
        return super()._ids(onder, boven)

    @cached_property
    def count(self):
        bewaard = self._bewaarde_schatting()
        if bewaard is not None:
            return bewaard
        return self._telling(self.object_list.order_by()[: self.GRENS + 1].count())

    def _schatting_sleutel(self):
        """The cache key of this list's estimate: the key the view gives (what decides the rows: the list, the
        bestuur, the person, the filters), else the list's SQL and parameters."""
        if not hasattr(self, "_sleutel"):
            sleutel = self.sleutel if self.sleutel is not None else self._schatting_sql()
            self._sleutel = "toezicht:schatting:" + hashlib.sha256(repr(sleutel).encode()).hexdigest()
        return self._sleutel

    def _schatting_sql(self):
        return self.object_list.order_by().values("pk").query.sql_with_params()

    def _bewaarde_schatting(self):
        """An estimate made in the last SCHATTING_SECONDEN for the same list, or None. Only lists above GRENS
        have one: below it the count is exact and read every time."""
        if connection.vendor != "postgresql":
            return None
        try:
            bewaard = _SCHATTINGEN.get(self._schatting_sleutel())
        except Exception:  # the cache is away: counted and estimated as without it
            return None
        if bewaard is not None:
            self.geschat = True
        return bewaard

    def _telling(self, aantal):
        """The total, from a count bounded at GRENS + 1; above GRENS PostgreSQL's planner estimate ("ongeveer"),
        kept SCHATTING_SECONDEN for the same list (an estimate either way; it spares the count and the planning
        on the next pages and views)."""
        if aantal <= self.GRENS:
            return aantal
        if connection.vendor != "postgresql":
            return self.object_list.order_by().count()
        self.geschat = True
        schatting = max(aantal, _planner_schatting(*self._schatting_sql()))
        try:
            _SCHATTINGEN.set(self._schatting_sleutel(), schatting, self.SCHATTING_SECONDEN)
        except Exception:  # noqa: S110 (the cache is away: estimated again next time)
            pass
        return schatting


# A list's estimated total is read on every view of it: also kept 10 s in the process (loket.cache.OokInProces).
_SCHATTINGEN = OokInProces(10)


def _planner_schatting(sql, params):
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
