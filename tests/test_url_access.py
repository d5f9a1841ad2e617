"""Walk every URL pattern of the portal and check who gets in.

For each view: it declares an access rule; anonymous visitors are sent to the login page (unless public: then
any answer but a 5xx, a 403 or the login page); a person without the module's right gets the 403 page "Geen
toegang"; a person holding the right for another bestuur gets a 404 for this bestuur's objects; the rightful
person gets neither 403, 404, a 5xx nor a redirect to the login page; ABB views are 403 for bestuur users (and
edit views for ABB lezers).
One more "who": an ABB admin (LoketLB-admin) working as Aalst (impersonation, started through the real start
view): with Aalst's eligible rights every bestuur view opens, with another module's right only it is a 403,
Gent's objects are a 404, and ABB/admin views are 403 (impersonation cannot escalate).

Discovered, not listed: every URL pattern of the portal's own URLconf, named or not (third-party ones — Django's
admin, allauth — are left out; the admin has its own test below), and every module walk, tests/<package>/walk.py,
providing url_kwargs(bestuur) -> {kwarg: value} for its objects; the walk makes them for Aalst and for Gent."""

import importlib
import importlib.util
import pkgutil
import re
from collections import Counter

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

import tests
from loket import modules
from loket.access import access_rule, beantwoordt_get
from tests import factories

THIRD_PARTY_NAMESPACES = {"admin"}
STATIC_KWARGS = {"slug": "disclaimer", "module": "toezicht"}
# The full route of every walked pattern (its includes' prefixes and its own), to build its URL without a name.
ROUTES = {}
_KWARG = re.compile(r"<(?:[^>:]+:)?([^>]+)>")


def iter_patterns(patterns=None, namespace="", prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in THIRD_PARTY_NAMESPACES or "allauth" in getattr(
                entry.urlconf_name, "__name__", str(entry.urlconf_name)
            ):
                continue
            assert isinstance(entry.pattern, RoutePattern), f"a regex include cannot be walked: {entry}"
            yield from iter_patterns(
                entry.url_patterns, f"{namespace}{ns}:" if ns else namespace, prefix + str(entry.pattern)
            )
        elif isinstance(entry, URLPattern):
            assert isinstance(entry.pattern, RoutePattern), f"a regex pattern cannot be walked: {entry}"
            route = prefix + str(entry.pattern)
            ROUTES[entry] = route
            yield (f"{namespace}{entry.name}" if entry.name else f"(zonder naam) /{route}"), entry


OWN_PATTERNS = list(iter_patterns())


def kwarg_names(pattern):
    return _KWARG.findall(ROUTES[pattern])


def walk_modules():
    """Every tests/<package>/walk.py: a new module's walk joins by existing."""
    found = []
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg and importlib.util.find_spec(f"tests.{info.name}.walk"):
            found.append(importlib.import_module(f"tests.{info.name}.walk"))
    return found


def url_kwargs_for(bestuur):
    values = dict(STATIC_KWARGS)
    for walk_module in walk_modules():
        values.update(walk_module.url_kwargs(bestuur))
    return values


def test_the_walk_is_discovered():
    """The walk finds the modules' walks and every pattern, also those without a name (none today)."""
    assert {m.__name__ for m in walk_modules()} >= {
        f"tests.{app}.walk"
        for app in (
            "toezicht",
            "berichten",
            "bbcdr",
            "mandaten",
            "leidinggevenden",
            "subsidies",
            "leveranciers",
        )
    }
    assert len(OWN_PATTERNS) == len({ROUTES[p] for _, p in OWN_PATTERNS}) and len(OWN_PATTERNS) >= 85
    unnamed = list(iter_patterns(get_resolver("tests.undeclared_urls").url_patterns))
    assert ("(zonder naam) /onbeschermd/", unnamed[0][1]) == unnamed[0]
    assert url_of(*unnamed[0], {}) == "/onbeschermd/"


def test_every_view_declares_an_access_rule():
    undeclared = [name for name, pattern in OWN_PATTERNS if access_rule(pattern.callback) is None]
    assert not undeclared, f"Views without an access rule: {undeclared}"


def test_undeclared_view_is_refused(client, settings, aalst):
    settings.ROOT_URLCONF = "tests.undeclared_urls"
    user = factories.user_with_rights(aalst, "toezicht")
    client.force_login(user)
    assert client.get("/onbeschermd/").status_code == 403


@pytest.fixture
def walk(db):
    """Two besturen (Aalst, Gent) with objects, and one person per role of interest."""
    aalst, gent = factories.bestuur("Aalst"), factories.bestuur("Gent")
    all_roles = [m.role for m in modules.MODULES]
    return {
        "aalst": aalst,
        "kwargs": url_kwargs_for(aalst),
        "gent": gent,
        "gent_kwargs": url_kwargs_for(gent),
        "rightful": factories.user_with_rights(aalst, roles=all_roles),
        "other_bestuur": factories.user_with_rights(gent, roles=all_roles),
        "abb_lezer": factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE]),
        "abb_editeur": factories.user_with_rights(
            factories.abb(), roles=[modules.ABB_EDITEUR_ROLE, modules.ADMIN_ROLE]
        ),
        "vlabel": factories.user_with_rights(factories.abb(), roles=[modules.ABB_VLABEL_ROLE]),
        "admin_alleen": factories.user_with_rights(factories.abb(), roles=[modules.ADMIN_ROLE]),
    }


def url_of(name, pattern, kwargs):
    """The URL of a walked pattern, built from its route (so an unnamed pattern is walked as well)."""
    return "/" + _KWARG.sub(lambda m: str(kwargs[m.group(1)]), ROUTES[pattern])


@pytest.fixture(autouse=True)
def idp_configured(settings, tmp_path):
    """The production shape: logging in goes to the government IdP (here one that is configured but never
    reached), so "Aanmelden" answers like it does in production instead of "niet beschikbaar" (503)."""
    from tests.oidc.idp import Idp

    Idp("http://127.0.0.1:9", tmp_path / "claims.json").configure(settings)


def get_or_post(client, url, response=None):
    response = response or client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def as_user(client, user, bestuur=None):
    from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY

    client.logout()
    client.force_login(user)
    session = client.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = (bestuur or user.memberships.first().bestuur).pk
    session.save()
    return client


def impersonating(client, admin, bestuur, rollen):
    """`admin` (LoketLB-admin on ABB) starts working as `bestuur` with `rollen` through the real start view."""
    from accounts.middleware import IMPERSONATIE_SESSION_KEY

    as_user(client, admin)
    response = client.post(
        reverse("accounts:impersonatie"), {"bestuur": bestuur.uuid, "rollen": list(rollen)}
    )
    started = client.session.get(IMPERSONATIE_SESSION_KEY) or {}
    assert response.status_code == 302 and started.get("bestuur_id") == bestuur.pk, (
        f"impersonation of {bestuur} with {rollen} did not start: {response.status_code}"
    )
    assert set(started["rollen"]) == set(rollen)
    return client


def test_url_walk(client, walk):
    """The matrix: every URL x {anonymous, no right, other bestuur, ABB lezer, rightful, ABB, admin working as
    Aalst}."""
    missing = {k for _, p in OWN_PATTERNS for k in kwarg_names(p)} - set(walk["kwargs"])
    assert not missing, f"No walk fixture for URL kwargs {missing}: add them to tests/<app>/walk.py"
    client.raise_request_exception = False  # a 5xx is counted as a failure, the walk goes on
    aalst, admin = walk["aalst"], walk["abb_editeur"]
    eligible = [m.role for m in modules.MODULES if m.eligible(aalst)]
    checked = Counter()
    failures = []

    def reachable(response):
        """Opens for the rightful person: no 403, 404 or 5xx, and no redirect to the login page."""
        status = response.status_code
        return (
            status not in (403, 404)
            and status < 500
            and not response.get("Location", "").startswith(reverse(settings.LOGIN_URL))
        )

    def check(category, url, response, ok):
        checked[category] += 1
        if not ok(response):
            failures.append(f"{category} {url}: {response.status_code} {response.get('Location', '')}")

    for name, pattern in OWN_PATTERNS:
        rule = access_rule(pattern.callback)
        url = url_of(name, pattern, walk["kwargs"])
        has_object = bool(set(kwarg_names(pattern)) - set(STATIC_KWARGS))
        # The same URL with Gent's objects (for the admin working as Aalst).
        gent_url = url_of(name, pattern, walk["gent_kwargs"]) if has_object else url

        client.logout()
        if rule.kind == "vendor":
            # The vendor API: no session opens it, not even the admin's; without a key a GET is a 401 and a
            # POST without a (JSON) body a 4xx, never a redirect to the login page.
            for category, user in (
                ("vendor API anonymous", None),
                ("vendor API with a session", admin),
                ("vendor API rightful bestuur session", walk["rightful"]),
            ):
                if user is not None:
                    as_user(client, user)
                response = get_or_post(client, url)
                expected = (401,) if response.request["REQUEST_METHOD"] == "GET" else (400, 401)
                check(category, url, response, lambda r, expected=expected: r.status_code in expected)
            client.logout()
            continue
        anonymous = client.get(url)
        if rule.kind == "public":
            check(
                "anonymous on public view",
                url,
                anonymous,
                lambda r: (
                    r.status_code != 403
                    and r.status_code < 500
                    and not r.get("Location", "").startswith(reverse(settings.LOGIN_URL))
                ),
            )
        else:
            check(
                "anonymous",
                url,
                anonymous,
                lambda r: r.status_code == 302 and r["Location"].startswith(reverse(settings.LOGIN_URL)),
            )

        if rule.kind == "module":
            # A person of the same bestuur holding every right except this module's.
            others = [m.role for m in modules.MODULES if m.code != rule.module] or [
                modules.LOKAAL_BEHEERDER_ROLE
            ]
            no_right = factories.user_with_rights(aalst, roles=others)
            check(
                "no right",
                url,
                get_or_post(as_user(client, no_right, aalst), url),
                lambda r: r.status_code == 403,
            )
            check(
                "ABB lezer on bestuur view",
                url,
                get_or_post(as_user(client, walk["abb_lezer"]), url),
                lambda r: r.status_code == 403,
            )
            if has_object:
                check(
                    "other bestuur",
                    url,
                    get_or_post(as_user(client, walk["other_bestuur"]), url),
                    lambda r: r.status_code == 404,
                )
            rightful_get = as_user(client, walk["rightful"], aalst).get(url)
            check(
                "405 exactly when the view does not answer GET (the login's next relies on it)",
                url,
                rightful_get,
                lambda r: (r.status_code == 405) == (not beantwoordt_get(pattern.callback)),
            )
            check("rightful", url, get_or_post(client, url, rightful_get), reachable)
            # The admin working as Aalst: every eligible right opens the view, another module's right only is
            # a 403, and Gent's objects are a 404 (the impersonated bestuur's scoping).
            check(
                "admin as Aalst",
                url,
                get_or_post(impersonating(client, admin, aalst, eligible), url),
                reachable,
            )
            other = next(m.role for m in modules.MODULES if m.code != rule.module and m.eligible(aalst))
            check(
                "admin as Aalst without the right",
                url,
                get_or_post(impersonating(client, admin, aalst, [other]), url),
                lambda r: r.status_code == 403,
            )
            if has_object:
                check(
                    "admin as Aalst on Gent's object",
                    gent_url,
                    get_or_post(impersonating(client, admin, aalst, eligible), gent_url),
                    lambda r: r.status_code == 404,
                )
        if rule.kind != "vlabel" and rule.kind != "public" and rule.kind != "login":
            # The Vlaamse Belastingdienst opens nothing but its own screen (toezicht/vlabel views).
            check(
                "VLABEL elsewhere",
                url,
                get_or_post(as_user(client, walk["vlabel"]), url),
                lambda r: r.status_code == 403,
            )
        if rule.kind == "vlabel":
            check(
                "bestuur user on VLABEL view",
                url,
                get_or_post(as_user(client, walk["rightful"], aalst), url),
                lambda r: r.status_code == 403,
            )
            # The walk's melding is not a tax regulation with MAR-code 7300/7304/7305: every page, file and
            # export of it is a 404, for VLABEL (and for an ABB lezer through the VLABEL screen).
            expected = (lambda r: r.status_code == 404) if has_object else reachable
            check("VLABEL", url, get_or_post(as_user(client, walk["vlabel"]), url), expected)
            check(
                "ABB lezer on VLABEL view",
                url,
                get_or_post(as_user(client, walk["abb_lezer"]), url),
                expected,
            )
            check(
                "admin as Aalst on VLABEL view",
                url,
                get_or_post(impersonating(client, admin, aalst, eligible), url),
                lambda r: r.status_code == 403,
            )
        elif rule.kind in ("abb", "admin"):
            check(
                "bestuur user on ABB view",
                url,
                get_or_post(as_user(client, walk["rightful"], aalst), url),
                lambda r: r.status_code == 403,
            )
            if rule.kind == "admin" or rule.admin:
                # LoketLB-admin alone (no ABB toezicht role) opens admin views and the ABB views it needs.
                check(
                    "admin without ABB role",
                    url,
                    get_or_post(as_user(client, walk["admin_alleen"]), url),
                    reachable,
                )
            allowed = walk["abb_lezer"] if rule.kind == "abb" and not rule.edit else admin
            check("ABB", url, get_or_post(as_user(client, allowed), url), reachable)
            if rule.kind == "admin" or rule.edit:
                check(
                    "ABB lezer on edit view",
                    url,
                    get_or_post(as_user(client, walk["abb_lezer"]), url),
                    lambda r: r.status_code == 403,
                )
            # Working as a bestuur never escalates: ABB and admin views are closed, for Aalst's and Gent's objects.
            check(
                "admin as Aalst on ABB/admin view",
                url,
                get_or_post(impersonating(client, admin, aalst, eligible), url),
                lambda r: r.status_code == 403,
            )
            if has_object:
                check(
                    "admin as Aalst on ABB/admin view with Gent's object",
                    gent_url,
                    get_or_post(impersonating(client, admin, aalst, eligible), gent_url),
                    lambda r: r.status_code == 403,
                )
        elif rule.kind == "login":
            check("logged in", url, get_or_post(as_user(client, walk["rightful"], aalst), url), reachable)
            check(
                "admin as Aalst on login view",
                url,
                get_or_post(impersonating(client, admin, aalst, eligible), url),
                reachable,
            )
    total = sum(checked.values())
    print(f"URL walk: {len(OWN_PATTERNS)} URL patterns, {total} checks")
    for category, count in checked.items():
        print(f"  {category}: {count}")
    assert sum(n for c, n in checked.items() if c.startswith("admin as Aalst")) > 50
    assert not failures, "\n".join(failures)


def test_django_admin_only_for_admins(client, walk):
    url = reverse("admin:index")
    assert client.get(url).status_code == 302
    assert as_user(client, walk["rightful"], walk["aalst"]).get(url).status_code in (302, 403)
    assert as_user(client, walk["abb_lezer"]).get(url).status_code in (302, 403)
    assert as_user(client, walk["abb_editeur"]).get(url).status_code == 200
    assert (
        as_user(client, walk["abb_editeur"])
        .get(reverse("admin:loket_bestuurseenheid_changelist"))
        .status_code
        == 200
    )
