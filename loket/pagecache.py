"""Rendered pages kept in Django's cache until a table they read changes (docs/performance.md, "Page cache").

    @requires_module("toezicht")
    @cached_page
    def index(request): ...

Only for read-only GET pages. What a page shows depends on three things, and each is part of what decides
whether a kept copy may be served:

- who asks and as what: the key holds the session key, the CSRF cookie, the session's contents, the person's
  name and memberships, the active bestuur, the rights and an admin's impersonation. A kept page is only ever
  served again within the same session (anonymous visitors without any cookie share one copy).
- the data: every SQL statement passes ``track_statement`` (a database execute wrapper installed on every
  connection). While a page renders, the tables it reads are recorded; every INSERT/UPDATE/DELETE (anything that
  is not a SELECT) gives the tables it names a new random version, at once and again when the transaction
  commits. A copy is served only while every table it read still has the version it had *before* rendering, so a
  write that commits during a render can never leave a stale copy behind.
- the day and the deployment: today's date (deadlines, "Termijn verstreken"), the static files manifest, and a
  release version renewed by every `manage.py migrate` (each deploy runs it).

Not kept: pages rendered while flash messages were pending, pages that wrote to the database, responses other
than 200 HTML, responses that set cookies or used a CSRF token the browser does not have yet. Copies expire after
LOKET_PAGE_CACHE_SECONDS whatever happens (the net for writes outside Django, e.g. by hand in psql). What a
page takes from another cache entry instead of a table (the ABB queue's filter choices) is as old as that entry.

Versions live in the shared cache (Redis), so this is only switched on where every process shares one cache:
with REDIS_URL, or in a single process (tests). See loket/settings/database.py.
"""

import contextvars
import functools
import hashlib
import logging
import re
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from .middleware import SESSIE_GEZIEN_SESSION_KEY

logger = logging.getLogger(__name__)

VERSION_PREFIX = "loket:tabelversie:"
PAGE_PREFIX = "loket:pagina:"
# Read and written on every request; what a page needs of it is in the key (the session's contents).
UNTRACKED_TABLES = frozenset({"django_session"})
# Not a table: a version every kept page depends on, renewed by every `manage.py migrate` (each deploy runs it),
# so new templates never serve pages rendered by the previous release.
RELEASE = "loket:release"

_TABLE = re.compile(
    r'\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:ONLY\s+)?"?([A-Za-z_][A-Za-z0-9_$]*)"?', re.IGNORECASE
)
# Statements that change no rows; everything else (INSERT, UPDATE, DELETE, WITH ..., DDL) counts as a write.
# DECLARE is a server-side cursor over a SELECT (QuerySet.iterator()).
_READ_ONLY = re.compile(
    r"^\s*(?:SELECT|DECLARE|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|SET|SHOW|EXPLAIN)\b", re.I
)

_render = contextvars.ContextVar("loket_pagecache_render", default=None)


class _Render:
    """What one page read and whether it wrote, while it renders."""

    def __init__(self, csrf_secret):
        self.read = set()
        self.wrote = False
        self.csrf_secret = csrf_secret  # the browser's; a page with a token of a new secret is not kept


def enabled():
    return getattr(settings, "LOKET_PAGE_CACHE_SECONDS", 0) > 0


# --- table versions ------------------------------------------------------------------------------------------


def _new_version():
    return secrets.token_hex(6)


class _CacheDown(Exception):
    """Redis does not answer: pages are rendered (and nothing is kept) until it does."""


def _cache(operation, *args, **kwargs):
    try:
        return operation(*args, **kwargs)
    except Exception as exc:  # any client error (refused, timeout): degrade to rendering, never a 500
        logger.warning("Cache onbereikbaar (%s): pagina's worden gerenderd", exc.__class__.__name__)
        raise _CacheDown from exc


def tables_changed(tables):
    """Give these tables a new version: every kept page that read one of them is out of date.

    If Redis is away at that moment the new version is lost: copies kept before the outage may then be served
    until they expire (LOKET_PAGE_CACHE_SECONDS) if Redis comes back with its data (docs/operations.md)."""
    tables = set(tables) - UNTRACKED_TABLES
    if tables and enabled():
        try:
            _cache(cache.set_many, {VERSION_PREFIX + t: _new_version() for t in tables}, timeout=None)
        except _CacheDown:
            pass


def _versions(tables, also=()):
    """{table: version} for these tables, and the cached values of the keys in `also` (one round trip)."""
    keys = {VERSION_PREFIX + t: t for t in tables}
    found = _cache(cache.get_many, [*keys, *also])
    missing = {k: _new_version() for k in keys if k not in found}
    if missing:  # never seen or evicted: a fresh random version can never match an old copy
        _cache(cache.set_many, missing, timeout=None)
        found.update(missing)
    return {t: found[k] for k, t in keys.items()}, {k: found[k] for k in also if k in found}


def kept_while_unchanged(key, models, compute):
    """compute(), or its result kept in the cache while the tables of these models keep their versions. The
    versions are read before compute() runs, and a result that read any other table is not kept."""
    if not enabled():
        return compute()
    tables = {m._meta.db_table for m in models}
    try:
        before, found = _versions(tables, also=[key])
    except _CacheDown:
        return compute()
    kept = found.get(key)
    if kept is not None and kept[0] == before:
        return kept[1]
    render = _Render(csrf_secret=None)
    token = _render.set(render)
    try:
        value = compute()
    finally:
        _render.reset(token)
    if not render.wrote and render.read <= tables:
        try:
            _cache(cache.set, key, (before, value), settings.LOKET_PAGE_CACHE_SECONDS)
        except _CacheDown:
            pass
    return value


# --- the database execute wrapper ----------------------------------------------------------------------------


class _PendingCommit:
    """One callback per transaction that gives the tables written in it a new version once it commits."""

    def __init__(self):
        self.tables = set()

    def __call__(self):
        tables_changed(self.tables)


def track_statement(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    tables = set(_TABLE.findall(sql)) - UNTRACKED_TABLES
    if not tables:
        return result
    render = _render.get()
    if _READ_ONLY.match(sql):
        if render is not None:
            render.read.update(tables)
        return result
    if render is not None:
        render.wrote = True
    # Now (later statements of this transaction and the tests see their own writes) and again at commit (another
    # process may have kept a page from before the commit under the first new version).
    tables_changed(tables)
    connection = context["connection"]
    if connection.in_atomic_block:
        pending = next((f for _, f, _ in connection.run_on_commit if isinstance(f, _PendingCommit)), None)
        if pending is None:
            pending = _PendingCommit()
            transaction.on_commit(pending, using=connection.alias)
        pending.tables.update(tables)
    return result


def new_release(**kwargs):
    """post_migrate receiver (loket/apps.py): a deploy makes every kept page render again."""
    tables_changed([RELEASE])


def install(sender=None, connection=None, **kwargs):
    """connection_created receiver (loket/apps.py): every database connection reports its statements."""
    if track_statement not in connection.execute_wrappers:
        connection.execute_wrappers.append(track_statement)


# --- the decorator -------------------------------------------------------------------------------------------


def _who(request):
    user = request.user
    if not user.is_authenticated:
        if request.COOKIES:
            return None  # a visitor with a session or CSRF cookie may see something personal: not shared
        return ["anoniem"]
    csrf = request.META.get("CSRF_COOKIE")
    if not csrf or not request.session.session_key:
        return None  # the page would carry a CSRF token the browser does not hold yet
    memberships = [
        (m.bestuur_id, m.bestuur.naam, sorted(m.rollen)) for m in getattr(request, "memberships", ())
    ]
    impersonator = getattr(request, "impersonator", None)
    rights = request.rights
    return [
        request.session.session_key,
        csrf,
        sorted((k, repr(v)) for k, v in request.session.items() if k != SESSIE_GEZIEN_SESSION_KEY),
        user.pk,
        user.get_full_name(),
        memberships,
        getattr(request.bestuur, "pk", None),
        sorted(rights.roles) if rights else [],
        getattr(impersonator, "pk", None),
    ]


def _key(request, who):
    parts = [
        request.scheme,
        request.get_host(),  # absolute links (exports, mails) differ per host name
        request.path,
        sorted(request.GET.lists()),
        sorted((k, v) for k, v in request.headers.items() if k.lower().startswith("hx-")),
        who,
        timezone.localdate().isoformat(),
        getattr(staticfiles_storage, "manifest_hash", ""),
    ]
    return PAGE_PREFIX + hashlib.sha256(repr(parts).encode()).hexdigest()


def _pending_messages(request):
    return len(messages.get_messages(request)) > 0


def cached_page(view):
    """Serve a kept copy of this read-only page while nothing it depends on changed (see the module docstring)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not enabled() or request.method not in ("GET", "HEAD") or _pending_messages(request):
            return view(request, *args, **kwargs)
        who = _who(request)
        if who is None:
            return view(request, *args, **kwargs)
        key = _key(request, who)
        try:
            kept = _cache(cache.get, key)
            before = _versions([*kept["tables"], RELEASE])[0] if kept else {}
        except _CacheDown:
            return view(request, *args, **kwargs)
        if kept and kept["content"] is not None and all(before[t] == v for t, v in kept["versions"].items()):
            response = HttpResponse(kept["content"])
            for header, value in kept["headers"]:
                response[header] = value
            return response

        render = _Render(csrf_secret=request.META.get("CSRF_COOKIE"))
        token = _render.set(render)
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        finally:
            _render.reset(token)
        if _keepable(request, response, render):
            render.read.add(RELEASE)
            if kept and render.read <= set(before):
                # Every table this render read had these versions before it started: safe to serve again.
                versions = {t: before[t] for t in render.read}
                content = response.content
            else:  # first render, or it read something new: remember the tables, keep the page next time
                versions, content = {}, None
            entry = {
                "tables": sorted(render.read | set(kept["tables"] if kept else ()) - {RELEASE}),
                "versions": versions,
                "content": content,
                "headers": [(h, v) for h, v in response.items() if h.lower() != "content-length"],
            }
            try:
                _cache(cache.set, key, entry, settings.LOKET_PAGE_CACHE_SECONDS)
            except _CacheDown:
                pass
        return response

    return wrapper


def _keepable(request, response, render):
    return (
        not render.wrote
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and request.META.get("CSRF_COOKIE") == render.csrf_secret
        and not _pending_messages(request)
    )
