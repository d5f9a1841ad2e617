"""Gebruikers en rechten for lokale beheerders: own bestuur only, rights as last received, filters, CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, User
from accounts.services import werk_lidmaatschappen_bij
from loket import modules
from tests import factories

URL = reverse("accounts:gebruikers")
TOEZICHT = modules.get_module("toezicht").role
BBCDR = modules.get_module("bbcdr").role


@pytest.fixture
def beheerder(aalst, login_as):
    user = factories.user_with_rights(aalst, "gebruikers", first_name="Lies", last_name="Beheer")
    return login_as(user, aalst)


def persoon(bestuur, voornaam, achternaam, roles):
    user = factories.UserFactory(first_name=voornaam, last_name=achternaam)
    werk_lidmaatschappen_bij(user=user, grants={bestuur: roles})
    return user


def test_rights_matrix(client, login_as, aalst):
    assert client.get(URL).status_code == 302
    zonder = factories.user_with_rights(aalst, "toezicht")
    assert login_as(zonder, aalst).get(URL).status_code == 403
    abb_lezer = factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE])
    assert login_as(abb_lezer, factories.abb()).get(URL).status_code == 403


def test_only_the_own_bestuur(beheerder, aalst, gent):
    persoon(aalst, "Jan", "Aalstenaar", [TOEZICHT])
    persoon(gent, "Piet", "Gentenaar", [TOEZICHT])
    persoon(factories.bestuur("Aalst", "OCMW"), "Mieke", "Ocmw", [TOEZICHT])
    html = beheerder.get(URL).content.decode()
    assert "Jan Aalstenaar" in html and "Lies Beheer" in html
    assert "Gentenaar" not in html and "Mieke" not in html
    rows = list(
        csv.reader(
            io.StringIO(beheerder.get(URL, {"formaat": "csv"}).content.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert {r[1] for r in rows[1:]} == {"Aalstenaar", "Beheer"}


def test_rights_as_last_received_with_unknown_and_ineligible_roles(beheerder, login_as):
    ocmw_beheerder = factories.bestuur("Aalst", "OCMW")
    user = persoon(ocmw_beheerder, "An", "Peeters", [TOEZICHT, "LoketLB-toekomstigeModule"])
    html = beheerder.get(URL).content.decode()
    assert "An Peeters" not in html  # an OCMW person, not Gemeente Aalst
    lokaal = factories.user_with_rights(ocmw_beheerder, "gebruikers")
    html = login_as(lokaal, ocmw_beheerder).get(URL).content.decode()
    assert (
        "Toezicht" in html and "LoketLB-toekomstigeModule (onbekend)" in html and "geeft geen toegang" in html
    )
    # Rights withdrawn in the IdP disappear at the next login.
    werk_lidmaatschappen_bij(user=user, grants={ocmw_beheerder: []})
    html = login_as(lokaal, ocmw_beheerder).get(URL).content.decode()
    assert "LoketLB-toekomstigeModule" not in html and "Geen rechten meer" in html


def test_first_and_last_login_follow_the_login_sync(beheerder, aalst):
    user = persoon(aalst, "Jan", "Later", [TOEZICHT])
    membership = Membership.objects.get(user=user)
    earlier = timezone.now() - timedelta(days=30)
    Membership.objects.filter(pk=membership.pk).update(eerste_aanmelding=earlier, laatste_aanmelding=earlier)
    membership.refresh_from_db()
    membership.save()  # any other save of the row does not count as a login
    membership.refresh_from_db()
    assert membership.laatste_aanmelding == earlier
    werk_lidmaatschappen_bij(user=user, grants={aalst: [TOEZICHT, BBCDR]})  # the next login
    membership.refresh_from_db()
    assert membership.eerste_aanmelding == earlier
    assert membership.laatste_aanmelding > earlier + timedelta(days=29)
    html = beheerder.get(URL).content.decode()
    assert timezone.localtime(earlier).strftime("%d-%m-%Y") in html


def test_filter_on_module_and_search_on_name(beheerder, aalst):
    persoon(aalst, "Jan", "Toezichter", [TOEZICHT])
    persoon(aalst, "Els", "Rapporteur", [BBCDR])
    persoon(aalst, "Erik", "Van den Broeck", [TOEZICHT, BBCDR])
    html = beheerder.get(URL, {"module": "bbcdr"}).content.decode()
    assert "Rapporteur" in html and "Van den Broeck" in html and "Toezichter" not in html
    html = beheerder.get(URL, {"q": "broeck erik"}).content.decode()
    assert "Van den Broeck" in html and "Rapporteur" not in html
    html = beheerder.get(URL, {"q": "niemand"}).content.decode()
    assert "Niemand gevonden met deze filters." in html
    # The CSV keeps the filters.
    content = beheerder.get(URL, {"module": "toezicht", "formaat": "csv"}).content.decode("utf-8-sig")
    assert "Toezichter" in content and "Rapporteur" not in content
    assert (
        'href="?module=toezicht&amp;formaat=csv"'
        in beheerder.get(URL, {"module": "toezicht"}).content.decode()
    )


def test_csv_has_no_rrn_and_is_injection_safe(beheerder, aalst):
    user = persoon(aalst, '=HYPERLINK("http://x")', "+Kwaad", [TOEZICHT])
    User.objects.filter(pk=user.pk).update(rrn_hash="a" * 64)
    response = beheerder.get(URL, {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Voornaam",
        "Achternaam",
        "Rechten",
        "Eerste aanmelding",
        "Laatste aanmelding",
        "bestuur_uri",
        "kbo",
    ]
    assert {(r[5], r[6]) for r in rows[1:]} == {(aalst.uri, aalst.kbo)}
    kwaad = next(r for r in rows if "Kwaad" in r[1])
    assert kwaad[0] == '\'=HYPERLINK("http://x")' and kwaad[1] == "'+Kwaad"
    assert "a" * 64 not in response.content.decode()
