"""Beheer by the bestuur: rights, scoping, adding with a person search, editing, ending, contact data."""

from datetime import date

import pytest
from django.urls import reverse

from leidinggevenden import functies
from leidinggevenden.functies import Status
from leidinggevenden.models import ContactGegevens, Functionaris, PubliekeExport
from loket import rrn
from loket.models import AuditEvent, Bestuurseenheid, Persoon
from tests import factories
from tests.factories import UserFactory, user_with_rights

from .factories import FunctionarisFactory, PersoonFactory, rrn_nummer

AD = functies.ALGEMEEN_DIRECTEUR


def url(name, **kwargs):
    return reverse(f"leidinggevenden:{name}", kwargs=kwargs)


def fid(functie, bestuur=None):
    """The id of `functie` of `bestuur` (default Gemeente Aalst)."""
    return functies.bestuursfunctie_id(bestuur or factories.bestuur("Aalst"), functie)


@pytest.fixture
def beheerder(aalst, login_as):
    return login_as(user_with_rights(aalst, "leidinggevenden"), aalst)


# --- rights matrix ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, aalst):
    f = FunctionarisFactory(bestuur=aalst)
    for target in [
        url("index"),
        url("functie", bestuursfunctie_id=fid(AD)),
        url("bewerken", functionaris_id=f.uuid),
    ]:
        response = client.get(target)
        assert response.status_code == 302 and "next=" in response["Location"]


@pytest.mark.django_db
def test_without_the_right_403(aalst, login_as):
    client = login_as(user_with_rights(aalst, "toezicht"), aalst)
    f = FunctionarisFactory(bestuur=aalst)
    for target in [
        url("index"),
        url("functie", bestuursfunctie_id=fid(AD)),
        url("nieuw-periode", bestuursfunctie_id=fid(AD)),
        url("bewerken", functionaris_id=f.uuid),
        url("beeindigen", functionaris_id=f.uuid),
        url("contactgegevens", bestuursfunctie_id=fid(AD)),
    ]:
        response = client.get(target)
        assert response.status_code == 403
        assert "Geen toegang" in response.content.decode()


@pytest.mark.django_db
def test_other_bestuur_functionaris_is_404(beheerder, gent):
    f = FunctionarisFactory(bestuur=gent)
    assert beheerder.get(url("bewerken", functionaris_id=f.uuid)).status_code == 404
    assert beheerder.get(url("beeindigen", functionaris_id=f.uuid)).status_code == 404
    response = beheerder.post(url("beeindigen", functionaris_id=f.uuid), {"einde": "2024-01-01"})
    assert response.status_code == 404
    f.refresh_from_db()
    assert f.einde is None


@pytest.mark.django_db
def test_function_of_another_classification_is_404(beheerder):
    assert beheerder.get(url("functie", bestuursfunctie_id=fid(functies.GRIFFIER))).status_code == 404
    gent = factories.bestuur("Gent")
    for name in ("functie", "contactgegevens", "nieuw", "nieuw-periode"):
        assert beheerder.get(url(name, bestuursfunctie_id=fid(AD, gent))).status_code == 404
    assert (
        beheerder.get(url("functie", bestuursfunctie_id="8f0e1b8e-0000-4000-8000-000000000000")).status_code
        == 404
    )
    assert beheerder.get(url("nieuw", bestuursfunctie_id=fid(functies.LEIDEND_AMBTENAAR))).status_code == 404


@pytest.mark.django_db
def test_overview_lists_the_four_functions(beheerder, aalst):
    FunctionarisFactory(bestuur=aalst, persoon=PersoonFactory(voornaam="An", achternaam="Verhulst"))
    html = beheerder.get(url("index")).content.decode()
    for label in (
        "Algemeen directeur",
        "Adjunct-algemeen directeur",
        "Financieel directeur",
        "Adjunct-financieel directeur",
    ):
        assert label in html
    assert "An Verhulst" in html
    assert "Griffier" not in html


@pytest.mark.django_db
def test_provincie_sees_griffier_and_financieel_beheerder(login_as):
    provincie = Bestuurseenheid.objects.get(naam="Antwerpen", classificatie__label="Provincie")
    client = login_as(user_with_rights(provincie, "leidinggevenden"), provincie)
    html = client.get(url("index")).content.decode()
    assert "Griffier" in html and "Financieel beheerder" in html and "Algemeen directeur" not in html


@pytest.mark.django_db
def test_bestuur_without_functions_gets_a_clear_page(settings, login_as):
    from loket.modules import LEIDINGGEVENDEN

    settings.LOKET_MODULE_CLASSIFICATIES = {"leidinggevenden": LEIDINGGEVENDEN | {"Politiezone"}}
    pz = Bestuurseenheid.objects.filter(classificatie__label="Politiezone", actief=True).first()
    client = login_as(user_with_rights(pz, roles=["LoketLB-leidinggevendenGebruiker"]), pz)
    response = client.get(url("index"))
    assert response.status_code == 200
    assert "Uw bestuur hoeft geen gegevens in te vullen" in response.content.decode()
    assert client.get(url("functie", bestuursfunctie_id=fid(AD))).status_code == 404


# --- adding -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_add_with_a_new_person(beheerder, aalst, django_capture_on_commit_callbacks):
    nummer = rrn_nummer("780412", 122)
    with django_capture_on_commit_callbacks(execute=True):
        response = beheerder.post(
            url("nieuw-periode", bestuursfunctie_id=fid(AD)),
            {
                "voornaam": "An",
                "achternaam": "Verhulst",
                "rijksregisternummer": f"78.04.12-{nummer[6:9]}.{nummer[9:]}",
                "start": "2019-01-01",
                "einde": "",
                "status": "aangesteld",
            },
        )
    assert response.status_code == 302
    f = Functionaris.objects.for_bestuur(aalst).get()
    assert (f.persoon.voornaam, f.functie, f.status, f.start) == (
        "An",
        AD.code,
        "aangesteld",
        date(2019, 1, 1),
    )
    assert f.persoon.rrn_hash == rrn.keyed_hash(nummer)
    acties = set(AuditEvent.objects.values_list("actie", flat=True))
    assert {"leidinggevenden.persoon.aangemaakt", "leidinggevenden.functionaris.toegevoegd"} <= acties
    assert nummer not in str(list(AuditEvent.objects.values()))
    assert PubliekeExport.objects.count() == 4  # regenerated on commit
    page = beheerder.get(response["Location"]).content.decode()
    assert "78.04.12-***.**" in page and nummer not in page and nummer[6:9] + "." + nummer[9:] not in page


@pytest.mark.django_db
def test_all_errors_at_once_and_nothing_lost(beheerder):
    response = beheerder.post(
        url("nieuw-periode", bestuursfunctie_id=fid(AD)),
        {
            "voornaam": "",
            "achternaam": "Verhulst",
            "rijksregisternummer": "12345678901",
            "start": "2020-05-01",
            "einde": "2020-04-01",
            "status": "aangesteld",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"voornaam", "rijksregisternummer", "einde"}
    html = response.content.decode()
    assert "rijksregisternummer is niet geldig." in html
    assert "De einddatum moet na de startdatum liggen." in html
    assert "Dit veld is verplicht." in html
    assert 'value="Verhulst"' in html and 'value="2020-05-01"' in html
    assert Functionaris.objects.count() == 0 and Persoon.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_rrn_reuses_the_existing_person(beheerder, aalst):
    nummer = rrn_nummer("690925", 37)
    bestaand = PersoonFactory(voornaam="Bart", achternaam="De Smedt", rijksregisternummer=nummer)
    response = beheerder.post(
        url("nieuw-periode", bestuursfunctie_id=fid(functies.FINANCIEEL_DIRECTEUR)),
        {
            "voornaam": "Bart",
            "achternaam": "De Smedt",
            "rijksregisternummer": nummer,
            "start": "2021-01-01",
            "status": "waarnemend",
        },
    )
    assert response.status_code == 302
    assert Persoon.objects.count() == 1
    assert Functionaris.objects.get().persoon == bestaand
    page = beheerder.get(response["Location"]).content.decode()
    assert "bestond al een persoon" in page


@pytest.mark.django_db
def test_search_first_by_name_and_by_rrn(beheerder, aalst):
    nummer = rrn_nummer("850730", 264)
    p = PersoonFactory(voornaam="Chloé", achternaam="Van den Broeck", rijksregisternummer=nummer)
    # Aalst's person: financieel directeur until 2021 (a past period links too).
    FunctionarisFactory(
        bestuur=aalst, persoon=p, functie=functies.FINANCIEEL_DIRECTEUR.code, einde=date(2021, 1, 1)
    )
    for zoek in ("broeck", nummer, f"85.07.30-{nummer[6:9]}.{nummer[9:]}"):
        html = beheerder.post(url("nieuw", bestuursfunctie_id=fid(AD)), {"zoek": zoek}).content.decode()
        assert "Van den Broeck" in html and "85.07.30-***.**" in html
        assert f"?persoon={p.uuid}" in html
        assert nummer not in html and nummer[6:9] + "." + nummer[9:] not in html  # never echoed in clear
    html = beheerder.post(
        url("nieuw", bestuursfunctie_id=fid(AD)), {"zoek": "Niemand Bekend"}
    ).content.decode()
    assert "Geen personen gevonden" in html and 'value="Niemand Bekend"' in html


@pytest.mark.django_db
def test_add_existing_person(beheerder, aalst):
    from tests.mandaten.factories import MandatarisFactory

    p = PersoonFactory()
    MandatarisFactory(bestuur=aalst, persoon=p)  # a mandataris of Aalst is Aalst's person in this module too
    form_url = url("nieuw-periode", bestuursfunctie_id=fid(AD))
    html = beheerder.get(form_url, {"persoon": p.uuid}).content.decode()
    assert "rijksregisternummer" not in html.lower().split("<form")[1].split("</form>")[0].replace(
        "persoon", ""
    )
    response = beheerder.post(form_url, {"persoon": p.uuid, "start": "2022-02-01", "status": "waarnemend"})
    assert response.status_code == 302
    assert Functionaris.objects.for_bestuur(aalst).get().persoon == p
    assert beheerder.get(form_url, {"persoon": "999999"}).status_code == 404


@pytest.mark.django_db
def test_leidend_ambtenaar_form_offers_only_aangesteld(login_as):
    agb = Bestuurseenheid.objects.filter(classificatie__label="Autonoom gemeentebedrijf", actief=True).first()
    client = login_as(user_with_rights(agb, "leidinggevenden"), agb)
    form_url = url("nieuw-periode", bestuursfunctie_id=fid(functies.LEIDEND_AMBTENAAR, agb))
    html = client.get(form_url).content.decode()
    assert 'value="aangesteld"' in html and 'value="waarnemend"' not in html
    response = client.post(
        form_url,
        {
            "voornaam": "Dirk",
            "achternaam": "Mertens",
            "rijksregisternummer": rrn_nummer("620203", 51),
            "start": "2020-01-01",
            "status": "waarnemend",
        },
    )
    assert response.status_code == 200 and "status" in response.context["form"].errors
    assert Functionaris.objects.count() == 0


# --- edit and end -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_edit_and_end(beheerder, aalst):
    f = FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1))
    response = beheerder.post(
        url("bewerken", functionaris_id=f.uuid), {"start": "2019-02-01", "status": "waarnemend"}
    )
    assert response.status_code == 302
    f.refresh_from_db()
    assert (f.start, f.status) == (date(2019, 2, 1), Status.WAARNEMEND)

    response = beheerder.post(url("beeindigen", functionaris_id=f.uuid), {"einde": "2019-01-15"})
    assert response.status_code == 200
    assert "De einddatum moet na de startdatum (01-02-2019) liggen." in response.content.decode()

    response = beheerder.post(url("beeindigen", functionaris_id=f.uuid), {"einde": "2024-12-31"})
    assert response.status_code == 302
    f.refresh_from_db()
    assert f.einde == date(2024, 12, 31)
    acties = list(AuditEvent.objects.for_object(f).values_list("actie", flat=True))
    assert (
        "leidinggevenden.functionaris.gewijzigd" in acties
        and "leidinggevenden.functionaris.beeindigd" in acties
    )
    html = beheerder.get(url("functie", bestuursfunctie_id=fid(AD))).content.decode()
    assert "Beëindigd" in html and "31-12-2024" in html


@pytest.mark.django_db
def test_edit_refuses_end_before_start(beheerder, aalst):
    f = FunctionarisFactory(bestuur=aalst)
    response = beheerder.post(
        url("bewerken", functionaris_id=f.uuid),
        {"start": "2020-01-01", "einde": "2019-01-01", "status": "aangesteld"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["einde"] == ["De einddatum moet na de startdatum liggen."]


# --- contact data -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_contact_data_validated_all_at_once(beheerder, aalst):
    response = beheerder.post(
        url("contactgegevens", bestuursfunctie_id=fid(AD)),
        {"email": "geen-mail", "telefoon": "12345", "straat": "Grote Markt", "postcode": "930"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"email", "telefoon", "postcode"} <= set(errors)
    assert {"huisnummer", "gemeente"} <= set(errors)
    assert 'value="Grote Markt"' in response.content.decode()
    assert ContactGegevens.objects.count() == 0


@pytest.mark.django_db
def test_contact_data_saved_and_audited(beheerder, aalst):
    data = {
        "email": "ad@aalst.example",
        "telefoon": "053 77 93 00",
        "straat": "Grote Markt",
        "huisnummer": "3",
        "bus": "",
        "postcode": "9300",
        "gemeente": "Aalst",
    }
    response = beheerder.post(url("contactgegevens", bestuursfunctie_id=fid(AD)), data)
    assert response.status_code == 302
    c = ContactGegevens.objects.for_bestuur(aalst).get(functie=AD.code)
    assert c.adres == "Grote Markt 3, 9300 Aalst"
    assert AuditEvent.objects.filter(actie="leidinggevenden.contactgegevens.gewijzigd").exists()
    response = beheerder.post(
        url("contactgegevens", bestuursfunctie_id=fid(AD)), {**data, "telefoon": "+32 53 77 93 01"}
    )
    assert ContactGegevens.objects.count() == 1
    assert ContactGegevens.objects.get().telefoon == "+32 53 77 93 01"


@pytest.mark.django_db
def test_user_without_membership_cannot_reach_beheer(client, aalst):
    client.force_login(UserFactory())
    response = client.get(url("index"))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_warns_when_two_people_are_appointed_at_once(beheerder, aalst):
    FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1))
    html = beheerder.get(url("functie", bestuursfunctie_id=fid(AD))).content.decode()
    assert "meerdere personen aangesteld" not in html
    FunctionarisFactory(bestuur=aalst, start=date(2022, 1, 1), status=Status.WAARNEMEND)
    html = beheerder.get(url("functie", bestuursfunctie_id=fid(AD))).content.decode()
    assert "meerdere personen aangesteld" not in html  # waarnemend beside aangesteld is normal
    FunctionarisFactory(bestuur=aalst, start=date(2023, 1, 1))
    html = beheerder.get(url("functie", bestuursfunctie_id=fid(AD))).content.decode()
    assert "meerdere personen aangesteld" in html
