"""Moments read from PostgreSQL by psycopg's compiled loader (loket/databank.py) are what Django's own loader
gives: the same instant, aware, in UTC (datetime.timezone.utc), None for NULL."""

import datetime

import pytest
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the loader is PostgreSQL's")
def test_moments_are_read_as_django_reads_them(db):
    from django.db.backends.postgresql.psycopg_any import BaseTzLoader

    class DjangoLoader(BaseTzLoader):
        timezone = datetime.UTC

    sql = (
        "SELECT '2026-03-29 00:59:59.999999+00'::timestamptz, '2026-10-25 02:30:00+02'::timestamptz, "
        "'1900-01-01 00:00:00+00'::timestamptz, '9999-12-31 23:59:59+00'::timestamptz, NULL::timestamptz"
    )
    with connection.cursor() as cursor:
        loader = connection.connection.adapters.get_loader(
            connection.connection.adapters.types["timestamptz"].oid, 0
        )
        assert loader.__name__ == "TijdstipLoader"
        cursor.execute(sql)
        ons = cursor.fetchone()
        connection.connection.adapters.register_loader("timestamptz", DjangoLoader)
        try:
            cursor.execute(sql)
            django = cursor.fetchone()
        finally:
            connection.connection.adapters.register_loader("timestamptz", loader)
    assert ons == django and ons[-1] is None
    assert all(moment.tzinfo is datetime.UTC for moment in ons[:-1])
    assert ons[1] == datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)


def test_a_saved_moment_comes_back_the_same(db, aalst):
    from toezicht.models import Melding

    moment = datetime.datetime(2026, 12, 6, 0, 30, 15, 123456, tzinfo=datetime.UTC)
    melding = Melding.objects.create(bestuur=aalst, status="verstuurd", verstuurd_op=moment)
    terug = Melding.objects.values_list("verstuurd_op", flat=True).get(pk=melding.pk)
    assert terug == moment and terug.utcoffset() == datetime.timedelta(0)
