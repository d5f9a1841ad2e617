"""Walk every URL pattern of the portal and check who gets in.

For each view: it declares an access rule; anonymous visitors are sent to the login page (unless public);
a person without the module's right gets the 403 page "Geen toegang"; a person holding the right for another
bestuur gets a 404 for this bestuur's objects; the rightful person gets neither 403, 404 nor 500.
Each module's tests/<app>/walk.py provides url_kwargs(bestuur) -> {kwarg: value} for its objects.
"""

import importlib
import importlib.util

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from loket import modules
from loket.access import access_rule
from tests import factories

THIRD_PARTY_NAMESPACES = {"admin"}
STATIC_KWARGS = {"slug": "disclaimer", "module": "toezicht"}


def iter_patterns(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in THIRD_PARTY_NAMESPACES or "allauth" in getattr(
                entry.urlconf_name, "__name__", str(entry.urlconf_name)
            ):
                continue
            yield from iter_patterns(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


OWN_PATTERNS = list(iter_patterns())


def kwarg_names(pattern):
    return list(getattr(pattern.pattern, "converters", {}).keys())


def url_kwargs_for(bestuur):
    values = dict(STATIC_KWARGS)
    for app in ("toezicht", "berichten", "bbcdr", "mandaten", "leidinggevenden", "accounts", "loket"):
        if importlib.util.find_spec(f"tests.{app}") and importlib.util.find_spec(f"tests.{app}.walk"):
            values.update(importlib.import_module(f"tests.{app}.walk").url_kwargs(bestuur))
    return values


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
    """Two besturen with objects, and one person per role of interest."""
    aalst, gent = factories.bestuur("Aalst"), factories.bestuur("Gent")
    all_roles = [m.role for m in modules.MODULES]
    return {
        "aalst": aalst,
        "kwargs": url_kwargs_for(aalst),
        "rightful": factories.user_with_rights(aalst, roles=all_roles),
        "other_bestuur": factories.user_with_rights(gent, roles=all_roles),
        "abb_lezer": factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE]),
        "abb_editeur": factories.user_with_rights(
            factories.abb(), roles=[modules.ABB_EDITEUR_ROLE, modules.ADMIN_ROLE]
        ),
    }


def url_of(name, pattern, kwargs):
    return reverse(name, kwargs={k: kwargs[k] for k in kwarg_names(pattern)})


def get_or_post(client, url):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def as_user(client, user, bestuur=None):
    from loket.middleware import ACTIVE_BESTUUR_SESSION_KEY

    client.logout()
    client.force_login(user)
    session = client.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = (bestuur or user.memberships.first().bestuur).pk
    session.save()
    return client


def test_url_walk(client, walk):
    """The matrix: every URL x {anonymous, no right, other bestuur, ABB lezer, rightful}."""
    missing = {k for _, p in OWN_PATTERNS for k in kwarg_names(p)} - set(walk["kwargs"])
    assert not missing, f"No walk fixture for URL kwargs {missing}: add them to tests/<app>/walk.py"
    checked = 0
    failures = []
    for name, pattern in OWN_PATTERNS:
        rule = access_rule(pattern.callback)
        url = url_of(name, pattern, walk["kwargs"])
        has_object = bool(set(kwarg_names(pattern)) - set(STATIC_KWARGS))

        client.logout()
        anonymous = client.get(url)
        if rule.kind == "public":
            ok = anonymous.status_code not in (403, 500) and not anonymous.get("Location", "").startswith(
                reverse(settings.LOGIN_URL)
            )
        else:
            ok = anonymous.status_code == 302 and anonymous["Location"].startswith(
                reverse(settings.LOGIN_URL)
            )
        failures += [] if ok else [f"anonymous {url}: {anonymous.status_code}"]
        checked += 1

        if rule.kind == "module":
            # A person of the same bestuur holding every right except this module's.
            others = [m.role for m in modules.MODULES if m.code != rule.module] or [
                modules.LOKAAL_BEHEERDER_ROLE
            ]
            no_right = factories.user_with_rights(walk["aalst"], roles=others)
            response = get_or_post(as_user(client, no_right, walk["aalst"]), url)
            failures += [] if response.status_code == 403 else [f"no right {url}: {response.status_code}"]
            response = get_or_post(as_user(client, walk["abb_lezer"]), url)
            failures += (
                []
                if response.status_code == 403
                else [f"ABB lezer on bestuur view {url}: {response.status_code}"]
            )
            if has_object:
                response = get_or_post(as_user(client, walk["other_bestuur"]), url)
                failures += (
                    [] if response.status_code == 404 else [f"other bestuur {url}: {response.status_code}"]
                )
            response = get_or_post(as_user(client, walk["rightful"], walk["aalst"]), url)
            failures += (
                []
                if response.status_code not in (403, 404, 500)
                else [f"rightful {url}: {response.status_code}"]
            )
            checked += 4 if has_object else 3
        elif rule.kind in ("abb", "admin"):
            response = get_or_post(as_user(client, walk["rightful"], walk["aalst"]), url)
            failures += (
                []
                if response.status_code == 403
                else [f"bestuur user on ABB view {url}: {response.status_code}"]
            )
            allowed = walk["abb_lezer"] if rule.kind == "abb" and not rule.edit else walk["abb_editeur"]
            response = get_or_post(as_user(client, allowed), url)
            failures += (
                [] if response.status_code not in (403, 404, 500) else [f"ABB {url}: {response.status_code}"]
            )
            if rule.kind == "admin" or rule.edit:
                response = get_or_post(as_user(client, walk["abb_lezer"]), url)
                failures += (
                    []
                    if response.status_code == 403
                    else [f"ABB lezer on edit view {url}: {response.status_code}"]
                )
                checked += 1
            checked += 2
        elif rule.kind == "login":
            response = get_or_post(as_user(client, walk["rightful"], walk["aalst"]), url)
            failures += (
                []
                if response.status_code not in (403, 404, 500)
                else [f"logged in {url}: {response.status_code}"]
            )
            checked += 1
    print(f"URL walk: {len(OWN_PATTERNS)} URL patterns, {checked} checks")
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
