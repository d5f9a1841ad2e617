"""Sessions: idle expiry, logout everywhere, rate-limited login attempts; mock login and switch audited."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from loket import modules
from loket.models import AuditEvent
from tests import factories

from .test_mock_login_and_switcher import mock_login


@pytest.fixture
def debug_on(settings, db):
    settings.DEBUG = True
    return settings


def session_row(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_session_expires_after_inactivity_and_activity_renews_it(settings, login_as, aalst):
    settings.SESSION_COOKIE_AGE = 600
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = login_as(factories.user_with_rights(aalst, "toezicht"), aalst)
        assert client.get("/dashboard/").status_code == 200
        first_expiry = session_row(client).expire_date

        # Within the minute: the idle time is not pushed forward, the session is not written.
        traveller.shift(timedelta(seconds=30))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboard/").status_code == 200
        assert not [q for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]
        assert session_row(client).expire_date == first_expiry

        # Nine minutes later (idle less than ten): still logged in, and the ten minutes start anew.
        traveller.shift(timedelta(minutes=9))
        assert client.get("/dashboard/").status_code == 200
        assert session_row(client).expire_date == timezone.now() + timedelta(seconds=600)

    # Ten minutes without a request: the database row has expired and the cache has dropped its copy.
    Session.objects.filter(pk=session_row(client).pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    cache.delete(SessionStore(session_key=session_row(client).pk).cache_key)
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:aanmelden"))


def test_idle_time_comes_from_the_environment():
    env = {**os.environ, "LOKET_SESSION_IDLE_SECONDS": "900", "DJANGO_SETTINGS_MODULE": "loket.settings.base"}
    code = "import django; django.setup(); from django.conf import settings as s; "
    code += "print(s.SESSION_COOKIE_AGE, s.SESSION_SAVE_EVERY_REQUEST)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["900", "False"]  # touched at most once a minute instead


def test_logout_everywhere_ends_every_session_of_that_person_only(aalst):
    user = factories.user_with_rights(aalst, "toezicht")
    other = factories.user_with_rights(aalst, "toezicht")
    laptop, phone, colleague = Client(), Client(), Client()
    for client, person in ((laptop, user), (phone, user), (colleague, other)):
        client.force_login(person)
        assert client.get("/dashboard/").status_code == 200
    assert "Afmelden op alle toestellen" in phone.get(reverse("accounts:sessies")).content.decode()

    response = phone.post(reverse("accounts:overal-afmelden"))
    assert response.status_code == 302
    assert laptop.get("/dashboard/").status_code == 302
    assert phone.get("/dashboard/").status_code == 302
    assert colleague.get("/dashboard/").status_code == 200
    event = AuditEvent.objects.get(actie="accounts.overal_afgemeld")
    assert event.gebruiker == user and event.bestuur == aalst
    # Logging in again works.
    laptop.force_login(User.objects.get(pk=user.pk))
    assert laptop.get("/dashboard/").status_code == 200


def test_mock_login_and_switch_are_audited(client, debug_on, aalst, gent):
    mock_login(client, aalst, [modules.get_module("toezicht").role])
    mock_login(client, gent, [modules.get_module("toezicht").role])
    events = AuditEvent.objects.filter(actie="accounts.aangemeld").order_by("id")
    assert [e.bestuur for e in events] == [aalst, gent]
    assert events[0].gebruiker.get_full_name() == "Jan Peeters" and events[0].namens is None
    client.post(reverse("accounts:wissel-bestuur"), {"bestuur": aalst.uuid})
    event = AuditEvent.objects.get(actie="accounts.bestuur_gewisseld")
    assert event.bestuur == aalst and event.gebruiker.get_full_name() == "Jan Peeters"


def test_mock_login_rate_limited_per_username_and_per_address(client, debug_on, settings, aalst):
    settings.LOKET_LOGIN_RATE_LIMIT_PER_USERNAME = 3
    settings.LOKET_LOGIN_RATE_LIMIT_PER_IP = 5
    rol = [modules.get_module("toezicht").role]
    for _ in range(3):
        assert mock_login(client, aalst, rol).status_code == 302
    response = mock_login(client, aalst, rol)
    assert response.status_code == 429
    assert "Te veel aanmeldpogingen" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= settings.LOKET_LOGIN_RATE_WINDOW
    # Another name from the same address: allowed until the address limit.
    assert mock_login(client, aalst, rol, voornaam="Els").status_code == 302
    assert mock_login(client, aalst, rol, voornaam="Els").status_code == 429  # 6th attempt from this address
    # Another address is not affected; browsing the login page (GET) is not an attempt.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get(reverse("accounts:mock-login"), {"q": "Aalst"}).status_code == 200
    assert mock_login(other, aalst, rol, voornaam="Piet").status_code == 302


def test_idp_login_start_and_callback_rate_limited(client, settings, db):
    settings.LOKET_LOGIN_RATE_LIMIT_PER_IP = 4
    callback = reverse("accounts:oidc-callback", kwargs={"provider_id": settings.OIDC_PROVIDER_ID})
    start = reverse("openid_connect_login", kwargs={"provider_id": settings.OIDC_PROVIDER_ID})
    statuses = [client.get(url).status_code for url in (start, callback, start, callback, start)]
    assert 429 not in statuses[:4] and statuses[4] == 429  # start and callback count together per address
    assert "Te veel aanmeldpogingen" in client.get(callback).content.decode()


def test_behind_a_proxy_the_forwarded_address_counts(client, settings, db):
    settings.LOKET_LOGIN_RATE_LIMIT_PER_IP = 2
    settings.LOKET_TRUSTED_PROXIES = 1
    callback = reverse("accounts:oidc-callback", kwargs={"provider_id": settings.OIDC_PROVIDER_ID})
    for _ in range(2):
        client.get(callback, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client.get(callback, HTTP_X_FORWARDED_FOR="1.2.3.4").status_code == 429
    # A forged leftmost address does not help: the proxy's own (rightmost) entry counts.
    assert client.get(callback, HTTP_X_FORWARDED_FOR="9.9.9.9, 1.2.3.4").status_code == 429
    assert client.get(callback, HTTP_X_FORWARDED_FOR="5.6.7.8").status_code != 429
