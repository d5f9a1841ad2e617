"""Production settings plus one extra URL: the floor view. Only the benchmark uses this module."""

from loket.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
