"""Writes of the Berichtencentrum: keyword-only, atomic, validated, audited; mails queued on commit."""

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from loket import audit, files, outbox

from .models import Bericht, BerichtBijlage, Gesprek, MailConfiguratie, Partij

logger = logging.getLogger(__name__)


def _auteur_naam(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return user.get_full_name() or user.get_username()


def bewaar_sleutel(gesprek=None, van=None):
    """The form kept uploads belong to: a new conversation, or an answer of one side in one conversation."""
    if gesprek is None:
        return "nieuw-gesprek"
    return f"gesprek:{gesprek.uuid}" if van == Partij.BESTUUR else f"abb-gesprek:{gesprek.uuid}"


def _voeg_bericht_toe(*, gesprek, van, auteur, inhoud, bijlagen, bewaarde=(), sleutel=""):
    now = timezone.now()
    bericht = Bericht(
        gesprek=gesprek,
        van=van,
        auteur=auteur,
        auteur_naam=_auteur_naam(auteur),
        verzonden_op=now,
        inhoud=inhoud,
    )
    bericht.full_clean()
    bericht.save()
    # Kept uploads of an earlier, refused attempt (only the author's own, for this form), then the new ones.
    for kept in files.neem_bewaarde_over(bewaarde=bewaarde, user=auteur, sleutel=sleutel):
        bijlage = BerichtBijlage(bericht=bericht)
        bijlage.neem_over(kept)
        bijlage.save()
    for upload in bijlagen:
        bijlage = BerichtBijlage(bericht=bericht)
        bijlage.set_upload(upload)
        bijlage.save()
    if van == Partij.BESTUUR and not bericht.bijlagen.exists():
        raise ValidationError({"bijlagen": "Voeg minstens één bijlage toe aan uw antwoord."})

    gesprek.laatste_bericht_op = now
    gesprek.laatste_bericht_van = van
    if van == Partij.ABB:
        gesprek.gelezen_door_bestuur = False
        gesprek.gelezen_door_abb = True
        gesprek.antwoord_verwacht_tegen = (
            timezone.localdate(now) + timedelta(days=gesprek.reactietermijn_dagen)
            if gesprek.reactietermijn_dagen
            else None
        )
    else:
        gesprek.gelezen_door_abb = False
        gesprek.gelezen_door_bestuur = True
        gesprek.antwoord_verwacht_tegen = None
    gesprek.full_clean()
    gesprek.save()
    if van == Partij.ABB:
        # After the commit; a broker outage is logged and the outbox sweeper queues it again (loket/outbox.py).
        outbox.dispatch_on_commit("berichten.tasks.mail_nieuw_bericht", bericht.pk)
    return bericht


@transaction.atomic
def start_gesprek(
    *,
    request,
    bestuur,
    type_communicatie,
    betreft,
    dossiernummer,
    reactietermijn_dagen,
    inhoud,
    bijlagen=(),
    bewaarde=(),
    melding=None,
):
    """ABB starts a conversation with a bestuur with a first message."""
    gesprek = Gesprek(
        bestuur=bestuur,
        type_communicatie=type_communicatie,
        betreft=betreft,
        dossiernummer=dossiernummer,
        reactietermijn_dagen=reactietermijn_dagen,
        melding=melding,
    )
    gesprek.full_clean()
    gesprek.save()
    bericht = _voeg_bericht_toe(
        gesprek=gesprek,
        van=Partij.ABB,
        auteur=request.user,
        inhoud=inhoud,
        bijlagen=bijlagen,
        bewaarde=bewaarde,
        sleutel=bewaar_sleutel(),
    )
    audit.record(
        request=request,
        bestuur=bestuur,
        actie="berichten.gesprek.gestart",
        obj=gesprek,
        omschrijving=f"Gesprek gestart met {bestuur.volledige_naam}: {dossiernummer} – {betreft}",
        na={
            "type_communicatie": type_communicatie,
            "dossiernummer": dossiernummer,
            "reactietermijn_dagen": reactietermijn_dagen,
            "melding": str(melding.uuid) if melding else None,
            "bericht": str(bericht.uuid),
            "bijlagen": [b.naam for b in bericht.bijlagen.all()],
        },
    )
    return gesprek


@transaction.atomic
def beantwoord(*, request, gesprek, van, inhoud, bijlagen, bewaarde=()):
    """A new message in an existing conversation, by the bestuur or by ABB.

    A bestuur's answer needs at least one attachment (DESIGN.md); the form checks it, and so does this service.
    """
    if van == Partij.BESTUUR and getattr(request, "bestuur", None) != gesprek.bestuur:
        raise PermissionDenied("Enkel het bestuur van het gesprek kan erin antwoorden.")
    if van == Partij.BESTUUR and not bijlagen and not bewaarde:
        raise ValidationError({"bijlagen": "Voeg minstens één bijlage toe aan uw antwoord."})
    gesprek = Gesprek.objects.select_for_update().get(pk=gesprek.pk)
    bericht = _voeg_bericht_toe(
        gesprek=gesprek,
        van=van,
        auteur=request.user,
        inhoud=inhoud,
        bijlagen=bijlagen,
        bewaarde=bewaarde,
        sleutel=bewaar_sleutel(gesprek, van),
    )
    audit.record(
        request=request,
        bestuur=gesprek.bestuur,
        actie="berichten.bericht.verstuurd",
        obj=bericht,
        omschrijving=f"Bericht van {bericht.van_naam} in {gesprek.dossiernummer} – {gesprek.betreft}",
        na={"gesprek": str(gesprek.uuid), "van": van, "bijlagen": [b.naam for b in bericht.bijlagen.all()]},
    )
    return bericht


@transaction.atomic
def bewaar_bijlagen(*, request, sleutel, bijlagen):
    """A form was refused but its files were fine: keep them (for this person and this form only, loket.files), so
    they need not be chosen again. Unused kept uploads are removed after a day (beat job loket-bewaarde-uploads)."""
    bewaard = files.bewaar_uploads(user=request.user, sleutel=sleutel, uploads=bijlagen)
    if bewaard:
        audit.record(
            request=request,
            actie="berichten.bijlage.bewaard",
            omschrijving=f"{len(bewaard)} bijlage(n) bewaard na een geweigerd formulier",
            na={"sleutel": sleutel, "bijlagen": [b.naam for b in bewaard]},
        )
    return bewaard


@transaction.atomic
def markeer_gelezen(*, request, gesprek, door):
    """Opening a conversation marks it read for that side; recorded once, when it changes."""
    veld = "gelezen_door_bestuur" if door == Partij.BESTUUR else "gelezen_door_abb"
    updated = Gesprek.objects.filter(pk=gesprek.pk, **{veld: False}).update(**{veld: True})
    setattr(gesprek, veld, True)
    if updated:
        audit.record(
            request=request,
            bestuur=gesprek.bestuur,
            actie="berichten.gesprek.gelezen",
            obj=gesprek,
            omschrijving=f"Gesprek {gesprek.dossiernummer} gelezen door {'het bestuur' if door == Partij.BESTUUR else 'ABB'}",
        )
    return bool(updated)


@transaction.atomic
def bewaar_mailconfiguratie(*, request, bestuur, ontvang_mails, adressen):
    config, _ = MailConfiguratie.objects.select_for_update().get_or_create(bestuur=bestuur)
    voor = {"ontvang_mails": config.ontvang_mails, "adressen": list(config.adressen)}
    config.ontvang_mails = ontvang_mails
    config.adressen = list(dict.fromkeys(adressen))
    config.full_clean()
    config.save()
    audit.record(
        request=request,
        bestuur=bestuur,
        actie="berichten.mailconfiguratie.gewijzigd",
        obj=config,
        omschrijving="Mailinstellingen van het berichtencentrum gewijzigd",
        voor=voor,
        na={"ontvang_mails": config.ontvang_mails, "adressen": config.adressen},
    )
    return config
