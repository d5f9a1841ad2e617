"""Browser journeys through the real OpenID Connect provider on loopback (tests/oidc/provider.mjs)."""

import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from tests.e2e.conftest import assert_accessible
from tests.oidc.idp import BORSBEEK_OVO, default_claims, running_idp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="session")
def idp_for_browser(live_server):
    with running_idp(live_server.url) as idp:
        yield idp


@pytest.fixture
def idp(idp_for_browser, settings, reference_data):
    idp_for_browser.configure(settings)
    idp_for_browser.set_claims(**default_claims())
    return idp_for_browser


def interactions(page):
    """Records the IdP login steps (the /interaction/ page) the browser passes."""
    seen = []
    page.on("request", lambda r: seen.append(r.url) if "/interaction/" in r.url else None)
    return seen


def test_login_switch_bestuur_and_logout_at_the_idp(live_server, page, idp):
    idp.set_claims(
        **default_claims(
            abb_loketLB_rol_3d=["LoketLB-toezichtGebruiker", "LoketLB-berichtenGebruiker:OVO002067"]
        )
    )
    seen = interactions(page)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Aanmelden").first.click()
    expect(page).to_have_url(live_server.url + "/dashboard/")
    expect(page.get_by_text("U bent aangemeld als Jan Peeters voor Gemeente Aalst.")).to_be_visible()
    expect(page.get_by_test_id("actief-bestuur")).to_have_text("Gemeente Aalst")
    assert len(seen) == 1
    assert_accessible(page)

    page.get_by_label("Wissel van bestuur").select_option(label="Gemeente Gent (Gemeente)")
    page.get_by_role("button", name="Wissel bestuur").click()
    expect(page.get_by_test_id("actief-bestuur")).to_have_text("Gemeente Gent")

    # Afmelden: the portal session ends, then the IdP's (the browser goes there and comes back).
    page.get_by_role("button", name="Afmelden").click()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_text("U bent afgemeld, ook bij de Vlaamse overheid.")).to_be_visible()
    expect(page.get_by_role("link", name="Aanmelden").first).to_be_visible()

    # The IdP session is over too: logging in again passes the IdP's login step again.
    page.get_by_role("link", name="Aanmelden").first.click()
    expect(page).to_have_url(live_server.url + "/dashboard/")
    assert len(seen) == 2


def test_refusal_page_for_a_merged_away_bestuur_is_clear_and_accessible(live_server, page, idp):
    idp.set_claims(**default_claims(vo_orgcode=BORSBEEK_OVO))
    seen = interactions(page)
    page.goto(live_server.url + "/aanmelden/")
    expect(page).to_have_url(live_server.url + "/aanmelden/geweigerd/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeente Borsbeek bestaat niet meer")
    expect(page.get_by_text("Gemeente Antwerpen").first).to_be_visible()
    expect(page.get_by_role("link", name="Opnieuw aanmelden")).to_be_visible()
    expect(page.get_by_role("button", name="Afmelden")).to_have_count(0)  # nobody logged in
    assert_accessible(page)
    assert not Membership.objects.exists()

    # "Aanmelden met een andere organisatie": ends the IdP session, then the person logs in for Gemeente Aalst.
    page.get_by_role("button", name="Aanmelden met een andere organisatie").click()
    expect(page).to_have_url(live_server.url + "/")
    idp.set_claims(**default_claims())
    page.get_by_role("link", name="Aanmelden").first.click()
    expect(page).to_have_url(live_server.url + "/dashboard/")
    expect(page.get_by_test_id("actief-bestuur")).to_have_text("Gemeente Aalst")
    assert len(seen) == 2
