"""Database and cache: SQLite file and local memory by default, PostgreSQL and Redis from the environment."""

from .env import BASE_DIR, env

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "loket.cache.RedisCache",
            "LOCATION": env("CACHE_URL", default=REDIS_URL.rstrip("/0123456789") + "/1"),
            # A Redis that hangs must not hang the pages: they are rendered instead (loket/pagecache.py).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions live in the database so any web process can serve any request, read through the cache.
SESSION_ENGINE = "loket.sessions"

# Rendered pages kept until a table they read changes (loket/pagecache.py). The versions must be shared by every
# process, so on by default only with Redis; a single process (development, tests) may switch it on by hand.
LOKET_PAGE_CACHE_SECONDS = env.int("LOKET_PAGE_CACHE_SECONDS", default=300 if REDIS_URL else 0)
