"""The audit trail: the admin search page, audited Django admin (read-only for AuditEvent), Geschiedenis."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from leidinggevenden.models import Functionaris
from loket import audit, modules
from loket.models import AuditEvent
from tests import factories
from tests.accounts.factories import admin_user
from tests.leidinggevenden.factories import FunctionarisFactory
from tests.toezicht.factories import verstuurde_melding

AUDIT = reverse("loket:beheer-audit")
TOEZICHT = modules.get_module("toezicht").role


@pytest.fixture
def admin(db):
    return admin_user()


@pytest.fixture
def admin_client(admin, login_as):
    return login_as(admin, factories.abb())


@pytest.mark.parametrize("url", [reverse("loket:beheer"), AUDIT])
def test_rights_matrix(client, login_as, aalst, url, admin):
    assert client.get(url).status_code == 302
    alles = factories.user_with_rights(aalst, roles=[m.role for m in modules.MODULES])
    assert login_as(alles, aalst).get(url).status_code == 403
    lezer = factories.user_with_rights(
        factories.abb(), roles=[modules.ABB_LEZER_ROLE, modules.ABB_EDITEUR_ROLE]
    )
    assert login_as(lezer, factories.abb()).get(url).status_code == 403
    assert login_as(admin, factories.abb()).get(url).status_code == 200


def test_search_on_bestuur_gebruiker_actie_periode_object(admin_client, aalst, gent):
    jan = factories.UserFactory(first_name="Jan", last_name="Peeters")
    els = factories.UserFactory(first_name="Els", last_name="Maes")
    f = FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1))
    audit.record(
        user=jan, bestuur=aalst, actie="toezicht.melding.verstuurd", omschrijving="Melding A verstuurd"
    )
    audit.record(
        user=els, bestuur=gent, actie="berichten.bericht.verstuurd", omschrijving="Bericht G verstuurd"
    )
    audit.record(
        user=jan,
        bestuur=aalst,
        actie="leidinggevenden.functionaris.gewijzigd",
        obj=f,
        omschrijving="Periode F aangepast",
    )

    def found(**params):
        html = admin_client.get(AUDIT, params).content.decode()
        tabel = html[html.index('data-testid="audit"') :]
        return {o for o in ("Melding A", "Bericht G", "Periode F") if o in tabel}

    assert found() == {"Melding A", "Bericht G", "Periode F"}
    assert found(bestuur="gent") == {"Bericht G"}
    assert found(gebruiker="peeters") == {"Melding A", "Periode F"}
    assert found(actie="berichten.bericht.verstuurd") == {"Bericht G"}
    assert found(object=str(f.pk)) == {"Periode F"}
    assert found(object="leidinggevenden.functionaris") == {"Periode F"}
    vandaag = timezone.localdate()
    assert found(van=(vandaag - timedelta(days=1)).isoformat(), tot=vandaag.isoformat()) == found()
    assert found(van=(vandaag + timedelta(days=1)).isoformat()) == set()
    html = admin_client.get(AUDIT, {"van": "geen datum"}).content.decode()
    assert "Controleer de filters" in html


def test_actions_in_dutch_objects_by_name_and_uuid(admin_client, aalst):
    """Codes are not shown: the action's Dutch label, the object's own name (linked to its beheer page); the
    uuid people see on the object's pages finds its events."""
    f = FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1))
    melding = verstuurde_melding(aalst)
    audit.record(bestuur=aalst, actie="toezicht.melding.heropend", obj=melding, omschrijving="Opnieuw open")
    audit.record(bestuur=aalst, actie="leidinggevenden.functionaris.gewijzigd", obj=f, omschrijving="Andere")
    html = admin_client.get(AUDIT).content.decode()
    tabel = html[html.index('data-testid="audit"') :]
    assert "Melding heropend" in tabel and "toezicht.melding.heropend" not in tabel
    assert str(melding) in tabel and str(melding.uuid) in tabel
    html = admin_client.get(AUDIT, {"object": str(melding.uuid)}).content.decode()
    tabel = html[html.index('data-testid="audit"') :]
    assert "Opnieuw open" in tabel and "Andere" not in tabel


def test_only_impersonated_events_filter(admin_client, admin, aalst):
    audit.record(user=admin, bestuur=aalst, actie="toezicht.melding.verstuurd", omschrijving="Zelf gedaan")
    audit.set_current_request(SimpleNamespace(impersonator=admin))
    try:
        audit.record(
            user=admin, bestuur=aalst, actie="toezicht.melding.verstuurd", omschrijving="Als bestuur"
        )
    finally:
        audit.set_current_request(None)
    html = admin_client.get(AUDIT, {"impersonatie": "on"}).content.decode()
    assert "Als bestuur" in html and "Zelf gedaan" not in html and "als het bestuur<" in html
    html = admin_client.get(AUDIT).content.decode()
    assert "Als bestuur" in html and "Zelf gedaan" in html


def test_record_without_request_still_carries_the_impersonator(admin, aalst):
    """Services that pass user=/bestuur= only: the middleware's audit context supplies `namens`."""
    token = audit.set_current_request(SimpleNamespace(impersonator=admin))
    try:
        event = audit.record(user=admin, bestuur=aalst, actie="x.y")
    finally:
        audit.reset_current_request(token)
    assert event.namens == admin
    assert audit.record(user=admin, bestuur=aalst, actie="x.z").namens is None


def test_paginated(admin_client, aalst):
    for i in range(55):
        audit.record(bestuur=aalst, actie="test.actie", omschrijving=f"gebeurtenis {i}")
    html = admin_client.get(AUDIT).content.decode()
    assert "Pagina 1 van 2" in html and "gebeurtenis 54" in html and "gebeurtenis 0<" not in html
    html = admin_client.get(AUDIT, {"page": 2}).content.decode()
    assert "gebeurtenis 0" in html


def test_django_admin_changes_are_audited_with_before_and_after(admin_client, admin, aalst):
    person = factories.user_with_rights(aalst, "toezicht")
    membership = Membership.objects.get(user=person)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    response = admin_client.post(
        url,
        {"user": person.pk, "bestuur": aalst.pk, "rollen": '["LoketLB-berichtenGebruiker"]', "bron": "idp"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(actie="admin.gewijzigd")
    assert (event.gebruiker, event.bestuur, event.object_id) == (admin, aalst, str(membership.pk))
    assert event.voor == {"rollen": [TOEZICHT], "bron": "mock"}
    assert event.na == {"rollen": ["LoketLB-berichtenGebruiker"], "bron": "idp"}

    response = admin_client.post(
        reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(actie="admin.verwijderd")
    assert event.voor["rollen"] == ["LoketLB-berichtenGebruiker"] and event.bestuur == aalst

    response = admin_client.post(
        reverse("admin:accounts_membership_add"),
        {"user": person.pk, "bestuur": aalst.pk, "rollen": '["LoketLB-onbekend"]', "bron": "idp"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(actie="admin.toegevoegd").na["bestuur"] == aalst.pk


def test_list_delete_action_is_audited_per_object(admin_client, admin, aalst, gent):
    from django.contrib.admin.models import LogEntry

    ids = [Membership.objects.get(user=factories.user_with_rights(b, "toezicht")).pk for b in (aalst, gent)]
    response = admin_client.post(
        reverse("admin:accounts_membership_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    events = AuditEvent.objects.filter(actie="admin.verwijderd")
    assert {e.bestuur for e in events} == {aalst, gent} and all(e.gebruiker == admin for e in events)
    assert not Membership.objects.filter(pk__in=ids).exists()
    assert LogEntry.objects.filter(object_id__in=[str(i) for i in ids]).count() == 2


def test_reference_data_edit_is_audited_for_that_bestuur(admin_client, aalst):
    from loket.models import Bestuursorgaan

    orgaan = Bestuursorgaan.objects.filter(bestuurseenheid=aalst).first()
    url = reverse("admin:loket_bestuursorgaan_change", args=[orgaan.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["naam"] = "Gemeenteraad Aalst (gewijzigd)"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(actie="admin.gewijzigd")
    assert event.bestuur == aalst and event.na == {"naam": "Gemeenteraad Aalst (gewijzigd)"}
    assert event.voor == {"naam": orgaan.naam}


def test_audit_events_are_read_only_in_the_django_admin(admin_client, aalst):
    event = audit.record(bestuur=aalst, actie="test.actie", omschrijving="onveranderlijk")
    change = reverse("admin:loket_auditevent_change", args=[event.pk])
    assert admin_client.get(reverse("admin:loket_auditevent_changelist")).status_code == 200
    page = admin_client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.post(change, {"omschrijving": "vervalst"}).status_code == 403
    assert admin_client.get(reverse("admin:loket_auditevent_add")).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:loket_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    admin_client.post(
        reverse("admin:loket_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    event.refresh_from_db()
    assert event.omschrijving == "onveranderlijk" and AuditEvent.objects.filter(pk=event.pk).exists()
    assert not AuditEvent.objects.filter(actie__startswith="admin.").exists()


def test_geschiedenis_shows_only_the_own_bestuurs_events_about_the_object(login_as, aalst, gent):
    f = FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1))
    other = FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1))
    audit.record(
        bestuur=aalst, actie="leidinggevenden.functionaris.toegevoegd", obj=f, omschrijving="Eigen event"
    )
    audit.record(bestuur=gent, actie="x", obj=f, omschrijving="Gents event")  # wrongly scoped: never shown
    audit.record(bestuur=aalst, actie="x", obj=other, omschrijving="Ander object")
    assert [e.omschrijving for e in audit.geschiedenis(f, aalst)] == ["Eigen event"]
    assert list(audit.geschiedenis(f, None)) == []
    client = login_as(factories.user_with_rights(aalst, "leidinggevenden"), aalst)
    html = client.get(
        reverse("leidinggevenden:bewerken", kwargs={"functionaris_id": f.uuid})
    ).content.decode()
    assert "Geschiedenis" in html and "Eigen event" in html
    assert "Gents event" not in html and "Ander object" not in html


def test_leidinggevenden_writes_are_audited(login_as, aalst):
    client = login_as(factories.user_with_rights(aalst, "leidinggevenden"), aalst)
    f = FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1))
    client.post(
        reverse("leidinggevenden:bewerken", kwargs={"functionaris_id": f.uuid}),
        {"start": "2019-02-01", "status": "waarnemend"},
    )
    client.post(
        reverse("leidinggevenden:beeindigen", kwargs={"functionaris_id": f.uuid}), {"einde": "2024-12-31"}
    )
    assert Functionaris.objects.get(pk=f.pk).einde == date(2024, 12, 31)
    events = list(AuditEvent.objects.for_bestuur(aalst).for_object(f))
    assert {e.actie for e in events} == {
        "leidinggevenden.functionaris.gewijzigd",
        "leidinggevenden.functionaris.beeindigd",
    }
    assert all(e.namens is None and e.gebruiker is not None for e in events)
