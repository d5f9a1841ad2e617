"""The vendor API contract (lblod's POST /melding) against a loopback web server serving decision pages."""

import json
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from leveranciers import services
from leveranciers.models import STATUS_CONCEPT, Inzending
from loket.models import AuditEvent
from tests import factories
from toezicht.models import Melding

from .conftest import besluitpagina, melding_body

RESOURCE = "https://besluiten.aalst.be/id/besluitenlijst/2026-11-20"


def post(client, body, path="/melding", content_type="application/json"):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.generic("POST", path, data, content_type=content_type)


def status_van(client, leverancier, response, soort="job"):
    url = response.json()["links"][soort]
    return client.get(url, headers={"X-Vendor-Uri": leverancier.uri, "X-Vendor-Key": leverancier.sleutel})


@pytest.fixture
def pagina(publicaties, gemeenteraad, besluitenlijst):
    publicaties.zet(
        "/besluitenlijst.html",
        (
            200,
            "text/html; charset=utf-8",
            besluitpagina(resource=RESOURCE, orgaan_uri=gemeenteraad.uri, type_uri=besluitenlijst.uri),
            {},
        ),
    )
    return f"{publicaties.url}/besluitenlijst.html"


def test_inzendbaar_and_valid_is_sent_like_a_person_would(
    client, aalst, leverancier, pagina, gemeenteraad, besluitenlijst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, melding_body(leverancier, aalst, href=pagina, resource=RESOURCE))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["uri"] == body["submission"] and body["submission"].startswith(
        "http://data.lblod.info/submissions/"
    )
    assert body["job"].startswith("http://data.lblod.info/id/automatic-submission-job/")

    melding = Melding.objects.get(inzending__submission_uri=body["submission"])
    assert Inzending.objects.get().verzendfouten == {}
    assert melding.status == Melding.Status.VERSTUURD and melding.verstuurd_op is not None
    assert melding.bestuur == aalst and melding.leverancier == leverancier
    assert melding.besluittype == besluitenlijst and melding.beslissingsorgaan == gemeenteraad
    assert melding.datum_zitting == date(2026, 11, 20)
    assert melding.links == [pagina]
    # The same send as a person's: ABB's notification mail, the audit trail.
    assert len(mail.outbox) == 1 and "Melding verstuurd" in mail.outbox[0].subject
    assert "Verstuurd door: automatisch bij publicatie (Notulensoft)" in mail.outbox[0].body
    acties = set(AuditEvent.objects.filter(object_id=str(melding.pk)).values_list("actie", flat=True))
    assert {
        "leveranciers.melding.ontvangen",
        "toezicht.melding.verstuurd",
        "leveranciers.melding.verstuurd",
    } <= acties

    job = status_van(client, leverancier, response).json()
    assert job["status"] == "verstuurd" and job["jobStatus"] == "success" and job["sentDate"]
    assert [t["operation"] for t in job["tasks"]] == ["register", "download", "import", "validate"]
    assert {t["status"] for t in job["tasks"]} == {"success"}
    assert status_van(client, leverancier, response, "submission").json()["status"] == "verstuurd"


def test_missing_field_on_the_page_leaves_a_concept_the_bestuur_completes(
    client, aalst, leverancier, publicaties, besluitenlijst, django_capture_on_commit_callbacks
):
    publicaties.zet(
        "/zonder-orgaan.html",
        (200, "text/html", besluitpagina(resource=RESOURCE, type_uri=besluitenlijst.uri), {}),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            melding_body(leverancier, aalst, href=f"{publicaties.url}/zonder-orgaan.html", resource=RESOURCE),
        )
    assert response.status_code == 201
    melding = Melding.objects.get(leverancier=leverancier)
    assert melding.status == Melding.Status.CONCEPT and melding.besluittype == besluitenlijst
    assert melding.beslissingsorgaan is None
    job = status_van(client, leverancier, response).json()
    assert job["status"] == "concept" and job["jobStatus"] == "success"
    assert job["validationErrors"] == {"beslissingsorgaan": ["Dit veld is verplicht."]}
    assert len(mail.outbox) == 0


def test_status_concept_is_never_sent(client, aalst, leverancier, pagina, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, melding_body(leverancier, aalst, href=pagina, resource=RESOURCE, status=STATUS_CONCEPT)
        )
    assert response.status_code == 201
    melding = Melding.objects.get(leverancier=leverancier)
    assert melding.status == Melding.Status.CONCEPT and melding.beslissingsorgaan is not None
    assert status_van(client, leverancier, response).json()["validationErrors"] == {}


def test_wrong_key_unknown_vendor_and_other_bestuur_are_401(client, aalst, gent, leverancier, pagina):
    goed = melding_body(leverancier, aalst, href=pagina, resource=RESOURCE)
    fout_sleutel = {**goed, "publisher": {"uri": leverancier.uri, "key": "niet-de-sleutel"}}
    onbekend = {
        **goed,
        "publisher": {"uri": "http://data.lblod.info/vendors/onbekend", "key": leverancier.sleutel},
    }
    ander_bestuur = {**goed, "organization": gent.uri}
    for body in (fout_sleutel, onbekend, ander_bestuur):
        response = post(client, body)
        assert response.status_code == 401
        assert "vendor does not have access" in response.json()["errors"][0]["title"]
    leverancier.actief = False
    leverancier.save()
    assert post(client, goed).status_code == 401
    assert not Melding.objects.filter(leverancier=leverancier).exists()


def test_duplicate_submitted_resource_is_409_until_deleted(client, aalst, leverancier, pagina):
    body = melding_body(leverancier, aalst, href=pagina, resource=RESOURCE, status=STATUS_CONCEPT)
    eerste = post(client, body)
    assert eerste.status_code == 201
    tweede = post(client, body)
    assert tweede.status_code == 409
    assert RESOURCE in tweede.json()["errors"][0]["title"]
    weg = post(
        client,
        {
            "submission": eerste.json()["submission"],
            "organization": aalst.uri,
            "publisher": {"uri": leverancier.uri, "key": leverancier.sleutel},
        },
        path="/delete-melding",
    )
    assert weg.status_code == 200
    assert (
        Melding.objects.get(inzending__submission_uri=eerste.json()["submission"]).verwijderd_op is not None
    )
    assert post(client, body, path="/api/v1/melding").status_code == 201


def test_delete_unknown_is_404_and_sent_is_409(
    client, aalst, leverancier, pagina, django_capture_on_commit_callbacks
):
    publisher = {"uri": leverancier.uri, "key": leverancier.sleutel}
    onbekend = post(
        client,
        {
            "submission": "http://data.lblod.info/submissions/bestaat-niet",
            "organization": aalst.uri,
            "publisher": publisher,
        },
        path="/delete-melding",
    )
    assert onbekend.status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, melding_body(leverancier, aalst, href=pagina, resource=RESOURCE))
    verstuurd = post(
        client,
        {"submission": response.json()["submission"], "organization": aalst.uri, "publisher": publisher},
        path="/delete-melding",
    )
    assert verstuurd.status_code == 409
    assert Melding.objects.get(leverancier=leverancier).status == Melding.Status.VERSTUURD


@pytest.mark.parametrize(
    "veld", ["href", "submittedResource", "organization", "publisher", "publisher.uri", "publisher.key"]
)
def test_each_missing_property_is_a_400_naming_it(client, aalst, leverancier, veld):
    body = melding_body(leverancier, aalst, href="https://example.org/p.html", resource=RESOURCE)
    if "." in veld:
        del body["publisher"][veld.split(".")[1]]
    else:
        del body[veld]
    response = post(client, body)
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"title": f'Invalid JSON-LD payload: property "{veld}" is missing or invalid.'}]
    }


def test_invalid_values_are_400_one_error_each(client, aalst, leverancier):
    body = melding_body(
        leverancier,
        aalst,
        href="ftp://example.org/p.html",
        resource="geen uri",
        status="http://data.lblod.info/document-statuses/concept",
    )
    titels = [e["title"] for e in post(client, body).json()["errors"]]
    assert titels == [
        f'Invalid JSON-LD payload: property "{v}" is missing or invalid.'
        for v in ("href", "submittedResource", "status")
    ]


def test_hostile_bodies_are_4xx_never_500(client, aalst, leverancier, settings):
    goed = melding_body(leverancier, aalst, href="https://example.org/p.html", resource=RESOURCE)
    tekst = json.dumps(goed)
    assert post(client, tekst, content_type="text/plain").status_code == 400
    assert post(client, tekst, content_type="application/x-www-form-urlencoded").status_code == 400
    assert post(client, "[" + tekst + "]").json()["errors"][0]["title"] == (
        "Invalid JSON payload, expected an object but found array."
    )
    assert post(client, tekst[:-3]).status_code == 400
    assert post(client, tekst.encode().replace(b"https", b"ht\x00tps", 1)).status_code == 400
    assert post(client, tekst.replace("https", "ht\\u0000tps", 1)).status_code == 400
    assert post(client, b"\xff\xfe" + tekst.encode()).status_code == 400
    assert post(client, "[" * 100_000 + "]" * 100_000).status_code in (400, 413)
    groot = {**goed, "opmerking": "x" * (settings.LOKET_VENDOR_MAX_BODY_BYTES + 1)}
    assert post(client, groot).status_code == 413
    assert client.get("/melding").status_code == 405
    assert not Melding.objects.exists()


def test_download_failure_fails_the_job_with_its_message_and_abb_retry_works(
    client,
    aalst,
    leverancier,
    publicaties,
    gemeenteraad,
    besluitenlijst,
    abb_editeur,
    login_as,
    django_capture_on_commit_callbacks,
):
    publicaties.zet("/stuk.html", (503, "text/plain", b"onderhoud", {}))
    href = f"{publicaties.url}/stuk.html"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, melding_body(leverancier, aalst, href=href, resource=RESOURCE))
    job = status_van(client, leverancier, response).json()
    assert job["status"] == "mislukt" and job["jobStatus"] == "failed"
    assert job["error"] == {
        "nl": "De server van de publicatie antwoordde met fout 503.",
        "en": "The publication's server answered 503.",
    }
    download = job["tasks"][1]
    assert (
        download["status"] == "failed" and download["attempts"] == 3
    )  # 1 + LOKET_VENDOR_DOWNLOAD_RETRIES (2)
    assert publicaties.verzoeken.count("/stuk.html") == 3
    # The request was not lost: the bestuur has a concept holding the link.
    melding = Melding.objects.get(leverancier=leverancier)
    assert melding.status == Melding.Status.CONCEPT and melding.links == [href]

    publicaties.zet(
        "/stuk.html",
        (
            200,
            "text/html",
            besluitpagina(resource=RESOURCE, orgaan_uri=gemeenteraad.uri, type_uri=besluitenlijst.uri),
            {},
        ),
    )
    inzending = Inzending.objects.get()
    abb = login_as(abb_editeur, factories.abb())
    pagina = abb.get(reverse("leveranciers:abb-verwerking", args=[inzending.uuid]))
    assert "De server van de publicatie antwoordde met fout 503." in pagina.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        abb.post(reverse("leveranciers:abb-opnieuw", args=[inzending.uuid]))
    job = status_van(client, leverancier, response).json()
    assert job["status"] == "verstuurd" and job["jobStatus"] == "success" and job["error"] is None
    assert AuditEvent.objects.filter(actie="leveranciers.verwerking.herstart").exists()


def test_a_page_that_is_not_html_fails_at_once(
    client, aalst, leverancier, publicaties, django_capture_on_commit_callbacks
):
    publicaties.zet("/besluit.pdf", (200, "application/pdf", b"%PDF-1.4", {}))
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, melding_body(leverancier, aalst, href=f"{publicaties.url}/besluit.pdf", resource=RESOURCE)
        )
    job = status_van(client, leverancier, response).json()
    assert job["jobStatus"] == "failed" and "geen HTML-pagina" in job["error"]["nl"]
    assert publicaties.verzoeken.count("/besluit.pdf") == 1


def test_loopback_and_redirects_to_it_are_refused_in_production(
    client, aalst, leverancier, publicaties, settings, django_capture_on_commit_callbacks
):
    settings.LOKET_VENDOR_DOWNLOAD_ALLOW_PRIVATE = False
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, melding_body(leverancier, aalst, href=f"{publicaties.url}/x.html", resource=RESOURCE)
        )
    job = status_van(client, leverancier, response).json()
    assert job["jobStatus"] == "failed" and "intern adres" in job["error"]["nl"]
    assert publicaties.verzoeken == []


def test_too_large_page_fails(
    client, aalst, leverancier, publicaties, settings, django_capture_on_commit_callbacks
):
    settings.LOKET_VENDOR_DOWNLOAD_MAX_BYTES = 1024
    publicaties.zet("/groot.html", (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>", {}))
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, melding_body(leverancier, aalst, href=f"{publicaties.url}/groot.html", resource=RESOURCE)
        )
    assert "groter dan" in status_van(client, leverancier, response).json()["error"]["nl"]


def test_status_endpoints_need_the_key_and_only_show_own_jobs(client, aalst, leverancier, pagina, login_as):
    response = post(
        client, melding_body(leverancier, aalst, href=pagina, resource=RESOURCE, status=STATUS_CONCEPT)
    )
    url = response.json()["links"]["job"]
    assert client.get(url).status_code == 401
    assert (
        client.get(url, headers={"X-Vendor-Uri": leverancier.uri, "X-Vendor-Key": "fout"}).status_code == 401
    )
    ander, sleutel = services.maak_leverancier(naam="Ander", uri="http://data.lblod.info/vendors/ander")
    assert client.get(url, headers={"X-Vendor-Uri": ander.uri, "X-Vendor-Key": sleutel}).status_code == 404
    # A session (even ABB's admin) opens nothing: only a vendor's key does.
    from loket import modules

    admin = factories.user_with_rights(factories.abb(), roles=[modules.ADMIN_ROLE, modules.ABB_EDITEUR_ROLE])
    assert login_as(admin, factories.abb()).get(url).status_code == 401


def test_keys_are_argon2_hashes_and_rotation_stops_the_old_key(client, aalst, leverancier, pagina):
    leverancier.refresh_from_db()
    assert (
        leverancier.sleutel_hash.startswith("argon2$") and leverancier.sleutel not in leverancier.sleutel_hash
    )
    oud = leverancier.sleutel
    assert (
        post(
            client,
            melding_body(leverancier, aalst, href=pagina, resource=RESOURCE + "/1", status=STATUS_CONCEPT),
        ).status_code
        == 201
    )
    _, nieuw = services.vernieuw_sleutel(leverancier=leverancier)
    assert (
        post(
            client,
            melding_body(leverancier, aalst, href=pagina, resource=RESOURCE + "/2", status=STATUS_CONCEPT),
        ).status_code
        == 401
    )
    leverancier.sleutel = nieuw
    assert (
        post(
            client,
            melding_body(leverancier, aalst, href=pagina, resource=RESOURCE + "/2", status=STATUS_CONCEPT),
        ).status_code
        == 201
    )
    assert nieuw != oud


def test_rate_limit_per_vendor_is_429_with_retry_after(client, aalst, leverancier, settings):
    settings.LOKET_VENDOR_RATE_LIMIT = 2
    body = melding_body(leverancier, aalst, href="https://example.org/p.html", resource="geen uri")
    assert [post(client, body).status_code for _ in range(2)] == [400, 400]
    response = post(client, body)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    ander = {**body, "publisher": {"uri": "http://data.lblod.info/vendors/ander", "key": "x"}}
    assert post(client, ander).status_code == 400  # another vendor has its own budget


def test_openapi_document_is_valid_openapi_3(client):
    from openapi_spec_validator import validate

    response = client.get(reverse("leveranciers:openapi"))
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert {
        "/melding",
        "/delete-melding",
        "/api/v1/jobs/{job_id}",
        "/api/v1/submissions/{submission_id}",
    } <= set(document["paths"])


def test_post_melding_costs_a_bounded_number_of_queries(
    client, aalst, leverancier, django_assert_max_num_queries
):
    """The register step in the request: lookups, the duplicate check, the melding, the job and its steps, two
    audit events (docs/performance.md "Vendor API"); the download and the rest run in the worker."""
    body = melding_body(
        leverancier, aalst, href="https://example.org/p.html", resource=RESOURCE, status=STATUS_CONCEPT
    )
    post(client, {**body, "submittedResource": RESOURCE + "/warm"})
    with django_assert_max_num_queries(17):
        assert post(client, body).status_code == 201


def test_json_ld_body_with_its_own_id(client, aalst, leverancier, pagina):
    eigen = "http://data.lblod.info/submissions/eigen-id-van-de-leverancier"
    body = melding_body(leverancier, aalst, href=pagina, resource=RESOURCE, status=STATUS_CONCEPT)
    body = {
        "@context": "https://lblod.data.gift/contexts/automatische-melding/v1/context.json",
        "@id": eigen,
        **body,
    }
    response = post(client, body, content_type="application/ld+json; charset=utf-8")
    assert response.status_code == 201 and response.json()["submission"] == eigen == response.json()["uri"]
    tweede = post(
        client, {**body, "submittedResource": RESOURCE + "/ander"}, content_type="application/ld+json"
    )
    assert tweede.status_code == 409 and "@id" in tweede.json()["errors"][0]["title"]


def test_the_bestuur_completes_and_sends_a_vendor_concept(
    client,
    aalst,
    leverancier,
    publicaties,
    besluitenlijst,
    gemeenteraad,
    login_as,
    django_capture_on_commit_callbacks,
):
    publicaties.zet(
        "/p.html", (200, "text/html", besluitpagina(resource=RESOURCE, type_uri=besluitenlijst.uri), {})
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, melding_body(leverancier, aalst, href=f"{publicaties.url}/p.html", resource=RESOURCE)
        )
    melding = Melding.objects.get(leverancier=leverancier)
    assert melding.status == Melding.Status.CONCEPT
    user = factories.user_with_rights(aalst, "toezicht")
    bestuur = login_as(user, aalst)
    data = {
        "actie": "verzenden",
        "besluittype": besluitenlijst.pk,
        "beslissingsorgaan": gemeenteraad.pk,
        "datum_zitting": melding.datum_zitting.isoformat(),
        "links": "\n".join(melding.links),
        "opmerking": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        bestuur.post(reverse("toezicht:bewerken", args=[melding.uuid]), data)
    melding.refresh_from_db()
    assert melding.status == Melding.Status.VERSTUURD and melding.verstuurd_door == user
    assert status_van(client, leverancier, response).json()["status"] == "verstuurd"
    # Sent: read-only like any other, and the vendor can no longer remove it.
    assert bestuur.get(reverse("toezicht:bewerken", args=[melding.uuid])).status_code == 302
    weg = post(
        client,
        {
            "submission": response.json()["submission"],
            "organization": aalst.uri,
            "publisher": {"uri": leverancier.uri, "key": leverancier.sleutel},
        },
        path="/delete-melding",
    )
    assert weg.status_code == 409


def test_redirects_are_followed_and_bounded(
    client, aalst, leverancier, publicaties, pagina, settings, django_capture_on_commit_callbacks
):
    publicaties.zet("/oud.html", (301, "text/html", b"", {"Location": "/besluitenlijst.html"}))
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, melding_body(leverancier, aalst, href=f"{publicaties.url}/oud.html", resource=RESOURCE)
        )
    assert status_van(client, leverancier, response).json()["status"] == "verstuurd"
    publicaties.zet("/lus.html", (302, "text/html", b"", {"Location": "/lus.html"}))
    with django_capture_on_commit_callbacks(execute=True):
        lus = post(
            client,
            melding_body(leverancier, aalst, href=f"{publicaties.url}/lus.html", resource=RESOURCE + "/2"),
        )
    job = status_van(client, leverancier, lus).json()
    assert job["jobStatus"] == "failed" and job["error"]["en"] == "Too many redirects for the publication."
    assert publicaties.verzoeken.count("/lus.html") == settings.LOKET_VENDOR_DOWNLOAD_MAX_REDIRECTS + 1


def test_a_tax_regulation_brings_its_belasting_fields(
    client, aalst, leverancier, publicaties, gemeenteraad, django_capture_on_commit_callbacks
):
    """lblod's belasting vocabulary: the soort as a second rdf:type, MAR-code (chartOfAccount), opcentiem
    (taxRate / schema:price), differentiatie and the period in force: all filled in, and sent."""
    from toezicht.models import BesluitType

    belastingreglement = BesluitType.objects.get(label="Belastingreglement")
    aanvullend = "https://data.vlaanderen.be/id/concept/BesluitType/b2d0734d-13d0-44b4-9af8-1722933c5288"
    mar_7300 = (
        "http://lblod.data.gift/concepts/26c19fe6b53e2e759a0b9467ce33ef37fc268dd9467cfba91381214549a01d19"
    )
    extra = (
        f'<span rel="rdf:type" resource="{aanvullend}"></span>'
        f'<span property="lblodBesluit:chartOfAccount" resource="{mar_7300}">7300</span>'
        '<span property="lblodBesluit:taxRate" typeof="schema:MonetaryAmount"><span property="schema:price">850</span></span>'
        '<span property="eli:first_date_entry_in_force" datatype="xsd:date" content="2027-01-01">1 januari 2027</span>'
        '<span property="eli:date_no_longer_in_force" datatype="xsd:date" content="2031-12-31">31 december 2031</span>'
    )
    html = besluitpagina(
        resource=RESOURCE, orgaan_uri=gemeenteraad.uri, type_uri=belastingreglement.uri, extra=extra
    )
    publicaties.zet(
        "/belasting.html",
        (
            200,
            "text/html",
            html.replace(b'prefix="', b'prefix="rdf: http://www.w3.org/1999/02/22-rdf-syntax-ns# ', 1),
            {},
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            melding_body(leverancier, aalst, href=f"{publicaties.url}/belasting.html", resource=RESOURCE),
        )
    melding = Melding.objects.get(leverancier=leverancier)
    assert status_van(client, leverancier, response).json()["validationErrors"] == {}
    assert melding.besluittype == belastingreglement and melding.belasting_soort == "aanvullend"
    assert melding.mar_code == "7300" and melding.opcentiem == 850
    assert (melding.belasting_vanaf, melding.belasting_tot) == (date(2027, 1, 1), date(2031, 12, 31))
    assert melding.datum_publicatie == date(2026, 11, 22) and melding.status == Melding.Status.VERSTUURD
