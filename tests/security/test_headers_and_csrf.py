"""Security headers and CSRF on real responses, over the URL walk of tests/test_url_access.py.

- every HTML page a rightful person opens carries a CSP without 'unsafe-inline', frame-ancestors 'none',
  nosniff, Referrer-Policy and X-Frame-Options, and holds no inline <script>, <style> or style="" (CSP would block
  them anyway: this catches a page that silently breaks);
- every URL refuses a POST without a CSRF token with 403, anonymous or logged in;
- the production settings turn on HSTS and Secure/HttpOnly/SameSite cookies, and `check --deploy` is clean.
The switcher refusing a bestuur without rights is tested in tests/accounts/test_mock_login_and_switcher.py.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from loket.access import access_rule
from tests.test_url_access import OWN_PATTERNS, as_user, url_of

ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def viewer_for(rule, walk):
    if rule.kind in ("abb", "admin"):
        return walk["abb_editeur"], None
    return walk["rightful"], walk["aalst"]


def test_every_page_has_strict_headers_and_no_inline_code(client, walk):
    checked, failures = 0, []
    for name, pattern in OWN_PATTERNS:
        rule = access_rule(pattern.callback)
        url = url_of(name, pattern, walk["kwargs"])
        user, bestuur = viewer_for(rule, walk)
        if rule.kind == "public":
            client.logout()
        else:
            as_user(client, user, bestuur)
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = (
            b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
        )
        checked += 1
        csp = response.get("Content-Security-Policy", "")
        problems = [
            "no CSP" if not csp else "",
            "unsafe-inline" if "unsafe-inline" in csp or "unsafe-eval" in csp else "",
            "frame-ancestors" if "frame-ancestors 'none'" not in csp else "",
            "nosniff" if response.get("X-Content-Type-Options") != "nosniff" else "",
            "Referrer-Policy" if not response.get("Referrer-Policy") else "",
            "X-Frame-Options" if response.get("X-Frame-Options") != "DENY" else "",
            f"inline script {INLINE_SCRIPT.findall(html)[:1]}"
            if [s for s in INLINE_SCRIPT.findall(html) if "application/json" not in s]
            else "",
            f"inline style {INLINE_STYLE.findall(html)[:1]}" if INLINE_STYLE.search(html) else "",
            f"inline handler {INLINE_HANDLER.findall(html)[:1]}" if INLINE_HANDLER.search(html) else "",
        ]
        failures += [f"{url}: {p}" for p in problems if p]
    print(f"headers: {checked} HTML pages checked")
    assert checked >= 25, checked
    assert not failures, "\n".join(failures)


def test_cookies_are_httponly_and_samesite(client, walk):
    as_user(client, walk["rightful"], walk["aalst"])
    response = client.get(reverse("toezicht:index"))
    session = client.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"
    response = Client().get(reverse("account_login") if _has("account_login") else "/aanmelden/")
    csrf = response.cookies.get("csrftoken")
    if csrf is not None:
        assert csrf["httponly"] and csrf["samesite"] == "Lax"


def _has(name):
    try:
        reverse(name)
    except Exception:
        return False
    return True


@pytest.mark.parametrize("logged_in", [False, True], ids=["anoniem", "aangemeld"])
def test_every_post_without_csrf_token_is_refused(walk, settings, logged_in):
    settings.CSRF_FAILURE_VIEW = "tests.security.csrf_failure.csrf_failure"
    client = Client(enforce_csrf_checks=True)
    refused, failures = 0, []
    for name, pattern in OWN_PATTERNS:
        rule = access_rule(pattern.callback)
        url = url_of(name, pattern, walk["kwargs"])
        if logged_in and rule.kind != "public":
            user, bestuur = viewer_for(rule, walk)
            as_user(client, user, bestuur)
        else:
            client.logout()
        response = client.post(url, {"actie": "verzenden", "naam": "x"})
        if rule.kind == "vendor":
            # The vendor API is CSRF-exempt on purpose (no cookies: the vendor's key decides, ADR 0006); a POST
            # carrying a session but no key opens nothing.
            if response.status_code not in (400, 401, 405):
                failures.append(f"{url}: {response.status_code} (vendor API)")
            continue
        if response.status_code == 403 and b"CSRF-GEWEIGERD" in response.content:
            refused += 1
        else:
            failures.append(f"{url}: {response.status_code}")
    print(f"CSRF: {refused} URLs refused a POST without token")
    assert not failures, "\n".join(failures)


def _production(code):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loket.settings.production",
        "DJANGO_SECRET_KEY": "test-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "loket.example.org",
        "LOKET_CLAMD_ADDRESS": "clamd:3310",
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; " + code,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_are_strict():
    result = _production(
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.SESSION_COOKIE_NAME, s.DEBUG, s.LOKET_MOCK_LOGIN)"
    )
    assert result.returncode == 0, result.stderr
    hsts, subdomains, redirect, secure, csrf_secure, httponly, samesite, name, debug, mock = (
        result.stdout.split()
    )
    assert int(hsts) >= 31536000 and subdomains == "True" and redirect == "True"
    assert secure == csrf_secure == httponly == "True" and samesite == "Lax" and name.startswith("__Host-")
    assert debug == "False" and mock == "False"


def test_check_deploy_has_no_warnings():
    env = {
        **{
            k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
        },  # set by tests/conftest.py
        "DJANGO_SETTINGS_MODULE": "loket.settings.production",
        "DJANGO_SECRET_KEY": "check-deploy-" + "x9" * 30,
        "DJANGO_ALLOWED_HOSTS": "loket.example.org",
        "LOKET_CLAMD_ADDRESS": "clamd:3310",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_form_of_a_page_carries_one_token_that_is_accepted(aalst, gent):
    """The CSRF field is made once per page (as Django's own engine does): the switcher and the logout form carry
    the same token, and a POST with it is accepted."""
    from tests import factories

    user = factories.user_with_rights(aalst, "toezicht")
    factories.user_with_rights(gent, "toezicht", username=user.username)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    html = client.get(reverse("loket:dashboard")).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) >= 2 and len(set(tokens)) == 1
    response = client.post(
        reverse("accounts:wissel-bestuur"), {"bestuur": gent.uuid, "csrfmiddlewaretoken": tokens[0]}
    )
    assert response.status_code == 302
