"""Mandaten's fixed-shape queries (loket/vaste_query.py): SQL compiled once, run with other values, the same rows."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.vaste_query import VasteQuery
from mandaten import selectors

from . import factories as f


def test_same_rows_as_the_queryset_for_other_values(aalst, gent):
    for bestuur in (aalst, gent):
        f.FractieFactory(bestuur=bestuur, naam=f"Groen {bestuur.naam}")
        f.MandatarisFactory(bestuur=bestuur, persoon=f.PersoonFactory(voornaam="A", achternaam=bestuur.naam))
    periode = f.periode()
    for bestuur in (aalst, gent, aalst):
        for dag in (date(2025, 1, 1), date(2026, 5, 1)):
            verwacht = list(
                selectors._actieve_houders._maak(bestuur.pk, periode.pk, dag)  # the queryset itself
            )
            assert selectors._actieve_houders(bestuur.pk, periode.pk, dag) == verwacht
        assert selectors.fractie_keuzes(bestuur, periode) == [
            (fr.pk, fr.naam) for fr in bestuur_fracties(bestuur, periode)
        ]


def bestuur_fracties(bestuur, periode):
    from mandaten.models import Fractie

    return Fractie.objects.for_bestuur(bestuur).filter(periode=periode)


def test_one_query_and_no_compiling_after_the_first_call(aalst):
    from mandaten.models import Fractie

    vast = VasteQuery(
        lambda b, p: Fractie.objects.for_bestuur(b).filter(periode_id=p).values_list("pk", "naam")
    )
    periode = f.periode()
    vast(aalst.pk, periode.pk)
    with CaptureQueriesContext(connection) as ctx:
        assert vast(aalst.pk + 1, periode.pk) == []
    assert len(ctx.captured_queries) == 1
