"""The one upload script (static/js/upload.js) on every upload form: the size limit is checked in the browser before
anything is sent, so a 120 MB file is refused at once; a good file is sent with a progress bar."""

import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from loket import modules
from tests import factories
from tests.bbcdr.factories import rapport
from tests.berichten.factories import gesprek_met_vraag
from tests.toezicht.factories import MeldingFactory
from toezicht.models import Melding

from .conftest import WCAG_AA

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LIMIET = 100 * 1024 * 1024


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    settings.LOKET_MAX_UPLOAD_BYTES = LIMIET  # the default: 100 MB


@pytest.fixture
def groot_bestand(tmp_path):
    """A 120 MB file (sparse: instant to make); Chromium gets its path, nothing is copied."""
    path = tmp_path / "verslag 2026.pdf"
    with open(path, "wb") as handle:
        handle.truncate(120 * 1024 * 1024)
    return path


def posts_naar(page):
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    return posts


def weigert_meteen(page, input_locator, path, knop):
    """Choose the big file: the message names it at once, and clicking the button sends nothing."""
    posts = posts_naar(page)
    start = time.monotonic()
    input_locator.set_input_files(str(path))
    melding = page.locator(f"#{input_locator.get_attribute('id')}-upload-fout")
    expect(melding).to_have_text(
        "Het bestand «verslag 2026.pdf» is te groot (120,0 MB); de limiet is 100,0 MB. "
        + (
            "Kies de bestanden opnieuw."
            if input_locator.get_attribute("multiple") is not None
            else "Kies het bestand opnieuw."
        )
    )
    seconden = time.monotonic() - start
    knop.click()
    expect(input_locator).to_be_focused()
    page.wait_for_timeout(300)
    assert posts == [], posts
    assert input_locator.get_attribute("aria-invalid") == "true"
    assert f"{input_locator.get_attribute('id')}-upload-fout" in input_locator.get_attribute(
        "aria-describedby"
    )
    results = Axe().run(page, options=WCAG_AA)
    assert not results.response["violations"], results.generate_report()
    return seconden


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_every_upload_form_refuses_a_120_mb_file_before_sending(
    live_server, page, reference_data, browser_login, groot_bestand
):
    aalst = factories.bestuur("Aalst")
    browser_login(
        page, factories.user_with_rights(aalst, "toezicht", "berichten", "bbcdr", first_name="Jan"), aalst
    )
    melding = MeldingFactory(bestuur=aalst, status=Melding.Status.CONCEPT)
    gesprek = gesprek_met_vraag(aalst)
    r = rapport(aalst, xml=False, xbrl=False)
    tijden = {}

    page.goto(f"{live_server.url}/toezicht/{melding.uuid}/bewerken/")
    for field in page.locator("input[type=file]").all():
        assert field.get_attribute("data-max-bytes") == str(LIMIET)
    veld = page.get_by_label("Bestanden toevoegen")
    tijden["toezicht"] = weigert_meteen(
        page, veld, groot_bestand, page.get_by_role("button", name="Bewaar als concept").last
    )
    assert not melding.bestanden.exists()
    # Another, good file: the message goes, the form is sent (with progress) and the file is stored.
    veld.set_input_files({"name": "besluit.pdf", "mimeType": "application/pdf", "buffer": PDF})
    expect(page.locator("#id_bestanden-upload-fout")).to_be_hidden()
    page.get_by_role("button", name="Bewaar als concept").last.click()
    expect(page.get_by_text("Het concept is bewaard.")).to_be_visible()
    expect(page.get_by_role("link", name="besluit.pdf")).to_be_visible()
    assert page.url.endswith(f"/toezicht/{melding.uuid}/bewerken/")

    page.goto(f"{live_server.url}/berichten/{gesprek.uuid}/")
    page.get_by_label("Uw bericht").fill("Ons antwoord")
    tijden["berichten"] = weigert_meteen(
        page,
        page.get_by_label("Bijlagen"),
        groot_bestand,
        page.get_by_role("button", name="Verstuur bericht"),
    )
    expect(page.get_by_label("Uw bericht")).to_have_value("Ons antwoord")

    page.goto(f"{live_server.url}/bbcdr/{r.uuid}/")
    for field in page.locator("input[type=file]").all():
        assert field.get_attribute("data-max-bytes") == str(LIMIET)
    tijden["bbcdr"] = weigert_meteen(
        page,
        page.get_by_label("Kies het XML-bestand"),
        groot_bestand,
        page.get_by_role("button", name="Bewaar", exact=True),
    )

    # ABB's new conversation form has it too.
    page.context.clear_cookies()
    abb = factories.abb()
    browser_login(page, factories.user_with_rights(abb, roles=[modules.ABB_EDITEUR_ROLE]), abb)
    page.goto(f"{live_server.url}/berichten/abb/nieuw/")
    tijden["berichten-abb"] = weigert_meteen(
        page,
        page.get_by_label("Bijlagen"),
        groot_bestand,
        page.get_by_role("button", name="Verstuur bericht"),
    )
    print("Geweigerd na (s):", {k: round(v, 2) for k, v in tijden.items()})
    assert max(tijden.values()) < 2
