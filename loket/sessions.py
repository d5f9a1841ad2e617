"""Sessions in PostgreSQL (the record), read through Redis: one cache read per request instead of a query.

Django's cached_db store saves a session when the cache is away, but loading one that is not cached yet, creating
one (is the new key free?) and logging out raise when Redis does not answer. Here the database alone answers then.
"""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            return super().load()
        except Exception:  # read from the database, but the cache could not take the copy
            logger.warning("Cache onbereikbaar: sessie gelezen uit de database")
            session = self._get_session_from_db()
            return self.decode(session.session_data) if session else {}

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except Exception:  # the cache is away: the database alone answers
            logger.warning("Cache onbereikbaar: sessie gecontroleerd in de database")
            return super(cached_db.SessionStore, self).exists(session_key)

    def delete(self, session_key=None):
        try:
            super().delete(session_key)  # the database row first, then the cached copy
        except Exception:
            # The row is gone, so the session has ended. Should Redis come back with its data, the cached copy
            # would still be read until it expires (at most LOKET_SESSION_IDLE_SECONDS); "afmelden op alle
            # toestellen" ends it at once (it does not depend on the session store).
            logger.error("Cache onbereikbaar bij afmelden: de kopie van de sessie in de cache kon niet weg")
