"""Deny by default: every view declares who may use it; AccessMiddleware refuses views that declare nothing.

    @requires_module("toezicht")          # a right for the module on the active bestuur
    @requires_abb(edit=True)              # an ABB toezicht role (lezer; editeur when edit=True)
    @requires_abb(admin=True)             # an ABB toezicht role or LoketLB-admin
    @requires_vlabel                      # the VLABEL role (or an ABB toezicht role): tax regulations only
    @requires_admin                       # LoketLB-admin
    @requires_login                       # any logged-in person with an active bestuur (dashboard, switcher)
    @public                               # no login (start page, public sites)
    @vendor_api                           # the vendor API: no session, the view checks the vendor's key (401)

Class-based views take the same decorators on the class.
"""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt

from . import modules


@dataclass(frozen=True)
class Rule:
    kind: str  # "public" | "login" | "module" | "abb" | "vlabel" | "admin" | "vendor"
    module: str = ""
    edit: bool = False
    admin: bool = False  # "abb": LoketLB-admin alone opens it too

    def allows(self, rights):
        if self.kind == "public":
            return True
        if self.kind == "vendor":
            return False  # a session never grants the vendor API: only a vendor's key does (in the view)
        if rights is None or rights.bestuur is None:
            return False
        if self.kind == "login":
            return True
        if self.kind == "module":
            return rights.has_module(self.module)
        if self.kind == "abb":
            if self.admin and rights.is_admin:
                return True
            return rights.is_abb_editor if self.edit else rights.is_abb_reader
        if self.kind == "vlabel":
            return rights.is_vlabel or rights.is_abb_reader
        if self.kind == "admin":
            return rights.is_admin
        return False


def _mark(rule):
    def decorator(view):
        view.loket_access = rule
        if rule.kind in ("public", "vendor"):
            view = login_not_required(view)
        if rule.kind == "vendor":
            view = csrf_exempt(view)  # no cookies: authenticated by the key in the request, never the session
            view.loket_access = rule
        return view

    return decorator


public = _mark(Rule("public"))
requires_login = _mark(Rule("login"))
requires_admin = _mark(Rule("admin"))
vendor_api = _mark(Rule("vendor"))


def requires_module(code):
    modules.get_module(code)  # fail at import time on a typo
    return _mark(Rule("module", module=code))


def requires_abb(edit=False, admin=False):
    return _mark(Rule("abb", edit=edit, admin=admin))


requires_vlabel = _mark(Rule("vlabel"))


def access_rule(view_func):
    rule = getattr(view_func, "loket_access", None)
    if rule is None and hasattr(view_func, "view_class"):
        rule = getattr(view_func.view_class, "loket_access", None)
    return rule


def toegestane_methoden(view_func):
    """The HTTP methods a view answers, as Django's require_http_methods (require_POST, require_GET, ...) limits
    them; None when nothing limits them. Read from the decorators' closures along the __wrapped__ chain (tested
    against real requests in tests/test_url_access.py: a view said not to answer GET answers it with 405)."""
    methods = None
    func = view_func
    while func is not None:
        code = getattr(func, "__code__", None)
        cells = getattr(func, "__closure__", None) or ()
        for name, cell in zip(getattr(code, "co_freevars", ()), cells, strict=False):
            if name == "request_method_list":
                allowed = set(cell.cell_contents)
                methods = allowed if methods is None else methods & allowed
        func = getattr(func, "__wrapped__", None)
    view_class = getattr(view_func, "view_class", None)
    if view_class is not None:
        allowed = {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
        methods = allowed if methods is None else methods & allowed
    return methods


def beantwoordt_get(view_func):
    methods = toegestane_methoden(view_func)
    return methods is None or "GET" in methods


def veilige_volgende(request, url):
    """`url` when it may be where a login ends (`next`): a page of this portal that answers GET; else None.

    Another host, an unknown path or a POST-only URL (e.g. /toezicht/nieuw/ opened while logged out) is never
    a landing page: the person would see an error right after logging in."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    try:
        match = resolve(unquote(urlsplit(url).path))
    except Resolver404:
        return None
    return url if beantwoordt_get(match.func) else None


class Rights:
    """What the logged-in person may do for the active bestuur (from their membership's roles)."""

    def __init__(self, bestuur=None, roles=()):
        self.bestuur = bestuur
        self.roles = frozenset(roles)

    def has_module(self, code):
        module = modules.get_module(code)
        return module.role in self.roles and module.eligible(self.bestuur)

    @cached_property
    def modules(self):
        """The modules the person may use for the bestuur (asked several times per page: worked out once)."""
        return [m for m in modules.MODULES if self.has_module(m.code)]

    @property
    def is_abb_reader(self):
        return self.bestuur is not None and self.bestuur.is_abb and bool(self.roles & set(modules.ABB_ROLES))

    @property
    def is_abb_editor(self):
        return self.bestuur is not None and self.bestuur.is_abb and modules.ABB_EDITEUR_ROLE in self.roles

    @property
    def is_vlabel(self):
        """The Vlaamse Belastingdienst: reads the sent tax regulations with MAR-code 7300/7304/7305 only."""
        return self.bestuur is not None and self.bestuur.is_abb and modules.ABB_VLABEL_ROLE in self.roles

    @property
    def is_admin(self):
        return self.bestuur is not None and self.bestuur.is_abb and modules.ADMIN_ROLE in self.roles

    def __bool__(self):
        return bool(self.modules) or self.is_abb_reader or self.is_vlabel or self.is_admin


def impersonation_roles(bestuur, roles):
    """The roles an admin may use while acting as `bestuur`: module roles the bestuur is eligible for, never
    LoketLB-admin nor an ABB role (impersonation cannot escalate)."""
    if bestuur is None or bestuur.is_abb:
        return []
    allowed = {m.role for m in modules.MODULES if m.eligible(bestuur)}
    allowed -= {modules.ADMIN_ROLE, modules.ABB_VLABEL_ROLE, *modules.ABB_ROLES}
    return sorted(set(roles) & allowed)


def get_for_bestuur(queryset, request, **lookup):
    """Fetch one object of the active bestuur; anything else (another bestuur's, a forged id) is a 404."""
    return get_object_or_404(queryset.for_bestuur(request.bestuur), **lookup)
