"""loket/vaste_query.py's idea for a values_list query: compiled to SQL once per process (and thread), then run
with other values; the rows come back as tuples, converted as iterating the queryset would.

    fracties = VasteRijen(lambda bestuur_id, periode_id: Fractie.objects.filter(...).values_list("pk", "naam"))
    fracties(300, 2)  # [(7, "Groen"), ...]

Which SQL parameter is which value is found by compiling the queryset once more per value with only that value
changed (so a value may appear more than once, and a constant that happens to equal a value is no problem). Only
for values that keep the SQL's shape (ids, dates; never None or a list); if the SQL's text changes with a value,
or on another database than PostgreSQL, every call runs the queryset the usual way.
"""

import threading
from datetime import date, timedelta

from django.db import connections, router


def _anders(waarde):
    if isinstance(waarde, bool) or not isinstance(waarde, int | date):
        raise TypeError(waarde)
    return waarde + (timedelta(days=1) if isinstance(waarde, date) else 7919)


class VasteRijen:
    def __init__(self, maak):
        self._maak = maak
        self._lokaal = threading.local()

    def __call__(self, *waarden):
        queryset = None
        vertaald = getattr(self._lokaal, "vertaald", None)
        if vertaald is None or vertaald[0] is not connections[vertaald[1]]:
            queryset = self._maak(*waarden)
            vertaald = self._vertaal(queryset, waarden)
            if vertaald is None:
                return list(queryset)
            self._lokaal.vertaald = vertaald
        connection, _db, compiler, sql, posities, converters = vertaald
        with connection.cursor() as cursor:
            cursor.execute(sql, [waarden[i] if i is not None else p for i, p in posities])
            rijen = cursor.fetchall()
        if converters:
            return [tuple(rij) for rij in compiler.apply_converters(rijen, converters)]
        return rijen

    def _vertaal(self, queryset, waarden):
        query = queryset.query
        db = router.db_for_read(queryset.model)
        if (
            connections[db].vendor != "postgresql"
            or not query.values_select
            or query.extra_select
            or queryset._prefetch_related_lookups
            or [*query.values_select, *query.annotation_select]
            != [*queryset._fields, *(a for a in query.annotation_select if a not in queryset._fields)]
        ):  # (the last: values_list's own order of its fields and annotations, as ValuesListIterable keeps it)
            return None
        compiler = query.get_compiler(using=db)
        sql, params = compiler.as_sql()
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
                posities[j][0] = i
        converters = compiler.get_converters([kolom[0] for kolom in compiler.select[0 : compiler.col_count]])
        return connections[db], db, compiler, sql, [tuple(p) for p in posities], converters
