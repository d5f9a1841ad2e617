import hashlib
import logging
import time

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.shortcuts import render, resolve_url
from django.urls import reverse

from . import modules
from .access import Rule, access_rule, beantwoordt_get

logger = logging.getLogger(__name__)


class OngeldigeInvoerMiddleware:
    """The one place where unreadable input in the address is refused: a NUL byte in the path or in any query
    parameter (name or value) is a 400 with the Dutch page "Ongeldige aanvraag", before any view runs.

    PostgreSQL cannot hold a NUL byte in text (nor in jsonb), so one reaching a query used to end in a 500 and an
    error in the log. No real link carries one. (Form fields refuse NUL bytes themselves: Django's CharField, and
    loket's own fields, e.g. toezicht's links through toezicht.services.link_fouten.) Values of the right shape are the views' business: they
    read query parameters through forms (e.g. a uuid through forms.UUIDField), so a wrong value is never a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if heeft_nul_byte(request):
            logger.info("Aanvraag met een NUL-byte in het adres geweigerd (400)")
            from .errors import bad_request

            return bad_request(request)
        return self.get_response(request)


def heeft_nul_byte(request):
    if "\x00" in request.path_info or "\x00" in request.path:
        return True
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists())


class AccessMiddleware:
    """Enforces each view's declared rule. A view that declares nothing is refused (deny by default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = access_rule(view_func)
        if rule is None:
            match = request.resolver_match
            if match and "admin" in match.namespaces:
                rule = (
                    Rule("public") if getattr(view_func, "login_required", True) is False else Rule("admin")
                )
            elif getattr(view_func, "login_required", True) is False:
                rule = Rule("public")  # third-party views Django marks as public (allauth's login flow)
            else:
                logger.error(
                    "View %s declares no access rule: refused", getattr(view_func, "__name__", view_func)
                )
                return geen_toegang(request)
        if rule.kind in ("public", "vendor"):
            return None  # the vendor API authenticates the vendor's key itself and answers 401 (no session)
        if not request.user.is_authenticated:
            return redirect_to_login(na_aanmelden(request, view_func, rule))
        if not rule.allows(request.rights):
            return geen_toegang(request)
        return None


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's: anonymous visitors of a view not marked public go to "Aanmelden", with `next` = this page only
    when it answers GET (na_aanmelden)."""

    def handle_no_permission(self, request, view_func):
        return redirect_to_login(
            na_aanmelden(request, view_func, access_rule(view_func)),
            resolve_url(self.get_login_url(view_func)),
            self.get_redirect_field_name(view_func),
        )


def na_aanmelden(request, view_func, rule):
    """Where the login started here ends: this page when it answers GET, else the module's start page (a POST-only
    URL opened while logged out, e.g. /toezicht/nieuw/, would answer 405 right after logging in)."""
    if beantwoordt_get(view_func):  # also after a POST (a session that expired while filling in a form)
        return request.get_full_path()
    module = modules.get_module(rule.module) if rule is not None and rule.kind == "module" else None
    if module is not None and module.url_name:
        return reverse(module.url_name)
    return reverse("loket:dashboard")


def geen_toegang(request):
    return render(request, "403.html", status=403)


# --- login attempts --------------------------------------------------------------------------------------

# The views that start or complete a login. The mock login counts only its POST (the login itself).
LOGIN_VIEWS = {
    "accounts:mock-login": "POST",
    "openid_connect_login": None,
    "openid_connect_callback": None,
    "accounts:oidc-callback": None,
}


def client_ip(request):
    """REMOTE_ADDR, or behind LOKET_TRUSTED_PROXIES proxies the address the outermost of them saw."""
    proxies = getattr(settings, "LOKET_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _hit(kind, value, window):
    """One attempt in the current fixed window; returns (attempts so far, seconds until the window ends)."""
    now = int(time.time())
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:32]
    key = f"loket:aanmeldpogingen:{kind}:{digest}:{now // window}"
    try:
        cache.add(key, 0, window + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window + 5)
            count = 1
    except Exception:  # the cache is away: logging in goes on without a limit rather than not at all
        logger.warning("Cache onbereikbaar: aanmeldpogingen niet geteld")
        count = 0
    return count, window - now % window


class LoginRateLimitMiddleware:
    """At most LOKET_LOGIN_RATE_LIMIT_PER_IP login attempts per address and LOKET_LOGIN_RATE_LIMIT_PER_USERNAME
    per username (the mock login's) in LOKET_LOGIN_RATE_WINDOW seconds; then the Dutch 429 page. Counters live
    in Django's cache (local memory in development, Redis in production, so shared by every web process)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.view_name if match else ""
        if name not in LOGIN_VIEWS or (LOGIN_VIEWS[name] and request.method != LOGIN_VIEWS[name]):
            return None
        window = max(1, int(getattr(settings, "LOKET_LOGIN_RATE_WINDOW", 300)))
        checks = [("ip", client_ip(request), getattr(settings, "LOKET_LOGIN_RATE_LIMIT_PER_IP", 100))]
        if name == "accounts:mock-login":
            username = f"{request.POST.get('voornaam', '')}-{request.POST.get('achternaam', '')}".lower()
            checks.append(
                ("gebruiker", username, getattr(settings, "LOKET_LOGIN_RATE_LIMIT_PER_USERNAME", 10))
            )
        for kind, value, limit in checks:
            count, retry_after = _hit(kind, value, window)
            if limit and count > limit:
                logger.warning("Te veel aanmeldpogingen (%s, %s pogingen): %s geweigerd", kind, count, name)
                response = render(
                    request,
                    "accounts/te_veel_pogingen.html",
                    {"minuten": max(1, (retry_after + 59) // 60)},
                    status=429,
                )
                response["Retry-After"] = str(retry_after)
                return response
        return None
