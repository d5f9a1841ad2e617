"""The melding pages show the shared "Geschiedenis" ({% geschiedenis %}): the bestuur its own events, ABB the
bestuur's and its own; never another bestuur's events, never a rijksregisternummer; one query however long."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
from loket import audit, modules
from loket import rrn as loket_rrn
from tests import factories
from toezicht.models import Melding

from .factories import besluittype, verstuurde_melding

pytestmark = pytest.mark.django_db


def aangemeld(user, bestuur):
    client = Client()
    client.force_login(user)
    session = client.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
    session.save()
    return client


def detail(melding):
    return reverse("toezicht:detail", kwargs={"melding_id": melding.uuid})


def abb_detail(melding):
    return reverse("toezicht:abb-detail", kwargs={"melding_id": melding.uuid})


def geschiedenis(html):
    """The history section of a page (so a description elsewhere on the page does not count)."""
    start = html.index('aria-labelledby="geschiedenis-titel"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def bestuur_user(aalst):
    return factories.user_with_rights(aalst, "toezicht", first_name="Jan", last_name="Peeters")


@pytest.fixture
def melding(aalst, bestuur_user):
    melding = verstuurde_melding(aalst, besluittype=besluittype("Politiereglement"))
    audit.record(
        user=bestuur_user,
        bestuur=aalst,
        actie="toezicht.melding.verstuurd",
        obj=melding,
        omschrijving="Melding «Politiereglement» verstuurd.",
    )
    return melding


@pytest.fixture
def abb_editeur():
    user = factories.user_with_rights(
        factories.abb(), roles=[modules.ABB_EDITEUR_ROLE], first_name="An", last_name="Claes"
    )
    return aangemeld(user, factories.abb())


def test_bestuur_detail_shows_its_own_events_never_another_bestuurs(aalst, gent, melding, bestuur_user):
    gents_melding = verstuurde_melding(gent)
    audit.record(
        bestuur=gent,
        actie="toezicht.melding.verstuurd",
        obj=gents_melding,
        omschrijving="Melding van Gent verstuurd.",
    )
    audit.record(bestuur=gent, actie="x", obj=melding, omschrijving="Gents event")  # wrongly scoped
    html = geschiedenis(aangemeld(bestuur_user, aalst).get(detail(melding)).content.decode())
    assert "Melding «Politiereglement» verstuurd." in html and "door Jan Peeters" in html
    assert "Gent" not in html
    # Gent's own page never shows Aalst's events either.
    gent_user = factories.user_with_rights(gent, "toezicht")
    html = geschiedenis(aangemeld(gent_user, gent).get(detail(gents_melding)).content.decode())
    assert "Melding van Gent verstuurd." in html and "Politiereglement" not in html


def test_abb_review_is_on_the_abb_page_not_on_the_bestuurs(aalst, melding, bestuur_user, abb_editeur):
    response = abb_editeur.post(
        reverse("toezicht:abb-afhandelen", kwargs={"melding_id": melding.uuid}), {"opmerking": "Intern"}
    )
    assert response.status_code == 302
    html = geschiedenis(abb_editeur.get(abb_detail(melding)).content.decode())
    assert "Melding afgehandeld." in html and "door An Claes (Agentschap Binnenlands Bestuur)" in html
    assert "Melding «Politiereglement» verstuurd." in html and "door Jan Peeters" in html
    # The bestuur does not see ABB's treatment of its melding (nor on the rest of its page).
    html = geschiedenis(aangemeld(bestuur_user, aalst).get(detail(melding)).content.decode())
    assert "Melding «Politiereglement» verstuurd." in html and "afgehandeld" not in html


def test_abb_page_never_shows_events_of_other_besturen_or_objects(aalst, gent, melding, abb_editeur):
    audit.record(bestuur=gent, actie="x", obj=melding, omschrijving="Gents event")
    audit.record(bestuur=aalst, actie="x", obj=verstuurde_melding(aalst), omschrijving="Ander object")
    html = geschiedenis(abb_editeur.get(abb_detail(melding)).content.decode())
    assert "Melding «Politiereglement» verstuurd." in html
    assert "Gents event" not in html and "Ander object" not in html


def test_reopening_shows_with_its_reason_on_both_pages_without_a_rijksregisternummer(
    aalst, melding, bestuur_user
):
    rrn = "85073003328"
    assert loket_rrn.is_valid(rrn)
    admin = factories.user_with_rights(
        factories.abb(),
        roles=[modules.ADMIN_ROLE, modules.ABB_LEZER_ROLE],
        first_name="Els",
        last_name="Maes",
    )
    admin_client = aangemeld(admin, factories.abb())
    reden = "Verkeerd bestand (persoon 85.07.30-033.28 vermeld)"
    response = admin_client.post(
        reverse("toezicht:abb-heropenen", kwargs={"melding_id": melding.uuid}), {"reden": reden}
    )
    assert response.status_code == 302
    Melding.objects.filter(pk=melding.pk).update(status=Melding.Status.VERSTUURD)  # sent again
    for client, url in (
        (admin_client, abb_detail(melding)),
        (aangemeld(bestuur_user, aalst), detail(melding)),
    ):
        html = geschiedenis(client.get(url).content.decode())
        assert (
            "Heropend door de functioneel beheerder: Verkeerd bestand (persoon 85.07.30-***.** vermeld)"
            in html
        )
        assert "door Els Maes" in html
        assert "033.28" not in html and rrn not in html


def test_a_reopened_concept_shows_the_reason_on_its_edit_page(aalst, melding, bestuur_user):
    """Reopened, the melding is a concept again: the bestuur lands on the edit page and reads why there."""
    from toezicht import services

    services.heropen(melding=melding, reden="Het verkeerde besluit werd opgeladen.", user=bestuur_user)
    client = aangemeld(bestuur_user, aalst)
    assert client.get(detail(melding))["Location"].endswith("/bewerken/")
    html = geschiedenis(
        client.get(reverse("toezicht:bewerken", kwargs={"melding_id": melding.uuid})).content.decode()
    )
    assert "Heropend door de functioneel beheerder: Het verkeerde besluit werd opgeladen." in html


def test_history_costs_one_query_however_long(aalst, melding, bestuur_user, abb_editeur, settings):
    client = aangemeld(bestuur_user, aalst)
    client.get(detail(melding))  # the first request after a login also touches the session
    abb_editeur.get(abb_detail(melding))

    def aantal(c, url):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx.captured_queries)

    voor = aantal(client, detail(melding)), aantal(abb_editeur, abb_detail(melding))
    abb_user = factories.user_with_rights(factories.abb(), roles=[modules.ABB_EDITEUR_ROLE])
    for i in range(15):
        audit.record(
            user=bestuur_user,
            bestuur=aalst,
            actie="toezicht.melding.bewaard",
            obj=melding,
            omschrijving=f"Concept bewaard ({i}).",
        )
        audit.record(
            user=abb_user,
            bestuur=factories.abb(),
            actie="toezicht.melding.afgehandeld",
            obj=melding,
            omschrijving=f"Melding afgehandeld ({i}).",
        )
    assert (aantal(client, detail(melding)), aantal(abb_editeur, abb_detail(melding))) == voor
