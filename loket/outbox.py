"""Transactional outbox for Celery tasks: work that must happen after a write survives a broker outage.

The pending work is recorded by the write itself, in the same transaction (e.g. a sent melding whose
`notificatie_verstuurd_op` is still empty): that row IS the outbox entry. After the commit, `dispatch_on_commit`
queues the task; if the broker (Redis) is down, that is logged and the request still succeeds. A sweeper per kind
of work (registered with `@sweeper`) finds what is still pending, and `sweep()` — the Celery beat job
"loket-outbox" and `manage.py dispatch_outbox` — queues it again once the broker is back. Tasks are idempotent
(they lock the row and check it is still pending), so queuing twice never does the work twice.

Services name their task ("bbcdr.tasks.lever_rapport", its Celery name and dotted path) instead of importing it:
a module's tasks import its services, never the reverse.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

SWEEPERS = {}
# A dispatch that fails fast: one connection attempt, no retry loop that would hold a web request.
RETRY_POLICY = {"max_retries": 0, "interval_start": 0, "interval_step": 0, "interval_max": 0}


def taak(task):
    """The task itself, given as the task or as its name ("module.tasks.functie")."""
    if isinstance(task, str):
        from django.utils.module_loading import import_string

        return import_string(task)
    return task


def dispatch(task, *args):
    """Queue `task(*args)` now; False (logged) when the broker cannot be reached. Never raises for the broker.
    `task`: the task or its name."""
    task = taak(task)
    try:
        task.apply_async(args=args, retry=False, retry_policy=RETRY_POLICY)
    except Exception as exc:  # kombu.OperationalError, redis ConnectionError, an eager task that failed, ...
        logger.warning(
            "Taak %s%s niet ingepland (%s): de outbox probeert later opnieuw", task.name, args, exc
        )
        return False
    return True


def dispatch_on_commit(task, *args):
    """Queue `task(*args)` once the current transaction commits (immediately outside a transaction)."""
    transaction.on_commit(lambda: dispatch(task, *args))


def sweeper(name):
    """Register `fn(ouder_dan) -> iterable of (task, args)`: the pending work older than `ouder_dan`."""

    def register(fn):
        SWEEPERS[name] = fn
        return fn

    return register


def sweep(marge=timedelta(minutes=2)):
    """Queue again every pending piece of work older than `marge` (younger work is probably still in flight).
    Returns {sweeper: (found, queued)}."""
    import importlib
    import importlib.util

    from django.apps import apps

    for config in apps.get_app_configs():  # each app's outbox sweepers live in its tasks module
        if importlib.util.find_spec(config.name) and importlib.util.find_spec(f"{config.name}.tasks"):
            importlib.import_module(f"{config.name}.tasks")
    ouder_dan = timezone.now() - marge
    result = {}
    for name, fn in SWEEPERS.items():
        work = list(fn(ouder_dan))
        queued = sum(dispatch(task, *args) for task, args in work)
        result[name] = (len(work), queued)
        if work:
            logger.info("Outbox %s: %s openstaand, %s ingepland", name, len(work), queued)
    return result


@shared_task(soft_time_limit=120, time_limit=150)
def sweep_outbox(marge_seconden=120):
    return {name: list(v) for name, v in sweep(timedelta(seconds=marge_seconden)).items()}
