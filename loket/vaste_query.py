"""A query that every request asks with other values only, turned into SQL once per process.

Django compiles a queryset to SQL every time it runs: for a `select_related` over three tables ~0.3 ms of Python,
five times what PostgreSQL needs to answer it as a prepared statement (docs/performance.md). A query that runs on
every page (the person of the session with their memberships) is worth compiling once. `VasteQuery` takes a
function that builds the queryset from its values; the first call compiles it, later calls run the same SQL with
the new values and turn the rows into model instances with Django's own compiler (converters, select_related
population), as iterating the queryset would, or into tuples for a `values_list()` queryset.

    lidmaatschappen = VasteQuery(
        lambda user_id: Membership.objects.filter(user_id=user_id).select_related("user"), Membership
    )
    lidmaatschappen(7)  # [Membership, ...]

Only for values that do not change the SQL's shape: numbers and strings compared with `=`, never None (`IS NULL`)
or a list (`IN` of its length). Each value must appear once among the SQL's parameters; if one does not (or a
value equals another parameter), that call runs the queryset the usual way.
"""

import threading

from django.db import connections, router
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators


class VasteQuery:
    def __init__(self, maak, model):
        self._maak = maak
        self._model = model
        self._lokaal = threading.local()  # compilers belong to one thread's database connection

    def __call__(self, *waarden):
        db = router.db_for_read(self._model)
        vertaald = getattr(self._lokaal, db, None)
        if vertaald is None or vertaald[0] is not connections[db]:
            queryset = self._maak(*waarden)
            vertaald = self._vertaal(queryset, db, waarden)
            if vertaald is None:  # the values cannot be told apart from the query's own parameters
                return list(queryset)
            setattr(self._lokaal, db, vertaald)
        connection, compiler, sql, posities, model_velden, populators, converters = vertaald
        with connection.cursor() as cursor:
            cursor.execute(sql, [waarden[i] if i is not None else p for i, p in posities])
            rijen = cursor.fetchall()
        if converters:
            rijen = compiler.apply_converters(rijen, converters)
        if model_velden is None:  # values_list(): the rows as tuples
            return [tuple(rij) for rij in rijen]
        model, init_list, start, einde = model_velden
        objecten = []
        for rij in rijen:
            obj = model.from_db(db, init_list, rij[start:einde])
            for populator in populators:
                populator.populate(rij, obj)
            objecten.append(obj)
        return objecten

    @staticmethod
    def _vertaal(queryset, db, waarden):
        query = queryset.query
        if query.annotations or queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("VasteQuery: geen annotaties of prefetch")
        compiler = query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        posities = []
        for param in params:
            gelijk = [
                i for i, waarde in enumerate(waarden) if type(waarde) is type(param) and waarde == param
            ]
            if len(gelijk) > 1:
                return None
            posities.append((gelijk[0] if gelijk else None, param))
        if sorted(i for i, _ in posities if i is not None) != list(range(len(waarden))):
            return None  # a value missing from the parameters, or used twice
        converters = compiler.get_converters([kolom[0] for kolom in compiler.select[0 : compiler.col_count]])
        if queryset._iterable_class is ValuesListIterable:
            return connections[db], compiler, sql, posities, None, (), converters
        if queryset._iterable_class is not ModelIterable:
            raise ValueError("VasteQuery: modellen of values_list() (geen flat, named of values())")
        klass_info = compiler.klass_info
        start, einde = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [kolom[0].target.attname for kolom in compiler.select[start:einde]]
        return (
            connections[db],
            compiler,
            sql,
            posities,
            (klass_info["model"], init_list, start, einde),
            get_related_populators(klass_info, compiler.select, db),
            converters,
        )
