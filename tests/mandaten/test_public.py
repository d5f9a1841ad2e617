"""The public mandatendatabank: no login, current mandatarissen, open data, never personal data."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse

from mandaten import codes, services

from . import factories as f

RRN = "85.07.30-033.28"


@pytest.fixture
def gevuld(aalst):
    persoon = services.maak_persoon(request=None, voornaam="Jana", achternaam="Doms", rrn=RRN)
    fractie = f.FractieFactory(
        bestuur=aalst, naam="Groen Aalst", fractietype=f.fractietype(codes.SAMENWERKINGSVERBAND)
    )
    schepen = f.MandatarisFactory(
        bestuur=aalst,
        persoon=persoon,
        mandaat=f.mandaat(aalst, codes.SCHEPEN),
        rangorde=1,
        fractie=fractie,
        start=date(2025, 1, 2),
    )
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


def _csv(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_export(client, gevuld, aalst):
    response = client.get(reverse("mandaten:publiek-csv", args=[aalst.uuid]) + "?periode=2025-2030")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = _csv(response)
    orgaan = gevuld.mandaat.orgaan_in_tijd.orgaan
    assert rows == [
        {
            "bestuur": "Gemeente Aalst",
            "bestuur_uri": aalst.uri,
            "kbo": aalst.kbo,
            "bestuursperiode": "2025–2030",
            "orgaan": "College van Burgemeester en Schepenen Aalst",
            "orgaan_uri": orgaan.uri,
            "mandaat": "Schepen",
            "rangorde": "Eerste schepen",
            "voornaam": "Jana",
            "achternaam": "Doms",
            "fractie": "Groen Aalst",
            "beleidsdomeinen": "Cultuur",
            "start": "2025-01-02",
            "einde": "",
            "status": "Effectief",
            "mandataris_uri": gevuld.uri,
        }
    ]


def _graaf(client, naam, aalst, formaat):
    from rdflib import Graph

    response = client.get(reverse(naam, args=[aalst.uuid]) + "?periode=2025-2030")
    no_personal_data(response.content.decode())
    return response, Graph().parse(data=response.content, format=formaat)


@pytest.mark.parametrize(
    "naam,formaat,content_type",
    [
        ("mandaten:publiek-turtle", "turtle", "text/turtle"),
        ("mandaten:publiek-jsonld", "json-ld", "application/ld+json"),
        ("mandaten:publiek-nt", "nt", "application/n-triples"),
    ],
)
def test_linked_data_exports_parse_to_the_same_graph(client, gevuld, aalst, naam, formaat, content_type):
    from rdflib import RDF, XSD, Literal, Namespace, URIRef
    from rdflib.compare import isomorphic

    response, g = _graaf(client, naam, aalst, formaat)
    assert response["Content-Type"].startswith(content_type)
    _, turtle = _graaf(client, "mandaten:publiek-turtle", aalst, "turtle")
    assert isomorphic(g, turtle)
    mandaat, org = Namespace("http://data.vlaanderen.be/ns/mandaat#"), Namespace("http://www.w3.org/ns/org#")
    x = URIRef(gevuld.uri)
    assert (x, RDF.type, mandaat.Mandataris) in g
    assert (x, org.holds, URIRef(gevuld.mandaat.uri)) in g
    assert (URIRef(gevuld.mandaat.uri), org.role, URIRef(codes.SCHEPEN)) in g
    assert (x, mandaat.status, URIRef(codes.EFFECTIEF)) in g
    assert (x, mandaat.start, Literal("2025-01-02", datatype=XSD.date)) in g
    assert (x, mandaat.rangorde, Literal("Eerste schepen", lang="nl")) in g
    assert any(
        str(o).startswith("http://data.vlaanderen.be/id/concept/BeleidsdomeinCode/")
        for o in g.objects(x, mandaat.beleidsdomein)
    )
    ext = Namespace("http://mu.semte.ch/vocabularies/ext/")
    assert (None, ext.isFractietype, URIRef(codes.SAMENWERKINGSVERBAND)) in g
    persoon = g.value(x, mandaat.isBestuurlijkeAliasVan)
    assert {p for p, _ in g.predicate_objects(persoon)} == {
        RDF.type,
        URIRef("http://data.vlaanderen.be/ns/persoon#gebruikteVoornaam"),
        URIRef("http://xmlns.com/foaf/0.1/familyName"),
    }


def test_binding_dates_keep_the_sources_precision(client, gevuld, aalst):
    """bindingStart is an xsd:dateTime in the source: the export says so, not a date it made up."""
    from rdflib import XSD, Namespace, URIRef

    oit = gevuld.mandaat.orgaan_in_tijd
    oit.start_bron = "2024-12-02T00:00:00"
    oit.save()
    _, g = _graaf(client, "mandaten:publiek-turtle", aalst, "turtle")
    start = g.value(URIRef(oit.uri), Namespace("http://data.vlaanderen.be/ns/mandaat#").bindingStart)
    assert (str(start), start.datatype) == ("2024-12-02T00:00:00", XSD.dateTime)


def test_export_of_all_besturen(client, gevuld, aalst, gent, django_capture_on_commit_callbacks):
    from rdflib import Graph, URIRef

    from mandaten.models import PubliekeExport
    from mandaten.tasks import genereer_exports

    assert client.get(reverse("mandaten:publiek-alle", args=["csv"])).status_code == 404  # not generated yet
    f.MandatarisFactory(bestuur=gent, persoon=f.PersoonFactory(voornaam="Gentse", achternaam="Raadslid"))
    with django_capture_on_commit_callbacks(execute=True):
        assert genereer_exports() == 2
        assert genereer_exports() == 2  # idempotent: one file per format, the old ones removed on commit
    assert PubliekeExport.objects.count() == 4
    csv_response = client.get(reverse("mandaten:publiek-alle", args=["csv"]))
    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert {(r["bestuur_uri"], r["kbo"], r["achternaam"]) for r in rows} == {
        (aalst.uri, aalst.kbo, "Doms"),
        (gent.uri, gent.kbo, "Raadslid"),
    }
    grafen = []
    for formaat, rdflib_formaat in [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")]:
        body = b"".join(client.get(reverse("mandaten:publiek-alle", args=[formaat])).streaming_content)
        no_personal_data(body.decode())
        g = Graph().parse(data=body, format=rdflib_formaat)
        assert URIRef(gevuld.uri) in set(g.subjects()) and URIRef(gent.uri) in set(g.subjects())
        grafen.append(g)
    from rdflib.compare import isomorphic

    assert isomorphic(grafen[0], grafen[1]) and isomorphic(grafen[0], grafen[2])
    assert client.get(reverse("mandaten:publiek-alle", args=["xls"])).status_code == 404
    html = client.get(reverse("mandaten:publiek")).content.decode()
    assert reverse("mandaten:publiek-alle", args=["nt"]) in html


def test_unknown_bestuur_404(client, gent):
    assert client.get(reverse("mandaten:publiek-bestuur", args=["bestaat-niet"])).status_code == 404


def test_csv_cells_are_not_run_as_formulas(client, aalst):
    f.MandatarisFactory(bestuur=aalst, persoon=f.PersoonFactory(voornaam="=HYPERLINK(1)", achternaam="@Som"))
    response = client.get(reverse("mandaten:publiek-csv", args=[aalst.uuid]) + "?periode=2025-2030")
    row = _csv(response)[0]
    assert (row["voornaam"], row["achternaam"]) == ("'=HYPERLINK(1)", "'@Som")


def test_other_bestuurs_data_not_on_a_bestuurs_public_page(client, gevuld, gent):
    f.MandatarisFactory(bestuur=gent, persoon=f.PersoonFactory(voornaam="Gentse", achternaam="Raadslid"))
    html = client.get(reverse("mandaten:publiek-bestuur", args=[gent.uuid])).content.decode()
    assert "Gentse Raadslid" in html and "Jana Doms" not in html
