"""The report pages show the shared "Geschiedenis" ({% geschiedenis %}): what the bestuur did, the delivery
(attempts, failures) and ABB's review; never another bestuur's events; one query however long."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
from bbcdr import services
from loket import audit
from tests import factories
from tests.bbcdr.factories import abb_user, bbcdr_user, rapport

pytestmark = pytest.mark.django_db


def aangemeld(user, bestuur):
    client = Client()
    client.force_login(user)
    session = client.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
    session.save()
    return client


def geschiedenis(html):
    start = html.index('aria-labelledby="geschiedenis-titel"')
    return html[start : html.index("</section>", start)]


def detail(r):
    return reverse("bbcdr:detail", kwargs={"rapport_id": r.uuid})


def abb_detail(r):
    return reverse("bbcdr:abb-detail", kwargs={"abb_rapport_id": r.uuid})


@pytest.fixture
def bestuur_user(aalst):
    return bbcdr_user(aalst, first_name="Jan", last_name="Peeters")


@pytest.fixture
def sent(aalst, bestuur_user):
    return rapport(aalst, user=bestuur_user, verstuurd=True)


@pytest.fixture
def abb_client():
    user = abb_user(edit=True)
    user.first_name, user.last_name = "An", "Claes"
    user.save()
    return aangemeld(user, factories.abb())


def test_concept_page_shows_the_uploads(aalst, bestuur_user):
    concept = rapport(aalst, user=bestuur_user)
    html = geschiedenis(aangemeld(bestuur_user, aalst).get(detail(concept)).content.decode())
    assert "Nieuw BBC-DR-rapport (concept) aangemaakt." in html
    assert "XML-bestand «geldig.xml» opgeladen." in html and "XBRL-bestand «geldig.xbrl» opgeladen." in html
    assert "door Jan Peeters" in html


def test_delivery_failure_retry_and_review_show_on_both_pages(aalst, sent, bestuur_user, abb_client):
    services.registreer_leverfout(
        rapport_id=sent.pk, fout=ConnectionError("outbox onbereikbaar"), definitief=True
    )
    assert (
        abb_client.post(reverse("bbcdr:abb-herlever", kwargs={"abb_rapport_id": sent.uuid})).status_code
        == 302
    )
    response = abb_client.post(
        reverse("bbcdr:abb-feedback", kwargs={"abb_rapport_id": sent.uuid}),
        {"status": "goedgekeurd", "opmerking": ""},
    )
    assert response.status_code == 302
    for client, url in ((aangemeld(bestuur_user, aalst), detail(sent)), (abb_client, abb_detail(sent))):
        html = geschiedenis(client.get(url).content.decode())
        assert "XML-bestand «geldig.xml» opgeladen." in html and "door Jan Peeters" in html
        assert (
            "Levering van het pakket mislukt: Technische fout: ConnectionError: outbox onbereikbaar" in html
        )
        assert "door het loket" in html
        assert "Nieuwe poging tot levering gevraagd." in html
        assert "BBC-DR-rapport van Gemeente Aalst: Goedgekeurd." in html
        assert "door An Claes (Agentschap Binnenlands Bestuur)" in html


def test_another_bestuurs_events_never_show(aalst, gent, sent, bestuur_user, abb_client):
    gents = rapport(gent, verstuurd=True)
    audit.record(bestuur=gent, actie="x", obj=sent, omschrijving="Gents event")  # wrongly scoped
    audit.record(bestuur=aalst, actie="x", obj=rapport(aalst), omschrijving="Ander rapport")
    for client, url in ((aangemeld(bestuur_user, aalst), detail(sent)), (abb_client, abb_detail(sent))):
        html = geschiedenis(client.get(url).content.decode())
        assert "XML-bestand «geldig.xml» opgeladen." in html
        assert "Gents event" not in html and "Ander rapport" not in html
    # Gent's report page shows Gent's events only, and Aalst cannot open it.
    html = geschiedenis(abb_client.get(abb_detail(gents)).content.decode())
    assert "opgeladen" in html and "Jan Peeters" not in html and "Gents event" not in html
    assert aangemeld(bestuur_user, aalst).get(detail(gents)).status_code == 404


def test_history_costs_one_query_however_long(aalst, sent, bestuur_user, abb_client, settings):
    client = aangemeld(bestuur_user, aalst)
    client.get(detail(sent))  # the first request after a login also touches the session
    abb_client.get(abb_detail(sent))

    def aantal(c, url):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx.captured_queries)

    voor = aantal(client, detail(sent)), aantal(abb_client, abb_detail(sent))
    ander = abb_user()
    for i in range(15):
        audit.record(user=bestuur_user, bestuur=aalst, actie="x", obj=sent, omschrijving=f"Bestuur {i}.")
        audit.record(user=ander, bestuur=factories.abb(), actie="y", obj=sent, omschrijving=f"ABB {i}.")
    assert (aantal(client, detail(sent)), aantal(abb_client, abb_detail(sent))) == voor
