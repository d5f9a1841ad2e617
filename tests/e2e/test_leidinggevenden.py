"""Browser journey: a gemeente adds its algemeen directeur (a new person) and sees them on the public site,
without the rijksregisternummer; axe finds no violations on the beheer and the public pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import factories
from tests.leidinggevenden.factories import rrn_nummer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """The exports generated during the journey go to a temporary folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def assert_axe(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_add_algemeen_directeur_visible_on_public_site(live_server, page, reference_data, browser_login):
    aalst = factories.bestuur("Aalst")
    user = factories.user_with_rights(aalst, "leidinggevenden")
    browser_login(page, user, aalst)
    nummer = rrn_nummer("780412", 122)

    page.goto(live_server.url + "/leidinggevenden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leidinggevenden – overzicht functies")
    assert_axe(page)
    page.get_by_role("link", name="Algemeen directeur", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Algemeen directeur")
    assert_axe(page)

    page.get_by_role("link", name="Voeg nieuwe aanstellingsperiode toe").click()
    page.get_by_label("Naam of rijksregisternummer").fill("Verhulst")
    page.get_by_role("button", name="Zoek").click()
    expect(page.get_by_text("Geen personen gevonden")).to_be_visible()
    assert_axe(page)

    page.get_by_role("link", name="Maak een nieuwe persoon aan").click()
    page.get_by_label("Voornaam").fill("An")
    page.get_by_label("Achternaam").fill("Verhulst")
    page.get_by_label("Rijksregisternummer").fill("12345678901")
    page.get_by_label("Startdatum").fill("2019-01-01")
    page.get_by_label("Einddatum").fill("2018-01-01")
    page.get_by_role("button", name="Voeg aanstellingsperiode toe").click()
    expect(page.locator("#formulierfouten")).to_contain_text("rijksregisternummer is niet geldig.")
    expect(page.locator("#formulierfouten")).to_contain_text("De einddatum moet na de startdatum liggen.")
    expect(page.get_by_label("Voornaam")).to_have_value("An")
    assert_axe(page)

    page.get_by_label("Rijksregisternummer").fill(f"78.04.12-{nummer[6:9]}.{nummer[9:]}")
    page.get_by_label("Einddatum").fill("")
    page.get_by_role("button", name="Voeg aanstellingsperiode toe").click()
    expect(page.get_by_text("An Verhulst is toegevoegd als algemeen directeur.")).to_be_visible()
    expect(page.get_by_role("cell", name="78.04.12-***.**")).to_be_visible()
    assert nummer not in page.content()

    page.get_by_role("link", name="Contactgegevens bewerken").click()
    page.get_by_label("E-mailadres").fill("algemeen.directeur@aalst.example")
    page.get_by_label("Telefoonnummer").fill("053 77 93 00")
    page.get_by_role("button", name="Bewaar contactgegevens").click()
    expect(page.get_by_text("algemeen.directeur@aalst.example")).to_be_visible()

    # The public site, as an anonymous visitor.
    page.context.clear_cookies()
    page.goto(live_server.url + "/leidinggevenden/publiek/")
    assert_axe(page)
    page.get_by_label("Naam van het bestuur").fill("Aalst")
    page.get_by_role("button", name="Zoek").click()
    page.get_by_role("link", name="Gemeente Aalst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leidinggevenden Gemeente Aalst")
    expect(page.get_by_role("cell", name="Verhulst")).to_be_visible()
    expect(page.get_by_role("cell", name="algemeen.directeur@aalst.example")).to_be_visible()
    html = page.content()
    assert nummer not in html and "78.04.12" not in html and "***" not in html
    assert_axe(page)

    page.goto(live_server.url + "/leidinggevenden/publiek/")
    link = page.get_by_role("link", name="CSV")
    expect(link).to_be_visible()
    body = page.request.get(live_server.url + link.get_attribute("href")).text()
    assert "Verhulst" in body and nummer not in body and not re.search(r"78\.04\.12|12-04-1978", body)
