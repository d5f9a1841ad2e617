"""The public site and the open-data downloads: current data only, never a rijksregisternummer or birth date."""

import csv
import io
import json
import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from leidinggevenden import exports, functies, services
from leidinggevenden.functies import Status
from leidinggevenden.models import PubliekeExport
from loket.models import Bestuurseenheid

from .factories import ContactGegevensFactory, FunctionarisFactory, PersoonFactory, rrn_nummer

AD = functies.ALGEMEEN_DIRECTEUR


def url(name, **kwargs):
    return reverse(f"leidinggevenden:{name}", kwargs=kwargs)


@pytest.fixture
def provincie(db):
    return Bestuurseenheid.objects.get(naam="Antwerpen", classificatie__label="Provincie")


@pytest.fixture
def data(aalst, provincie):
    """Current, ended and future periods; each person's rijksregisternummer is remembered to hunt for it."""
    vandaag = date.today()
    nummers = {
        "an": rrn_nummer("780412", 122),
        "bart": rrn_nummer("690925", 37),
        "eline": rrn_nummer("010615", 88, na_2000=True),
        "frank": rrn_nummer("741108", 173),
        "bis": rrn_nummer("852730", 33),
    }
    an = PersoonFactory(voornaam="An", achternaam="Verhulst", rijksregisternummer=nummers["an"])
    bart = PersoonFactory(voornaam="Bart", achternaam="Oudgediende", rijksregisternummer=nummers["bart"])
    eline = PersoonFactory(voornaam="Eline", achternaam="Toekomst", rijksregisternummer=nummers["eline"])
    frank = PersoonFactory(voornaam="Frank", achternaam="Claes", rijksregisternummer=nummers["frank"])
    bis = PersoonFactory(voornaam='Zoë "Z"', achternaam="D'Hondt\\Test", rijksregisternummer=nummers["bis"])
    FunctionarisFactory(bestuur=aalst, persoon=an, start=date(2019, 1, 1))
    FunctionarisFactory(
        bestuur=aalst,
        functie=functies.FINANCIEEL_DIRECTEUR.code,
        persoon=bart,
        start=date(2019, 1, 1),
        einde=vandaag - timedelta(days=1),
    )
    FunctionarisFactory(
        bestuur=aalst,
        functie=functies.FINANCIEEL_DIRECTEUR.code,
        persoon=eline,
        start=vandaag + timedelta(days=30),
        status=Status.WAARNEMEND,
    )
    FunctionarisFactory(
        bestuur=aalst,
        functie=functies.ADJUNCT_ALGEMEEN_DIRECTEUR.code,
        persoon=bis,
        start=date(2021, 3, 1),
        status=Status.WAARNEMEND,
    )
    FunctionarisFactory(
        bestuur=provincie, functie=functies.GRIFFIER.code, persoon=frank, start=date(2019, 1, 1)
    )
    ContactGegevensFactory(bestuur=aalst, functie=AD.code)
    ContactGegevensFactory(
        bestuur=provincie,
        functie=functies.GRIFFIER.code,
        email="griffier@prov.example",
        telefoon="03 240 50 11",
        straat="Koningin Elisabethlei",
        huisnummer="22",
        postcode="2018",
        gemeente="Antwerpen",
    )
    services.genereer_exports()
    return nummers


def verboden_vormen(nummer):
    """Every way a rijksregisternummer, its mask or the birth date could leak."""
    yy, mm, dd = nummer[0:2], nummer[2:4], nummer[4:6]
    maand = int(mm) % 20 or 12 if int(mm) > 12 else int(mm)
    maand = f"{maand:02d}"
    vormen = {
        nummer,
        f"{yy}.{mm}.{dd}-{nummer[6:9]}.{nummer[9:]}",
        f"{yy}{mm}{dd}-{nummer[6:9]}",
        f"{yy}.{mm}.{dd}-***.**",
        f"{yy}.{mm}.{dd}",
        f"{nummer[6:9]}.{nummer[9:]}",
    }
    for eeuw in ("19", "20"):
        vormen |= {f"{dd}-{maand}-{eeuw}{yy}", f"{eeuw}{yy}-{maand}-{dd}", f"{dd}/{maand}/{eeuw}{yy}"}
    return vormen


def crawl(client):
    """Every public page (index, search, each bestuur, pagination) and every download."""
    bezocht, te_bezoeken, inhoud = set(), [url("publiek"), url("publiek") + "?zoek=aalst"], {}
    while te_bezoeken:
        pad = te_bezoeken.pop()
        if pad in bezocht:
            continue
        bezocht.add(pad)
        response = client.get(pad)
        assert response.status_code == 200, pad
        body = b"".join(response.streaming_content) if response.streaming else response.content
        inhoud[pad] = body.decode("utf-8")
        if "text/html" in response.get("Content-Type", ""):
            for link in re.findall(r'href="([^"]+)"', inhoud[pad]):
                link = link.replace("&amp;", "&")
                if link.startswith("?"):
                    link = pad.split("?")[0] + link
                if link.startswith("/leidinggevenden/publiek/"):
                    te_bezoeken.append(link)
    return inhoud


@pytest.mark.django_db
def test_crawl_public_pages_and_downloads_never_show_rrn_or_birth_date(client, data):
    inhoud = crawl(client)
    assert any(p.endswith("/downloads/csv/") for p in inhoud)
    assert any(p.endswith("/downloads/ttl/") for p in inhoud)
    assert any(p.endswith("/downloads/jsonld/") for p in inhoud)
    assert any("/besturen/" in p for p in inhoud)
    for pad, tekst in inhoud.items():
        for nummer in data.values():
            for vorm in verboden_vormen(nummer):
                assert vorm not in tekst, (pad, vorm)
        assert "***" not in tekst, pad
        assert "rrn" not in tekst.lower() and "rijksregisternummer" not in tekst.lower().replace(
            "het rijksregisternummer", ""
        ), pad
        for woord in ("geboortedatum", "geslacht", "gender", "birthDate"):
            assert woord.lower() not in tekst.lower(), (pad, woord)


@pytest.mark.django_db
def test_public_bestuur_shows_only_current_periods(client, data, aalst):
    html = client.get(url("publiek-bestuur", bestuur_uuid=aalst.uuid)).content.decode()
    assert "Verhulst" in html and "Algemeen directeur" in html
    assert "algemeen.directeur@bestuur.example" in html and "Grote Markt 3, 9300 Aalst" in html
    assert "Oudgediende" not in html  # ended yesterday
    assert "Toekomst" not in html  # starts next month
    assert "Waarnemend" in html  # the adjunct
    for path in ("csv", "ttl", "jsonld"):
        body = b"".join(client.get(url("publiek-download", formaat=path)).streaming_content).decode()
        assert "Verhulst" in body and "Oudgediende" not in body and "Toekomst" not in body


@pytest.mark.django_db
def test_public_search_lists_only_besturen_with_leidinggevenden(client, data, aalst, gent, provincie):
    html = client.get(url("publiek")).content.decode()
    assert aalst.volledige_naam in html and "Antwerpen" in html
    assert gent.volledige_naam not in html  # no leidinggevenden entered
    html = client.get(url("publiek"), {"zoek": "antw"}).content.decode()
    assert "Antwerpen" in html and "Gemeente Aalst" not in html
    html = client.get(url("publiek"), {"zoek": "bestaat niet"}).content.decode()
    assert "Geen besturen gevonden" in html


@pytest.mark.django_db
def test_public_pages_need_no_login_and_are_cacheable(client, data, aalst):
    response = client.get(url("publiek-bestuur", bestuur_uuid=aalst.uuid))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert "noindex" not in response.content.decode()


@pytest.mark.django_db
def test_unknown_bestuur_is_a_friendly_404(client, data):
    response = client.get(url("publiek-bestuur", bestuur_uuid="bestaat-niet"))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    pz = Bestuurseenheid.objects.filter(classificatie__label="Politiezone", actief=True).first()
    assert client.get(url("publiek-bestuur", bestuur_uuid=pz.uuid)).status_code == 404
    assert client.get(url("publiek-download", formaat="xml")).status_code == 404


@pytest.mark.django_db
def test_eligible_bestuur_without_data_shows_an_empty_page(client, gent):
    html = client.get(url("publiek-bestuur", bestuur_uuid=gent.uuid)).content.decode()
    assert "geen leidinggevenden gekend" in html


@pytest.mark.django_db
def test_csv_export(client, data, aalst):
    export = PubliekeExport.objects.get(formaat="csv")
    assert export.aangemaakt_op is not None and export.aantal == 3
    body = b"".join(client.get(url("publiek-download", formaat="csv")).streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert list(rows[0]) == exports.CSV_KOLOMMEN
    an = next(r for r in rows if r["achternaam"] == "Verhulst")
    assert an["bestuur_uri"] == aalst.uri and an["functie_uri"] == AD.uri and an["status"] == "Aangesteld"
    assert an["telefoon"] == "053 77 93 00" and an["postcode"] == "9300"


@pytest.mark.django_db
def test_turtle_export_uses_the_lblod_vocabulary_and_escapes(client, data, aalst):
    body = b"".join(client.get(url("publiek-download", formaat="ttl")).streaming_content).decode()
    assert "@prefix lblodlg: <http://data.lblod.info/vocabularies/leidinggevenden/> ." in body
    assert (
        "a lblodlg:Functionaris" in body and "a lblodlg:Bestuursfunctie" in body and "a person:Person" in body
    )
    assert f"dct:isPartOf <{aalst.uri}>" in body
    assert f"org:role <{AD.uri}>" in body
    assert f"mandaat:status <{functies.STATUS_URI[Status.AANGESTELD]}>" in body
    assert 'mandaat:start "2019-01-01"^^xsd:date' in body
    assert 'persoon:gebruikteVoornaam "Zoë \\"Z\\""' in body
    assert 'foaf:familyName "D\'Hondt\\\\Test"' in body
    assert "lblodlg:heeftBestuursfunctie" in body  # the real bestuursorgaan "Algemeen directeur" of Aalst


@pytest.mark.django_db
def test_jsonld_export_is_valid_json_ld(client, data, aalst):
    from rdflib import XSD, Graph, Literal, Namespace, URIRef

    body = b"".join(client.get(url("publiek-download", formaat="jsonld")).streaming_content)
    doc = json.loads(body)
    assert doc["@context"]["lblodlg"] == "http://data.lblod.info/vocabularies/leidinggevenden/"
    g = Graph().parse(data=body, format="json-ld")
    persoon = Namespace("http://data.vlaanderen.be/ns/persoon#")
    assert {'Zoë "Z"', "An", "Frank"} <= {str(o) for o in g.objects(None, persoon.gebruikteVoornaam)}
    mandaat = Namespace("http://data.vlaanderen.be/ns/mandaat#")
    assert Literal("2019-01-01", datatype=XSD.date) in set(g.objects(None, mandaat.start))
    dataset = URIRef("http://data.lblod.info/id/datasets/databank-leidinggevenden-huidig")
    assert g.value(dataset, URIRef("http://purl.org/dc/terms/issued")).datatype == XSD.dateTime


def test_exports_regenerate_idempotently_and_remove_old_files(data, django_capture_on_commit_callbacks):
    eerste = {e.formaat: e.bestand.name for e in PubliekeExport.objects.all()}
    from leidinggevenden.tasks import genereer_exports

    with django_capture_on_commit_callbacks(execute=True):
        assert genereer_exports() == 3
    tweede = {e.formaat: e for e in PubliekeExport.objects.all()}
    assert set(tweede) == {"csv", "ttl", "jsonld", "nt"} and PubliekeExport.objects.count() == 4
    for formaat, naam in eerste.items():
        storage = tweede[formaat].bestand.storage
        assert tweede[formaat].bestand.name != naam
        assert storage.exists(tweede[formaat].bestand.name) and not storage.exists(naam)


def test_beat_schedule_regenerates_the_exports():
    entries = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "leidinggevenden.tasks.genereer_exports"
    ]
    assert entries


@pytest.mark.django_db
def test_turtle_and_jsonld_are_the_same_valid_graph(data, aalst):
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.compare import isomorphic

    ttl = PubliekeExport.objects.get(formaat="ttl").bestand.open("rb").read()
    jsonld = PubliekeExport.objects.get(formaat="jsonld").bestand.open("rb").read()
    g_ttl = Graph().parse(data=ttl, format="turtle")
    g_json = Graph().parse(data=jsonld, format="json-ld")
    assert isomorphic(g_ttl, g_json)
    issued = list(g_ttl.objects(URIRef(exports.DATASET_URI), URIRef("http://purl.org/dc/terms/issued")))
    assert len(issued) == 1 and issued[0].datatype == URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
    lg = Namespace("http://data.lblod.info/vocabularies/leidinggevenden/")
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert len(set(g_ttl.subjects(rdf_type, lg.Functionaris))) == 3
    foaf = Namespace("http://xmlns.com/foaf/0.1/")
    assert (None, foaf.familyName, Literal("D'Hondt\\Test")) in g_ttl
    assert (None, URIRef("http://purl.org/dc/terms/isPartOf"), URIRef(aalst.uri)) in g_ttl
    literals = " ".join(str(o) for o in g_ttl.objects() if isinstance(o, Literal))
    for nummer in data.values():
        assert nummer not in literals


@pytest.mark.django_db
def test_logged_in_visitors_page_is_never_shared_cached(client, data, aalst):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(url("publiek-bestuur", bestuur_uuid=aalst.uuid))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


@pytest.mark.django_db
def test_handleiding_in_dutch(client):
    response = client.get(reverse("loket:handleiding", args=["leidinggevenden"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "01-01-2019" in html and "aangesteld" in html and "85.07.30-***.**" in html
