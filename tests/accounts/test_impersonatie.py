"""An ABB functioneel beheerder works as a bestuur: banner, both identities in the audit, no escalation.

The walk over every URL pattern while working as a bestuur (Gent's objects 404, ABB/admin views 403, the bestuur's
own views as the chosen rights allow) is a "who" of the matrix in tests/test_url_access.py."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.middleware import IMPERSONATIE_SESSION_KEY
from leidinggevenden import functies
from loket import modules
from loket.models import AuditEvent
from tests import factories
from tests.leidinggevenden.factories import FunctionarisFactory

from .factories import admin_user

LEIDINGGEVENDEN = modules.get_module("leidinggevenden").role
TOEZICHT = modules.get_module("toezicht").role


@pytest.fixture
def admin(db):
    return admin_user()


@pytest.fixture
def admin_client(admin, login_as):
    return login_as(admin, factories.abb())


def start(client, bestuur, rollen=None):
    data = {"bestuur": bestuur.uuid}
    if rollen is not None:
        data["rollen"] = rollen
    return client.post(reverse("accounts:impersonatie"), data)


def test_search_then_choose_rights_default_all_eligible_never_admin(admin_client, aalst):
    html = admin_client.get(reverse("accounts:impersonatie"), {"q": "Aalst"}).content.decode()
    assert f"?bestuur={aalst.uuid}" in html
    assert "Agentschap Binnenlands Bestuur" not in html.split("Resultaten")[1].split("</ul>")[0]
    html = admin_client.get(reverse("accounts:impersonatie"), {"bestuur": aalst.uuid}).content.decode()
    assert "Werken als Gemeente Aalst" in html
    for module in modules.MODULES:
        assert (f'value="{module.role}"' in html) == module.eligible(aalst)
    assert modules.ADMIN_ROLE not in html and modules.ABB_LEZER_ROLE not in html
    assert html.count("checked") == len([m for m in modules.MODULES if m.eligible(aalst)])


def test_start_banner_on_every_page_and_stop_returns_to_abb(admin_client, admin, aalst):
    response = start(admin_client, aalst, [TOEZICHT, LEIDINGGEVENDEN])
    assert response.status_code == 302
    dashboard = admin_client.get("/dashboard/").content.decode()
    assert 'data-testid="impersonatie-banner"' in dashboard
    assert "U werkt als Gemeente Aalst" in dashboard
    assert 'data-testid="actief-bestuur">Gemeente Aalst<' in dashboard
    leiding = admin_client.get("/leidinggevenden/")
    assert leiding.status_code == 200 and "U werkt als Gemeente Aalst" in leiding.content.decode()
    assert admin_client.get("/berichten/").status_code == 403  # a right not chosen

    response = admin_client.post(reverse("accounts:impersonatie-stop"))
    assert response.status_code == 302
    dashboard = admin_client.get("/dashboard/").content.decode()
    assert "impersonatie-banner" not in dashboard
    assert 'data-testid="actief-bestuur">Agentschap Binnenlands Bestuur<' in dashboard
    assert admin_client.get(reverse("loket:beheer-audit")).status_code == 200

    gestart, gestopt = (
        AuditEvent.objects.get(actie="accounts.impersonatie_gestart"),
        AuditEvent.objects.get(actie="accounts.impersonatie_gestopt"),
    )
    for event in (gestart, gestopt):
        assert event.gebruiker == admin and event.namens == admin and event.bestuur == aalst
    assert gestart.na["rollen"] == sorted([TOEZICHT, LEIDINGGEVENDEN])


def test_writes_during_impersonation_carry_both_identities(admin_client, admin, aalst):
    start(admin_client, aalst, [LEIDINGGEVENDEN])
    f = FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1))
    response = admin_client.post(
        reverse("leidinggevenden:bewerken", kwargs={"functionaris_id": f.uuid}),
        {"start": "2019-03-01", "status": "waarnemend"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.for_object(f).get(actie="leidinggevenden.functionaris.gewijzigd")
    assert (event.gebruiker, event.namens, event.bestuur) == (admin, admin, aalst)
    # The bestuur sees the change in the functionaris' Geschiedenis, marked as ABB support.
    html = admin_client.get(reverse("leidinggevenden:bewerken", kwargs={"functionaris_id": f.uuid})).content
    assert "ter ondersteuning" in html.decode()


def test_impersonation_cannot_escalate(admin_client, aalst, gent):
    response = start(admin_client, aalst, [LEIDINGGEVENDEN, modules.ADMIN_ROLE, modules.ABB_EDITEUR_ROLE])
    assert response.status_code == 200 and IMPERSONATIE_SESSION_KEY not in admin_client.session
    start(admin_client, aalst, [LEIDINGGEVENDEN])
    session = admin_client.session
    assert session[IMPERSONATIE_SESSION_KEY]["rollen"] == [LEIDINGGEVENDEN]
    # A forged session holding admin/ABB roles gains nothing either.
    session[IMPERSONATIE_SESSION_KEY] = {
        "bestuur_id": aalst.pk,
        "rollen": [LEIDINGGEVENDEN, modules.ADMIN_ROLE, modules.ABB_LEZER_ROLE, modules.ABB_EDITEUR_ROLE],
    }
    session.save()
    assert admin_client.get(reverse("loket:beheer")).status_code == 403
    assert admin_client.get(reverse("loket:beheer-audit")).status_code == 403
    assert admin_client.get(reverse("accounts:impersonatie")).status_code == 403
    assert admin_client.get("/toezicht/abb/").status_code == 403
    assert admin_client.get(reverse("admin:index")).status_code in (302, 403)
    # Gent's objects are not reachable through this session.
    gent_f = FunctionarisFactory(bestuur=gent, start=date(2019, 1, 1))
    for name in ("bewerken", "beeindigen"):
        url = reverse(f"leidinggevenden:{name}", kwargs={"functionaris_id": gent_f.uuid})
        assert admin_client.get(url).status_code == 404
    gent_functie = functies.bestuursfunctie_id(gent, functies.ALGEMEEN_DIRECTEUR)
    url = reverse("leidinggevenden:functie", kwargs={"bestuursfunctie_id": gent_functie})
    assert admin_client.get(url).status_code == 404
    # The switcher offers nothing and refuses to switch to another bestuur.
    html = admin_client.get("/dashboard/").content.decode()
    assert 'id="switcher-bestuur"' not in html
    response = admin_client.post(reverse("accounts:wissel-bestuur"), {"bestuur": factories.abb().uuid})
    assert response.status_code == 302
    assert 'data-testid="actief-bestuur">Gemeente Aalst<' in admin_client.get("/dashboard/").content.decode()
    assert not AuditEvent.objects.filter(actie="accounts.bestuur_gewisseld").exists()


def test_only_admins_can_impersonate(login_as, aalst):
    lokaal = factories.user_with_rights(aalst, "gebruikers", "toezicht")
    client = login_as(lokaal, aalst)
    assert client.get(reverse("accounts:impersonatie")).status_code == 403
    assert start(client, factories.bestuur("Gent")).status_code == 403
    abb_lezer = factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE])
    client = login_as(abb_lezer, factories.abb())
    assert start(client, aalst).status_code == 403
    assert not AuditEvent.objects.filter(actie="accounts.impersonatie_gestart").exists()


def test_cannot_impersonate_abb_or_an_inactive_bestuur(admin_client):
    response = start(admin_client, factories.abb(), [modules.ADMIN_ROLE])
    assert (
        response.status_code == 200
        and "Dat bestuur bestaat niet of is niet actief." in response.content.decode()
    )
    from loket.models import Bestuurseenheid

    opgeheven = Bestuurseenheid.objects.filter(actief=False).first()
    response = start(admin_client, opgeheven, [TOEZICHT])
    assert "Dat bestuur bestaat niet of is niet actief." in response.content.decode()
    assert IMPERSONATIE_SESSION_KEY not in admin_client.session


def test_no_right_chosen_is_a_clear_error(admin_client, aalst):
    response = start(admin_client, aalst, [])
    assert response.status_code == 200 and "Kies minstens één recht." in response.content.decode()


def test_losing_the_admin_role_ends_the_impersonation(admin_client, admin, aalst):
    start(admin_client, aalst, [TOEZICHT])
    admin.memberships.update(rollen=[modules.ABB_LEZER_ROLE])
    html = admin_client.get("/dashboard/").content.decode()
    assert "impersonatie-banner" not in html
    assert IMPERSONATIE_SESSION_KEY not in admin_client.session
    event = AuditEvent.objects.get(actie="accounts.impersonatie_gestopt")
    assert (
        event.bestuur == aalst and event.gebruiker == admin and "geen beheerrecht meer" in event.omschrijving
    )
