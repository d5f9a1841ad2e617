"""Celery tasks: ids in, idempotent, bounded (settings.CELERY_TASK_SOFT_TIME_LIMIT)."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from loket import outbox
from loket.mail import mail_taak

from . import services
from .models import Melding, Ontvangstbewijs, ToezichtInstelling

NOTIFICATIE_VENSTER = timedelta(days=7)  # older unsent notifications are no longer news: left to the helpdesk


def ontvangers(melding):
    """ABB's toezicht address, the bestuur's contact address (Toezicht > Instellingen) and the sender."""
    adressen = [getattr(settings, "LOKET_TOEZICHT_NOTIFICATIE_EMAIL", settings.LOKET_HELPDESK_EMAIL)]
    instelling = ToezichtInstelling.objects.for_bestuur(melding.bestuur).first()
    if instelling and instelling.contact_email:
        adressen.append(instelling.contact_email)
    if melding.verstuurd_door and melding.verstuurd_door.email:
        adressen.append(melding.verstuurd_door.email)
    return list(dict.fromkeys(adressen))


@mail_taak
def stuur_notificatie(self, melding_id):
    """Mail that a melding was sent. Sends at most once per sending (notificatie_verstuurd_op); an SMTP error
    rolls the mark back and is tried again (loket/mail.py)."""
    with transaction.atomic():
        melding = (
            Melding.objects.select_for_update(of=("self",))
            .select_related("bestuur__classificatie", "besluittype", "verstuurd_door")
            .filter(pk=melding_id, status=Melding.Status.VERSTUURD, notificatie_verstuurd_op__isnull=True)
            .first()
        )
        if melding is None:
            return False
        tekst = render_to_string("toezicht/mail_verstuurd.txt", {"melding": melding})
        send_mail(
            subject=f"Melding verstuurd: {melding.besluittype} – {melding.bestuur.volledige_naam}",
            message=tekst,
            from_email=None,
            recipient_list=ontvangers(melding),
        )
        melding.notificatie_verstuurd_op = timezone.now()
        melding.save(update_fields=["notificatie_verstuurd_op"])
    return True


@shared_task
def maak_ontvangstbewijs(melding_id):
    """Make and store the receipt of a sent melding (idempotent: a second run returns the stored one)."""
    bewijs = services.maak_ontvangstbewijs(melding_id=melding_id)
    return bewijs.sha256 if bewijs else None


@outbox.sweeper("toezicht.notificatie")
def openstaande_notificaties(ouder_dan):
    """Sent meldingen (of the last week) whose notification mail has not gone out yet."""
    ids = Melding.objects.filter(
        status=Melding.Status.VERSTUURD,
        notificatie_verstuurd_op__isnull=True,
        verwijderd_op__isnull=True,
        verstuurd_op__lte=ouder_dan,
        verstuurd_op__gte=timezone.now() - NOTIFICATIE_VENSTER,
    ).values_list("pk", flat=True)
    return [(stuur_notificatie, (pk,)) for pk in ids]


# ---------------------------------------------------------------- bundles (zip of several meldingen)

BUNDEL_VASTGELOPEN = timedelta(minutes=30)  # a build "bezig" for longer than this died with its worker


@shared_task(soft_time_limit=1800, time_limit=1900)
def bouw_bundel(bundel_id):
    """Build a bundle's zip. Idempotent: a finished bundle is left alone; a build another worker is running
    (status bezig, recent) is not started twice. Progress (`verwerkt`) is committed after every melding, so the
    page that polls it sees it move."""
    from django.core.files import File

    from .bundel import schrijf_zip, tijdelijk_bestand
    from .models import Bundel

    with transaction.atomic():
        bundel = Bundel.objects.select_for_update().filter(pk=bundel_id).first()
        if bundel is None or bundel.status in (Bundel.Status.KLAAR, Bundel.Status.MISLUKT):
            return False
        recent = bundel.gestart_op and bundel.gestart_op > timezone.now() - BUNDEL_VASTGELOPEN
        if bundel.status == Bundel.Status.BEZIG and recent:
            return False
        bundel.status, bundel.gestart_op, bundel.verwerkt = Bundel.Status.BEZIG, timezone.now(), 0
        bundel.save(update_fields=["status", "gestart_op", "verwerkt"])

    meldingen = (
        bundel.meldingen.select_related("bestuur__classificatie", "besluittype")
        .prefetch_related("bestanden")
        .order_by("bestuur__naam", "datum_zitting", "id")
    )

    def voortgang(n):
        Bundel.objects.filter(pk=bundel.pk).update(verwerkt=n)

    try:
        with tijdelijk_bestand() as tijdelijk:
            schrijf_zip(meldingen, tijdelijk, voortgang)
            grootte = tijdelijk.tell()
            tijdelijk.seek(0)
            bundel.bestand.save("bundel", File(tijdelijk), save=False)
    except Exception as exc:
        Bundel.objects.filter(pk=bundel.pk).update(status=Bundel.Status.MISLUKT, fout=str(exc)[:500])
        raise
    Bundel.objects.filter(pk=bundel.pk).update(
        status=Bundel.Status.KLAAR,
        bestand=bundel.bestand.name,
        grootte=grootte,
        klaar_op=timezone.now(),
        verwerkt=bundel.totaal,
    )
    return True


@outbox.sweeper("toezicht.bundel")
def openstaande_bundels(ouder_dan):
    """Bundles still waiting (the broker was down when they were asked for) or whose worker died."""
    from django.db.models import Q

    from .models import Bundel

    ids = Bundel.objects.filter(
        Q(status=Bundel.Status.WACHTEND, aangemaakt_op__lte=ouder_dan)
        | Q(status=Bundel.Status.BEZIG, gestart_op__lte=timezone.now() - BUNDEL_VASTGELOPEN)
    ).values_list("pk", flat=True)
    return [(bouw_bundel, (pk,)) for pk in ids]


@outbox.sweeper("toezicht.ontvangstbewijs")
def openstaande_ontvangstbewijzen(ouder_dan):
    """Sent meldingen (of the last week) without the receipt of their current sending. Older ones: the command
    `manage.py maak_ontvangstbewijzen`, or the first download makes it."""
    bewijs = Ontvangstbewijs.objects.filter(melding=OuterRef("pk"), verstuurd_op=OuterRef("verstuurd_op"))
    ids = (
        Melding.objects.verstuurd()
        .filter(verstuurd_op__lte=ouder_dan, verstuurd_op__gte=timezone.now() - NOTIFICATIE_VENSTER)
        .filter(~Exists(bewijs))
        .values_list("pk", flat=True)
    )
    return [(maak_ontvangstbewijs, (pk,)) for pk in ids]
