"""Celery tasks of BBC-DR: ids in, idempotent, bounded, retried."""

from celery import shared_task

from loket import outbox

from . import services
from .models import Rapport

MAX_POGINGEN = 5


@shared_task(bind=True, max_retries=MAX_POGINGEN, soft_time_limit=240, time_limit=300, acks_late=True)
def lever_rapport(self, rapport_id):
    """Package a sent report (zip + manifest) and deliver it to the outbox. Safe to run any number of times."""
    try:
        return services.lever_pakket(rapport_id=rapport_id)
    except Exception as exc:
        laatste = self.request.retries >= self.max_retries
        services.registreer_leverfout(rapport_id=rapport_id, fout=exc, definitief=laatste)
        if laatste:
            raise
        raise self.retry(exc=exc, countdown=min(60 * 2**self.request.retries, 3600)) from exc


@outbox.sweeper("bbcdr.levering")
def openstaande_leveringen(ouder_dan):
    """Sent reports still waiting for their first delivery (the broker was down when they were sent)."""
    ids = Rapport.objects.filter(
        levering_status=Rapport.Levering.IN_WACHTRIJ, verstuurd_op__lte=ouder_dan
    ).values_list("pk", flat=True)
    return [(lever_rapport, (pk,)) for pk in ids]
