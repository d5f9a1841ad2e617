"""Every module's main page on a phone (375 px): no horizontal scroll of the page, and a screenshot to look at.

Wide tables scroll inside their own region (`au-c-table-wrapper`); the page itself never does."""

from pathlib import Path

import pytest

from tests import factories
from tests.toezicht.factories import verstuurde_melding

from .conftest import assert_accessible

PAGINAS = (
    "/dashboard/",
    "/toezicht/",
    "/berichten/",
    "/bbcdr/",
    "/mandaten/",
    "/mandaten/mandatarissen/",
    "/leidinggevenden/",
    "/gebruikers-en-rechten/",
    "/subsidies/",
    "/subsidies/beschikbaar/",
)


@pytest.mark.django_db(transaction=True)
def test_every_module_main_page_fits_a_phone(live_server, browser, reference_data, browser_login, tmp_path):
    aalst = factories.bestuur("Aalst")
    user = factories.user_with_rights(
        aalst, "toezicht", "berichten", "bbcdr", "mandaten", "leidinggevenden", "gebruikers", "subsidies"
    )
    verstuurde_melding(aalst)
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = browser_login(context.new_page(), user, aalst)
    for pad in PAGINAS:
        response = page.goto(live_server.url + pad)
        assert response.status == 200, pad
        page.screenshot(
            path=str(Path(tmp_path) / (pad.strip("/").replace("/", "-") + ".png")), full_page=True
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        breed = page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right >
                document.documentElement.clientWidth + 1 && !e.closest('.au-c-table-wrapper'))
                .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)"""
        )
        assert overflow <= 0, f"{pad}: horizontal scroll of {overflow}px on a phone: {breed}"
        assert_accessible(page)
    context.close()
