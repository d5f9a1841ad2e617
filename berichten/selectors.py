"""Reads of the Berichtencentrum. Bestuur-side reads start from .for_bestuur()."""

import functools
import uuid
from collections import namedtuple

from django.db.models import Func, IntegerField, Prefetch, Subquery

from loket import files
from loket.vaste_query import VasteQuery
from toezicht.models import Melding

from .models import Bericht, BerichtBijlage, Gesprek, MailConfiguratie


def gesprekken_voor(bestuur):
    return Gesprek.objects.for_bestuur(bestuur).select_related(
        "bestuur__classificatie", "melding__besluittype"
    )


# What the bestuur's inbox shows of a conversation (tabellen.kolommen): no bestuur (it is the active bestuur,
# whose name the view gives the columns) and no melding. Rows are named tuples of these, not model instances.
INBOX_VELDEN = (
    "id",
    "uuid",
    "dossiernummer",
    "betreft",
    "type_communicatie",
    "reactietermijn_dagen",
    "antwoord_verwacht_tegen",
    "laatste_bericht_op",
    "laatste_bericht_van",
    "gelezen_door_bestuur",
)
InboxRij = namedtuple("InboxRij", INBOX_VELDEN)
PER_PAGINA = 20  # rows of an inbox page


def inbox_voor(bestuur):
    """The bestuur's conversations (newest first), to be filtered; rows with inbox_rijen()."""
    return Gesprek.objects.for_bestuur(bestuur)


def inbox_rijen(queryset):
    """The conversations of `queryset` (a filtered inbox) as InboxRij rows."""
    return queryset.values_list(*INBOX_VELDEN, named=True)


def _aantal(**filters):
    """COUNT(*) of the conversations matching `filters`, as a scalar subquery (no GROUP BY: always one row; `*`,
    not a column, so that PostgreSQL counts from the index alone)."""
    return Subquery(
        Gesprek.objects.filter(**filters)
        .order_by()
        .annotate(n=Func(template="COUNT(*)", output_field=IntegerField()))
        .values("n")
    )


@functools.lru_cache(maxsize=32)
def _inbox_pagina(nummer):
    """Page `nummer` of a bestuur's inbox, unfiltered: its rows, each with the inbox's three counts (uncorrelated
    subqueries: PostgreSQL computes each once per query, from its index alone). Compiled once per process and page
    number (loket/vaste_query.py: OFFSET is part of the SQL text, so each page has its own); the most recent 32
    page numbers are kept."""
    onder = (nummer - 1) * PER_PAGINA
    return VasteQuery(
        lambda bestuur_id, vandaag: (
            Gesprek.objects.for_bestuur(bestuur_id)
            .annotate(
                totaal=_aantal(bestuur_id=bestuur_id),
                ongelezen=_aantal(bestuur_id=bestuur_id, gelezen_door_bestuur=False),
                te_laat=_aantal(bestuur_id=bestuur_id, antwoord_verwacht_tegen__lt=vandaag),
            )
            .values_list(*INBOX_VELDEN, "totaal", "ongelezen", "te_laat")[onder : onder + PER_PAGINA]
        )
    )


def inbox_pagina(bestuur, nummer, vandaag):
    """(rows, (totaal, ongelezen, te_laat)) of page `nummer` (from 1) of the unfiltered inbox, in one query. A page
    past the end has no rows and so no counts: (rows, None), except on page 1 (an empty inbox: every count 0)."""
    waarden = _inbox_pagina(nummer)(bestuur.pk, vandaag)
    n = len(INBOX_VELDEN)
    if not waarden:
        return [], ((0, 0, 0) if nummer == 1 else None)
    return [InboxRij(*w[:n]) for w in waarden], tuple(aantal or 0 for aantal in waarden[0][n:])


def abb_inbox():
    """ABB side: every conversation, with the columns its list shows (tabellen.kolommen(abb=True))."""
    return Gesprek.objects.select_related("bestuur__classificatie").only(
        *(veld for veld in INBOX_VELDEN if veld != "gelezen_door_bestuur"),
        "gelezen_door_abb",
        "bestuur__naam",  # Bestuurseenheid.volledige_naam
        "bestuur__provincie",
        "bestuur__classificatie__label",
        "bestuur__classificatie__uuid",
    )


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
