"""Celery tasks: the public downloads are regenerated nightly (beat) and after every change (on commit)."""

from celery import shared_task

from . import services


@shared_task(name="leidinggevenden.tasks.genereer_exports", soft_time_limit=240, time_limit=300)
def genereer_exports():
    """Idempotent: rebuilds the CSV, Turtle and JSON-LD downloads from the current data."""
    return services.genereer_exports()
