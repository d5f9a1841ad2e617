"""Browser journeys of the foundation: mock login -> dashboard -> switch bestuur, with axe on each page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True  # the mock login exists only with DEBUG on


def mock_login(page, base_url, zoek, bestuur_label, rechten=None):
    page.goto(f"{base_url}/aanmelden/test/")
    page.get_by_label("Zoek een bestuur").fill(zoek)
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name=bestuur_label).click()
    page.get_by_label("Voornaam").fill("Jan")
    page.get_by_label("Achternaam").fill("Peeters")
    if rechten is not None:
        for checkbox in page.get_by_role("checkbox").all():
            checkbox.set_checked(
                checkbox.evaluate("e => e.parentElement.textContent.trim()") in rechten, force=True
            )
    assert_accessible(page)
    page.get_by_role("button", name="Aanmelden").click()


def test_public_start_page(live_server, page, reference_data):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Loket voor Lokale Besturen")
    expect(page.get_by_role("link", name="Aanmelden").first).to_be_visible()
    assert_accessible(page)
    for slug in ["disclaimer", "cookieverklaring", "toegankelijkheidsverklaring", "contact"]:
        page.goto(f"{live_server.url}/info/{slug}/")
        assert_accessible(page)


def test_mock_login_dashboard_and_switch(live_server, page, reference_data, debug_on):
    mock_login(page, live_server.url, "Aalst", "Aalst (Gemeente)", rechten=["Toezicht", "Berichtencentrum"])
    expect(page.get_by_test_id("actief-bestuur")).to_have_text("Gemeente Aalst")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeente Aalst")
    expect(page.get_by_role("link", name="Toezicht", exact=True).last).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Mandatenbeheer")).to_have_count(0)
    assert_accessible(page)

    # The same person logs in for a second bestuur: the switcher now offers both.
    mock_login(page, live_server.url, "Gent", "Gent (Gemeente)", rechten=["Databank leidinggevenden"])
    expect(page.get_by_test_id("actief-bestuur")).to_have_text("Gemeente Gent")
    page.get_by_label("Wissel van bestuur").select_option(label="Gemeente Aalst (Gemeente)")
    page.get_by_role("button", name="Wissel bestuur").click()
    expect(page.get_by_test_id("actief-bestuur")).to_have_text("Gemeente Aalst")
    expect(page.get_by_text("U werkt nu voor Gemeente Aalst.")).to_be_visible()
    assert_accessible(page)

    # A module of the other bestuur is refused while this one is active.
    page.goto(live_server.url + "/leidinggevenden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    assert_accessible(page)


def test_usable_on_a_phone(live_server, browser, reference_data, debug_on):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    mock_login(page, live_server.url, "Aalst", "Aalst (Gemeente)")
    expect(page.get_by_test_id("actief-bestuur")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"horizontal scroll of {overflow}px on a phone"
    context.close()
