"""The PostgreSQL connection: moments (timestamptz) read by psycopg's own compiled loader.

Django registers a loader for timestamptz written in Python (it parses the text and sets the connection's time
zone, UTC) on every connection: ~4.6 µs a value, 0.35 ms for a list page of 25 rows with three moments each and
most of a CSV export's time. psycopg's compiled loader gives the same datetime, with `datetime.timezone.utc` as its
tzinfo when the session's TimeZone is UTC (which Django sets when USE_TZ is on), in ~0.3 µs. Only then is it used
(tests/loket/test_databank.py compares both); otherwise Django's stays.
"""

import datetime

from django.db.backends.signals import connection_created


def _gecompileerde_loader():
    import psycopg
    from psycopg.adapt import Loader
    from psycopg.pq import Format

    gecompileerd = psycopg.adapters.get_loader(psycopg.adapters.types["timestamptz"].oid, Format.TEXT)

    class TijdstipLoader(Loader):
        """psycopg's compiled timestamptz loader, under the `timezone` Django's create_cursor compares with the
        connection's (so it does not put its own loader back per cursor)."""

        timezone = datetime.UTC

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            self._loader = gecompileerd(oid, context)
            self.load = self._loader.load  # psycopg calls the compiled method directly

        def load(self, data):
            return self._loader.load(data)

    return TijdstipLoader


_LOADER = None


def snelle_tijdstippen(sender, connection, **kwargs):
    """connection_created: on PostgreSQL with UTC as the session's time zone, read moments with the compiled
    loader."""
    global _LOADER
    if connection.vendor != "postgresql" or connection.timezone is not datetime.UTC:
        return
    pg = connection.connection
    if pg.info.parameter_status("TimeZone") != "UTC":
        return
    if _LOADER is None:
        _LOADER = _gecompileerde_loader()
    pg.adapters.register_loader("timestamptz", _LOADER)


def verbind():
    connection_created.connect(snelle_tijdstippen, dispatch_uid="loket.databank.snelle_tijdstippen")
