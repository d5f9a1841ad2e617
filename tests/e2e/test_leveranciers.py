"""Browser journey: a vendor posts a melding (real HTTP to the live server, the page served by a loopback web
server, tasks eager); it appears in the bestuur's toezicht list and in ABB's queue and processing pages. axe: 0."""

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from leveranciers import services
from leveranciers.models import STATUS_INZENDBAAR
from loket import modules
from tests import factories
from tests.leveranciers.conftest import besluitpagina, publicaties  # noqa: F401 (fixture)
from toezicht.models import BesluitType


def assert_accessible(page):
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_vendor_melding_reaches_the_bestuur_list_and_the_abb_queue(
    live_server,
    page,
    reference_data,
    browser_login,
    publicaties,  # noqa: F811
):
    aalst = factories.bestuur("Aalst")
    orgaan = aalst.organen.filter(naam__istartswith="Gemeenteraad").order_by("naam").first()
    besluitenlijst = BesluitType.objects.get(label="Besluitenlijst")
    leverancier, sleutel = services.maak_leverancier(
        naam="Notulensoft", uri="http://data.lblod.info/vendors/e2e"
    )
    services.voeg_bestuur_toe(leverancier=leverancier, bestuur=aalst)
    resource = "https://besluiten.aalst.be/id/besluitenlijst/e2e"
    publicaties.zet(
        "/besluitenlijst.html",
        (
            200,
            "text/html",
            besluitpagina(resource=resource, orgaan_uri=orgaan.uri, type_uri=besluitenlijst.uri),
            {},
        ),
    )
    response = requests.post(
        live_server.url + "/melding",
        json={
            "href": publicaties.url + "/besluitenlijst.html",
            "submittedResource": resource,
            "organization": aalst.uri,
            "publisher": {"uri": leverancier.uri, "key": sleutel},
            "status": STATUS_INZENDBAAR,
        },
        timeout=30,
    )
    assert response.status_code == 201, response.text

    browser_login(page, factories.user_with_rights(aalst, "toezicht", first_name="Jan"), aalst)
    page.goto(live_server.url + "/toezicht/")
    rij = page.get_by_role("row").filter(has_text="Automatisch bij publicatie (Notulensoft)")
    expect(rij).to_contain_text("Besluitenlijst")
    expect(rij).to_contain_text("Verstuurd")
    assert_accessible(page)
    page.get_by_label("Bron").select_option("leverancier")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("row").filter(has_text="Notulensoft")).to_have_count(1)
    page.goto(live_server.url + "/leveranciers/")
    expect(page.get_by_role("cell", name="Notulensoft")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    abb = factories.abb()
    admin = factories.user_with_rights(abb, roles=[modules.ABB_EDITEUR_ROLE, modules.ADMIN_ROLE])
    browser_login(page, admin, abb)
    page.goto(live_server.url + "/toezicht/abb/")
    expect(page.get_by_role("row").filter(has_text="Aalst").filter(has_text="Besluitenlijst")).to_have_count(
        1
    )
    page.goto(live_server.url + "/leveranciers/abb/verwerkingen/")
    page.get_by_role("row").filter(has_text="Notulensoft").get_by_role("link").click()
    expect(page.get_by_role("cell", name="Geslaagd")).to_have_count(4)
    assert_accessible(page)
    page.goto(live_server.url + "/leveranciers/abb/")
    page.get_by_role("link", name="Notulensoft").click()
    page.get_by_role("searchbox", name="Zoek een bestuur").fill("Gent")
    page.get_by_role("button", name="Zoek").click()
    expect(page.get_by_role("list", name="Gevonden besturen")).to_contain_text("Gent")
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    breed = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 376)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, breed
    page.goto(live_server.url + "/leveranciers/handleiding/")
    assert_accessible(page)
