"""The real OpenID Connect provider (npm oidc-provider, tests/oidc/provider.mjs) on loopback, for the login tests.

One node process serves every test: the claims of the person who logs in next are read from a JSON file that
`Idp.set_claims(...)` rewrites. Needs `npm ci --prefix tests/oidc` (`make node`).
"""

import json
import os
import re
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

PROVIDER_ID = "acmidm"
CLIENT_ID = "loket-test"
CLIENT_SECRET = "loket-test-secret"
HERE = Path(__file__).resolve().parent

AALST_OVO = "OVO001992"  # Gemeente Aalst in the reference data
GENT_OVO = "OVO002067"  # Gemeente Gent
OCMW_AALST_KBO = "0212237186"
BORSBEEK_OVO = "OVO002030"  # Gemeente Borsbeek, merged into Antwerpen on 01-01-2025
RRN_JAN = "93051822361"  # a valid test number (mod-97)


def default_claims(**overrides):
    claims = {
        "sub": "acmidm-jan",
        "given_name": "Jan",
        "family_name": "Peeters",
        "rrn": RRN_JAN,
        "vo_id": "vo-id-jan",
        "vo_orgcode": AALST_OVO,
        "abb_loketLB_rol_3d": ["LoketLB-toezichtGebruiker", "LoketLB-berichtenGebruiker"],
    }
    claims.update(overrides)
    return claims


class Idp:
    def __init__(self, url, claims_file):
        self.url = url
        self.claims_file = claims_file
        self.set_claims(**default_claims())

    def set_claims(self, **claims):
        Path(self.claims_file).write_text(json.dumps(claims))

    def configure(self, settings):
        """Point allauth at this provider (OIDC settings are read at import, so override them per test)."""
        settings.OIDC_PROVIDER_ID = PROVIDER_ID
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": PROVIDER_ID,
                        "name": "Vlaamse overheid (test-IdP)",
                        "client_id": CLIENT_ID,
                        "secret": CLIENT_SECRET,
                        "settings": {
                            "server_url": self.url,
                            "token_auth_method": "client_secret_basic",
                            "scope": [
                                "openid",
                                "rrn",
                                "vo",
                                "profile",
                                "abb_loketLB",
                                "abb_databanktoezicht",
                            ],
                        },
                    }
                ],
            }
        }
        csp = json.loads(json.dumps(settings.CONTENT_SECURITY_POLICY))
        csp["DIRECTIVES"]["form-action"] = [*csp["DIRECTIVES"]["form-action"], self.url]
        settings.CONTENT_SECURITY_POLICY = csp


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_idp(*rp_bases):
    if not (HERE / "node_modules" / "oidc-provider").exists():
        pytest.fail("oidc-provider is not installed: run `make node` (npm ci --prefix tests/oidc)")
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="loket-oidc-") as tmp:
        claims_file = os.path.join(tmp, "claims.json")
        Path(claims_file).write_text(json.dumps(default_claims()))
        log = open(os.path.join(tmp, "provider.log"), "w")
        proc = subprocess.Popen(
            ["node", str(HERE / "provider.mjs")],
            env={
                **os.environ,
                "OIDC_PORT": str(port),
                "RP_BASES": ",".join(rp_bases),
                "RP_PROVIDER_ID": PROVIDER_ID,
                "OIDC_CLAIMS_FILE": claims_file,
            },
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                    break
                except OSError:
                    if proc.poll() is not None:
                        break
                    time.sleep(0.05)
            else:
                pytest.fail("the test OpenID Connect provider did not start")
            if proc.poll() is not None:
                log.flush()
                pytest.fail(f"the test OpenID Connect provider stopped: {Path(log.name).read_text()[-2000:]}")
            yield Idp(f"http://127.0.0.1:{port}", claims_file)
        finally:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()


# --- driving the flow without a browser: Django's test client for the portal, requests for the IdP.

RP = "http://testserver"


def _local(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def through_idp(idp_session, url):
    """Follow the IdP's redirects (and submit its logout confirmation) until it sends the browser back to the
    portal. Returns (portal URL, every IdP URL visited)."""
    visited = []
    for _ in range(20):
        if url.startswith(RP):
            return url, visited
        visited.append(url)
        response = idp_session.get(url, allow_redirects=False)
        if response.status_code in (301, 302, 303):
            url = urljoin(url, response.headers["Location"])
            continue
        form = re.search(r'<form[^>]*action="([^"]+)"', response.text)
        xsrf = re.search(r'name="xsrf" value="([^"]+)"', response.text)
        assert response.status_code == 200 and form and xsrf, response.text[:2000]
        response = idp_session.post(
            urljoin(url, unescape(form.group(1))),
            data={"xsrf": xsrf.group(1), "logout": "yes"},
            allow_redirects=False,
        )
        assert response.status_code in (302, 303), response.text[:2000]
        url = urljoin(url, response.headers["Location"])
    raise AssertionError(f"too many redirects: {visited}")


def login_via_idp(client, idp_session=None, start="/aanmelden/"):
    """Click "Aanmelden": portal -> IdP -> portal callback. Returns (callback response, IdP URLs visited)."""
    idp_session = idp_session if idp_session is not None else requests.Session()
    response = client.get(start)
    while response.status_code == 302 and not response["Location"].startswith("http"):
        response = client.get(response["Location"])
    assert response.status_code == 302, response.status_code
    back, visited = through_idp(idp_session, response["Location"])
    return client.get(_local(back)), visited


def logout_via_idp(client, idp_session):
    """Click "Afmelden": POST /afmelden/ -> IdP end_session -> back on the portal. Returns (response, visited)."""
    response = client.post("/afmelden/")
    assert response.status_code == 302
    if not response["Location"].startswith("http"):
        return client.get(response["Location"]), []
    back, visited = through_idp(idp_session, response["Location"])
    return client.get(_local(back)), visited
