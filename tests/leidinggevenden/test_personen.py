"""Issue 16.1: an Aalst user adding a leidinggevende learns nothing of a person who is only Gent's — not by name,
not by the integer id, not by the uuid; only the full rijksregisternummer finds them, and then by name only."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
from leidinggevenden import functies
from leidinggevenden.models import Functionaris
from tests.factories import user_with_rights

from .factories import FunctionarisFactory, PersoonFactory, rrn_nummer

AD = functies.ALGEMEEN_DIRECTEUR
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
    """Gent's financieel directeur, born 3 February 1971: linked to Gent only."""
    nummer = rrn_nummer("710203", 147)
    persoon = PersoonFactory(voornaam="Griet", achternaam="Gentsevrouw", rijksregisternummer=nummer)
    FunctionarisFactory(bestuur=gent, persoon=persoon, functie=functies.FINANCIEEL_DIRECTEUR.code)
    return persoon, nummer


def urls(aalst):
    fid = functies.bestuursfunctie_id(aalst, AD)
    return (
        reverse("leidinggevenden:nieuw", kwargs={"bestuursfunctie_id": fid}),
        reverse("leidinggevenden:nieuw-periode", kwargs={"bestuursfunctie_id": fid}),
    )


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
    zoek_url, periode_url = urls(aalst)
    aalster = aangemeld(user_with_rights(aalst, "leidinggevenden"), aalst)
    # By name (whole, part, first name), by a partial number or the birth date: nothing.
    for zoek in ["Gentsevrouw", "gentse", "Griet", "Griet Gentsevrouw", "710203", "71.02.03", nummer[:9]]:
        html = aalster.post(zoek_url, {"zoek": zoek}).content.decode()
        assert "Geen personen gevonden" in html, zoek
        assert niets_van(html.replace(f'value="{zoek}"', ""), persoon, nummer), zoek
    # By the integer id, the uuid, or anything else in ?persoon= (GET and POST): a 404 that names nobody.
    for waarde in [persoon.pk, persoon.uuid, f"{persoon.pk}.0", "²"]:
        for response in (
            aalster.get(periode_url, {"persoon": waarde}),
            aalster.post(periode_url, {"persoon": waarde, "start": "2022-01-01", "status": "aangesteld"}),
        ):
            assert response.status_code == 404, waarde
            assert niets_van(response.content.decode(), persoon, nummer)
    assert not Functionaris.objects.for_bestuur(aalst).exists()
    # Gent's own user does see the mask of Gent's person.
    gentenaar = aangemeld(user_with_rights(gent, "leidinggevenden"), gent)
    gent_zoek = reverse(
        "leidinggevenden:nieuw", kwargs={"bestuursfunctie_id": functies.bestuursfunctie_id(gent, AD)}
    )
    html = gentenaar.post(gent_zoek, {"zoek": "gentsevrouw"}).content.decode()
    assert "Griet Gentsevrouw" in html and "71.02.03-***.**" in html and str(persoon.uuid) in html


def test_the_full_number_finds_them_by_name_only_and_they_can_be_added(aalst, gentse):
    persoon, nummer = gentse
    zoek_url, periode_url = urls(aalst)
    user = user_with_rights(aalst, "leidinggevenden")
    aalster = aangemeld(user, aalst)
    for zoek in [nummer, f"71.02.03-{nummer[6:9]}.{nummer[9:]}"]:
        html = aalster.post(zoek_url, {"zoek": zoek}).content.decode()
        assert "Griet Gentsevrouw" in html and f"?persoon={persoon.uuid}" in html
        rij = html[
            html.index("<tbody") : html.index("</tbody>")
        ]  # (the heading repeats the typed number masked)
        assert "Griet Gentsevrouw" in rij and "71.02.03" not in rij and "niet getoond" in rij
    html = aalster.get(periode_url, {"persoon": persoon.uuid}).content.decode()
    assert "Griet Gentsevrouw" in html and "71.02.03" not in html
    # Another session of the same person has not searched: the uuid alone opens nothing.
    assert aangemeld(user, aalst).get(periode_url, {"persoon": persoon.uuid}).status_code == 404
    response = aalster.post(
        periode_url, {"persoon": persoon.uuid, "start": "2022-01-01", "status": "aangesteld"}
    )
    assert response.status_code == 302
    assert Functionaris.objects.for_bestuur(aalst).get().persoon == persoon
    # Now Aalst's person as well: found by name, with the mask.
    html = aalster.post(zoek_url, {"zoek": "gentsevrouw"}).content.decode()
    assert "Griet Gentsevrouw" in html and "71.02.03-***.**" in html
