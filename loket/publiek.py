"""Anonymous public pages (leidinggevenden, mandatendatabank) cached the standard way.

A visitor without a session gets the page from Django's per-view cache (`CacheMiddleware`: the key holds the host,
the full URL and the headers the response varies on) and a `Cache-Control: public, max-age=…` for proxies and
browsers. A logged-in person, or anyone holding a session cookie, always gets a page rendered for them
(`private, no-cache`): their page shows their name and menu. The cached copies of a group of pages are dropped by
every change to what they show: `gewijzigd(groep)` (on commit) gives the group a new version, which is part of the
cache key; `volg(groep, *models)` calls it for every save or delete of the models a group shows (each app's ready()),
and `load_reference_data` for every group (a web process keeps the version it read for two seconds). There are no copies of pages for logged-in people (docs/architecture.md, "Speed").
"""

import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.cache import CacheMiddleware
from django.utils.cache import patch_cache_control

from .cache import OokInProces

GROEPEN = ("leidinggevenden", "mandaten")


def _versie_sleutel(groep):
    return f"publiek:versie:{groep}"


# The group's version as this process last read it, for VERSIE_SECONDEN (loket.cache.OokInProces): a visitor's page
# then costs two cache reads (Django's per-view cache: the header list and the page) instead of three. A change made
# in this process shows at once; one made in another web process within VERSIE_SECONDEN.
VERSIE_SECONDEN = 2
_VERSIES = OokInProces(VERSIE_SECONDEN)


def _versie(groep):
    sleutel = _versie_sleutel(groep)
    try:
        versie = _VERSIES.get(sleutel)
        if versie is None:
            cache.add(sleutel, uuid.uuid4().hex[:12], None)  # the first process to ask gives it one
            versie = _VERSIES.get(sleutel)
    except Exception:  # the cache is away: no copy is read or kept
        return None
    return versie


def gewijzigd(*groepen):
    """What the public pages of these groups show changed: after the commit, none of their copies is served."""

    def vernieuw():
        for groep in groepen or GROEPEN:
            try:
                _VERSIES.set(_versie_sleutel(groep), uuid.uuid4().hex[:12], None)
            except Exception:  # noqa: S110 (the copies then expire after their max-age)
                pass

    transaction.on_commit(vernieuw)


def volg(groep, *models):
    """Every save or delete of these models (through a service, the admin or a task) drops the group's copies."""
    from django.db.models.signals import post_delete, post_save

    def ontvanger(sender, **kwargs):
        gewijzigd(groep)

    for model in models:
        for signaal in (post_save, post_delete):
            signaal.connect(
                ontvanger, sender=model, weak=False, dispatch_uid=f"publiek:{groep}:{model._meta.label}"
            )


def _anoniem(request):
    return not request.user.is_authenticated and settings.SESSION_COOKIE_NAME not in request.COOKIES


def publieke_pagina(groep, max_age=None):
    """Decorator for a public view: cached per URL for visitors without a session, for `max_age` seconds."""
    max_age = max_age or getattr(settings, "LOKET_PUBLIEK_CACHE_SECONDS", 300)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            versie = _versie(groep) if request.method in ("GET", "HEAD") and _anoniem(request) else None
            if versie is None:
                response = view(request, *args, **kwargs)
                if request.user.is_authenticated:
                    patch_cache_control(response, private=True, no_cache=True)
                return response
            middleware = CacheMiddleware(
                lambda req: view(req, *args, **kwargs),
                page_timeout=max_age,
                key_prefix=f"publiek:{groep}:{versie}",
            )
            response = middleware(request)
            if response.status_code == 200:
                patch_cache_control(response, public=True, max_age=max_age)
            return response

        return wrapped

    return decorator
