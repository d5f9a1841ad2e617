"""No logged-in response carries content of another request; cache keys carry the installation's prefix."""

import re

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
from accounts.models import Membership
from accounts.services import werk_lidmaatschappen_bij
from loket import modules
from tests import factories
from tests.toezicht.factories import verstuurde_melding

URLS = ("/dashboard/", "/toezicht/", "/berichten/", "/mandaten/mandatarissen/", "/leidinggevenden/")


def _client(user, bestuur):
    client = Client()
    client.force_login(user)
    session = client.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
    session.save()
    return client


@pytest.mark.django_db
def test_two_people_of_two_besturen_interleaved_see_only_their_own():
    aalst, gent = factories.bestuur("Aalst"), factories.bestuur("Gent")
    codes = ("toezicht", "berichten", "mandaten", "leidinggevenden")
    an = factories.user_with_rights(aalst, *codes, first_name="Anneke", last_name="Aalstenaar")
    gert = factories.user_with_rights(gent, *codes, first_name="Gert", last_name="Gentenaar")
    verstuurde_melding(aalst, opmerking="x")
    verstuurde_melding(gent, opmerking="y")
    a, g = _client(an, aalst), _client(gert, gent)
    for _ronde in range(2):
        for url in URLS:
            for client, eigen, ander in (
                (a, ("Anneke", "Aalst"), ("Gert", "Gent")),
                (g, ("Gert", "Gent"), ("Anneke", "Aalst")),
            ):
                html = client.get(url).content.decode()
                assert eigen[0] in html and eigen[1] in html, url
                assert ander[0] not in html and f"Gemeente {ander[1]}" not in html, url
    # After a change by Gent, Aalst's next page is rendered for Aalst, Gent's shows the change at once.
    html_voor = g.get("/toezicht/").content.decode()
    verstuurde_melding(gent, opmerking="z")
    assert g.get("/toezicht/").content.decode() != html_voor
    assert "Gert" not in a.get("/toezicht/").content.decode()


def test_every_cache_key_carries_the_installation_prefix(settings):
    """Two installations on one cache server never read each other's keys: the prefix differs per database."""
    from loket.settings import database

    assert settings.CACHES["default"]["KEY_PREFIX"] == database.CACHE_KEY_PREFIX
    assert database.CACHE_KEY_PREFIX.startswith("loket-")
    een = LocMemCache("gedeeld", {"KEY_PREFIX": "loket-een"})
    twee = LocMemCache("gedeeld", {"KEY_PREFIX": "loket-twee"})  # same location: one store, like one Redis
    een.set("sessie", "van een")
    assert twee.get("sessie") is None
    assert caches["default"].make_key("x").startswith(database.CACHE_KEY_PREFIX)


@pytest.mark.django_db
def test_a_right_taken_away_is_refused_at_once(aalst, login_as):
    user = factories.user_with_rights(aalst, "toezicht")
    client = login_as(user, aalst)
    assert client.get("/toezicht/").status_code == 200
    werk_lidmaatschappen_bij(
        user=user, grants={aalst: [modules.get_module("berichten").role]}, bron=Membership.Bron.MOCK
    )
    assert client.get("/toezicht/").status_code == 403


@pytest.mark.django_db
def test_pages_work_while_redis_is_away(aalst, settings, caplog):
    """Redis down (nothing listens on the port): login, pages, a write and logout still work (sessions from the
    database, loket/sessions.py)."""
    settings.DEBUG = True  # the mock login
    settings.CACHES = {"default": {"BACKEND": "loket.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/1"}}
    verstuurde_melding(aalst)
    client = Client()
    response = client.post(
        reverse("accounts:mock-login"),
        {
            "voornaam": "Ann",
            "achternaam": "Peeters",
            "bestuur": str(aalst.uuid),
            "rollen": [modules.get_module("toezicht").role],
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    for _ in range(3):
        response = client.get("/toezicht/")
        assert response.status_code == 200
        assert len(re.findall(r'href="/toezicht/[0-9a-f-]{36}/"', response.content.decode())) == 1
    assert client.post(reverse("toezicht:nieuw")).status_code == 302
    assert client.post(reverse("accounts:afmelden")).status_code == 302
    assert client.get("/toezicht/").status_code == 302  # logged out: to the login page
    assert "Cache onbereikbaar" in caplog.text
