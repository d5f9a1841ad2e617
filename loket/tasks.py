"""Celery tasks of the core (found by autodiscovery): the outbox sweep."""

from .outbox import sweep_outbox

__all__ = ["sweep_outbox"]
