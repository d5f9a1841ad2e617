"""Issue 18: the VLABEL role and screen, the belasting fields, ABB's handling (behandelaar, shared remark, undo,
bulk), what the bestuur sees of it, the search, and bundles (one zip with a manifest)."""

import csv
import hashlib
import io
import zipfile
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accounts.claims import lees_claims
from accounts.forms import MockLoginForm
from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
from loket import modules
from loket.models import AuditEvent
from tests import factories
from tests.oidc.idp import default_claims
from toezicht import reference, services
from toezicht.models import Bundel, Melding
from toezicht.tasks import bouw_bundel

from .factories import MeldingFactory, besluittype, bestand, verstuurde_melding

pytestmark = pytest.mark.django_db


def aangemeld(user, bestuur):
    """A client of its own per person (the `client` fixture is one browser)."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
    session.save()
    return client


def url(name, melding=None, **kwargs):
    if melding is not None:
        kwargs["melding_id"] = melding.uuid
    return reverse(f"toezicht:{name}", kwargs=kwargs)


@pytest.fixture
def vlabel():
    user = factories.user_with_rights(factories.abb(), roles=[modules.ABB_VLABEL_ROLE])
    return aangemeld(user, factories.abb())


@pytest.fixture
def editeur_user():
    return factories.user_with_rights(
        factories.abb(), roles=[modules.ABB_EDITEUR_ROLE], first_name="An", last_name="Claes"
    )


@pytest.fixture
def editeur(editeur_user):
    return aangemeld(editeur_user, factories.abb())


@pytest.fixture
def bestuur_aalst(aalst):
    return aangemeld(factories.user_with_rights(aalst, "toezicht"), aalst)


def belasting(bestuur, mar, soort="Kohierbelasting", **kwargs):
    return verstuurde_melding(
        bestuur, besluittype=besluittype(soort), mar_code=mar, belasting_soort="kohier", **kwargs
    )


@pytest.fixture
def tax(aalst, gent):
    """Three tax regulations VLABEL reads, and four it must never see."""
    gezien = [
        belasting(aalst, "7300", "Aanvullende belasting of opcentiem", belasting_vanaf=date(2026, 1, 1)),
        belasting(gent, "7304"),
        belasting(aalst, "7305", "Belastingreglement"),
    ]
    niet = [
        belasting(aalst, "7301"),  # another MAR-code
        verstuurde_melding(
            aalst, besluittype=besluittype("Besluitenlijst"), mar_code="7300"
        ),  # not a tax type
        MeldingFactory(bestuur=gent, besluittype=besluittype("Kohierbelasting"), mar_code="7300"),  # concept
        belasting(gent, "7304", verwijderd_op="2026-01-01T10:00Z"),  # deleted
    ]
    return gezien, niet


# ---------------------------------------------------------------- VLABEL


def test_vlabel_sees_exactly_the_tax_regulations_7300_7304_7305(vlabel, tax):
    gezien, niet = tax
    response = vlabel.get(url("vlabel-index"))
    assert response.status_code == 200
    assert {m.uuid for m in response.context["page_obj"]} == {m.uuid for m in gezien}
    html = response.content.decode()
    assert "Toezicht ABB – Vlaamse Belastingdienst" in html
    assert "7300 – Opcentiemen op de onroerenden voorheffing" in html
    # the filters are in the URL and narrow the list; sorting on MAR-code
    only = vlabel.get(url("vlabel-index") + "?mar_code=7304&mar_code=7305&sorteer=mar")
    assert [m.mar_code for m in only.context["page_obj"]] == ["7304", "7305"]
    assert [
        m.mar_code for m in vlabel.get(url("vlabel-index") + "?bestuur=gemeente+gent").context["page_obj"]
    ] == ["7304"]
    vanaf = vlabel.get(url("vlabel-index") + "?vanaf_van=2025-12-31&vanaf_tot=2026-01-02").context["page_obj"]
    assert [m.mar_code for m in vanaf] == ["7300"]


def test_vlabel_gets_404_on_every_other_meldings_detail_file_and_zip(vlabel, tax):
    gezien, niet = tax
    for m in gezien:
        b = bestand(m)
        assert vlabel.get(url("vlabel-detail", m)).status_code == 200
        assert vlabel.get(url("vlabel-bestand", m, melding_bestand_id=b.uuid)).status_code == 200
        assert vlabel.get(url("vlabel-bestanden-zip", m)).status_code == 200
    for m in niet:
        b = bestand(m)
        assert vlabel.get(url("vlabel-detail", m)).status_code == 404
        assert vlabel.get(url("vlabel-bestand", m, melding_bestand_id=b.uuid)).status_code == 404
        assert vlabel.get(url("vlabel-bestanden-zip", m)).status_code == 404
        # and the ABB side is closed altogether (read-only, no review)
        assert vlabel.get(url("abb-detail", m)).status_code == 403
    assert vlabel.get(url("abb-index")).status_code == 403
    assert vlabel.get(url("abb-export")).status_code == 403
    assert vlabel.post(url("abb-afhandelen", gezien[0]), {"opmerking": "x"}).status_code == 403


def test_vlabel_csv_export_has_the_screens_columns_and_only_its_meldingen(vlabel, tax):
    gezien, _ = tax
    response = vlabel.get(url("vlabel-export") + "?sorteer=mar")
    rows = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0] == ["Bestuur", "MAR-code", "Zitting/besluit", "Verstuurd", "Geldt van", "Geldt tot", "Id"]
    assert [r[1][:4] for r in rows[1:]] == ["7300", "7304", "7305"]
    assert {r[6] for r in rows[1:]} == {str(m.uuid) for m in gezien}
    assert rows[1][4] == "01-01-2026"


def test_the_mock_login_knows_the_vlabel_role(db):
    form = MockLoginForm(bestuur=factories.abb())
    assert modules.ABB_VLABEL_ROLE in dict(form.fields["rollen"].choices)
    assert (
        modules.ABB_VLABEL_ROLE not in form.fields["rollen"].initial
    )  # a default ABB login is no VLABEL one


def test_the_databanktoezicht_claim_grants_abb_roles(db, settings):
    abb = factories.abb()
    settings.LOKET_OIDC_ORGCODES = {"OVO-ABB-TEST": abb.uuid}
    aanmelding = lees_claims(
        default_claims(
            vo_orgcode="OVO-ABB-TEST",
            abb_loketLB_rol_3d=[],
            abb_databanktoezicht_rol_3d=[modules.ABB_VLABEL_ROLE],
        )
    )
    assert aanmelding.grants == {abb: [modules.ABB_VLABEL_ROLE]}


# ---------------------------------------------------------------- belasting fields


def test_mar_codelist_holds_105_real_codes():
    codes = reference.mar_codes()
    assert len(codes) == 105
    assert codes["7304"] == "Gewestelijke belasting op ongeschikt en onbewoonbare woningen"


def test_belasting_rules_when_sending(aalst):
    melding = MeldingFactory(
        bestuur=aalst,
        besluittype=besluittype("Aanvullende belasting of opcentiem"),
        datum_publicatie=date(2026, 1, 2),
        belasting_soort="aanvullend",
        mar_code="9999",
        opcentiem="7",
        differentiatie=True,
    )
    fouten = services.verzendfouten(melding)
    assert fouten["opcentiem"] == ["Differentiatie en bedrag opcentiem kunnen niet tegelijk ingevuld worden."]
    assert fouten["mar_code"] == ["Kies een MAR-code uit de lijst."]
    assert fouten["belasting_vanaf"] == fouten["belasting_tot"] == ["Dit veld is verplicht."]  # an opcentiem
    melding.belasting_soort, melding.mar_code, melding.differentiatie = "kohier", "7304", False
    assert services.verzendfouten(melding) == {}  # dates optional for a kohierbelasting


def test_the_form_offers_the_codelist_and_shows_the_error_in_dutch(bestuur_aalst, aalst):
    melding = MeldingFactory(bestuur=aalst, besluittype=besluittype("Belastingreglement"))
    data = {
        "besluittype": melding.besluittype_id,
        "beslissingsorgaan": melding.beslissingsorgaan_id,
        "datum_zitting": "2026-01-05",
        "datum_publicatie": "2026-01-06",
        "links": "https://www.aalst.be/b",
        "belasting_soort": "aanvullend",
        "mar_code": "7300",
        "opcentiem": "7",
        "differentiatie": "on",
        "belasting_vanaf": "2026-01-01",
        "actie": "verzenden",
    }
    response = bestuur_aalst.post(url("bewerken", melding), data)
    html = response.content.decode()
    assert "Differentiatie en bedrag opcentiem kunnen niet tegelijk ingevuld worden." in html
    assert '<option value="7300" selected>7300 – Opcentiemen op de onroerenden voorheffing</option>' in html
    assert response.context["form"].errors["belasting_tot"] == ["Dit veld is verplicht."]
    melding.refresh_from_db()  # what was typed is kept
    assert melding.status == "concept" and melding.mar_code == "7300" and melding.differentiatie


# ---------------------------------------------------------------- ABB handling and what the bestuur sees


def test_shared_remark_reaches_the_bestuur_internal_one_does_not(editeur, bestuur_aalst, aalst):
    gedeeld, intern = verstuurde_melding(aalst), verstuurde_melding(aalst)
    editeur.post(url("abb-afhandelen", gedeeld), {"opmerking": "Gezien, in orde.", "zichtbaar": "on"})
    editeur.post(url("abb-afhandelen", intern), {"opmerking": "Interne nota: opvolgen."})
    lijst = bestuur_aalst.get(url("index")).content.decode()
    assert lijst.count("Afgehandeld door ABB") == 2
    html = bestuur_aalst.get(url("detail", gedeeld)).content.decode()
    assert "Behandeld door het Agentschap Binnenlands Bestuur op" in html and "Gezien, in orde." in html
    html = bestuur_aalst.get(url("detail", intern)).content.decode()
    assert "Behandeld door het Agentschap Binnenlands Bestuur op" in html and "Interne nota" not in html


def test_assign_filter_and_undo_with_a_reason(editeur, editeur_user, aalst, gent):
    eigen, vrij = verstuurde_melding(aalst), verstuurde_melding(gent)
    assert editeur.post(url("abb-toewijzen", eigen), {"mij": "1"}).status_code == 302
    eigen.refresh_from_db()
    assert eigen.behandelaar == editeur_user
    mijn = editeur.get(url("abb-index") + "?behandelaar=mij").context["page_obj"]
    assert [m.uuid for m in mijn] == [eigen.uuid]
    assert [m.uuid for m in editeur.get(url("abb-index") + "?behandelaar=niemand").context["page_obj"]] == [
        vrij.uuid
    ]
    editeur.post(url("abb-afhandelen", eigen), {"opmerking": "ok"})
    response = editeur.post(url("abb-ongedaan", eigen), {"reden": ""})
    assert response.status_code == 400 and "Dit veld is verplicht." in response.content.decode()
    editeur.post(url("abb-ongedaan", eigen), {"reden": "Bijlage ontbrak"})
    eigen.refresh_from_db()
    assert eigen.review_status == Melding.ReviewStatus.TE_BEHANDELEN
    event = AuditEvent.objects.get(actie="toezicht.melding.afhandeling_ongedaan")
    assert "Bijlage ontbrak" in event.omschrijving and event.object_id == str(eigen.pk)
    assert AuditEvent.objects.filter(actie="toezicht.melding.toegewezen", object_id=str(eigen.pk)).exists()


def test_bulk_handle_one_remark_audited_per_melding(editeur, aalst, gent):
    drie = [verstuurde_melding(aalst), verstuurde_melding(gent), verstuurde_melding(aalst)]
    ander = verstuurde_melding(gent)
    response = editeur.post(
        url("abb-bulk-afhandelen"),
        {
            "melding": [str(m.uuid) for m in drie] + ["geen-uuid"],
            "opmerking": "Reeks gezien",
            "zichtbaar": "on",
        },
        follow=True,
    )
    assert "3 meldingen afgehandeld." in response.content.decode()
    for m in drie:
        m.refresh_from_db()
        assert (
            m.review_status == "afgehandeld" and m.review_opmerking == "Reeks gezien" and m.review_zichtbaar
        )
    ander.refresh_from_db()
    assert ander.review_status == "te_behandelen"
    assert AuditEvent.objects.filter(actie="toezicht.melding.afgehandeld").count() == 3
    # without a remark nothing changes
    editeur.post(url("abb-bulk-afhandelen"), {"melding": [str(ander.uuid)], "opmerking": ""})
    ander.refresh_from_db()
    assert ander.review_status == "te_behandelen"


def test_a_lezer_cannot_bulk_handle(login_as, aalst):
    lezer = login_as(
        factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE]), factories.abb()
    )
    m = verstuurde_melding(aalst)
    assert (
        lezer.post(url("abb-bulk-afhandelen"), {"melding": [str(m.uuid)], "opmerking": "x"}).status_code
        == 403
    )


@pytest.mark.parametrize(
    ("zoek", "verwacht"),
    [
        ("Gemeente Gent", {"gent", "gent-belasting"}),
        ("Belastingreglement Gent", {"gent-belasting"}),
        ("Oost-Vlaanderen", {"gent", "gent-belasting", "aalst"}),
        ("Limburg", set()),
    ],
)
def test_search_matches_what_the_table_shows(login_as, aalst, gent, zoek, verwacht):
    lezer = login_as(
        factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE]), factories.abb()
    )
    meldingen = {
        "gent": verstuurde_melding(gent),
        "gent-belasting": belasting(gent, "7304"),
        "aalst": verstuurde_melding(aalst),
        "ocmw-gent": verstuurde_melding(factories.bestuur("Gent", "OCMW")),
    }
    if zoek == "Oost-Vlaanderen":
        verwacht = verwacht | {"ocmw-gent"} if meldingen["ocmw-gent"].bestuur.provincie else verwacht
    gevonden = {m.uuid for m in lezer.get(url("abb-index"), {"q": zoek}).context["page_obj"]}
    assert gevonden == {meldingen[k].uuid for k in verwacht}


def test_admin_alone_opens_the_melding_and_reopens_it(bestuur_aalst, aalst):
    admin = aangemeld(
        factories.user_with_rights(factories.abb(), roles=[modules.ADMIN_ROLE]), factories.abb()
    )
    melding = verstuurde_melding(aalst)
    assert "Heropen melding" in admin.get(url("abb-detail", melding)).content.decode()
    response = admin.post(url("abb-heropenen", melding), {"reden": "Verkeerd bestand verstuurd"})
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.status == "concept" and melding.heropend_reden == "Verkeerd bestand verstuurd"
    html = bestuur_aalst.get(url("bewerken", melding)).content.decode()
    assert "Deze melding werd heropend op" in html and "Verkeerd bestand verstuurd" in html


# ---------------------------------------------------------------- bundles


NAMEN = ["Besluit «café» n°1 – ÉÉN.pdf", "日本語 & spaties.pdf"]


def test_bundle_zip_with_manifest_hashes_and_special_names(
    bestuur_aalst, aalst, gent, django_capture_on_commit_callbacks
):
    drie = [verstuurde_melding(aalst) for _ in range(3)]
    inhoud = {}
    for i, m in enumerate(drie):
        for naam in NAMEN:
            data = b"%PDF-1.4\n" + f"{m.uuid}{naam}{i}".encode() + b"\n%%EOF\n"
            b = bestand(m, naam=naam, inhoud=data)
            inhoud[(str(m.uuid), b.naam)] = data
    vreemd = verstuurde_melding(gent)
    with django_capture_on_commit_callbacks(execute=True):
        response = bestuur_aalst.post(
            url("bundel-maken"), {"melding": [str(m.uuid) for m in drie] + [str(vreemd.uuid)]}
        )
    bundel = Bundel.objects.get()
    assert response["Location"] == url("bundel", bundel_id=bundel.uuid)
    assert bundel.totaal == 3  # Gent's melding is not Aalst's: never in the bundle
    pagina = bestuur_aalst.get(response["Location"])
    assert "Klaar: 3 van 3 meldingen verwerkt." in pagina.content.decode()
    zip_response = bestuur_aalst.get(url("bundel-download", bundel_id=bundel.uuid))
    archief = zipfile.ZipFile(io.BytesIO(b"".join(zip_response.streaming_content)))
    manifest = list(
        csv.DictReader(io.StringIO(archief.read("manifest.csv").decode("utf-8-sig")), delimiter=";")
    )
    assert len(manifest) == 6 and set(manifest[0]) == {
        "Melding",
        "Bestuur",
        "Type dossier",
        "Datum zitting",
        "Verstuurd op",
        "Bestandsnaam",
        "SHA-256",
    }
    for rij in manifest:
        data = archief.read(rij["Bestandsnaam"])
        assert hashlib.sha256(data).hexdigest() == rij["SHA-256"]
        assert data == inhoud[(rij["Melding"], rij["Bestandsnaam"].split("/")[-1])]
    assert {n.split("/")[-1] for n in archief.namelist() if n != "manifest.csv"} == set(NAMEN)
    # another bestuur cannot open it
    c = aangemeld(factories.user_with_rights(gent, "toezicht"), gent)
    assert c.get(url("bundel", bundel_id=bundel.uuid)).status_code == 404


def test_all_results_of_the_filter_capped(bestuur_aalst, aalst, settings, monkeypatch):
    monkeypatch.setattr(Bundel, "MAXIMUM", 2)
    for _ in range(3):
        verstuurde_melding(aalst)
    response = bestuur_aalst.post(
        url("bundel-maken"), {"alle": "1", "query": "status=verstuurd"}, follow=True
    )
    assert (
        "Een download bevat hoogstens 2 meldingen; u koos er 3. Verfijn de filter."
        in response.content.decode()
    )
    assert not Bundel.objects.exists()


def test_building_twice_does_the_work_once(aalst):
    m = verstuurde_melding(aalst)
    bestand(m)
    bundel = services.vraag_bundel_aan(meldingen=[m], user=factories.UserFactory(), bestuur=aalst)
    assert bouw_bundel(bundel.pk) is True
    assert bouw_bundel(bundel.pk) is False
    bundel.refresh_from_db()
    assert bundel.status == Bundel.Status.KLAAR and bundel.verwerkt == 1


def test_abb_bundle_of_all_results_of_its_filter(editeur, aalst, gent, django_capture_on_commit_callbacks):
    gent_meldingen = [verstuurde_melding(gent) for _ in range(2)]
    for m in gent_meldingen:
        bestand(m, naam="Besluit Gent.pdf")
    verstuurde_melding(aalst)
    MeldingFactory(bestuur=gent)  # a concept: never on ABB's side
    with django_capture_on_commit_callbacks(execute=True):
        response = editeur.post(url("abb-bundel-maken"), {"alle": "1", "query": "q=Gemeente+Gent"})
    bundel = Bundel.objects.get()
    assert response["Location"] == url("abb-bundel", abb_bundel_id=bundel.uuid)
    assert bundel.abb and set(bundel.meldingen.all()) == set(gent_meldingen)
    fragment = editeur.get(response["Location"], headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and "Klaar: 2 van 2" in fragment.content.decode()
    zip_response = editeur.get(url("abb-bundel-download", abb_bundel_id=bundel.uuid))
    archief = zipfile.ZipFile(io.BytesIO(b"".join(zip_response.streaming_content)))
    assert len([n for n in archief.namelist() if n.endswith("Besluit Gent.pdf")]) == 2
