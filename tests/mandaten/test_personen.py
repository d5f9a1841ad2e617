"""Issue 16.1: an Aalst user adding a mandataris learns nothing of a person who is only Gent's — not by name,
not by the integer id, not by the uuid; only the full rijksregisternummer finds them, and then by name only."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
from mandaten import codes
from mandaten.models import Mandataris
from tests.factories import user_with_rights
from tests.leidinggevenden.factories import PersoonFactory, rrn_nummer

from . import factories as f

P = "?periode=2025-2030"
pytestmark = pytest.mark.django_db


def aangemeld(user, bestuur):
    client = Client()
    client.force_login(user)
    session = client.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
    session.save()
    return client


@pytest.fixture
def gentse(gent):
    """A gemeenteraadslid of Gent, born 3 February 1971: linked to Gent only."""
    nummer = rrn_nummer("710203", 258)
    persoon = PersoonFactory(voornaam="Gert", achternaam="Gentseman", rijksregisternummer=nummer)
    f.MandatarisFactory(bestuur=gent, persoon=persoon)
    return persoon, nummer


def niets_van(html, persoon, nummer):
    return (
        persoon.achternaam not in html
        and persoon.voornaam not in html
        and str(persoon.uuid) not in html
        and "71.02.03" not in html
        and nummer not in html
    )


def test_aalst_learns_nothing_of_a_gent_only_person(aalst, gent, gentse):
    persoon, nummer = gentse
    url = reverse("mandaten:mandataris-nieuw") + P
    aalster = aangemeld(user_with_rights(aalst, "mandaten"), aalst)
    for q in ["Gentseman", "gentse", "Gert", "Gert Gentseman", "710203", "71.02.03", nummer[:9]]:
        html = aalster.get(url, {"q": q}).content.decode()
        assert "Geen personen gevonden" in html, q
        # What was typed is echoed in the search box and the new-person form; nothing else of the person.
        html = html.replace(f'value="{q}"', "").replace(f'"{q}"', "")
        for deel in q.split():
            html = html.replace(f'value="{deel}"', "")
        assert niets_van(html, persoon, nummer), q
    schepen = f.mandaat(aalst, codes.SCHEPEN)
    for waarde in [persoon.pk, persoon.uuid, f"{persoon.pk}.0", "²"]:
        for response in (
            aalster.get(url, {"persoon": waarde}),
            aalster.post(
                url,
                {"persoon": waarde, "mandaat": schepen.pk, "start": "2025-01-02", "status": f.status().pk},
            ),
        ):
            assert response.status_code == 404, waarde
            assert niets_van(response.content.decode(), persoon, nummer)
    assert not Mandataris.objects.for_bestuur(aalst).exists()
    # Gent's own user does see the mask of Gent's person.
    html = aangemeld(user_with_rights(gent, "mandaten"), gent).get(url, {"q": "gentseman"}).content.decode()
    assert "Gert Gentseman" in html and "71.02.03-***.**" in html and str(persoon.uuid) in html


def test_the_full_number_finds_them_by_name_only_and_they_can_be_added(aalst, gentse):
    persoon, nummer = gentse
    url = reverse("mandaten:mandataris-nieuw") + P
    user = user_with_rights(aalst, "mandaten")
    aalster = aangemeld(user, aalst)
    assert '<form method="post"' in aalster.get(url).content.decode()  # a typed number never lands in a URL
    html = aalster.post(url, {"q": f"71.02.03-{nummer[6:9]}.{nummer[9:]}"}).content.decode()
    assert "Gert Gentseman" in html and f"persoon={persoon.uuid}" in html
    assert "71.02.03-***.**" not in html and "niet getoond" in html
    html = aalster.get(url, {"persoon": persoon.uuid}).content.decode()
    assert "Gert Gentseman" in html and "71.02.03" not in html
    assert aangemeld(user, aalst).get(url, {"persoon": persoon.uuid}).status_code == 404  # not searched there
    response = aalster.post(
        url,
        {
            "persoon": persoon.uuid,
            "mandaat": f.mandaat(aalst, codes.SCHEPEN).pk,
            "start": "2025-01-02",
            "status": f.status().pk,
            "rangorde": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Mandataris.objects.for_bestuur(aalst).get().persoon == persoon
    html = aalster.get(url, {"q": "gentseman"}).content.decode()
    assert "Gert Gentseman" in html and "71.02.03-***.**" in html
