"""Database and cache: SQLite file and local memory by default, PostgreSQL and Redis from the environment."""

import hashlib

from .env import BASE_DIR, env

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_PREPARED", default=True
):
    # Parameters bound by the server, and a query asked PREPARE_THRESHOLD times on one connection prepared there:
    # PostgreSQL then skips parsing and planning it (most of the time of a short query). Off for a connection
    # pooler in transaction mode that cannot keep prepared statements (DATABASE_PREPARED=false).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=env.int("DATABASE_PREPARE_THRESHOLD", default=5)
    )

REDIS_URL = env("REDIS_URL", default="")

# Every cache key carries a prefix of its own installation, so two installations sharing one Redis never read each
# other's sessions or counters. Default: derived from the database it serves (name, host, port).
_db = DATABASES["default"]
CACHE_KEY_PREFIX = env(
    "CACHE_KEY_PREFIX",
    default="loket-"
    + hashlib.sha256(
        f"{_db['ENGINE']}|{_db.get('HOST', '')}|{_db.get('PORT', '')}|{_db['NAME']}".encode()
    ).hexdigest()[:12],
)

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "loket.cache.RedisCache",
            "LOCATION": env("CACHE_URL", default=REDIS_URL.rstrip("/0123456789") + "/1"),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # A Redis that hangs must not hang the pages: sessions then come from the database (loket/sessions.py).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }

# Sessions live in the database so any web process can serve any request, read through the cache.
SESSION_ENGINE = "loket.sessions"
