"""Django's Redis cache backend, keeping one client per connection pool.

Django's RedisCacheClient builds a new redis.Redis object for every operation, and redis-py fills ~170 response
callbacks in each constructor: about 0.3 ms of CPU per cache call, more than the call itself. A redis.Redis object
is thread-safe (it only borrows connections from its pool), so one per pool is enough. Every page asks the cache a
few times (session, person, kept page), so this matters; hiredis (a dependency) parses the replies in C.

`OokInProces`: values of the shared cache that every view of a page reads alike, also kept a few seconds in the
process (the ABB queue's choices, a long list's estimated total, the public pages' versions).
"""

import time

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def validate_key(self, key):
        """Django checks every key character by character for memcached's limits; Redis has none."""


class OokInProces:
    """Values of the shared cache that many views read alike (a list's choices, a list's estimated total), kept in
    this process for `seconden` as well: such a page then asks Redis once per `seconden` per process instead of on
    every view (a round trip and unpickling each). Only for values shared by everybody who may see them and allowed
    to be a few seconds older than the cache's own copy; never a person's data. At most `maximum` keys are kept
    (then the memo starts again). `vergeet()` empties every one of them (the tests do, with the cache)."""

    _alle = []

    def __init__(self, seconden, maximum=1024):
        self.seconden, self.maximum = seconden, maximum
        self._waarden = {}  # key: (until, value)
        self._alle.append(self)

    def get(self, sleutel):
        """The cache's value (None if it has none); raises as the cache does when it is away."""
        nu = time.monotonic()
        bewaard = self._waarden.get(sleutel)
        if bewaard is not None and bewaard[0] > nu:
            return bewaard[1]
        waarde = cache.get(sleutel)
        if waarde is not None:
            self._bewaar(sleutel, waarde, nu)
        return waarde

    def set(self, sleutel, waarde, timeout):
        """The new value in the cache, and at once in this process (not the old one if the cache is away)."""
        self._waarden.pop(sleutel, None)
        cache.set(sleutel, waarde, timeout)
        self._bewaar(sleutel, waarde, time.monotonic())

    def get_or_set(self, sleutel, maak, timeout):
        waarde = self.get(sleutel)
        if waarde is None:
            waarde = cache.get_or_set(sleutel, maak, timeout)
            self._bewaar(sleutel, waarde, time.monotonic())
        return waarde

    def _bewaar(self, sleutel, waarde, nu):
        if len(self._waarden) >= self.maximum:
            self._waarden = {}
        self._waarden[sleutel] = (nu + self.seconden, waarde)

    @classmethod
    def vergeet(cls):
        for memo in cls._alle:
            memo._waarden = {}
