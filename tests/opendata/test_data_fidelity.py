"""Issue 22: merged besturen say what they became, no invented names, a provincie for every bestuur a source places,
complete open data (every CSV joins on bestuur_uri/kbo, a page of every dataset, a DCAT catalogue)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.compare import isomorphic

from leidinggevenden import services as lg_services
from loket import csvexport, reference
from loket.models import Bestuurseenheid
from mandaten import services as mandaten_services
from tests import factories
from tests.mandaten import factories as mf

TEKST = "Gemeente Borsbeek is op 1 januari 2025 opgegaan in Gemeente Antwerpen"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
XSD_NON_NEGATIVE_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


@pytest.fixture
def borsbeek(db):
    return Bestuurseenheid.objects.get(naam="Borsbeek", classificatie__label="Gemeente")


@pytest.fixture
def antwerpen(db):
    return factories.bestuur("Antwerpen")


# --- Merged besturen ----------------------------------------------------------------------------------------


def test_merged_bestuur_on_the_public_mandaten_url_says_what_it_became(client, borsbeek, antwerpen):
    mf.MandatarisFactory(bestuur=antwerpen)
    for naam in ("mandaten:publiek-bestuur", "mandaten:publiek-csv", "mandaten:publiek-turtle"):
        response = client.get(reverse(naam, args=[borsbeek.uuid]))
        assert response.status_code == 410, naam
        html = response.content.decode()
        assert TEKST in html
        assert f'href="{reverse("mandaten:publiek-bestuur", args=[antwerpen.uuid])}"' in html
    # Other unknown besturen stay a 404.
    assert client.get(reverse("mandaten:publiek-bestuur", args=["bestaat-niet"])).status_code == 404


def test_merged_bestuur_on_the_public_leidinggevenden_url(client, borsbeek, antwerpen):
    response = client.get(reverse("leidinggevenden:publiek-bestuur", args=[borsbeek.uuid]))
    assert response.status_code == 410
    html = response.content.decode()
    assert TEKST in html and "Naar Gemeente Antwerpen" in html
    # Antwerpen keeps no leidinggevenden yet: the link goes to the search, never to a 404.
    assert f'href="{reverse("leidinggevenden:publiek")}"' in html


def test_public_searches_show_merged_besturen_as_merged(client, borsbeek, antwerpen):
    mf.MandatarisFactory(bestuur=antwerpen)
    html = client.get(reverse("mandaten:publiek"), {"q": "Borsbeek"}).content.decode()
    assert "Opgeheven besturen" in html and TEKST in html
    assert reverse("mandaten:publiek-bestuur", args=[antwerpen.uuid]) in html
    html = client.get(reverse("leidinggevenden:publiek"), {"zoek": "Borsbeek"}).content.decode()
    assert TEKST in html


def test_test_login_shows_merged_besturen_with_a_link_to_the_successor(client, settings, borsbeek, antwerpen):
    settings.DEBUG = True
    html = client.get(reverse("accounts:mock-login"), {"q": "Borsbeek"}).content.decode()
    assert TEKST in html
    assert f"?bestuur={antwerpen.uuid}" in html
    assert f"?bestuur={borsbeek.uuid}" not in html  # no login for a bestuur that no longer exists


def test_every_2025_merger_has_its_date_and_successor(db):
    opgeheven = Bestuurseenheid.objects.opgeheven().filter(opgeheven_op=date(2025, 1, 1))
    assert opgeheven.filter(classificatie__label="Gemeente").count() == 19
    borgloon = opgeheven.get(naam="Borgloon", classificatie__label="Gemeente")
    assert (
        borgloon.opgegaan_in_tekst == "Gemeente Borgloon is op 1 januari 2025 opgegaan in Gemeente Tongeren"
    )


# --- No invented names --------------------------------------------------------------------------------------


def test_a_bestuur_without_a_name_in_the_source_is_not_named_after_its_werkingsgebied(db):
    pv = Bestuurseenheid.objects.get(kbo="0680397589")
    assert pv.naam == "Naamloze projectvereniging (KBO 0680397589)"
    assert pv.volledige_naam == pv.naam and "Dendermonde" not in str(pv)
    # Every other bestuur carries the source's own name.
    zonder_naam = Bestuurseenheid.objects.filter(naam__startswith="Naamloze")
    assert list(zonder_naam.values_list("kbo", flat=True)) == ["0680397589"]


# --- Provincie ----------------------------------------------------------------------------------------------


# Active besturen for which no source gives a provincie (docs/architecture.md, "Reference data"): the
# Flemish government level (no seat, no territory); the one bestuur van de eredienst (no address, werkingsgebied or
# members in the source); the VGC (seat in Brussel, in no Flemish provincie).
ZONDER_PROVINCIE = [
    ("Agentschap Binnenlands Bestuur", "Agentschap Binnenlands Bestuur"),
    ("Agentschap Binnenlands Bestuur", "Kabinet Crevits"),
    ("Agentschap Binnenlands Bestuur", "Vlaams Parlement"),
    ("Bestuur van de eredienst", "Kerkfabriek Vredegem"),
    ("Vlaamse gemeenschapscommissie", "Vlaamse Gemeenschapscommissie"),
]


def test_every_active_bestuur_has_a_provincie_but_the_five_no_source_places(db):
    zonder = Bestuurseenheid.objects.actief().filter(provincie="").order_by("classificatie__label", "naam")
    assert list(zonder.values_list("classificatie__label", "naam")) == ZONDER_PROVINCIE


@pytest.mark.parametrize(
    "naam,classificatie,provincie",
    [
        ("Merelbeke-Melle", "OCMW", "Oost-Vlaanderen"),  # from the gemeente of the same name
        ("Nazareth-De Pinte", "OCMW", "Oost-Vlaanderen"),
        ("Pajottegem", "OCMW", "Vlaams-Brabant"),
        ("Beveren-Kruibeke-Zwijndrecht", "OCMW", "Oost-Vlaanderen"),
        ("Berchem", "District", "Antwerpen"),  # the city's
        ("Borsbeek", "District", "Antwerpen"),
        # The gemeente of the seat (hoofdvestigingen.csv):
        ("HVZ Zone 1", "Hulpverleningszone", "West-Vlaanderen"),  # Oostkamp
        ("HVZ Brandweer Westhoek", "Hulpverleningszone", "West-Vlaanderen"),  # Koksijde
        ("HVZ Brandweer Zone Kempen", "Hulpverleningszone", "Antwerpen"),  # Geel
        ("HVZ Oost", "Hulpverleningszone", "Oost-Vlaanderen"),  # Dendermonde
        ("HVZ Zuid-Oost", "Hulpverleningszone", "Oost-Vlaanderen"),  # Aalst
        ("HVZ Zuid-West-Limburg", "Hulpverleningszone", "Limburg"),
        # Bertem and Oostende: their addresses' own provincie is wrong (West-Vlaanderen, Vlaams-Brabant).
        ("AGB Beleko", "Autonoom gemeentebedrijf", "Vlaams-Brabant"),
        ("AV Henri Serruysziekenhuis", "Autonome verzorgingsinstelling", "West-Vlaanderen"),
        # No seat gemeente: the one provincie of its members (OCMW Wielsbeke and Motena).
        ("Ter Lembeek", "Welzijnsvereniging", "West-Vlaanderen"),
    ],
)
def test_derived_provincie(db, naam, classificatie, provincie):
    assert Bestuurseenheid.objects.get(naam=naam, classificatie__label=classificatie).provincie == provincie


def test_every_hulpverleningszone_has_a_provincie(db):
    zones = Bestuurseenheid.objects.filter(classificatie__label="Hulpverleningszone")
    assert zones.count() == 20 and not zones.filter(provincie="").exists()


def test_provincie_of_members_only_when_they_agree():
    provincies = {"a": "Limburg", "b": "Limburg", "c": "Antwerpen", "d": ""}
    assert reference.provincie_van_leden(["a", "b"], provincies) == "Limburg"
    assert reference.provincie_van_leden(["a", "c"], provincies) == ""  # spans two provincies: none
    assert reference.provincie_van_leden(["a", "d"], provincies) == ""  # one member without: not known
    assert reference.provincie_van_leden([], provincies) == ""


def test_every_district_has_a_provincie(db):
    districten = Bestuurseenheid.objects.filter(classificatie__label="District")
    assert districten.count() == 10 and not districten.filter(provincie="").exists()


# --- Open data ----------------------------------------------------------------------------------------------


def test_one_csv_rule_for_every_export():
    assert csvexport.veilige_cel("=SUM(A1)") == "'=SUM(A1)"
    for gevaarlijk in ("+cmd", "-2+3", "@x", "\tx", "\rx"):
        assert csvexport.veilige_cel(gevaarlijk) == "'" + gevaarlijk
    for gewoon in ("+32 53 77 93 00", "-12", "gewoon", "a=b"):
        assert csvexport.veilige_cel(gewoon) == gewoon
    assert csvexport.veilige_cel(None) == "" and csvexport.veilige_cel(date(2025, 1, 2)) == "2025-01-02"
    data = csvexport.csv_bytes(["a", "b"], [["x;y", "=1"]])
    assert data == '\ufeffa;b\r\n"x;y";\'=1\r\n'.encode()


def _alle_csvs(client, aalst, abb_lezer_client, beheerder_client):
    """Every CSV the Loket writes, by its URL."""
    yield "mandaten bestuur", client.get(reverse("mandaten:publiek-csv", args=[aalst.uuid]))
    yield "mandaten alle besturen", client.get(reverse("mandaten:publiek-alle", args=["csv"]))
    yield "leidinggevenden", client.get(reverse("leidinggevenden:publiek-download", args=["csv"]))
    yield "toezicht ABB", abb_lezer_client.get(reverse("toezicht:abb-export"))
    yield "gebruikers en rechten", beheerder_client.get(reverse("accounts:gebruikers"), {"formaat": "csv"})


def test_every_csv_has_bestuur_uri_and_kbo_with_a_bom_and_semicolons(client, aalst, login_as):
    from django.test import Client

    from loket import modules

    mf.MandatarisFactory(bestuur=aalst)
    lg_services.genereer_exports()
    mandaten_services.genereer_exports()
    abb_lezer = Client()
    abb_lezer.force_login(factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE]))
    beheerder = Client()
    beheerder_user = factories.user_with_rights(aalst, "gebruikers")
    beheerder.force_login(beheerder_user)
    from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY

    session = beheerder.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = aalst.pk
    session.save()
    for naam, response in _alle_csvs(client, aalst, abb_lezer, beheerder):
        assert response.status_code == 200, naam
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body.startswith("\ufeff".encode()), naam
        header = next(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
        assert {"bestuur_uri", "kbo"} <= set(header), (naam, header)


def test_open_data_page_lists_every_public_dataset(client, aalst):
    mf.MandatarisFactory(bestuur=aalst)
    assert (
        "Er zijn nog geen datasets gepubliceerd." in client.get(reverse("loket:open-data")).content.decode()
    )
    lg_services.genereer_exports()
    mandaten_services.genereer_exports()
    response = client.get(reverse("loket:open-data"))
    assert response.status_code == 200
    html = response.content.decode()
    for titel in ("Mandatendatabank: huidige mandatarissen van alle besturen", "Databank leidinggevenden"):
        assert titel in html
    for formaat in ("CSV", "Turtle", "JSON-LD", "N-Triples"):
        assert f">{formaat}</a>" in html
    assert "Modellicentie Gratis Hergebruik v1.0" in html
    assert reverse("leidinggevenden:publiek-download", args=["nt"]) in html
    assert reverse("mandaten:publiek-alle", args=["csv"]) in html


def test_dcat_catalogue_in_turtle_and_json_ld(client, aalst):
    mf.MandatarisFactory(bestuur=aalst)
    lg_services.genereer_exports()
    mandaten_services.genereer_exports()
    ttl = client.get(reverse("loket:open-data-catalogus", args=["ttl"]))
    assert ttl.status_code == 200 and ttl["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=ttl.content, format="turtle")
    g_json = Graph().parse(
        data=client.get(reverse("loket:open-data-catalogus", args=["jsonld"])).content, format="json-ld"
    )
    assert isomorphic(g, g_json)
    catalogus = next(g.subjects(RDF.type, DCAT.Catalog))
    datasets = set(g.objects(catalogus, DCAT.dataset))
    assert len(datasets) == 2
    for ds in datasets:
        assert g.value(ds, DCT.license) is not None and g.value(ds, DCT.title) is not None
        distributies = set(g.objects(ds, DCAT.distribution))
        assert len(distributies) == 4
        for dist in distributies:
            assert g.value(dist, DCAT.downloadURL) is not None and g.value(dist, DCAT.mediaType) is not None
    leidinggevenden_ttl = URIRef(
        "http://testserver" + reverse("leidinggevenden:publiek-download", args=["ttl"])
    )
    size = g.value(leidinggevenden_ttl, DCAT.byteSize)
    assert size is not None and size.datatype == XSD_NON_NEGATIVE_INTEGER and int(size) > 0
    assert client.get(reverse("loket:open-data-catalogus", args=["xml"])).status_code == 404


def test_beat_regenerates_the_mandaten_files_nightly(settings):
    taak = settings.CELERY_BEAT_SCHEDULE["mandaten-exports"]
    assert taak["task"] == "mandaten.tasks.genereer_exports"
    from mandaten.tasks import genereer_exports

    assert genereer_exports.name == taak["task"]
