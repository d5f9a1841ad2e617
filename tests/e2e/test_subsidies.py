"""Browser journey for Subsidies: Aalst starts a measure, saves a concept with errors, sends step 1, step 2 opens,
the server refuses a send after step 2's deadline (time-machine), ABB asks for an aanvulling on step 1, Aalst
completes and resends it. axe: 0 violations (WCAG 2.1 A/AA) on every page of the journey."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from loket import modules
from subsidies.models import Aanvraag, AanvraagStatus, FormulierStatus
from tests import factories
from tests.e2e.conftest import assert_accessible
from tests.subsidies.factories import reeks


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_subsidy_journey(live_server, page, browser, reference_data, browser_login):
    aalst = factories.bestuur("Aalst")
    nu = timezone.now()
    r = reeks(stappen=2, titel="Testmaatregel lokaal talent")
    verantwoording = r.stappen.get(volgorde=1)
    verantwoording.einde = nu + timedelta(minutes=5)  # step 2 closes soon: the journey crosses its deadline
    verantwoording.save()
    browser_login(
        page, factories.user_with_rights(aalst, "subsidies", first_name="Els", last_name="Peeters"), aalst
    )
    page.set_viewport_size({"width": 375, "height": 800})

    page.goto(live_server.url + "/subsidies/")
    expect(page.get_by_test_id("leeg")).to_contain_text("Geen subsidieaanvragen gevonden")
    assert_accessible(page)
    page.get_by_role("link", name="Vraag nieuwe subsidie aan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beschikbare subsidiemaatregelen")
    assert_accessible(page)
    page.get_by_test_id("maatregel-rij").filter(has_text="Testmaatregel lokaal talent").get_by_role(
        "button", name=re.compile("Start aanvraag")
    ).click()
    expect(page.get_by_text("is gestart als concept")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Concept")
    # A conditional field shows only when its condition holds (JavaScript; the server decides anyway).
    andere = page.get_by_label(re.compile("^Indien 'andere'"))
    expect(andere).to_be_hidden()
    page.get_by_label("Andere", exact=True).check(force=True)
    expect(andere).to_be_visible()
    page.get_by_label("A", exact=True).check(force=True)
    expect(andere).to_be_hidden()

    # A concept with errors is saved as it is.
    page.get_by_label(re.compile("^IBAN")).fill("BE00 1234")
    page.get_by_label("Motivatie").fill("Een motivatie die veel te lang is.")
    page.get_by_role("button", name="Bewaar als concept").last.click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()
    expect(page.get_by_label(re.compile("^IBAN"))).to_have_value("BE00 1234")
    # Sending shows every error at once, with the real messages; nothing typed is lost.
    page.get_by_role("button", name="Verstuur naar de Vlaamse overheid").click()
    fouten = page.locator("#formulierfouten")
    expect(fouten).to_contain_text("Dit veld is verplicht.")
    expect(fouten).to_contain_text("Geef een geldig IBAN op.")
    expect(fouten).to_contain_text("Max. karakters overschreden.")
    expect(page.get_by_label("Motivatie")).to_have_value("Een motivatie die veel te lang is.")
    assert_accessible(page)

    page.get_by_label(re.compile("^Naam contactpersoon")).fill("Els Peeters")
    page.get_by_label(re.compile("^IBAN")).fill("BE68 5390 0754 7034")
    page.get_by_label("Motivatie").fill("Sterk profiel.")
    page.get_by_role("button", name="Voeg rij toe").click()  # without JavaScript: a submit that adds a row
    page.get_by_label("Instantie (rij 1)").fill("Vlaamse overheid")
    page.get_by_label("Bedrag (rij 1)").fill("1.250,50")
    page.get_by_role("button", name="Verstuur naar de Vlaamse overheid").click()
    expect(page.get_by_text("De subsidiestap werd verstuurd.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Actief - Verantwoording")
    expect(page.get_by_test_id("stap-1").get_by_test_id("toestand")).to_have_text("Verstuurd")
    expect(page.get_by_test_id("stap-2").get_by_test_id("toestand")).to_have_text("Actief")
    expect(page.get_by_label(re.compile("^Naam contactpersoon"))).to_have_value(
        "Els Peeters"
    )  # taken over from step 1
    assert_accessible(page)

    # After step 2's deadline the server refuses the send (the form stays a concept).
    with time_machine.travel(nu + timedelta(minutes=10), tick=True):
        page.get_by_role("button", name="Verstuur naar de Vlaamse overheid").click()
        expect(page.get_by_text("De deadline voor deze stap is verstreken.").first).to_be_visible()
    aanvraag = Aanvraag.objects.get(bestuur=aalst)
    assert aanvraag.formulieren.get(stap=verantwoording).status == FormulierStatus.CONCEPT

    # ABB sees the dossier and asks for an aanvulling on step 1.
    abb_context = browser.new_context()
    abb = abb_context.new_page()
    browser_login(
        abb, factories.user_with_rights(factories.abb(), roles=[modules.ABB_EDITEUR_ROLE]), factories.abb()
    )
    abb.goto(live_server.url + "/subsidies/abb/")
    assert_accessible(abb)
    abb.get_by_test_id("aanvraag-rij").filter(has_text="Aalst").get_by_role("link").click()
    abb.get_by_test_id("stap-1").get_by_role("link").click()
    expect(abb.get_by_text("Els Peeters").first).to_be_visible()
    abb.get_by_label("Aanvulling gevraagd").check(force=True)
    abb.get_by_label("Bericht voor het bestuur").fill("Voeg ook de beslissing van de algemeen directeur toe.")
    abb.get_by_role("button", name="Bewaar beoordeling").click()
    expect(abb.get_by_text("De beoordeling is bewaard")).to_be_visible()
    assert_accessible(abb)

    # Aalst sees the message, completes step 1 and sends it again.
    page.goto(live_server.url + f"/subsidies/{aanvraag.uuid}/stappen/{r.stappen.get(volgorde=0).uuid}/")
    expect(page.get_by_test_id("aanvulling")).to_contain_text(
        "Voeg ook de beslissing van de algemeen directeur toe."
    )
    page.get_by_label("Beslissing").set_input_files(
        {
            "name": "beslissing.pdf",
            "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n",
        }
    )
    assert_accessible(page)
    page.get_by_role("button", name="Verstuur naar de Vlaamse overheid").click()
    expect(page.get_by_text("De subsidiestap werd verstuurd.")).to_be_visible()
    aanvraag.refresh_from_db()
    eerste = aanvraag.formulieren.get(stap__volgorde=0)
    assert eerste.status == FormulierStatus.VERSTUURD and eerste.bijlagen.get().naam == "beslissing.pdf"
    assert aanvraag.status == AanvraagStatus.ACTIEF
    abb_context.close()
