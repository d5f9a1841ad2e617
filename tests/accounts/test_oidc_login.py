"""Login through the government IdP, end to end against a real OpenID Connect provider on loopback.

The portal runs in Django's test client; the IdP (npm oidc-provider, tests/oidc/provider.mjs) is a real server that
allauth talks to over HTTP (discovery, token, userinfo, JWKS). Nothing of allauth is mocked.
"""

import logging
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount

from accounts.models import Membership, User
from loket import modules
from loket.models import AuditEvent
from loket.rrn import keyed_hash
from tests import factories
from tests.oidc.idp import (
    AALST_OVO,
    BORSBEEK_OVO,
    GENT_OVO,
    OCMW_AALST_KBO,
    RRN_JAN,
    default_claims,
    login_via_idp,
    running_idp,
    through_idp,
)

TOEZICHT = "LoketLB-toezichtGebruiker"
BERICHTEN = "LoketLB-berichtenGebruiker"


@pytest.fixture(scope="session")
def idp_server():
    with running_idp("http://testserver") as idp:
        yield idp


@pytest.fixture
def idp(idp_server, settings, db):
    idp_server.configure(settings)
    idp_server.set_claims(**default_claims())
    return idp_server


def test_aanmelden_goes_straight_to_the_idp(client, idp):
    response = client.get("/aanmelden/")
    assert response.status_code == 302 and response["Location"] == "/accounts/oidc/acmidm/login/"
    response = client.get(response["Location"])
    assert response["Location"].startswith(f"{idp.url}/auth?")
    query = parse_qs(urlsplit(response["Location"]).query)
    assert set(query["scope"][0].split()) == {
        "openid",
        "rrn",
        "vo",
        "profile",
        "abb_loketLB",
        "abb_databanktoezicht",
    }


def test_first_login_creates_the_person_and_memberships(client, idp):
    response, visited = login_via_idp(client)
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    user = User.objects.get(rrn_hash=keyed_hash(RRN_JAN))
    assert (user.first_name, user.last_name, user.vo_id) == ("Jan", "Peeters", "vo-id-jan")
    aalst = factories.bestuur("Aalst")
    membership = Membership.objects.get(user=user)
    assert membership.bestuur == aalst and membership.bron == Membership.Bron.IDP
    assert membership.rollen == sorted([TOEZICHT, BERICHTEN])
    assert client.session["loket_bestuur_id"] == aalst.pk

    page = client.get("/dashboard/").content.decode()
    assert "U bent aangemeld als Jan Peeters voor Gemeente Aalst." in page
    assert 'data-testid="actief-bestuur">Gemeente Aalst<' in page
    assert "Toezicht" in page and "Berichtencentrum" in page
    assert client.get("/toezicht/").status_code == 200
    assert client.get("/bbcdr/").status_code == 403  # no role for it

    # The rijksregisternummer is nowhere in clear: not on the user, not in the audit trail, not on the page.
    assert RRN_JAN not in str(User.objects.filter(pk=user.pk).values().get())
    extra = SocialAccount.objects.get(user=user).extra_data
    assert extra["userinfo"]["vo_orgcode"] == AALST_OVO and RRN_JAN not in str(extra)
    assert extra["userinfo"]["rrn_hash"] == keyed_hash(RRN_JAN)
    assert "." not in client.session["loket_oidc_id_token"][:60]  # kept encrypted, not as the bare JWT
    assert RRN_JAN not in page
    event = AuditEvent.objects.get(actie="accounts.aangemeld", gebruiker=user)
    assert RRN_JAN not in str(event.na) and event.bestuur == aalst


def test_second_login_with_fewer_roles_removes_rights(client, idp):
    login_via_idp(client)
    assert client.get("/berichten/").status_code == 200
    client.post("/afmelden/")

    idp.set_claims(**default_claims(given_name="Jan-Pieter", abb_loketLB_rol_3d=[TOEZICHT]))
    login_via_idp(client)
    assert User.objects.count() == 1  # the same person (same rrn), names updated
    user = User.objects.get()
    assert RRN_JAN not in str(SocialAccount.objects.get(user=user).extra_data)  # also after a second login
    assert user.first_name == "Jan-Pieter"
    assert Membership.objects.get(user=user).rollen == [TOEZICHT]
    response = client.get("/berichten/")  # a bookmarked page of the module that is gone
    assert response.status_code == 403 and "Geen toegang" in response.content.decode()
    assert client.get("/toezicht/").status_code == 200


def test_the_rrn_is_the_stable_key_even_when_the_sub_changes(client, idp):
    login_via_idp(client)
    client.post("/afmelden/")
    idp.set_claims(**default_claims(sub="acmidm-jan-nieuw"))
    login_via_idp(client)
    user = User.objects.get()
    assert sorted(SocialAccount.objects.filter(user=user).values_list("uid", flat=True)) == [
        "acmidm-jan",
        "acmidm-jan-nieuw",
    ]


def test_roles_for_two_besturen_show_both_in_the_switcher(client, idp):
    idp.set_claims(
        **default_claims(
            abb_loketLB_rol_3d=[
                TOEZICHT,  # for vo_orgcode (Gemeente Aalst)
                f"{modules.LOKAAL_BEHEERDER_ROLE}:{AALST_OVO.lower()}",  # OVO matched case-insensitively
                f"{BERICHTEN}:{OCMW_AALST_KBO}",  # OCMW Aalst by its KBO number
                "LoketLB-nogNietBestaand",  # unknown role: kept for display, grants nothing
                f"{TOEZICHT}:OVO999999",  # unknown organisation: ignored
            ]
        )
    )
    response, _ = login_via_idp(client)
    assert response["Location"] == "/dashboard/"
    user = User.objects.get()
    aalst, ocmw = factories.bestuur("Aalst"), factories.bestuur("Aalst", "OCMW")
    rollen = {m.bestuur: m.rollen for m in Membership.objects.filter(user=user)}
    assert rollen == {
        aalst: sorted([TOEZICHT, modules.LOKAAL_BEHEERDER_ROLE, "LoketLB-nogNietBestaand"]),
        ocmw: [BERICHTEN],
    }
    page = client.get("/dashboard/").content.decode()
    assert 'data-testid="actief-bestuur">Gemeente Aalst<' in page  # the bestuur of vo_orgcode
    options = dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', page))
    assert sorted(options.values()) == ["Gemeente Aalst (Gemeente)", "OCMW Aalst (OCMW)"]
    gebruikers = client.get("/gebruikers-en-rechten/").content.decode()
    assert "LoketLB-nogNietBestaand (onbekend)" in gebruikers

    ocmw_value = next(v for v, label in options.items() if label.startswith("OCMW"))
    client.post("/bestuur/wissel/", {"bestuur": ocmw_value})
    assert client.get("/berichten/").status_code == 200
    assert client.get("/toezicht/").status_code == 403


def test_login_for_another_vo_orgcode_makes_that_bestuur_active(client, idp):
    idp.set_claims(
        **default_claims(vo_orgcode=GENT_OVO, abb_loketLB_rol_3d=[TOEZICHT, f"{TOEZICHT}:{AALST_OVO}"])
    )
    login_via_idp(client)
    page = client.get("/dashboard/").content.decode()
    assert 'data-testid="actief-bestuur">Gemeente Gent<' in page


@pytest.mark.parametrize(
    ("claims", "reden", "tekst"),
    [
        ({"vo_orgcode": "OVO999999"}, "organisatie-onbekend", "Uw organisatie is niet gekend in het loket"),
        ({"vo_orgcode": BORSBEEK_OVO}, "organisatie-opgeheven", "Gemeente Borsbeek bestaat niet meer"),
        ({"abb_loketLB_rol_3d": []}, "geen-rol", "U hebt geen rechten voor het loket"),
        (
            {"abb_loketLB_rol_3d": ["LoketLB-nogNietBestaand"]},
            "geen-rol",
            "U hebt geen rechten voor het loket",
        ),
    ],
)
def test_refusals_show_a_dutch_page_and_log_nobody_in(client, idp, caplog, claims, reden, tekst):
    idp.set_claims(**default_claims(**claims))
    with caplog.at_level(logging.WARNING, logger="accounts.aanmelding"):
        response, _ = login_via_idp(client)
    assert response.status_code == 302 and response["Location"] == "/aanmelden/geweigerd/"
    page = client.get(response["Location"])
    assert page.status_code == 403
    html = page.content.decode()
    assert tekst in html and "U bent niet aangemeld bij het loket." in html
    assert f'data-reden="{reden}"' in html
    assert "_auth_user_id" not in client.session
    assert client.get("/dashboard/").status_code == 302  # -> login
    assert not Membership.objects.exists()

    # Logged with the claims that caused it, never the rijksregisternummer in clear.
    record = next(r for r in caplog.records if "Aanmelding geweigerd" in r.getMessage())
    assert reden in record.getMessage() and "vo_orgcode" in record.getMessage()
    assert RRN_JAN not in caplog.text
    event = AuditEvent.objects.get(actie="accounts.aanmelding_geweigerd")
    assert event.na["vo_orgcode"] == default_claims(**claims)["vo_orgcode"]
    assert event.na["rrn"] == "(verborgen)" and RRN_JAN not in str(event.na)


def test_borsbeek_refusal_names_the_successor(client, idp):
    idp.set_claims(**default_claims(vo_orgcode=BORSBEEK_OVO))
    response, _ = login_via_idp(client)
    html = client.get(response["Location"]).content.decode()
    assert "Gemeente Antwerpen" in html
    assert "Gemeente Borsbeek is op 1 januari 2025 opgegaan in Gemeente Antwerpen." in html


def test_after_a_refusal_the_person_can_end_the_idp_session_to_choose_another_organisation(client, idp):
    idp_session = requests.Session()
    idp.set_claims(**default_claims(vo_orgcode="OVO999999"))
    response, _ = login_via_idp(client, idp_session)
    html = client.get(response["Location"]).content.decode()
    assert "Aanmelden met een andere organisatie" in html
    end_session = client.post("/afmelden/")["Location"]
    assert end_session.startswith(f"{idp.url}/session/end?") and "id_token_hint=" in end_session
    through_idp(idp_session, end_session)

    idp.set_claims(**default_claims())  # now they choose Gemeente Aalst at the IdP
    response, visited = login_via_idp(client, idp_session)
    assert any("/interaction/" in u for u in visited) and response["Location"] == "/dashboard/"


def test_a_refusal_logs_out_whoever_was_logged_in(client, idp):
    login_via_idp(client)
    assert client.get("/dashboard/").status_code == 200
    idp.set_claims(**default_claims(abb_loketLB_rol_3d=[]))
    response, _ = login_via_idp(client)
    assert response["Location"] == "/aanmelden/geweigerd/"
    assert client.get("/dashboard/").status_code == 302
    # The memberships stay as they were: a refused login changes nothing.
    assert Membership.objects.get().rollen == sorted([TOEZICHT, BERICHTEN])


def test_abb_people_land_on_the_abb_side(client, idp, settings):
    abb = factories.abb()
    settings.LOKET_OIDC_ORGCODES = {"OVO000000-ABB-TEST": abb.uuid}
    idp.set_claims(
        **default_claims(vo_orgcode="OVO000000-ABB-TEST", abb_loketLB_rol_3d=[modules.ABB_LEZER_ROLE])
    )
    response, _ = login_via_idp(client)
    assert response["Location"] == "/toezicht/abb/"
    assert client.get("/toezicht/abb/").status_code == 200


def test_next_is_kept_through_the_idp(client, idp):
    response, _ = login_via_idp(client, start="/aanmelden/?next=/toezicht/")
    assert response["Location"] == "/toezicht/"


def test_logout_ends_the_portal_and_the_idp_session(client, idp):
    idp_session = requests.Session()
    _, visited = login_via_idp(client, idp_session)
    assert any("/interaction/" in u for u in visited)  # the IdP asked who this is
    # Portal session ended without following the redirect to the IdP: the IdP session lives on, so a new
    # login does not pass the IdP's login step.
    client.post("/afmelden/")
    _, visited = login_via_idp(client, idp_session)
    assert not any("/interaction/" in u for u in visited)

    response = client.post("/afmelden/")
    end_session = response["Location"]
    assert end_session.startswith(f"{idp.url}/session/end?")
    assert (
        "id_token_hint=" in end_session
        and "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2F" in end_session
    )
    assert "_auth_user_id" not in client.session  # the portal session ended before going to the IdP
    landing, _ = through_idp(idp_session, end_session)
    assert landing == "http://testserver/"
    page = client.get("/").content.decode()
    assert "U bent afgemeld, ook bij de Vlaamse overheid." in page and "Aanmelden" in page
    assert client.get("/dashboard/").status_code == 302

    # The IdP session is gone: a new login goes through the IdP's login step again.
    _, visited = login_via_idp(client, idp_session)
    assert any("/interaction/" in u for u in visited)


def test_logout_without_idp_login_stays_on_the_portal(client, idp, aalst):
    user = factories.user_with_rights(aalst, "toezicht")
    client.force_login(user)
    response = client.post("/afmelden/")
    assert response["Location"] == "/"


def test_the_callback_path_without_an_idp_configured_is_a_404(client, db):
    assert client.get("/accounts/oidc/acmidm/login/callback/?code=x&state=y").status_code == 404


def test_a_failed_or_tampered_callback_shows_a_dutch_page(client, idp):
    response = client.get("/accounts/oidc/acmidm/login/callback/?code=vervalst&state=vervalst")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Aanmelden is niet gelukt" in html and "Probeer het opnieuw" in html
    assert "_auth_user_id" not in client.session


def test_cancelling_at_the_idp_shows_a_dutch_page(client, idp):
    response = client.get("/aanmelden/")
    authorize = client.get(response["Location"])["Location"]
    state = parse_qs(urlsplit(authorize).query)["state"][0]
    response = client.get(f"/accounts/oidc/acmidm/login/callback/?error=access_denied&state={state}")
    assert response.status_code == 400 and "Aanmelden afgebroken" in response.content.decode()


def test_vlabel_people_get_their_role_from_the_databanktoezicht_claim_and_land_on_their_screen(
    client, idp, settings
):
    abb = factories.abb()
    settings.LOKET_OIDC_ORGCODES = {"OVO000000-ABB-TEST": abb.uuid}
    idp.set_claims(
        **default_claims(
            vo_orgcode="OVO000000-ABB-TEST",
            abb_loketLB_rol_3d=[],
            abb_databanktoezicht_rol_3d=[modules.ABB_VLABEL_ROLE],
        )
    )
    response, _ = login_via_idp(client)
    assert response["Location"] == "/toezicht/vlabel/"
    assert Membership.objects.get(bestuur=abb).rollen == [modules.ABB_VLABEL_ROLE]
    assert client.get("/toezicht/vlabel/").status_code == 200
    assert client.get("/toezicht/abb/").status_code == 403
