"""Browser: a citizen follows an old link to merged Gemeente Borsbeek, reads what it became and follows the link to
Antwerpen; the open-data page lists the datasets. axe (WCAG 2.1 AA): 0 violations, no horizontal scroll at 375 px."""

import pytest
from playwright.sync_api import expect

from loket.models import Bestuurseenheid
from tests import factories
from tests.e2e.conftest import assert_accessible
from tests.mandaten import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEKST = "Gemeente Borsbeek is op 1 januari 2025 opgegaan in Gemeente Antwerpen."


def _geen_horizontale_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("breedte", [375, 1366])
def test_merged_bestuur_page(live_server, page, reference_data, breedte):
    page.set_viewport_size({"width": breedte, "height": 800})
    borsbeek = Bestuurseenheid.objects.get(naam="Borsbeek", classificatie__label="Gemeente")
    antwerpen = factories.bestuur("Antwerpen")
    f.MandatarisFactory(bestuur=antwerpen)

    response = page.goto(f"{live_server.url}/mandaten/publiek/{borsbeek.uuid}/")
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeente Borsbeek bestaat niet meer")
    expect(page.get_by_text(TEKST)).to_be_visible()
    assert_accessible(page)
    _geen_horizontale_scroll(page)
    page.get_by_role("link", name="Naar Gemeente Antwerpen").click()
    expect(page).to_have_url(f"{live_server.url}/mandaten/publiek/{antwerpen.uuid}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Antwerpen")

    page.goto(f"{live_server.url}/leidinggevenden/publiek/besturen/{borsbeek.uuid}/")
    expect(page.get_by_text(TEKST)).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/mandaten/publiek/?q=Borsbeek")
    expect(page.get_by_test_id("opgeheven-besturen")).to_contain_text("opgegaan in Gemeente Antwerpen")
    assert_accessible(page)
    _geen_horizontale_scroll(page)


def test_open_data_page(live_server, page, reference_data):
    page.set_viewport_size({"width": 375, "height": 800})
    from leidinggevenden.services import genereer_exports as leidinggevenden_exports
    from mandaten.services import genereer_exports as mandaten_exports

    f.MandatarisFactory(bestuur=factories.bestuur("Aalst"))
    leidinggevenden_exports()
    mandaten_exports()
    page.goto(f"{live_server.url}/open-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    expect(page.get_by_test_id("dataset")).to_have_count(2)
    assert_accessible(page)
    _geen_horizontale_scroll(page)
