"""Browser journey for the Berichtencentrum: ABB starts an opvraging, the bestuur sees it unread, opens it and
replies with a PDF, ABB sees the reply. axe: 0 violations on the inbox and the conversation."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from berichten.models import Gesprek, Partij
from loket import modules
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def assert_accessible(page):
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_abb_asks_bestuur_answers_with_attachment(live_server, page, browser, reference_data, browser_login):
    aalst = factories.bestuur("Aalst")
    abb_user = factories.user_with_rights(
        factories.abb(), roles=[modules.ABB_EDITEUR_ROLE], first_name="Anna"
    )
    browser_login(page, abb_user, factories.abb())

    # ABB starts an opvraging with a PDF.
    page.goto(live_server.url + "/berichten/abb/nieuw/")
    assert_accessible(page)
    page.get_by_label("Zoek een bestuur in de lijst").fill("aalst (gemeente")  # narrows the long list
    expect(page.get_by_text("1 bestuur gevonden.")).to_be_visible()
    expect(page.locator("#id_bestuur")).to_have_value(str(aalst.pk))
    page.get_by_label("Type communicatie").select_option(label="Opvraging")
    page.get_by_label("Dossiernummer").fill("OPV2026.000123")
    page.get_by_label("Reactietermijn (dagen)").fill("30")
    page.get_by_label("Bericht").fill("Gelieve het volledige dossier te bezorgen.")
    page.get_by_label("Bijlagen").set_input_files(
        {"name": "opvraging.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    # Betreft forgotten: the error, and nothing typed or chosen is lost (the file is kept on the server).
    page.get_by_role("button", name="Verstuur bericht").click()
    expect(page.locator("#formulierfouten")).to_contain_text("Betreft")
    expect(page.locator("#formulierfouten")).to_be_focused()
    expect(page.get_by_label("Bericht")).to_have_value("Gelieve het volledige dossier te bezorgen.")
    expect(page.get_by_role("checkbox", name=re.compile("opvraging.pdf"))).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Betreft").fill("Opvraging dossier retributiereglement")
    page.get_by_role("button", name="Verstuur bericht").click()
    expect(page.get_by_text("Het bericht is verstuurd naar Gemeente Aalst.")).to_be_visible()
    expect(page.get_by_role("link", name="opvraging.pdf")).to_be_visible()

    # The bestuur sees it unread in its inbox.
    bestuur_context = browser.new_context()
    bestuur = bestuur_context.new_page()
    browser_login(bestuur, factories.user_with_rights(aalst, "berichten", first_name="Sofie"), aalst)
    bestuur.goto(live_server.url + "/berichten/")
    rij = bestuur.get_by_test_id("gesprek-rij").filter(has_text="Opvraging dossier retributiereglement")
    expect(rij.get_by_test_id("ongelezen")).to_be_visible()
    assert_accessible(bestuur)

    # Opening it marks it read; the attachment downloads through the rights-checked view.
    rij.get_by_role("link", name="Opvraging dossier retributiereglement").click()
    expect(bestuur.get_by_role("heading", level=1)).to_have_text("Opvraging dossier retributiereglement")
    with bestuur.expect_download() as download:
        bestuur.get_by_role("link", name="opvraging.pdf").click()
    assert download.value.suggested_filename == "opvraging.pdf"
    assert_accessible(bestuur)

    # The send button explains what is missing and sends nothing yet.
    uitleg = bestuur.locator("#verstuur-uitleg")
    expect(uitleg).to_have_text("U kunt nog niet versturen: voeg een tekst en minstens één bijlage toe.")
    bestuur.get_by_label("Uw bericht").fill("In bijlage ons antwoord.")
    expect(uitleg).to_have_text("U kunt nog niet versturen: voeg minstens één bijlage toe.")
    knop = bestuur.get_by_role("button", name="Verstuur bericht")
    expect(knop).to_be_disabled()  # aria-disabled: still focusable, so the explanation can be read
    knop.click(force=True)
    expect(bestuur.get_by_label("Bijlagen")).to_be_focused()

    # A refused file: the error names it, the typed text stays.
    bestuur.get_by_label("Bijlagen").set_input_files(
        {"name": "antwoord.pdf", "mimeType": "application/pdf", "buffer": b"geen pdf"}
    )
    expect(uitleg).to_have_text("")
    bestuur.get_by_role("button", name="Verstuur bericht").click()
    expect(bestuur.locator("#formulierfouten")).to_contain_text("antwoord.pdf")
    expect(bestuur.get_by_label("Uw bericht")).to_have_value("In bijlage ons antwoord.")
    assert_accessible(bestuur)

    bestuur.get_by_label("Bijlagen").set_input_files(
        {"name": "antwoord.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    bestuur.get_by_role("button", name="Verstuur bericht").click()
    expect(bestuur.get_by_text("Uw antwoord is verstuurd")).to_be_visible()
    expect(bestuur.get_by_test_id("bericht")).to_have_count(2)
    gesprek = Gesprek.objects.get(dossiernummer="OPV2026.000123")
    assert gesprek.laatste_bericht_van == Partij.BESTUUR and gesprek.berichten.count() == 2
    bestuur.goto(live_server.url + "/berichten/")
    expect(bestuur.get_by_test_id("ongelezen")).to_have_count(0)
    bestuur.get_by_role("link", name="Configureer berichtencentrum").click()
    expect(bestuur.get_by_role("heading", name="Configureer berichtencentrum")).to_be_visible()
    assert_accessible(bestuur)
    bestuur_context.close()

    # ABB sees the reply, marked new in its list.
    page.goto(live_server.url + "/berichten/abb/")
    rij = page.get_by_test_id("gesprek-rij").filter(has_text="Opvraging dossier retributiereglement")
    expect(rij.get_by_test_id("ongelezen")).to_be_visible()
    assert_accessible(page)
    rij.get_by_role("link", name="Opvraging dossier retributiereglement").click()
    expect(page.get_by_text("In bijlage ons antwoord.")).to_be_visible()
    expect(page.get_by_role("link", name="antwoord.pdf")).to_be_visible()
    assert_accessible(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_lived_in_pages_are_accessible(live_server, page, browser, reference_data, browser_login):
    """With the demo conversations (unread, overdue, answered): inbox, conversation and ABB list, axe 0."""
    from berichten import demo

    demo.load(log=lambda *_: None)
    aalst = factories.bestuur("Aalst")
    browser_login(page, factories.user_with_rights(aalst, "berichten"), aalst)
    page.goto(live_server.url + "/berichten/")
    expect(page.get_by_test_id("te-laat")).to_have_count(1)
    expect(page.get_by_test_id("ongelezen")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role(
        "link", name="Klacht tegen het besluit over het parkeerbeleid: toezichtsbeslissing"
    ).click()
    expect(page.get_by_test_id("bericht")).to_have_count(3)
    assert_accessible(page)
    page.goto(live_server.url + "/berichten/?type_communicatie=opvraging&q=notulen")
    expect(page.get_by_test_id("gesprek-rij")).to_have_count(1)

    abb = browser.new_context().new_page()
    browser_login(
        abb, factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE]), factories.abb()
    )
    abb.goto(live_server.url + "/berichten/abb/?status=te_laat")
    expect(abb.get_by_test_id("gesprek-rij")).to_have_count(1)
    abb.goto(live_server.url + "/berichten/abb/")
    expect(abb.get_by_test_id("gesprek-rij")).to_have_count(5)
    assert_accessible(abb)
    abb.context.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_answering_works_without_javascript(live_server, browser, reference_data, browser_login):
    from tests.berichten.factories import gesprek_met_vraag

    gent = factories.bestuur("Gent")
    gesprek = gesprek_met_vraag(gent, betreft="Opvraging zonder JavaScript")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    browser_login(page, factories.user_with_rights(gent, "berichten"), gent)
    page.goto(live_server.url + f"/berichten/{gesprek.uuid}/")
    page.get_by_label("Bijlagen").set_input_files(
        {"name": "antwoord.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Verstuur bericht").click()  # no text: the server refuses, keeps the file
    expect(page.locator("#formulierfouten")).to_contain_text("Geef een tekst voor uw bericht.")
    expect(page.get_by_role("checkbox", name=re.compile("antwoord.pdf"))).to_be_checked()
    page.get_by_label("Uw bericht").fill("Zonder JavaScript verstuurd.")
    page.get_by_role("button", name="Verstuur bericht").click()
    expect(page.get_by_text("Uw antwoord is verstuurd")).to_be_visible()
    expect(page.get_by_role("link", name="antwoord.pdf")).to_be_visible()
    context.close()
