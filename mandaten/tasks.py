"""Celery tasks: the open-data files of all besturen are regenerated nightly (beat)."""

from celery import shared_task

from . import services


@shared_task(name="mandaten.tasks.genereer_exports", soft_time_limit=540, time_limit=600)
def genereer_exports():
    """Idempotent: rebuilds the CSV, Turtle, JSON-LD and N-Triples files of every bestuur's mandatarissen."""
    return services.genereer_exports()
