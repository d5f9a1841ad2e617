"""The audit trail: named business events ("melding verstuurd", "bericht gelezen") and admin changes.

Services call `record` inside their transaction, so an event exists exactly when its write does. Every event
carries who (gebruiker), for which bestuur, and, when an ABB beheerder acts as a bestuur (impersonation), the
beheerder in `namens`. `ActiveBestuurMiddleware` keeps the current request in a context variable, so even an
event recorded without `request=` (a service that passes `user=`/`bestuur=` only) still carries the impersonator.
"""

import json
from contextvars import ContextVar

from django.core import serializers
from django.db.models import Q

from .models import ABB_CLASSIFICATIE_UUID, AuditEvent
from .vaste_query import VasteQuery

_current_request = ContextVar("loket_audit_request", default=None)

# Never in the trail: secrets and identifying numbers (the rrn is kept hashed only, and even that stays out).
VERBORGEN_VELDEN = frozenset({"password", "rrn_hash", "secret", "token", "token_secret"})


def set_current_request(request):
    return _current_request.set(request)


def reset_current_request(token):
    _current_request.reset(token)


def current_request():
    return _current_request.get()


def record(*, request=None, user=None, bestuur=None, actie, obj=None, omschrijving="", voor=None, na=None):
    context = request if request is not None else current_request()
    if request is not None:
        user = user or request.user
        bestuur = bestuur or getattr(request, "bestuur", None)
    namens = getattr(context, "impersonator", None) if context is not None else None
    user = user if user is not None and getattr(user, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        gebruiker=user,
        gebruiker_naam=(user.get_full_name() or user.username) if user else "",
        namens=namens,
        bestuur=bestuur,
        actie=actie,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        omschrijving=omschrijving[:500],
        voor=voor,
        na=na,
    )


def snapshot(obj):
    """The object's field values as JSON-safe data (for voor/na), without secrets or identifying numbers."""
    data = json.loads(serializers.serialize("json", [obj]))[0]["fields"]
    return {k: v for k, v in data.items() if k not in VERBORGEN_VELDEN}


def geschiedenis(obj, bestuur, *, met_abb=False):
    """A bestuur's own events about one object (melding, rapport, functionaris, ...), newest first, at most
    GESCHIEDENIS_LIMIET: AuditEvents with what the list shows (time, text, who, on behalf of, bestuur).

    met_abb: also what the Agentschap Binnenlands Bestuur recorded about the object (a review, a new delivery
    attempt), and only when the object is this bestuur's own (`obj.bestuur`): never another bestuur's events.
    For the "Geschiedenis" of a page: `geschiedenis(obj)` in a template (loket/jinja.py). Every detail page shows
    it: the query is compiled once per process (loket/vaste_query.py)."""
    if bestuur is None:
        return []
    met_abb = met_abb and getattr(obj, "bestuur_id", None) == bestuur.pk
    query = _GESCHIEDENIS_MET_ABB if met_abb else _GESCHIEDENIS
    return query(obj._meta.label_lower, str(obj.pk), bestuur.pk)


GESCHIEDENIS_LIMIET = 101  # a page shows 100 (loket/jinja.py) and says when there are more
_GESCHIEDENIS_VELDEN = ("tijdstip", "omschrijving", "actie", "gebruiker_naam", "namens_id", "bestuur_id")


def _geschiedenis_query(met_abb):
    def maak(object_type, object_id, bestuur_id):
        scope = Q(bestuur_id=bestuur_id)
        if met_abb:
            scope |= Q(bestuur__classificatie__uuid=ABB_CLASSIFICATIE_UUID)
        return AuditEvent.objects.filter(scope, object_type=object_type, object_id=object_id).only(
            *_GESCHIEDENIS_VELDEN
        )[:GESCHIEDENIS_LIMIET]

    return VasteQuery(maak)


_GESCHIEDENIS = _geschiedenis_query(met_abb=False)
_GESCHIEDENIS_MET_ABB = _geschiedenis_query(met_abb=True)


# --- Reading the trail (the beheer audit page) -------------------------------------------------------------

_ONDERDELEN = {"accounts": "Aanmelden en rechten", "admin": "Django-beheer", "loket": "Loket"}


def actie_label(actie):
    """The Dutch label of an action code: "toezicht.melding.heropend" → ("Melding heropend", "Toezicht")."""
    from . import modules

    onderdeel, _, rest = actie.partition(".")
    module = modules.MODULES_BY_CODE.get(onderdeel)
    waar = module.label if module else _ONDERDELEN.get(onderdeel, onderdeel)
    woorden = rest.replace(".", " ").replace("_", " ").strip() or onderdeel
    if onderdeel == "admin":
        woorden = f"{woorden} in het beheer"
    return woorden[:1].upper() + woorden[1:], waar


def met_objecten(events):
    """Give each event `.object_naam` (the object's own name) and `.object_beheer_url` (its page in the Django
    admin, if it has one): one query per kind of object on the page, not one per event."""
    from django.apps import apps
    from django.contrib import admin
    from django.urls import NoReverseMatch, reverse

    events = list(events)
    per_soort = {}
    for event in events:
        if event.object_type and event.object_id:
            per_soort.setdefault(event.object_type, set()).add(event.object_id)
    objecten = {}
    for soort, ids in per_soort.items():
        try:
            model = apps.get_model(soort)
        except (LookupError, ValueError):
            continue
        geldig = (
            [i for i in ids if i.isdigit()]
            if model._meta.pk.get_internal_type().endswith("AutoField")
            else ids
        )
        for pk, obj in model._default_manager.in_bulk(geldig).items():
            objecten[(soort, str(pk))] = obj
    for event in events:
        obj = objecten.get((event.object_type, event.object_id))
        event.object_naam = str(obj) if obj is not None else ""
        event.object_soort = apps.get_model(event.object_type)._meta.verbose_name if obj is not None else ""
        event.object_uuid = getattr(obj, "uuid", "") if obj is not None else ""
        event.object_beheer_url = ""
        if obj is not None and admin.site.is_registered(type(obj)):
            try:
                event.object_beheer_url = reverse(
                    f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]
                )
            except NoReverseMatch:
                pass
        event.actie_naam, event.actie_onderdeel = actie_label(event.actie)
    return events


def objecten_met_uuid(waarde):
    """(object_type, pk) of every object whose uuid is `waarde`: the audit search accepts the uuid people see."""
    import uuid as uuidlib

    from django.apps import apps

    try:
        uuidlib.UUID(str(waarde))
    except ValueError:
        return []
    gevonden = []
    for model in apps.get_models():
        veld = next((f for f in model._meta.fields if f.name == "uuid"), None)
        if veld is None:
            continue
        pk = model._default_manager.filter(uuid=waarde).values_list("pk", flat=True).first()
        if pk is not None:
            gevonden.append((model._meta.label_lower, str(pk)))
    return gevonden
