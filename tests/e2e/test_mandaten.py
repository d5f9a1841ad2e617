"""Browser journey: a gemeente adds a schepen (new person) with a beleidsdomein and a fractie; the schepen
appears in the beheer list and in the public mandatendatabank, without the rijksregisternummer; axe: 0 violations."""

import pytest
from playwright.sync_api import expect

from mandaten import codes
from tests import factories
from tests.e2e.conftest import assert_accessible
from tests.mandaten import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_add_schepen_appears_in_list_and_public_databank(live_server, page, reference_data, browser_login):
    aalst = factories.bestuur("Aalst")
    user = factories.user_with_rights(aalst, "mandaten")
    f.FractieFactory(bestuur=aalst, naam="Groen Aalst", fractietype=f.fractietype(codes.SAMENWERKINGSVERBAND))
    browser_login(page, user, aalst)

    page.goto(live_server.url + "/mandaten/?periode=2025-2030")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mandatenbeheer")
    expect(page.get_by_role("heading", name="College van Burgemeester en Schepenen Aalst")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Mandataris toevoegen").click()
    page.get_by_label("Naam of rijksregisternummer").fill("Jana Doms")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text('Geen personen gevonden voor "Jana Doms".')).to_be_visible()
    expect(page.get_by_label("Voornaam")).to_have_value("Jana")
    page.get_by_role("textbox", name="Rijksregisternummer").fill("85.07.30-033.28")
    assert_accessible(page)
    page.get_by_role("button", name="Persoon aanmaken").click()
    expect(page.get_by_text("Jana Doms is aangemaakt.")).to_be_visible()
    expect(page.get_by_text("85.07.30-***.**")).to_be_visible()

    # First a mistake: a gemeenteraadslid cannot get a rangorde or beleidsdomeinen; all errors at once.
    page.get_by_label("Mandaat").select_option(label="Gemeenteraadslid – Gemeenteraad Aalst")
    page.get_by_label("Startdatum").fill("2020-01-01")
    page.get_by_label("Rangorde").fill("1")
    page.get_by_label("Cultuur", exact=True).check(force=True)  # the styled indicator covers the input
    page.get_by_role("button", name="Bewaren").click()
    errors = page.locator("#formulierfouten")
    expect(errors).to_contain_text("De startdatum moet binnen de bestuursperiode 2025–2030 liggen")
    expect(errors).to_contain_text("Een rangorde kan enkel voor een schepen.")
    expect(errors).to_contain_text("Beleidsdomeinen kunnen enkel voor een schepen of een burgemeester.")
    expect(errors).to_contain_text("Kies de status van het mandaat.")  # no status chosen for the user
    expect(page.get_by_label("Cultuur", exact=True)).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Mandaat").select_option(label="Schepen – College van Burgemeester en Schepenen Aalst")
    page.get_by_label("Startdatum").fill("2025-01-02")
    page.get_by_label("Fractie").select_option(label="Groen Aalst")
    page.get_by_label("Status").select_option(label="Effectief")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_text("Jana Doms is toegevoegd als Schepen.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Jana Doms")
    expect(row).to_contain_text("Eerste schepen")
    expect(row).to_contain_text("Groen Aalst")
    expect(row).to_contain_text("Cultuur")
    assert_accessible(page)

    # The edit page shows the shared history: the addition, by whom; never the rijksregisternummer.
    row.get_by_role("link", name="Bewerken").click()
    expect(page.get_by_test_id("geschiedenis")).to_contain_text("Mandataris Jana Doms – Schepen aangemaakt")
    expect(page.get_by_test_id("geschiedenis")).to_contain_text(f"door {user.get_full_name()}")
    assert "033.28" not in page.content()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(live_server.url + "/mandaten/publiek/?q=Aalst")
    page.get_by_role("link", name="Gemeente Aalst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeente Aalst")
    row = page.get_by_role("row").filter(has_text="Jana Doms")
    expect(row).to_contain_text("Eerste schepen")
    expect(row).to_contain_text("Groen Aalst")
    expect(row).to_contain_text("Cultuur")
    expect(row).to_contain_text("02-01-2025")
    assert "85.07.30" not in page.content()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 800})  # a phone: the tables scroll, still accessible
    assert_accessible(page)
