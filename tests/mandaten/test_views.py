"""Beheer pages: rights matrix, the add/edit/end journey, filters, sorting, totals, fracties, warnings."""

from datetime import date

import pytest
from django.urls import reverse

from loket.models import AuditEvent, Persoon
from mandaten import codes, services
from mandaten.models import Fractie, Mandataris
from tests.factories import user_with_rights

from . import factories as f

P = "?periode=2025-2030"


@pytest.fixture
def client_aalst(login_as, aalst):
    return login_as(user_with_rights(aalst, "mandaten"), aalst)


def object_urls(bestuur):
    m = f.MandatarisFactory(bestuur=bestuur)
    fractie = f.FractieFactory(bestuur=bestuur)
    return [
        reverse("mandaten:mandataris", args=[m.uuid]),
        reverse("mandaten:mandataris-beeindigen", args=[m.uuid]),
        reverse("mandaten:fractie", args=[fractie.uuid]),
        reverse("mandaten:mandaat", args=[m.mandaat.uuid]),
    ]


LIST_URLS = [
    "mandaten:index",
    "mandaten:mandatarissen",
    "mandaten:mandataris-nieuw",
    "mandaten:fracties",
    "mandaten:beleidsdomeinen",
]


def test_pages_work_for_a_user_with_the_right(client_aalst, aalst):
    for name in LIST_URLS:
        assert client_aalst.get(reverse(name) + P).status_code == 200, name
    for url in object_urls(aalst):
        assert client_aalst.get(url).status_code == 200, url


def test_another_bestuurs_objects_are_404(client_aalst, gent):
    for url in object_urls(gent):
        assert client_aalst.get(url).status_code == 404, url
        assert client_aalst.post(url, {"einde": "2026-01-01"}).status_code == 404, url


def test_without_the_right_403_and_anonymous_to_login(client, login_as, aalst):
    urls = [reverse(n) for n in LIST_URLS] + object_urls(aalst)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and ("aanmelden" in response.url or "login" in response.url), url
    login_as(user_with_rights(aalst, "toezicht"), aalst)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Geen toegang" in response.content.decode()


def test_index_shows_organen_and_mandaten_of_the_period(client_aalst):
    html = client_aalst.get(reverse("mandaten:index") + P).content.decode()
    for text in [
        "Gemeenteraad Aalst",
        "College van Burgemeester en Schepenen Aalst",
        "Burgemeester Aalst",
        "Gemeenteraadslid",
        "Voorzitter van de gemeenteraad",
        "Schepen",
        "2025–2030",
        "2019–2024",
    ]:
        assert text in html, text
    empty = client_aalst.get(reverse("mandaten:index") + "?periode=2019-2024").content.decode()
    assert "geen bestuursorganen met mandaten gekend" in empty


def test_add_journey_search_create_person_then_mandate(client_aalst, aalst):
    url = reverse("mandaten:mandataris-nieuw") + P
    response = client_aalst.get(url + "&q=Jana Doms")
    assert "Geen personen gevonden" in response.content.decode()
    response = client_aalst.post(
        reverse("mandaten:persoon-nieuw"),
        {"periode": "2025-2030", "voornaam": "Jana", "achternaam": "Doms", "rrn": "85.07.30-033.28"},
    )
    persoon = Persoon.objects.get(voornaam="Jana", achternaam="Doms")
    assert response.status_code == 302 and f"persoon={persoon.uuid}" in response.url
    # Not Aalst's person yet (no mandate): found only by the full rijksregisternummer, and then by name only.
    assert "Geen personen gevonden" in client_aalst.get(url + "&q=doms").content.decode()
    html = client_aalst.get(url + "&q=85073003328").content.decode()
    assert "Jana Doms" in html and "85.07.30-***.**" not in html and "niet getoond" in html
    fractie = f.FractieFactory(bestuur=aalst, naam="Groen Aalst")
    response = client_aalst.post(
        url,
        {
            "periode": "2025-2030",
            "persoon": persoon.uuid,
            "mandaat": f.mandaat(aalst, codes.SCHEPEN).pk,
            "start": "02-01-2025",
            "status": f.status().pk,
            "rangorde": "2",
            "fractie": fractie.pk,
            "beleidsdomeinen": [f.beleidsdomein("Cultuur").pk, f.beleidsdomein("Sport").pk],
        },
    )
    assert response.status_code == 302
    m = Mandataris.objects.get(persoon=persoon)
    assert (m.bestuur, m.start, m.rangorde, m.fractie) == (aalst, date(2025, 1, 2), 2, fractie)
    # Now Aalst's person: found by name and by rijksregisternummer, shown masked only.
    for q in ["doms", "85073003328"]:
        html = client_aalst.get(url + f"&q={q}").content.decode()
        assert "Jana Doms" in html and "85.07.30-***.**" in html and "033.28" not in html
    html = client_aalst.get(reverse("mandaten:mandatarissen") + P).content.decode()
    assert (
        "Jana Doms" in html
        and "Tweede schepen" in html
        and "Cultuur, Sport" in html
        and "Groen Aalst" in html
    )


def test_duplicate_person_is_refused_with_a_dutch_message(client_aalst):
    services.maak_persoon(request=None, voornaam="Jana", achternaam="Doms", rrn="85073003328")
    response = client_aalst.post(
        reverse("mandaten:persoon-nieuw"),
        {"periode": "2025-2030", "voornaam": "J", "achternaam": "D", "rrn": "85.07.30-033.28"},
    )
    assert response.status_code == 400
    assert "Er bestaat al een persoon met dit rijksregisternummer" in response.content.decode()
    response = client_aalst.post(
        reverse("mandaten:persoon-nieuw"),
        {"periode": "2025-2030", "voornaam": "", "achternaam": "", "rrn": "123"},
    )
    html = response.content.decode()
    assert "Er zijn 3 velden met een fout" in html and "rijksregisternummer is niet geldig." in html


def aalsts_persoon(aalst, **kwargs):
    """A person linked to Aalst through the Databank leidinggevenden (so any module of Aalst may pick them)."""
    from tests.leidinggevenden.factories import FunctionarisFactory

    return FunctionarisFactory(bestuur=aalst, persoon=f.PersoonFactory(**kwargs)).persoon


def test_all_errors_at_once_and_input_kept(client_aalst, aalst):
    persoon = aalsts_persoon(aalst, voornaam="Ruben", achternaam="Claes")
    response = client_aalst.post(
        reverse("mandaten:mandataris-nieuw") + P,
        {
            "persoon": persoon.uuid,
            "mandaat": f.mandaat(aalst).pk,
            "start": "2020-01-01",
            "einde": "2019-01-01",
            "status": f.status(codes.TITELVOEREND).pk,
            "rangorde": "1",
            "beleidsdomeinen": [f.beleidsdomein("Cultuur").pk],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    for message in [
        "De startdatum moet binnen de bestuursperiode 2025–2030 liggen",
        "De einddatum moet na de startdatum liggen.",
        "De status Titelvoerend kan enkel voor een burgemeester.",
        "Een rangorde kan enkel voor een schepen.",
        "Beleidsdomeinen kunnen enkel voor een schepen of een burgemeester.",
    ]:
        assert message in html, message
    assert 'value="2020-01-01"' in html  # what the user typed is kept
    assert not Mandataris.objects.filter(persoon=persoon).exists()


def test_edit_and_end(client_aalst, aalst):
    m = f.MandatarisFactory(bestuur=aalst, mandaat=f.mandaat(aalst, codes.SCHEPEN), rangorde=1)
    response = client_aalst.post(
        reverse("mandaten:mandataris", args=[m.uuid]),
        {
            "mandaat": m.mandaat.pk,
            "start": "2025-02-01",
            "status": f.status(codes.WAARNEMEND).pk,
            "rangorde": "3",
        },
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert (m.start, m.rangorde, m.status.label) == (date(2025, 2, 1), 3, "Waarnemend")
    response = client_aalst.post(
        reverse("mandaten:mandataris-beeindigen", args=[m.uuid]), {"einde": "2025-01-15"}
    )
    assert "De einddatum moet na de startdatum liggen." in response.content.decode()
    response = client_aalst.post(
        reverse("mandaten:mandataris-beeindigen", args=[m.uuid]), {"einde": "2027-06-30"}
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.einde == date(2027, 6, 30)
    acties = set(AuditEvent.objects.for_object(m).values_list("actie", flat=True))
    assert acties == {"mandaten.mandataris.gewijzigd", "mandaten.mandataris.beeindigd"}


def test_list_filters_sorts_and_totals(client_aalst, aalst):
    groen = f.FractieFactory(bestuur=aalst, naam="Groen")
    rood = f.FractieFactory(bestuur=aalst, naam="Rood")
    f.MandatarisFactory(
        bestuur=aalst, persoon=f.PersoonFactory(voornaam="Anna", achternaam="Aerts"), fractie=groen
    )
    f.MandatarisFactory(
        bestuur=aalst, persoon=f.PersoonFactory(voornaam="Bart", achternaam="Bosmans"), fractie=rood
    )
    f.MandatarisFactory(
        bestuur=aalst,
        persoon=f.PersoonFactory(voornaam="Cas", achternaam="Cools"),
        fractie=rood,
        mandaat=f.mandaat(aalst, codes.SCHEPEN),
        einde=date(2025, 3, 1),
    )
    url = reverse("mandaten:mandatarissen")
    response = client_aalst.get(url + P + "&sorteer=-naam")
    names = [m.achternaam for m in response.context["mandatarissen"]]
    assert names == ["Cools", "Bosmans", "Aerts"]
    assert dict(response.context["per_fractie"]) == {"Groen": 1, "Rood": 2}
    assert dict(response.context["per_orgaan"]) == {
        "Gemeenteraad Aalst": 2,
        "College van Burgemeester en Schepenen Aalst": 1,
    }
    response = client_aalst.get(url + P + f"&fractie={rood.pk}&toon=actief")
    assert [m.achternaam for m in response.context["mandatarissen"]] == ["Bosmans"]
    response = client_aalst.get(url + P + "&q=aer")
    assert [m.achternaam for m in response.context["mandatarissen"]] == ["Aerts"]


def test_fracties_add_edit_members(client_aalst, aalst):
    response = client_aalst.post(
        reverse("mandaten:fracties") + P,
        {"naam": "Vooruit Aalst", "fractietype": f.fractietype(codes.SAMENWERKINGSVERBAND).pk},
    )
    assert response.status_code == 302
    fractie = Fractie.objects.for_bestuur(aalst).get(naam="Vooruit Aalst")
    assert fractie.periode.slug == "2025-2030" and fractie.fractietype.label == "Samenwerkingsverband"
    response = client_aalst.post(
        reverse("mandaten:fracties") + P, {"naam": "Vooruit Aalst", "fractietype": f.fractietype().pk}
    )
    assert "Er bestaat al een fractie met deze naam in deze bestuursperiode." in response.content.decode()
    response = client_aalst.post(reverse("mandaten:fracties") + P, {"naam": ""})
    assert response.content.decode().count("Dit veld is verplicht.") >= 2
    f.MandatarisFactory(
        bestuur=aalst, fractie=fractie, persoon=f.PersoonFactory(voornaam="Lid", achternaam="Eén")
    )
    html = client_aalst.get(reverse("mandaten:fractie", args=[fractie.uuid])).content.decode()
    assert "Lid Eén" in html
    response = client_aalst.post(
        reverse("mandaten:fractie", args=[fractie.uuid]),
        {"naam": "Vooruit", "fractietype": f.fractietype().pk},
    )
    fractie.refresh_from_db()
    assert fractie.naam == "Vooruit" and fractie.fractietype.label == "Onafhankelijk"
    assert AuditEvent.objects.for_object(fractie).count() == 2


def test_warnings_are_shown_but_the_data_is_saved(client_aalst, aalst):
    schepen = f.mandaat(aalst, codes.SCHEPEN)
    services.wijzig_aantal_houders(request=None, mandaat=schepen, aantal_houders=1)
    f.MandatarisFactory(bestuur=aalst, mandaat=schepen)
    persoon = aalsts_persoon(aalst, voornaam="Tweede", achternaam="Schepen")
    response = client_aalst.post(
        reverse("mandaten:mandataris-nieuw") + P,
        {"persoon": persoon.uuid, "mandaat": schepen.pk, "start": "2025-01-02", "status": f.status().pk},
        follow=True,
    )
    html = response.content.decode()
    assert Mandataris.objects.filter(persoon=persoon).exists()
    assert "Let op: Er zijn 2 actieve mandatarissen met het mandaat Schepen" in html


def test_mandaat_aantal_houders(client_aalst, aalst):
    schepen = f.mandaat(aalst, codes.SCHEPEN)
    response = client_aalst.post(reverse("mandaten:mandaat", args=[schepen.uuid]), {"aantal_houders": "8"})
    assert response.status_code == 302
    schepen.refresh_from_db()
    assert schepen.aantal_houders == 8


def test_add_beleidsdomein_page(client_aalst, aalst):
    response = client_aalst.post(reverse("mandaten:beleidsdomeinen") + P, {"label": "Carnaval en folklore"})
    assert response.status_code == 302
    html = client_aalst.get(reverse("mandaten:beleidsdomeinen") + P).content.decode()
    assert "Carnaval en folklore" in html
    response = client_aalst.post(reverse("mandaten:beleidsdomeinen") + P, {"label": "Cultuur"})
    assert "Het beleidsdomein &#39;Cultuur&#39; bestaat al." in response.content.decode()


def test_unknown_or_forged_person_id_is_404(client_aalst, aalst):
    url = reverse("mandaten:mandataris-nieuw") + P
    persoon = aalsts_persoon(aalst)
    assert client_aalst.get(url + f"&persoon={persoon.uuid}").status_code == 200
    for forged in ["abc", "999999999", str(persoon.pk), "%C2%B2", "8f0e1b8e-0000-4000-8000-000000000000"]:
        assert client_aalst.get(url + f"&persoon={forged}").status_code == 404, forged


def test_edit_page_shows_the_history(client_aalst, aalst, gent):
    from loket import audit

    persoon = f.PersoonFactory(voornaam="Jan", achternaam="Peeters")  # not Faker's "D'Hondt": escaped in HTML
    m = f.MandatarisFactory(bestuur=aalst, mandaat=f.mandaat(aalst, codes.SCHEPEN), persoon=persoon)
    services.beeindig_mandataris(request=None, mandataris=m, einde=date(2026, 1, 31))
    audit.record(bestuur=gent, actie="x", obj=m, omschrijving="Gents event")  # wrongly scoped: never shown
    gents = f.MandatarisFactory(bestuur=gent)
    audit.record(
        bestuur=gent, actie="mandaten.mandataris.gewijzigd", obj=gents, omschrijving="Gents mandataris"
    )
    html = client_aalst.get(reverse("mandaten:mandataris", args=[m.uuid])).content.decode()
    start = html.index('aria-labelledby="geschiedenis-titel"')
    historiek = html[start : html.index("</section>", start)]
    assert f"Mandaat van {m.persoon} beëindigd op 31-01-2026" in historiek and "door het loket" in historiek
    assert "Gents event" not in html and "Gents mandataris" not in html


def test_new_mandataris_page_has_no_history(client_aalst, aalst):
    persoon = aalsts_persoon(aalst)
    url = reverse("mandaten:mandataris-nieuw") + P + f"&persoon={persoon.uuid}"
    assert "geschiedenis-titel" not in client_aalst.get(url).content.decode()


def test_handleiding_is_public_and_in_dutch(client):
    html = client.get(reverse("loket:handleiding", args=["mandaten"])).content.decode()
    assert (
        "Handleiding Mandatenbeheer" in html and "Titelvoerend" in html and "LoketLB-mandaatGebruiker" in html
    )
