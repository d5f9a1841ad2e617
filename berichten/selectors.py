"""Reads of the Berichtencentrum. Bestuur-side reads start from .for_bestuur()."""

import uuid

from django.db.models import Prefetch

from loket import files
from toezicht.models import Melding

from .models import Bericht, BerichtBijlage, Gesprek, MailConfiguratie


def gesprekken_voor(bestuur):
    return Gesprek.objects.for_bestuur(bestuur).select_related(
        "bestuur__classificatie", "melding__besluittype"
    )


# What the bestuur's inbox shows of a conversation (tabellen.kolommen(abb=False)): no bestuur row (it is the
# active bestuur, which the view gives each row) and no melding.
INBOX_VELDEN = (
    "uuid",
    "bestuur",
    "dossiernummer",
    "betreft",
    "type_communicatie",
    "reactietermijn_dagen",
    "antwoord_verwacht_tegen",
    "laatste_bericht_op",
    "laatste_bericht_van",
    "gelezen_door_bestuur",
)


def inbox_voor(bestuur):
    """The bestuur's conversations with the columns its inbox shows."""
    return Gesprek.objects.for_bestuur(bestuur).only(*INBOX_VELDEN)


def alle_gesprekken():
    """ABB side: every conversation of every bestuur."""
    return Gesprek.objects.select_related("bestuur__classificatie", "melding__besluittype")


def berichten_van(gesprek):
    return (
        Bericht.objects.filter(gesprek=gesprek)
        .select_related("gesprek__bestuur__classificatie")
        .prefetch_related(Prefetch("bijlagen", queryset=BerichtBijlage.objects.order_by("id")))
        .order_by("verzonden_op", "id")
    )


def bijlagen_voor(bestuur):
    return BerichtBijlage.objects.for_bestuur(bestuur)


def mailconfiguratie(bestuur):
    return MailConfiguratie.objects.for_bestuur(bestuur).first() or MailConfiguratie(bestuur=bestuur)


def verstuurde_melding(waarde):
    """ABB side: the sent Toezicht melding a new conversation is about (?melding=<uuid>), or None."""
    try:
        uuid.UUID(str(waarde))
    except ValueError:
        return None
    return (
        Melding.objects.verstuurd()
        .filter(uuid=waarde)
        .select_related("bestuur__classificatie", "besluittype")
        .first()
    )


def bewaarde_bijlagen(user, sleutel):
    """Uploads kept from this person's refused attempt at this form (services.bewaar_bijlagen)."""
    return files.bewaarde_uploads(user, sleutel)
