"""Browser journey: an ABB functioneel beheerder works as Gemeente Aalst (banner on every page) and stops;
axe finds no violations on Gebruikers en rechten and on the audit trail."""

import pytest
from playwright.sync_api import expect

from loket import audit, modules
from tests import factories
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_admin_works_as_a_bestuur_and_stops(live_server, page, reference_data, browser_login):
    admin = factories.user_with_rights(
        factories.abb(), roles=[modules.ADMIN_ROLE], first_name="Ann", last_name="Beheerder"
    )
    browser_login(page, admin, factories.abb())

    page.goto(live_server.url + "/dashboard/")
    page.get_by_role("navigation", name="Modules").get_by_role("link", name="Beheer", exact=True).click()
    page.get_by_role("link", name="Werken als een bestuur").click()
    page.get_by_label("Zoek een bestuur").fill("Aalst")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Aalst (Gemeente)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werken als Gemeente Aalst")
    expect(page.get_by_label("Toezicht")).to_be_checked()
    page.locator("label").filter(has_text="Berichtencentrum").click()  # the styled checkbox: click its label
    expect(page.get_by_label("Berichtencentrum")).not_to_be_checked()
    page.get_by_role("button", name="Werk als dit bestuur").click()

    banner = page.get_by_test_id("impersonatie-banner")
    expect(banner).to_contain_text("U werkt als Gemeente Aalst")
    expect(page.get_by_test_id("actief-bestuur")).to_have_text("Gemeente Aalst")
    nav = page.get_by_role("navigation", name="Modules")
    expect(nav.get_by_role("link", name="Berichtencentrum")).to_have_count(0)
    expect(nav.get_by_role("link", name="Beheer", exact=True)).to_have_count(0)
    nav.get_by_role("link", name="Databank leidinggevenden").click()
    expect(page.get_by_test_id("impersonatie-banner")).to_contain_text("U werkt als Gemeente Aalst")
    assert_accessible(page)

    page.get_by_test_id("impersonatie-banner").get_by_role("button", name="Stoppen").click()
    expect(page.get_by_text("U werkt niet meer als Gemeente Aalst.")).to_be_visible()
    expect(page.get_by_test_id("impersonatie-banner")).to_have_count(0)
    expect(page.get_by_test_id("actief-bestuur")).to_have_text("Agentschap Binnenlands Bestuur")

    page.goto(live_server.url + "/beheer/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audittrail")
    expect(page.get_by_role("cell", name="Impersonatie gestart Aanmelden en rechten")).to_be_visible()
    expect(page.get_by_role("cell", name="Impersonatie gestopt Aanmelden en rechten")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Bestuur", exact=True).fill("Aalst")
    page.locator("label").filter(has_text="Alleen acties als een bestuur").click()
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("cell", name="Impersonatie gestart Aanmelden en rechten")).to_be_visible()
    assert_accessible(page)


def test_gebruikers_en_rechten_is_accessible(live_server, page, reference_data, browser_login):
    aalst = factories.bestuur("Aalst")
    beheerder = factories.user_with_rights(
        aalst, "gebruikers", "toezicht", first_name="Lies", last_name="Beheer"
    )
    factories.user_with_rights(
        aalst, "bbcdr", roles=["LoketLB-toekomstig"], first_name="Jan", last_name="Peeters"
    )
    audit.record(user=beheerder, bestuur=aalst, actie="accounts.aangemeld", omschrijving="Aangemeld")
    browser_login(page, beheerder, aalst)
    page.goto(live_server.url + "/gebruikers-en-rechten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikers en rechten")
    expect(page.get_by_role("rowheader", name="Jan Peeters")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Module", exact=True).select_option(label="BBC digitale rapportering")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("rowheader", name="Jan Peeters")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Lies Beheer")).to_have_count(0)
    assert_accessible(page)
    page.goto(live_server.url + "/mijn-aanmelding/")
    assert_accessible(page)
