import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from accounts.models import Membership, User
from loket import modules
from loket.models import Bestuurseenheid
from tests import factories


@pytest.fixture
def debug_on(settings, db):
    settings.DEBUG = True
    return settings


def mock_login(client, bestuur, roles, voornaam="Jan", achternaam="Peeters"):
    return client.post(
        reverse("accounts:mock-login"),
        {
            "bestuur": bestuur.uuid,
            "voornaam": voornaam,
            "achternaam": achternaam,
            "rollen": roles,
            "next": "/dashboard/",
        },
    )


def test_mock_login_creates_the_same_membership_rows_as_the_idp(client, debug_on, aalst):
    response = mock_login(client, aalst, ["LoketLB-toezichtGebruiker"])
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    user = User.objects.get(first_name="Jan", last_name="Peeters")
    membership = Membership.objects.get(user=user)
    assert membership.bestuur == aalst and membership.rollen == ["LoketLB-toezichtGebruiker"]
    page = client.get("/dashboard/").content.decode()
    assert "Gemeente Aalst" in page and "Toezicht" in page and "Berichtencentrum" not in page


def test_mock_login_search_finds_only_active_besturen(client, debug_on):
    page = client.get(reverse("accounts:mock-login"), {"q": "Borsbeek"}).content.decode()
    assert "District" in page  # District Borsbeek exists since the 2025 merger
    assert "(Gemeente)" not in page  # Gemeente Borsbeek was absorbed by Antwerpen: no login possible


def test_mock_login_offers_only_eligible_rights(client, debug_on):
    politiezone = (
        Bestuurseenheid.objects.filter(classificatie__label="Politiezone", actief=True)
        .order_by("naam")
        .first()
    )
    page = client.get(reverse("accounts:mock-login"), {"bestuur": politiezone.uuid}).content.decode()
    assert "Toezicht" in page
    assert "Databank leidinggevenden" not in page  # not eligible for a politiezone


def test_mock_login_refused_when_debug_is_off(client, aalst):
    assert not django_settings.DEBUG
    assert client.get(reverse("accounts:mock-login")).status_code == 404
    assert mock_login(client, aalst, ["LoketLB-toezichtGebruiker"]).status_code == 404
    assert not User.objects.filter(last_name="Peeters").exists()


def test_mock_login_impossible_in_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loket.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "loket.example.org",
        "DJANGO_DEBUG": "true",
        "LOKET_MOCK_LOGIN": "true",
        "LOKET_CLAMD_ADDRESS": "clamd:3310",
    }
    code = "import django; django.setup(); from django.conf import settings as s; print(s.DEBUG, s.LOKET_MOCK_LOGIN)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="loket.settings.production", DJANGO_ALLOWED_HOSTS="loket.example.org")
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert out.returncode != 0 and "DJANGO_SECRET_KEY" in out.stderr


def test_switcher_lists_only_besturen_with_rights_and_switches_by_post(login_as, aalst, gent):
    user = factories.user_with_rights(aalst, "toezicht")
    factories.user_with_rights(gent, "berichten", username=user.username)
    ocmw = factories.bestuur("Aalst", "OCMW")
    Membership.objects.create(user=user, bestuur=ocmw, rollen=["Onbekend-recht"])  # grants nothing
    client = login_as(user, aalst)
    page = client.get("/dashboard/").content.decode()
    assert 'data-testid="actief-bestuur">Gemeente Aalst<' in page
    assert "Gemeente Gent (Gemeente)</option>" in page and "OCMW Aalst" not in page

    assert client.get(reverse("accounts:wissel-bestuur")).status_code == 405  # only by POST
    response = client.post(reverse("accounts:wissel-bestuur"), {"bestuur": gent.uuid}, follow=True)
    assert 'data-testid="actief-bestuur">Gemeente Gent<' in response.content.decode()
    assert "Berichtencentrum" in response.content.decode()
    # Gent's person holds no toezicht right there: the module is refused while Gent is active.
    assert client.get("/toezicht/").status_code == 403

    response = client.post(reverse("accounts:wissel-bestuur"), {"bestuur": ocmw.uuid}, follow=True)
    assert "U hebt geen rechten voor dat bestuur." in response.content.decode()
    assert 'data-testid="actief-bestuur">Gemeente Gent<' in response.content.decode()


def test_forged_active_bestuur_in_session_falls_back_to_a_rightful_one(login_as, aalst, gent):
    user = factories.user_with_rights(aalst, "toezicht")
    client = login_as(user, gent)  # the session names a bestuur the user has no right for
    assert 'data-testid="actief-bestuur">Gemeente Aalst<' in client.get("/dashboard/").content.decode()


def test_dashboard_shows_only_the_tiles_the_user_may_use(login_as, aalst):
    user = factories.user_with_rights(aalst, "toezicht", "leidinggevenden")
    page = login_as(user, aalst).get("/dashboard/").content.decode()
    assert "Gemeente Aalst" in page and "Gemeente" in page
    assert reverse("toezicht:index") in page and reverse("leidinggevenden:index") in page
    assert reverse("bbcdr:index") not in page and reverse("mandaten:index") not in page
    assert reverse("loket:handleiding", args=["toezicht"]) in page


def test_abb_reader_gets_the_abb_side(login_as, db):
    abb = factories.abb()
    user = factories.user_with_rights(abb, roles=[modules.ABB_LEZER_ROLE])
    client = login_as(user, abb)
    page = client.get("/dashboard/").content.decode()
    assert reverse("toezicht:abb-index") in page
    assert client.get(reverse("toezicht:abb-index")).status_code == 200
    assert client.get(reverse("toezicht:index")).status_code == 403


def test_friendly_dutch_error_pages(client, login_as, aalst):
    user = factories.user_with_rights(aalst, "berichten")
    client = login_as(user, aalst)
    response = client.get("/toezicht/")
    assert response.status_code == 403 and "Geen toegang" in response.content.decode()
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.content.decode()
    from loket.errors import server_error

    response = server_error(None)
    assert response.status_code == 500 and "Er ging iets mis" in response.content.decode()


def test_anonymous_start_page_explains_access(client, db):
    page = client.get("/").content.decode()
    for text in ["Loket voor Lokale Besturen", "Aanmelden", "lokale beheerder", "1700", "contextveld"]:
        assert text in page
    assert client.get("/dashboard/")["Location"].startswith(reverse("accounts:aanmelden"))


def test_logout_is_post_only_and_ends_the_session(login_as, aalst):
    client = login_as(factories.user_with_rights(aalst, "toezicht"), aalst)
    assert client.get(reverse("accounts:afmelden")).status_code == 405
    client.post(reverse("accounts:afmelden"))
    assert client.get("/dashboard/").status_code == 302


@pytest.mark.parametrize("forged", ["1.665", "", "' OR 1=1 --", "x" * 500])
def test_forged_switch_value_is_refused_cleanly(login_as, aalst, forged):
    client = login_as(factories.user_with_rights(aalst, "toezicht"), aalst)
    response = client.post(reverse("accounts:wissel-bestuur"), {"bestuur": forged}, follow=True)
    assert (
        response.status_code == 200 and "U hebt geen rechten voor dat bestuur." in response.content.decode()
    )
