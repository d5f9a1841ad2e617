"""Django's Redis cache backend, keeping one client per connection pool.

Django's RedisCacheClient builds a new redis.Redis object for every operation, and redis-py fills ~170 response
callbacks in each constructor: about 0.3 ms of CPU per cache call, more than the call itself. A redis.Redis object
is thread-safe (it only borrows connections from its pool), so one per pool is enough. Every page asks the cache a
few times (session, person, kept page), so this matters; hiredis (a dependency) parses the replies in C.
"""

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
