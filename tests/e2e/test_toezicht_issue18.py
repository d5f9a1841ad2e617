"""Issue 18 in a browser: ABB's handling reaches the bestuur, bulk handling, a bulk zip whose manifest hashes
match, and the VLABEL screen that shows exactly the tax regulations. axe: 0 violations on every page."""

import csv
import hashlib
import io
import zipfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from loket import modules
from tests import factories
from tests.toezicht.factories import MeldingFactory, besluittype, bestand, verstuurde_melding
from toezicht.models import Melding


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def assert_accessible(page):
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


def abb_editeur():
    return factories.user_with_rights(
        factories.abb(), roles=[modules.ABB_EDITEUR_ROLE], first_name="An", last_name="Claes"
    )


@pytest.mark.django_db(transaction=True)
def test_bestuur_sends_abb_assigns_and_shares_a_remark_the_bestuur_sees(
    live_server, page, reference_data, browser_login
):
    aalst = factories.bestuur("Aalst")
    MeldingFactory(bestuur=aalst, besluittype=besluittype("Besluitenlijst"))
    browser_login(page, factories.user_with_rights(aalst, "toezicht"), aalst)
    page.goto(live_server.url + "/toezicht/")
    page.get_by_role("link", name="Besluitenlijst").click()
    page.get_by_role("button", name="Verzenden").click()
    expect(page.get_by_text("De melding is verstuurd.")).to_be_visible()

    page.context.clear_cookies()
    browser_login(page, abb_editeur(), factories.abb())
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_server.url + "/toezicht/abb/")
    # the table uses the page width from 1,280 px on
    breedte = page.locator("main").evaluate("e => e.getBoundingClientRect().width")
    assert breedte > 1300, breedte
    page.get_by_role("link", name="Besluitenlijst").click()
    page.get_by_role("button", name="Mij toewijzen").click()
    expect(page.get_by_test_id("behandelaar")).to_have_text("An Claes")
    page.get_by_label("Opmerking bij de behandeling").fill("Gezien en in orde.")
    page.locator("label[for=id_zichtbaar]").click()
    expect(page.get_by_label("Zichtbaar voor het bestuur")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Melding afgehandeld").click()
    expect(page.get_by_text("De melding is afgehandeld.")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + "/toezicht/abb/?behandelaar=mij")
    expect(page.locator("tbody tr")).to_have_count(1)

    page.context.clear_cookies()
    browser_login(page, factories.user_with_rights(aalst, "toezicht"), aalst)
    page.goto(live_server.url + "/toezicht/")
    expect(page.locator("tbody")).to_contain_text("Afgehandeld door ABB")
    assert_accessible(page)
    page.get_by_role("link", name="Besluitenlijst").click()
    expect(page.get_by_test_id("behandeling")).to_contain_text(
        "Behandeld door het Agentschap Binnenlands Bestuur op"
    )
    expect(page.get_by_test_id("behandeling")).to_contain_text("Gezien en in orde.")
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_abb_handles_three_meldingen_at_once(live_server, page, reference_data, browser_login):
    aalst, gent = factories.bestuur("Aalst"), factories.bestuur("Gent")
    drie = [verstuurde_melding(aalst), verstuurde_melding(gent), verstuurde_melding(aalst)]
    verstuurde_melding(gent)  # not ticked: stays te behandelen
    browser_login(page, abb_editeur(), factories.abb())
    page.goto(live_server.url + "/toezicht/abb/?sorteer=verstuurd")
    for m in drie:
        page.locator(f'input[name="melding"][value="{m.uuid}"]').check()
    page.get_by_label("Opmerking bij de behandeling").fill("Reeks van maandag")
    assert_accessible(page)
    page.get_by_role("button", name="Markeer als afgehandeld").click()
    expect(page.get_by_text("3 meldingen afgehandeld.")).to_be_visible()
    assert_accessible(page)
    assert (
        Melding.objects.filter(review_status="afgehandeld", review_opmerking="Reeks van maandag").count() == 3
    )
    assert Melding.objects.filter(review_status="te_behandelen").count() == 1


@pytest.mark.django_db(transaction=True)
def test_bulk_zip_of_three_with_a_manifest_whose_hashes_match(
    live_server, page, reference_data, browser_login
):
    aalst = factories.bestuur("Aalst")
    for i in range(3):
        m = verstuurde_melding(aalst)
        bestand(
            m, naam=f"Besluit «{i}» – café & co.pdf", inhoud=b"%PDF-1.4\n" + bytes([i]) * 2000 + b"\n%%EOF\n"
        )
    browser_login(page, factories.user_with_rights(aalst, "toezicht"), aalst)
    page.goto(live_server.url + "/toezicht/")
    for checkbox in page.locator('input[name="melding"]').all():
        checkbox.check()
    page.get_by_role("button", name="Download de bestanden (zip)").click()
    expect(page.get_by_role("heading", name="Download van 3 meldingen")).to_be_visible()
    expect(page.get_by_test_id("bundel-status")).to_contain_text("3 van 3 meldingen verwerkt")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_test_id("bundel-download").click()
    with open(download.value.path(), "rb") as handle:
        archief = zipfile.ZipFile(io.BytesIO(handle.read()))
    manifest = list(
        csv.DictReader(io.StringIO(archief.read("manifest.csv").decode("utf-8-sig")), delimiter=";")
    )
    assert len(manifest) == 3
    for rij in manifest:
        assert hashlib.sha256(archief.read(rij["Bestandsnaam"])).hexdigest() == rij["SHA-256"]
        assert "«" in rij["Bestandsnaam"] and "café & co.pdf" in rij["Bestandsnaam"]


@pytest.mark.django_db(transaction=True)
def test_vlabel_sees_exactly_the_tax_regulations(live_server, page, reference_data, browser_login):
    aalst, gent = factories.bestuur("Aalst"), factories.bestuur("Gent")

    def belasting(bestuur, mar):
        return verstuurde_melding(bestuur, besluittype=besluittype("Kohierbelasting"), mar_code=mar)

    gezien = [belasting(aalst, "7300"), belasting(gent, "7304"), belasting(aalst, "7305")]
    ander = belasting(gent, "7301")
    besluitenlijst = verstuurde_melding(aalst)
    bestanden = {m.pk: bestand(m) for m in [*gezien, ander, besluitenlijst]}
    user = factories.user_with_rights(factories.abb(), roles=[modules.ABB_VLABEL_ROLE])
    browser_login(page, user, factories.abb())
    page.goto(live_server.url + "/toezicht/vlabel/")
    expect(page.get_by_role("heading", name="Toezicht ABB – Vlaamse Belastingdienst")).to_be_visible()
    rijen = page.get_by_test_id("vlabel-tabel").locator("tbody tr")
    expect(rijen).to_have_count(3)
    expect(page.get_by_test_id("vlabel-tabel")).to_contain_text(
        "7300 – Opcentiemen op de onroerenden voorheffing"
    )
    assert_accessible(page)
    page.locator("label[for=id_mar_code_1]").click()
    page.get_by_role("button", name="Filter").click()
    expect(rijen).to_have_count(1)
    assert "mar_code=7304" in page.url
    page.get_by_role("link", name="Bekijk").click()
    expect(page.locator(".loket-gegevens")).to_contain_text("7304 – Gewestelijke belasting")
    expect(page.get_by_role("button", name="Melding afgehandeld")).to_have_count(0)  # read-only
    assert_accessible(page)
    for m in (ander, besluitenlijst):
        for pad in (
            f"/toezicht/vlabel/{m.uuid}/",
            f"/toezicht/vlabel/{m.uuid}/bestanden/",
            f"/toezicht/vlabel/{m.uuid}/bestanden/{bestanden[m.pk].uuid}/",
        ):
            assert page.request.get(live_server.url + pad).status == 404, pad
    assert page.request.get(live_server.url + f"/toezicht/abb/{gezien[0].uuid}/").status == 403
    export = page.request.get(live_server.url + "/toezicht/vlabel/export/").text()
    assert sorted(line.split(";")[-1].strip() for line in export.splitlines()[1:]) == sorted(
        str(m.uuid) for m in gezien
    )


@pytest.mark.django_db(transaction=True)
def test_the_bundle_page_follows_the_task_by_polling(live_server, page, reference_data, browser_login):
    """The page of a bundle still in the queue updates itself (htmx, every second) once the worker is done."""
    from toezicht.models import Bundel
    from toezicht.tasks import bouw_bundel

    aalst = factories.bestuur("Aalst")
    user = factories.user_with_rights(aalst, "toezicht")
    meldingen = [verstuurde_melding(aalst) for _ in range(3)]
    for m in meldingen:
        bestand(m)
    bundel = Bundel.objects.create(gebruiker=user, bestuur=aalst, totaal=3)  # queued, no worker yet
    bundel.meldingen.set(meldingen)
    browser_login(page, user, aalst)
    page.goto(live_server.url + f"/toezicht/bundels/{bundel.uuid}/")
    expect(page.get_by_test_id("bundel-status")).to_have_text("In de wachtrij: 0 van 3 meldingen verwerkt.")
    assert_accessible(page)
    bouw_bundel(bundel.pk)  # the worker
    expect(page.get_by_test_id("bundel-status")).to_have_text(
        "Klaar: 3 van 3 meldingen verwerkt.", timeout=5000
    )
    expect(page.get_by_test_id("bundel-download")).to_be_visible()
    assert_accessible(page)
