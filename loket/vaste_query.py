"""A query that every request asks with other values only, turned into SQL once per process.

Django compiles a queryset to SQL every time it runs: for a `select_related` over three tables ~0.3 ms of Python,
five times what PostgreSQL needs to answer it as a prepared statement (docs/performance.md). A query that runs on
every page (the person of the session with their memberships, the rows of a list page) is worth compiling once.
`VasteQuery` takes a function that builds the queryset from its values; the first call (per thread and database
connection) compiles it, later calls run the same SQL with the new values. The rows become what iterating the
queryset gives: model instances (Django's own compiler, converters and select_related population) or, for a
`values_list()` queryset, tuples.

    lidmaatschappen = VasteQuery(lambda user_id: Membership.objects.filter(user_id=user_id).select_related("user"))
    lidmaatschappen(7)  # [Membership, ...]

Which SQL parameter is which value is found by compiling the queryset once more per value with only that value
changed, so a value may appear more than once and a constant that equals a value does no harm. Only for values
that keep the SQL's shape: numbers, dates, strings and uuids (never None, `IS NULL`, or a list, `IN` of its
length), passed to the database as they are. If the SQL's text changes with a value, a value is not of those
kinds or the database needs it converted (a uuid or a moment on SQLite), every call runs the queryset the usual
way.
"""

import threading
import uuid
from datetime import date, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators


def _anders(waarde):
    """Another value of the same kind (to see which parameters follow it)."""
    if isinstance(waarde, bool):
        raise TypeError(waarde)
    if isinstance(waarde, int):
        return waarde + 7919
    if isinstance(waarde, datetime | date):
        return waarde + timedelta(days=1)
    if isinstance(waarde, str):
        return waarde + "~"
    if isinstance(waarde, uuid.UUID):
        return uuid.UUID(int=waarde.int ^ 1)
    raise TypeError(waarde)


class VasteQuery:
    def __init__(self, maak):
        self._maak = maak
        self._lokaal = threading.local()  # compilers belong to one thread's database connection

    def __call__(self, *waarden):
        vertaald = getattr(self._lokaal, "vertaald", None)
        if vertaald is None or vertaald.connection is not connections[vertaald.db]:
            queryset = self._maak(*waarden)
            vertaald = self._vertaal(queryset, waarden)
            if vertaald is None:
                return list(queryset)
            self._lokaal.vertaald = vertaald
        with vertaald.connection.cursor() as cursor:
            cursor.execute(vertaald.sql, [waarden[i] if i is not None else p for i, p in vertaald.posities])
            rijen = cursor.fetchall()
        if vertaald.converters:
            rijen = vertaald.compiler.apply_converters(rijen, vertaald.converters)
        if vertaald.model is None:  # values_list(): the rows as tuples
            return [tuple(rij) for rij in rijen]
        db, model, init_list, start, einde = vertaald.db, vertaald.model, vertaald.init_list, *vertaald.velden
        objecten = []
        for rij in rijen:
            obj = model.from_db(db, init_list, rij[start:einde])
            for populator in vertaald.populators:
                populator.populate(rij, obj)
            objecten.append(obj)
        return objecten

    def _vertaal(self, queryset, waarden):
        query = queryset.query
        db = router.db_for_read(queryset.model)
        if query.extra_select or queryset._prefetch_related_lookups or queryset._known_related_objects:
            return None
        if queryset._iterable_class is ValuesListIterable:
            # values_list's own order of its fields and annotations, as ValuesListIterable keeps it
            if [*query.values_select, *query.annotation_select] != [
                *queryset._fields,
                *(a for a in query.annotation_select if a not in queryset._fields),
            ]:
                return None
        elif queryset._iterable_class is not ModelIterable or query.annotations:
            return None
        compiler = query.get_compiler(using=db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # nothing can match (an empty slice or `IN ()`): the queryset answers that
            return None
        posities = [[None, p] for p in params]
        for i in range(len(waarden)):
            try:
                anders = [*waarden[:i], _anders(waarden[i]), *waarden[i + 1 :]]
            except TypeError:
                return None
            sql_i, params_i = self._maak(*anders).query.get_compiler(using=db).as_sql()
            if sql_i != sql or len(params_i) != len(params):
                return None
            gewijzigd = [j for j, (a, b) in enumerate(zip(params, params_i, strict=True)) if a != b]
            if not gewijzigd or any(posities[j][0] is not None for j in gewijzigd):
                return None
            for j in gewijzigd:
                if type(params[j]) is not type(waarden[i]) or params[j] != waarden[i]:
                    return None  # the database needs the value converted (e.g. a uuid as text on SQLite)
                posities[j][0] = i
        vertaald = _Vertaald()
        vertaald.connection, vertaald.db, vertaald.compiler, vertaald.sql = connections[db], db, compiler, sql
        vertaald.posities = [tuple(p) for p in posities]
        vertaald.converters = compiler.get_converters(
            [kolom[0] for kolom in compiler.select[0 : compiler.col_count]]
        )
        vertaald.model = None
        if queryset._iterable_class is ModelIterable:
            klass_info = compiler.klass_info
            start, einde = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            vertaald.model = klass_info["model"]
            vertaald.init_list = [kolom[0].target.attname for kolom in compiler.select[start:einde]]
            vertaald.velden = start, einde
            vertaald.populators = get_related_populators(klass_info, compiler.select, db)
        return vertaald


class _Vertaald:
    """One compiled query: its connection, SQL, which parameter is which value, and how rows become objects."""


class VasteBasis:
    """A queryset many requests start from (a module's scoped list before its filters), built once per process and
    per value (e.g. per bestuur): each call gives a copy of it (`.all()`), to filter further. Building it anew is a
    clone and a filter per method, ~0.1–0.2 ms for a list page's base (docs/performance.md). The kept querysets
    themselves are never evaluated; at most MAX are kept (then the memo starts again).

        actieve_meldingen = VasteBasis(lambda: Melding.objects.actief().select_related("besluittype"))
        actieve_meldingen().filter(status="verstuurd")
        van_bestuur = VasteBasis(lambda bestuur_id: Melding.objects.filter(bestuur_id=bestuur_id))
        van_bestuur(7)
    """

    MAX = 4096

    def __init__(self, maak):
        self._maak = maak
        self._querysets = {}

    def __call__(self, *waarden):
        queryset = self._querysets.get(waarden)
        if queryset is None:
            if len(self._querysets) >= self.MAX:
                self._querysets = {}
            queryset = self._querysets[waarden] = self._maak(*waarden)
        return queryset.all()
