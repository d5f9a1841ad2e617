"""Browser journeys for Toezicht: a bestuur sends a melding, ABB marks it afgehandeld. axe: 0 violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from loket import modules
from tests import factories
from toezicht.models import Melding

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    """Uploads of these journeys go to a temporary folder, not to the project's media/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def assert_accessible(page):
    """All axe rules (not only WCAG): zero violations."""
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_bestuur_sends_a_melding_and_abb_handles_it(live_server, page, reference_data, browser_login):
    aalst = factories.bestuur("Aalst")
    browser_login(page, factories.user_with_rights(aalst, "toezicht", first_name="Jan"), aalst)

    page.goto(live_server.url + "/toezicht/")
    expect(page.get_by_text("Nog geen meldingen", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Maak nieuwe melding").click()
    expect(page.get_by_role("heading", name="Melding bewerken")).to_be_visible()
    assert_accessible(page)

    # Choosing a tax regulation shows its fields at once (htmx), without losing what was typed.
    expect(page.get_by_role("button", name="Pas formulier aan")).to_be_hidden()
    page.get_by_label("Opmerking").fill("Eerste melding")
    page.get_by_label("Type dossier").select_option(label="Belastingreglement")
    expect(page.get_by_label("Soort belasting")).to_be_visible()
    page.get_by_label("Type dossier").select_option(label="Besluitenlijst")
    expect(page.get_by_label("Soort belasting")).to_have_count(0)
    expect(page.get_by_label("Opmerking")).to_have_value("Eerste melding")

    page.get_by_label("Bestuursorgaan").select_option(label="Gemeenteraad Aalst")
    page.get_by_label("Bestanden toevoegen").set_input_files(
        {"name": "besluitenlijst raad.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Bewaar als concept").last.click()
    expect(page.get_by_text("Het concept is bewaard.")).to_be_visible()
    expect(page.get_by_role("link", name="besluitenlijst raad.pdf")).to_be_visible()

    # A second file with a wrong link (sent by the upload script, with progress): the error, nothing saved, and the
    # new file kept with the form (a ticked checkbox) — it need not be chosen again.
    page.get_by_label("Bestanden toevoegen").set_input_files(
        {"name": "bijlage 2.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_label("Links naar de publicatie").fill("www.aalst.be")
    page.get_by_role("button", name="Bewaar als concept").last.click()
    expect(page.locator("#formulierfouten")).to_contain_text("geen geldige link")
    expect(page.get_by_role("checkbox", name="bijlage 2.pdf")).to_be_checked()
    expect(page.get_by_role("link", name="bijlage 2.pdf")).to_have_count(0)
    expect(page.get_by_role("link", name="besluitenlijst raad.pdf")).to_be_visible()
    expect(page.get_by_label("Links naar de publicatie")).to_have_value("www.aalst.be")
    assert_accessible(page)
    page.get_by_label("Links naar de publicatie").fill("")

    # Sending with the date missing: the concept (with the kept file) is saved, sending shows the errors.
    page.get_by_role("button", name="Verzenden").click()
    expect(page.locator("#formulierfouten")).to_contain_text("Dit veld is verplicht.")
    expect(page.get_by_role("link", name="besluitenlijst raad.pdf")).to_be_visible()
    expect(page.get_by_role("link", name="bijlage 2.pdf")).to_be_visible()
    expect(page.get_by_label("Opmerking")).to_have_value("Eerste melding")
    assert_accessible(page)

    page.get_by_label("Datum zitting/besluit").fill("2026-10-15")
    page.get_by_role("button", name="Verzenden").click()
    expect(page.get_by_text("De melding is verstuurd.")).to_be_visible()
    expect(page.locator("h1 .au-c-pill")).to_have_text("Verstuurd")
    expect(page.get_by_test_id("geschiedenis")).to_contain_text("Melding «Besluitenlijst» verstuurd.")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download ontvangstbewijs (PDF)").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"

    page.goto(live_server.url + "/toezicht/")
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("Verstuurd")
    assert_accessible(page)
    melding = Melding.objects.get()
    assert melding.status == Melding.Status.VERSTUURD

    # ABB editeur marks it afgehandeld.
    page.context.clear_cookies()
    abb = factories.abb()
    browser_login(page, factories.user_with_rights(abb, roles=[modules.ABB_EDITEUR_ROLE]), abb)
    page.goto(live_server.url + "/toezicht/abb/overzicht/")
    expect(page.locator("svg[role=img]")).to_have_count(4)
    assert_accessible(page)
    page.goto(live_server.url + "/toezicht/abb/")
    assert_accessible(page)
    page.get_by_role("link", name="Besluitenlijst").click()
    assert_accessible(page)
    page.get_by_label("Opmerking bij de behandeling").fill("Behandeld door An")
    page.get_by_role("button", name="Melding afgehandeld").click()
    expect(page.get_by_text("De melding is afgehandeld.")).to_be_visible()
    historiek = page.get_by_test_id("geschiedenis")
    expect(historiek).to_contain_text("Melding afgehandeld.")
    expect(historiek).to_contain_text("Melding «Besluitenlijst» verstuurd.")
    assert_accessible(page)
    melding.refresh_from_db()
    assert melding.review_status == Melding.ReviewStatus.AFGEHANDELD


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_melding_form_works_without_javascript(live_server, browser, reference_data, browser_login):
    gent = factories.bestuur("Gent")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    browser_login(page, factories.user_with_rights(gent, "toezicht"), gent)
    page.goto(live_server.url + "/toezicht/")
    page.get_by_role("button", name="Maak nieuwe melding").click()

    page.get_by_label("Opmerking").fill("Zonder JavaScript")
    page.get_by_label("Type dossier").select_option(label="Belastingreglement")
    page.get_by_role("button", name="Pas formulier aan").click()
    expect(page.get_by_label("Soort belasting")).to_be_visible()
    expect(page.get_by_label("Opmerking")).to_have_value("Zonder JavaScript")

    page.get_by_label("Bestuursorgaan").select_option(label="Gemeenteraad Gent")
    page.get_by_label("Datum zitting/besluit").fill("2026-10-15")
    page.get_by_label("Datum publicatie").fill("2026-10-20")
    page.get_by_label("Soort belasting").select_option(label="Kohierbelasting")
    page.get_by_label("MAR-code").select_option("7304")
    page.get_by_label("Opcentiem").fill("7")
    page.get_by_label("Geldt vanaf").fill("2027-01-01")
    page.get_by_label("Links naar de publicatie").fill("https://www.gent.be/belastingreglement")
    page.get_by_role("button", name="Verzenden").click()
    expect(page.get_by_text("De melding is verstuurd.")).to_be_visible()
    melding = Melding.objects.get(bestuur=gent)
    assert (
        melding.status == Melding.Status.VERSTUURD and melding.opcentiem == 7 and melding.mar_code == "7304"
    )
    context.close()
