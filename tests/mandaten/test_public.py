"""The public mandatendatabank: no login, current mandatarissen, open data, never personal data."""

import csv
import io
import json
import re
from datetime import date

import pytest
from django.urls import reverse

from mandaten import codes, services

from . import factories as f

RRN = "85.07.30-033.28"


@pytest.fixture
def gevuld(aalst):
    persoon = services.persoon_aanmaken(request=None, voornaam="Jana", achternaam="Doms", rrn=RRN)
    fractie = f.FractieFactory(
        bestuur=aalst, naam="Groen Aalst", fractietype=f.fractietype(codes.SAMENWERKINGSVERBAND)
    )
    schepen = f.MandatarisFactory(
        bestuur=aalst, persoon=persoon, mandaat=f.mandaat(aalst, codes.SCHEPEN), rangorde=1, fractie=fractie,
        start=date(2025, 1, 2),
    )  # fmt: skip
    schepen.beleidsdomeinen.set([f.beleidsdomein("Cultuur")])
    f.MandatarisFactory(
        bestuur=aalst, persoon=f.PersoonFactory(voornaam="Oud", achternaam="Lid"), einde=date(2025, 2, 1)
    )
    return schepen


def no_personal_data(text):
    assert "85.07.30" not in text and "85073003328" not in text and "***" not in text
    for word in ["rijksregisternummer", "geboortedatum", "geslacht", "rrn"]:
        assert word not in text.lower(), word


def test_public_crawl_without_personal_data(client, gevuld, aalst):
    start = reverse("mandaten:publiek")
    html = client.get(start + "?q=Aalst").content.decode()
    assert "Gemeente Aalst" in html
    bestuur_url = reverse("mandaten:publiek-bestuur", args=[aalst.uuid])
    assert bestuur_url in html
    pages = [start, bestuur_url, bestuur_url + "?periode=2019-2024"]
    hrefs = set(re.findall(r'href="(/mandaten/publiek/[^"]+)"', client.get(bestuur_url).content.decode()))
    assert len(hrefs) >= 3
    for url in pages + sorted(h.replace("&amp;", "&") for h in hrefs):
        response = client.get(url)
        assert response.status_code == 200, url
        no_personal_data(response.content.decode())


def test_public_page_shows_current_mandatarissen(client, gevuld, aalst):
    html = client.get(
        reverse("mandaten:publiek-bestuur", args=[aalst.uuid]) + "?periode=2025-2030"
    ).content.decode()
    for text in ["Jana Doms", "Eerste schepen", "Groen Aalst", "Cultuur", "02-01-2025", "Gemeenteraad Aalst"]:
        assert text in html, text
    assert "Oud Lid" not in html  # ended: not current


def test_csv_export(client, gevuld, aalst):
    response = client.get(reverse("mandaten:publiek-csv", args=[aalst.uuid]) + "?periode=2025-2030")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        {
            "bestuur": "Gemeente Aalst", "bestuursperiode": "2025–2030",
            "orgaan": "College van Burgemeester en Schepenen Aalst", "mandaat": "Schepen", "rangorde": "Eerste schepen",
            "voornaam": "Jana", "achternaam": "Doms", "fractie": "Groen Aalst", "beleidsdomeinen": "Cultuur",
            "start": "2025-01-02", "einde": "", "status": "Effectief", "mandataris_uri": gevuld.uri,
        }
    ]  # fmt: skip


def test_turtle_export(client, gevuld, aalst):
    response = client.get(reverse("mandaten:publiek-turtle", args=[aalst.uuid]) + "?periode=2025-2030")
    assert response["Content-Type"].startswith("text/turtle")
    ttl = response.content.decode()
    no_personal_data(ttl)
    assert "@prefix mandaat: <http://data.vlaanderen.be/ns/mandaat#> ." in ttl
    assert f"<{gevuld.uri}>" in ttl
    assert "a mandaat:Mandataris" in ttl
    assert f"org:holds <{gevuld.mandaat.uri}>" in ttl
    assert f"org:role <{codes.SCHEPEN}>" in ttl
    assert f"mandaat:status <{codes.EFFECTIEF}>" in ttl
    assert '"2025-01-02"^^xsd:date' in ttl
    assert "mandaat:beleidsdomein <http://data.vlaanderen.be/id/concept/BeleidsdomeinCode/" in ttl
    assert f"ext:isFractietype <{codes.SAMENWERKINGSVERBAND}>" in ttl
    assert '"Eerste schepen"@nl' in ttl


def test_jsonld_export(client, gevuld, aalst):
    response = client.get(reverse("mandaten:publiek-jsonld", args=[aalst.uuid]) + "?periode=2025-2030")
    assert response["Content-Type"].startswith("application/ld+json")
    no_personal_data(response.content.decode())
    data = json.loads(response.content)
    assert data["@context"]["mandaat"] == "http://data.vlaanderen.be/ns/mandaat#"
    nodes = {n["@id"]: n for n in data["@graph"]}
    node = nodes[gevuld.uri]
    assert node["@type"] == ["mandaat:Mandataris"]
    assert node["org:holds"] == [{"@id": gevuld.mandaat.uri}]
    assert node["mandaat:start"] == [{"@value": "2025-01-02", "@type": "xsd:date"}]
    persoon = nodes[node["mandaat:isBestuurlijkeAliasVan"][0]["@id"]]
    assert set(persoon) == {"@id", "@type", "persoon:gebruikteVoornaam", "foaf:familyName"}


def test_unknown_bestuur_404(client, gent):
    assert client.get(reverse("mandaten:publiek-bestuur", args=["bestaat-niet"])).status_code == 404


def test_csv_cells_are_not_run_as_formulas(client, aalst):
    f.MandatarisFactory(bestuur=aalst, persoon=f.PersoonFactory(voornaam="=HYPERLINK(1)", achternaam="@Som"))
    response = client.get(reverse("mandaten:publiek-csv", args=[aalst.uuid]) + "?periode=2025-2030")
    row = next(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert (row["voornaam"], row["achternaam"]) == ("'=HYPERLINK(1)", "'@Som")


def test_other_bestuurs_data_not_on_a_bestuurs_public_page(client, gevuld, gent):
    f.MandatarisFactory(bestuur=gent, persoon=f.PersoonFactory(voornaam="Gentse", achternaam="Raadslid"))
    html = client.get(reverse("mandaten:publiek-bestuur", args=[gent.uuid])).content.decode()
    assert "Gentse Raadslid" in html and "Jana Doms" not in html
