"""Browser journey for BBC-DR: upload XML + XBRL -> send -> status verstuurd -> receipt; ABB gives feedback.

axe (all rules): 0 violations on every page visited.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from bbcdr.models import Rapport
from tests import factories
from tests.bbcdr.factories import abb_user, bbcdr_user

CORPUS = Path(__file__).parent.parent / "bbcdr" / "corpus"


def assert_accessible(page):
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


@pytest.fixture
def outbox(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
        "bbcdr_outbox": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "outbox")},
        },
    }
    settings.BBCDR_OUTBOX_STORAGE = "bbcdr_outbox"
    return tmp_path / "outbox"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_upload_pair_send_and_receipt(live_server, page, reference_data, browser_login, outbox):
    aalst = factories.bestuur("Aalst")
    browser_login(page, bbcdr_user(aalst, first_name="Els", last_name="Claes"), aalst)

    page.goto(live_server.url + "/bbcdr/")
    expect(page.get_by_role("heading", name="BBC digitale rapportering")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Nieuw rapport").click()
    expect(page.get_by_role("heading", name="Rapport (concept)")).to_be_visible()
    expect(page.get_by_role("button", name="Verstuur naar de Vlaamse overheid")).to_be_disabled()
    assert_accessible(page)

    # A hostile file is refused with a message naming it; nothing else changes.
    page.get_by_label("Kies het XML-bestand").set_input_files(str(CORPUS / "xxe.xml"))
    page.get_by_role("button", name="Bewaar", exact=True).click()
    expect(page.locator("#formulierfouten")).to_contain_text("«xxe.xml» verwijst naar een externe entiteit")
    assert_accessible(page)

    # Leaving with a chosen but unsaved file warns (static/js/loket.js, form[data-warn-unsaved]).
    page.mouse.click(5, 300)  # a user gesture: browsers only warn on pages the user interacted with
    page.get_by_label("Kies het XBRL-bestand").set_input_files(str(CORPUS / "geldig.xbrl"))
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Terug naar de rapporten").click()
    expect(page.get_by_role("heading", name="Rapport (concept)")).to_be_visible()
    assert dialogs == ["beforeunload"]
    page.get_by_label("Kies het XBRL-bestand").set_input_files([])

    # One file at a time.
    page.get_by_label("Kies het XML-bestand").set_input_files(str(CORPUS / "geldig.xml"))
    page.get_by_role("button", name="Bewaar", exact=True).click()
    expect(page.get_by_text("«geldig.xml» is bewaard als XML-bestand.")).to_be_visible()
    expect(page.get_by_role("button", name="Verstuur naar de Vlaamse overheid")).to_be_disabled()
    page.get_by_label("Kies het XBRL-bestand").set_input_files(str(CORPUS / "geldig.xbrl"))
    page.get_by_role("button", name="Bewaar", exact=True).click()
    expect(page.get_by_text("«geldig.xbrl» is bewaard als XBRL-bestand.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Verstuur naar de Vlaamse overheid").click()
    expect(page.get_by_text("Het rapport is verstuurd naar de Vlaamse overheid.")).to_be_visible()
    expect(page.get_by_role("heading", name="Verstuurd rapport")).to_be_visible()
    expect(page.locator(".loket-dl .au-c-pill").first).to_have_text("Verstuurd")
    expect(page.get_by_text("Afgeleverd", exact=True)).to_be_visible()
    expect(page.locator('input[type="file"]')).to_have_count(0)
    assert_accessible(page)
    page.set_viewport_size(
        {"width": 390, "height": 800}
    )  # on a phone the files table scrolls: still accessible
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    with page.expect_download() as download:
        page.get_by_role("link", name="Download het ontvangstbewijs (PDF)").click()
    assert download.value.suggested_filename.startswith("ontvangstbewijs-bbcdr-")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    rapport = Rapport.objects.get()
    assert rapport.status == Rapport.Status.VERSTUURD
    assert (outbox / rapport.pakket_naam).exists()

    page.goto(live_server.url + "/bbcdr/")
    row = page.get_by_role("row").filter(has_text="geldig.xml + geldig.xbrl")
    expect(row).to_contain_text("Els Claes")
    expect(row).to_contain_text("Verstuurd")

    # ABB reviews it; the bestuur sees the remark.
    abb = factories.abb()
    page.context.clear_cookies()
    browser_login(page, abb_user(edit=True), abb)
    page.goto(live_server.url + "/bbcdr/abb/")
    assert_accessible(page)
    page.get_by_role("link", name="geldig.xml + geldig.xbrl").click()
    page.locator("label[for=id_status_0]").click()  # the styled radio: click its label, as a user does
    expect(page.get_by_label("Opmerking", exact=True)).to_be_checked()
    page.get_by_label("Opmerking voor het bestuur").fill("Het XBRL-bestand mist schema T2.")
    assert_accessible(page)
    page.get_by_role("button", name="Bewaar de beoordeling").click()
    expect(page.get_by_text("De beoordeling is bewaard")).to_be_visible()
    historiek = page.get_by_test_id("geschiedenis")
    expect(historiek).to_contain_text("BBC-DR-rapport van Gemeente Aalst: Opmerking.")
    expect(historiek).to_contain_text("XML-bestand «geldig.xml» opgeladen.")
    expect(historiek).to_contain_text("afgeleverd")
    assert_accessible(page)
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.OPMERKING
