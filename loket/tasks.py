"""Celery tasks of the core (found by autodiscovery): the outbox sweep, removing unused kept uploads."""

from celery import shared_task

from . import files
from .outbox import sweep_outbox

__all__ = ["sweep_outbox", "ruim_bewaarde_uploads_op"]


@shared_task
def ruim_bewaarde_uploads_op():
    """Celery beat: the kept uploads of refused forms that were never used (loket.files)."""
    return files.ruim_bewaarde_uploads_op()
