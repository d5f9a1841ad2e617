"""Celery: eager (in-process) without a broker, Redis when REDIS_URL is set."""

from celery.schedules import crontab

from .database import REDIS_URL
from .env import env

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Tasks take ids, are idempotent and are bounded in time: a lost worker re-runs them.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_TIMEZONE = "Europe/Brussels"
# Redis: a message taken by a worker that then vanished (SIGKILL, power loss) is delivered again after this time.
# (kombu scans for such messages every interval x throttle seconds: 100 s by default.)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
# Never hang a web request on a dead broker: fail fast, the outbox (loket/outbox.py) queues it again later.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_BEAT_SCHEDULE: dict = {}
# Databank leidinggevenden: rebuild the public downloads nightly (periods start and end at midnight).
CELERY_BEAT_SCHEDULE["leidinggevenden-exports"] = {
    "task": "leidinggevenden.tasks.genereer_exports",
    "schedule": crontab(minute=5, hour=0),
}
# Mandatendatabank: rebuild the open-data files of all besturen nightly (the per-bestuur exports are always live).
CELERY_BEAT_SCHEDULE["mandaten-exports"] = {
    "task": "mandaten.tasks.genereer_exports",
    "schedule": crontab(minute=15, hour=0),
}
# Uploads kept after a refused form (loket.files) that were never used: removed with their file.
CELERY_BEAT_SCHEDULE["loket-bewaarde-uploads"] = {
    "task": "loket.tasks.ruim_bewaarde_uploads_op",
    "schedule": crontab(minute=40, hour=3),
}
# Transactional outbox (loket/outbox.py): queue again the work whose dispatch was lost when the broker was down
# (toezicht notifications, berichten mails, BBC-DR deliveries: every module's sweeper).
CELERY_BEAT_SCHEDULE["loket-outbox"] = {
    "task": "loket.outbox.sweep_outbox",
    "schedule": crontab(minute="*/5"),
}
