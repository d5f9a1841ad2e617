import csv
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from loket import modules
from loket.files import bewaar_uploads
from loket.models import AuditEvent, BewaardeUpload
from tests import factories
from toezicht import services
from toezicht.models import Melding, ZoekOpdracht

from . import pdfcheck
from .factories import MeldingFactory, besluittype, bestand, pdf_upload, verstuurde_melding

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_aalst(aalst, login_as):
    user = factories.user_with_rights(aalst, "toezicht", first_name="Jan", last_name="Peeters")
    return login_as(user, aalst)


def url(name, melding=None, **kwargs):
    if melding is not None:
        kwargs["melding_id"] = melding.uuid
    return reverse(f"toezicht:{name}", kwargs=kwargs)


def labels(response):
    """The types of the rows, as the list shows them (the link of each row)."""
    return re.findall(r'<td><a class="au-c-link" href="[^"]+">([^<]+)</a></td>', response.content.decode())


def form_data(melding, **extra):
    data = {
        "besluittype": melding.besluittype_id or "",
        "beslissingsorgaan": melding.beslissingsorgaan_id or "",
        "datum_zitting": melding.datum_zitting.isoformat() if melding.datum_zitting else "",
        "links": "\n".join(melding.links),
        "opmerking": "",
    }
    data.update(extra)
    return data


# ---------------------------------------------------------------- list


def test_empty_state(client_aalst):
    response = client_aalst.get(url("index"))
    assert response.status_code == 200
    assert "Nog geen meldingen" in response.content.decode()


def test_list_shows_only_own_meldingen(client_aalst, aalst, gent):
    MeldingFactory(bestuur=aalst, besluittype=besluittype("Politiereglement"))
    MeldingFactory(bestuur=gent, besluittype=besluittype("Retributiereglement"))
    MeldingFactory(
        bestuur=aalst, besluittype=besluittype("Huishoudelijk reglement"), verwijderd_op="2025-01-01T10:00Z"
    )
    rows = labels(client_aalst.get(url("index")))
    assert rows == ["Politiereglement"]


def test_filters_and_sort_live_in_the_url(client_aalst, aalst):
    MeldingFactory(bestuur=aalst, besluittype=besluittype("Politiereglement"), datum_zitting="2025-03-01")
    verstuurde_melding(aalst, besluittype=besluittype("Besluitenlijst"), datum_zitting="2025-05-01")
    assert labels(client_aalst.get(url("index") + "?status=verstuurd")) == ["Besluitenlijst"]
    assert labels(client_aalst.get(url("index") + "?zitting_van=2025-01-01&zitting_tot=2025-04-01")) == [
        "Politiereglement"
    ]
    orgaan = aalst.organen.order_by("naam").first()
    assert len(labels(client_aalst.get(url("index") + f"?beslissingsorgaan={orgaan.pk}"))) == 2
    response = client_aalst.get(url("index") + "?sorteer=-zitting&status=")
    assert labels(response) == ["Besluitenlijst", "Politiereglement"]
    assert 'aria-sort="descending"' in response.content.decode()
    # sort links keep the filters
    assert "status=verstuurd" in client_aalst.get(url("index") + "?status=verstuurd").content.decode()


def test_pagination(client_aalst, aalst):
    MeldingFactory.create_batch(27, bestuur=aalst)
    response = client_aalst.get(url("index") + "?status=concept&page=2")
    assert len(response.context["page_obj"].object_list) == 2
    assert "status=concept" in response.content.decode()


# ---------------------------------------------------------------- form


def test_maak_nieuwe_melding_creates_a_concept(client_aalst, aalst):
    response = client_aalst.post(url("nieuw"))
    melding = Melding.objects.for_bestuur(aalst).get()
    assert melding.status == Melding.Status.CONCEPT
    assert response.url == url("bewerken", melding)


def test_form_offers_only_allowed_types_and_own_organen(client_aalst, aalst, gent):
    melding = MeldingFactory(bestuur=aalst, besluittype=None)
    form = client_aalst.get(url("bewerken", melding)).context["form"]
    types = set(form.fields["besluittype"].queryset.values_list("label", flat=True))
    assert "Belastingreglement" in types and "Besluit AGB/APB over retributies" not in types
    organen = set(form.fields["beslissingsorgaan"].queryset.values_list("bestuurseenheid", flat=True))
    assert organen == {aalst.pk}


def test_bewaar_als_concept_always_saves(client_aalst, aalst):
    melding = MeldingFactory(
        bestuur=aalst, besluittype=None, beslissingsorgaan=None, datum_zitting=None, links=[]
    )
    response = client_aalst.post(url("bewerken", melding), {"actie": "bewaar", "opmerking": "half af"})
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.opmerking == "half af" and melding.status == Melding.Status.CONCEPT


def test_an_invalid_field_saves_nothing_and_keeps_what_was_typed(client_aalst, aalst):
    melding = MeldingFactory(bestuur=aalst, links=[], opmerking="oud")
    response = client_aalst.post(
        url("bewerken", melding),
        form_data(
            melding, actie="bewaar", links="www.aalst.be", opmerking="nieuw", datum_zitting="31-02-2025"
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "geen geldige link" in html
    assert "www.aalst.be" in html and "nieuw" in html  # what was typed is still there
    melding.refresh_from_db()
    assert melding.opmerking == "oud"  # a save is all or nothing


def test_verzenden_shows_all_errors_at_once_in_dutch(client_aalst, aalst):
    melding = MeldingFactory(
        bestuur=aalst,
        besluittype=besluittype("Belastingreglement"),
        beslissingsorgaan=None,
        datum_zitting=None,
        links=[],
    )
    response = client_aalst.post(
        url("bewerken", melding), form_data(melding, actie="verzenden", opmerking="x")
    )
    assert response.status_code == 400
    form = response.context["form"]
    for veld in ("beslissingsorgaan", "datum_zitting", "datum_publicatie", "belasting_soort", "mar_code"):
        assert form.errors[veld] == ["Dit veld is verplicht."], veld
    assert form.errors["bestanden"] == ["Gelieve minstens één URL of bestand op te geven."]
    assert "Er zijn" in response.content.decode()
    melding.refresh_from_db()
    assert melding.status == Melding.Status.CONCEPT and melding.opmerking == "x"


def test_upload_survives_a_failed_send(client_aalst, aalst):
    melding = MeldingFactory(bestuur=aalst, datum_zitting=None, links=[])
    data = form_data(melding, actie="verzenden", bestanden=[pdf_upload("bijlage één.pdf")])
    response = client_aalst.post(url("bewerken", melding), data)
    assert response.context["form"].errors["datum_zitting"] == ["Dit veld is verplicht."]
    assert "bestanden" not in response.context["form"].errors
    assert [b.naam for b in melding.bestanden.all()] == ["bijlage één.pdf"]
    assert "bijlage één.pdf" in response.content.decode()


def test_a_refused_file_saves_nothing_and_keeps_the_good_ones_for_the_next_attempt(client_aalst, aalst):
    """Issue 16 §4: an empty file and a good one, "Bewaar als concept": nothing changes, the error names the refused
    file, the good one is kept with the form; saving again attaches it once, with the opmerking and the links."""
    melding = MeldingFactory(bestuur=aalst, links=[], opmerking="")
    gewijzigd_op = melding.gewijzigd_op
    data = form_data(
        melding,
        actie="bewaar",
        opmerking="Zie bijlage",
        links="https://www.aalst.be/besluit",
        bestanden=[pdf_upload("goed.pdf"), pdf_upload("leeg.pdf", b"")],
    )
    response = client_aalst.post(url("bewerken", melding), data)
    assert response.status_code == 400
    assert response.context["form"].errors["bestanden"] == ["Het bestand «leeg.pdf» is leeg."]
    melding.refresh_from_db()
    assert not melding.bestanden.exists() and melding.opmerking == "" and melding.links == []
    assert melding.gewijzigd_op == gewijzigd_op
    assert not AuditEvent.objects.filter(actie="toezicht.melding.bewaard", object_id=str(melding.pk)).exists()
    html = response.content.decode()
    assert "Zie bijlage" in html and "https://www.aalst.be/besluit" in html
    bewaard = response.context["bewaard_getoond"]
    assert [b.naam for b in bewaard] == ["goed.pdf"]
    assert f'name="bewaarde_bestanden" value="{bewaard[0].uuid}" checked' in html

    # The next attempt: the kept file comes along as a ticked checkbox, nothing is chosen again.
    data = form_data(
        melding,
        actie="bewaar",
        opmerking="Zie bijlage",
        links="https://www.aalst.be/besluit",
        bewaarde_bestanden=[str(bewaard[0].uuid)],
    )
    assert client_aalst.post(url("bewerken", melding), data).status_code == 302
    melding.refresh_from_db()
    assert [b.naam for b in melding.bestanden.all()] == ["goed.pdf"]
    assert melding.opmerking == "Zie bijlage" and melding.links == ["https://www.aalst.be/besluit"]
    stored = melding.bestanden.get()
    assert stored.bestand.read() == pdf_upload("goed.pdf").read() and stored.sha256 == bewaard[0].sha256
    assert not BewaardeUpload.objects.exists()
    # Posted once more with the same (now used) uuid: nothing is attached twice.
    client_aalst.post(url("bewerken", melding), data)
    assert melding.bestanden.count() == 1


def test_verzenden_with_a_wrong_field_counts_the_kept_file_and_names_every_error(client_aalst, aalst):
    melding = MeldingFactory(bestuur=aalst, links=[], datum_zitting=None)
    data = form_data(melding, actie="verzenden", links="geen-link", bestanden=[pdf_upload("goed.pdf")])
    response = client_aalst.post(url("bewerken", melding), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["datum_zitting"] == ["Dit veld is verplicht."] and "geen geldige link" in errors["links"][0]
    assert "bestanden" not in errors  # the kept good file counts: no "minstens één URL of bestand"
    melding.refresh_from_db()
    assert melding.status == Melding.Status.CONCEPT and not melding.bestanden.exists()


def test_kept_files_are_only_the_persons_own_for_this_melding(client_aalst, aalst):
    jan = get_user_model().objects.get(last_name="Peeters")
    melding, andere = MeldingFactory(bestuur=aalst), MeldingFactory(bestuur=aalst)
    collega = factories.user_with_rights(aalst, "toezicht", username="collega")
    van_collega = bewaar_uploads(
        user=collega, sleutel=services.bewaar_sleutel(melding), uploads=[pdf_upload("c.pdf")]
    )
    ander_formulier = bewaar_uploads(
        user=jan, sleutel=services.bewaar_sleutel(andere), uploads=[pdf_upload("a.pdf")]
    )
    for kept in (van_collega[0], ander_formulier[0]):
        data = form_data(melding, actie="bewaar", bewaarde_bestanden=[str(kept.uuid)])
        response = client_aalst.post(url("bewerken", melding), data)
        assert response.status_code == 400  # not a valid choice for this person and this melding
        assert not melding.bestanden.exists()
    assert BewaardeUpload.objects.count() == 2


def test_send_flow(client_aalst, aalst):
    melding = MeldingFactory(bestuur=aalst, links=[])
    data = form_data(melding, actie="verzenden", bestanden=[pdf_upload()])
    response = client_aalst.post(url("bewerken", melding), data)
    assert response.status_code == 302 and response.url == url("detail", melding)
    melding.refresh_from_db()
    assert melding.status == Melding.Status.VERSTUURD and melding.verstuurd_op
    html = client_aalst.get(url("detail", melding)).content.decode()
    assert "Verstuurd" in html and "ontvangstbewijs" in html.lower()
    # read-only: the edit page sends you back to the detail, a POST changes nothing
    assert client_aalst.get(url("bewerken", melding)).url == url("detail", melding)
    client_aalst.post(url("bewerken", melding), form_data(melding, actie="bewaar", opmerking="later"))
    melding.refresh_from_db()
    assert melding.opmerking == ""


def test_a_crash_between_saving_and_sending_leaves_nothing_and_a_retry_stores_the_file_once(
    client_aalst, aalst, monkeypatch
):
    """The process dies after the concept was saved but before it was sent (tests/cluster kills gunicorn there):
    nothing of that request stays, and pressing Verzenden again stores the file once and sends."""
    melding = MeldingFactory(bestuur=aalst, links=[])
    echte_verstuur = services.verstuur

    def proces_stopt(**kwargs):
        raise SystemExit("gunicorn gestopt")

    monkeypatch.setattr(services, "verstuur", proces_stopt)
    with pytest.raises(SystemExit):
        client_aalst.post(
            url("bewerken", melding), form_data(melding, actie="verzenden", bestanden=[pdf_upload()])
        )
    assert melding.bestanden.count() == 0
    monkeypatch.setattr(services, "verstuur", echte_verstuur)
    response = client_aalst.post(
        url("bewerken", melding), form_data(melding, actie="verzenden", bestanden=[pdf_upload()])
    )
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.status == Melding.Status.VERSTUURD and melding.bestanden.count() == 1


def test_changing_type_htmx_fragment_and_no_js_fallback(client_aalst, aalst):
    melding = MeldingFactory(bestuur=aalst)
    belasting = besluittype("Belastingreglement")
    data = form_data(melding, besluittype=belasting.pk, opmerking="getypt", opcentiem="3,5")
    fragment = client_aalst.post(url("velden", melding), data, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in html
    assert 'id="melding-typevelden"' in html and "Soort belasting" in html
    assert 'value="3,5"' in html
    melding.refresh_from_db()
    assert melding.besluittype != belasting  # the fragment saves nothing
    # no JavaScript: "Pas formulier aan" saves and shows the fields of the new type
    response = client_aalst.post(url("bewerken", melding), {**data, "actie": "aanpassen"}, follow=True)
    assert "Soort belasting" in response.content.decode()
    melding.refresh_from_db()
    assert (
        melding.besluittype == belasting
        and melding.opmerking == "getypt"
        and melding.opcentiem == Decimal("3.5")
    )


def test_delete_concept_and_refuse_deleting_a_sent_one(client_aalst, aalst):
    concept = MeldingFactory(bestuur=aalst)
    assert client_aalst.get(url("verwijderen", concept)).status_code == 200
    client_aalst.post(url("verwijderen", concept))
    concept.refresh_from_db()
    assert concept.verwijderd_op is not None
    assert client_aalst.get(url("bewerken", concept)).status_code == 404
    sent = verstuurde_melding(aalst)
    client_aalst.post(url("verwijderen", sent))
    sent.refresh_from_db()
    assert sent.verwijderd_op is None


def test_remove_file_button(client_aalst, aalst):
    melding = MeldingFactory(bestuur=aalst)
    b = bestand(melding)
    response = client_aalst.post(url("bewerken", melding), form_data(melding, verwijder_bestand=str(b.uuid)))
    assert response.status_code == 302
    assert not melding.bestanden.exists()


# ---------------------------------------------------------------- downloads


def test_receipt_is_a_real_pdf(client_aalst, aalst):
    melding = verstuurde_melding(aalst)
    bestand(melding)
    response = client_aalst.get(url("ontvangstbewijs", melding))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF")
    assert pdfcheck.is_pdf_ua(pdf)  # tagged, with the PDF/UA-1 identification
    assert pdfcheck.pagina_aantal(pdf) == 1


def test_concept_has_no_receipt(client_aalst, aalst):
    assert client_aalst.get(url("ontvangstbewijs", MeldingFactory(bestuur=aalst))).status_code == 404


def test_file_download_and_zip_keep_names(client_aalst, aalst):
    naam = 'Verslag «raad» "2025" 50% ; été 😀.pdf'
    melding = verstuurde_melding(aalst)
    b1 = bestand(melding, naam)
    bestand(melding, naam)
    response = client_aalst.get(url("bestand", melding, melding_bestand_id=b1.uuid))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "filename*=utf-8''Verslag%20%C2%ABraad%C2%BB" in response["Content-Disposition"]
    response = client_aalst.get(url("bestanden-zip", melding))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [naam, 'Verslag «raad» "2025" 50% ; été 😀 (2).pdf']
    assert archive.read(naam).startswith(b"%PDF")


# ---------------------------------------------------------------- rights


def test_other_bestuur_gets_404_everywhere(client_aalst, gent):
    concept = MeldingFactory(bestuur=gent)
    sent = verstuurde_melding(gent)
    b = bestand(sent)
    for response in (
        client_aalst.get(url("detail", sent)),
        client_aalst.get(url("bewerken", concept)),
        client_aalst.post(url("bewerken", concept), {"actie": "bewaar", "opmerking": "hack"}),
        client_aalst.post(url("velden", concept), {}),
        client_aalst.post(url("verwijderen", concept)),
        client_aalst.get(url("ontvangstbewijs", sent)),
        client_aalst.get(url("bestand", sent, melding_bestand_id=b.uuid)),
        client_aalst.get(url("bestanden-zip", sent)),
    ):
        assert response.status_code == 404
    concept.refresh_from_db()
    assert concept.opmerking == "" and concept.verwijderd_op is None


def test_file_of_another_melding_is_404(client_aalst, aalst, gent):
    own = verstuurde_melding(aalst)
    other = bestand(verstuurde_melding(gent))
    assert client_aalst.get(url("bestand", own, melding_bestand_id=other.uuid)).status_code == 404


def test_no_right_is_403(aalst, login_as):
    user = factories.user_with_rights(aalst, "berichten")
    client = login_as(user, aalst)
    melding = verstuurde_melding(aalst)
    for path in (url("index"), url("detail", melding), url("ontvangstbewijs", melding), url("abb-index")):
        response = client.get(path)
        assert response.status_code == 403
        assert "Geen toegang" in response.content.decode()


def test_anonymous_goes_to_login(client):
    assert client.get(url("index")).status_code == 302


# ---------------------------------------------------------------- ABB


@pytest.fixture
def abb_lezer(login_as):
    user = factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE])
    return login_as(user, factories.abb())


@pytest.fixture
def abb_editeur(login_as):
    user = factories.user_with_rights(factories.abb(), roles=[modules.ABB_EDITEUR_ROLE], first_name="An")
    return login_as(user, factories.abb())


def test_abb_queue_shows_sent_meldingen_of_all_besturen_never_concepts(abb_lezer, aalst, gent):
    verstuurde_melding(aalst, besluittype=besluittype("Politiereglement"))
    verstuurde_melding(gent, besluittype=besluittype("Retributiereglement"))
    MeldingFactory(bestuur=gent, besluittype=besluittype("Huishoudelijk reglement"))
    assert sorted(labels(abb_lezer.get(url("abb-index")))) == ["Politiereglement", "Retributiereglement"]
    assert labels(abb_lezer.get(url("abb-index") + "?provincie=Oost-Vlaanderen&q=gent")) == [
        "Retributiereglement"
    ]
    assert labels(abb_lezer.get(url("abb-index") + "?review_status=afgehandeld")) == []
    assert labels(
        abb_lezer.get(url("abb-index") + f"?bestuur={aalst.pk}&classificatie={aalst.classificatie_id}")
    ) == ["Politiereglement"]


def test_abb_queue_provincie_follows_the_bestuur_when_its_provincie_changes(abb_lezer, aalst, gent):
    """The queue filters on the provincie kept on each melding (Melding.provincie): it is the bestuur's, also
    after a change in the admin (a save) or by load_reference_data (bulk, then provincies_bijwerken)."""
    import os

    from django.core.management import call_command

    from loket.models import Bestuurseenheid

    verstuurde_melding(aalst, besluittype=besluittype("Politiereglement"))
    Melding.objects.bulk_create(  # as the scale data and imports make them: the bestuur by id only
        [
            Melding(
                bestuur_id=gent.pk,
                status="verstuurd",
                verstuurd_op=timezone.now(),
                besluittype=besluittype("Retributiereglement"),
            )
        ]
    )
    oost = url("abb-index") + "?provincie=Oost-Vlaanderen"
    assert sorted(labels(abb_lezer.get(oost))) == ["Politiereglement", "Retributiereglement"]

    aalst.provincie = "Limburg"  # as the admin saves it
    aalst.save()
    assert labels(abb_lezer.get(oost)) == ["Retributiereglement"]
    assert labels(abb_lezer.get(url("abb-index") + "?provincie=Limburg")) == ["Politiereglement"]
    assert labels(abb_lezer.get(url("abb-index") + "?provincie=Limburg&sorteer=provincie")) == [
        "Politiereglement"
    ]

    Bestuurseenheid.objects.filter(pk=gent.pk).update(provincie="Antwerpen")  # a bulk write sends no signal
    call_command("load_reference_data", stdout=open(os.devnull, "w"))  # the source's provincies again
    assert sorted(labels(abb_lezer.get(oost))) == ["Politiereglement", "Retributiereglement"]
    assert labels(abb_lezer.get(url("abb-index") + "?provincie=Limburg")) == []


def test_abb_queue_full_text_search_on_bestuur_and_type(abb_lezer, aalst, gent):
    verstuurde_melding(aalst, besluittype=besluittype("Politiereglement"))
    verstuurde_melding(gent, besluittype=besluittype("Retributiereglement"))
    assert labels(abb_lezer.get(url("abb-index") + "?q=aal")) == ["Politiereglement"]  # word prefix
    assert labels(abb_lezer.get(url("abb-index") + "?q=retributie+gent")) == ["Retributiereglement"]
    assert labels(abb_lezer.get(url("abb-index") + "?q=gent+politiereglement")) == []  # every word must match
    assert abb_lezer.get(url("abb-index") + "?q=%27%26%7C%21").status_code == 200  # operators are plain text


def test_abb_cannot_open_a_concept(abb_lezer, aalst):
    assert abb_lezer.get(url("abb-detail", MeldingFactory(bestuur=aalst))).status_code == 404


def test_abb_lezer_reads_but_cannot_mark_afgehandeld(abb_lezer, aalst):
    melding = verstuurde_melding(aalst)
    b = bestand(melding)
    html = abb_lezer.get(url("abb-detail", melding)).content.decode()
    assert "Melding afgehandeld" not in html
    assert abb_lezer.get(url("abb-bestand", melding, melding_bestand_id=b.uuid)).status_code == 200
    assert b"".join(abb_lezer.get(url("abb-ontvangstbewijs", melding)).streaming_content).startswith(b"%PDF")
    response = abb_lezer.post(url("abb-afhandelen", melding), {"opmerking": "x"})
    assert response.status_code == 403
    melding.refresh_from_db()
    assert melding.review_status == Melding.ReviewStatus.TE_BEHANDELEN


def test_abb_editeur_marks_afgehandeld_with_a_comment(abb_editeur, aalst):
    melding = verstuurde_melding(aalst)
    response = abb_editeur.post(url("abb-afhandelen", melding), {"opmerking": ""})
    assert response.context["form"].errors["opmerking"] == ["Dit veld is verplicht."]
    response = abb_editeur.post(url("abb-afhandelen", melding), {"opmerking": "Behandeld door An"})
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.review_status == Melding.ReviewStatus.AFGEHANDELD
    assert melding.review_opmerking == "Behandeld door An"
    html = abb_editeur.get(url("abb-detail", melding)).content.decode()
    assert "Geschiedenis" in html and "Melding afgehandeld." in html
    assert f"/berichten/abb/nieuw/?melding={melding.uuid}" in html  # start a conversation about it


def test_bestuur_user_cannot_use_abb_pages(client_aalst, aalst):
    melding = verstuurde_melding(aalst)
    assert client_aalst.get(url("abb-detail", melding)).status_code == 403
    assert client_aalst.post(url("abb-afhandelen", melding), {"opmerking": "x"}).status_code == 403


def test_csv_export_is_streamed_and_filtered(abb_lezer, aalst, gent):
    verstuurde_melding(aalst, besluittype=besluittype("Politiereglement"))
    verstuurde_melding(gent, besluittype=besluittype("Retributiereglement"))
    response = abb_lezer.get(url("abb-export") + "?q=aalst")
    assert response.streaming
    rows = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:2] == ["Provincie", "Bestuur"]
    assert len(rows) == 2 and rows[1][1] == "Gemeente Aalst" and rows[1][4] == "Politiereglement"
    assert not any("rijksregister" in cell.lower() for cell in rows[0])


def test_saved_searches_per_official(abb_lezer):
    abb_lezer.post(url("abb-zoekopdracht-bewaren"), {"naam": "Open in Limburg", "query": "provincie=Limburg"})
    zoekopdracht = ZoekOpdracht.objects.get()
    assert zoekopdracht.query == "provincie=Limburg"
    html = abb_lezer.get(url("abb-index")).content.decode()
    assert "Open in Limburg" in html and "?provincie=Limburg" in html
    andere = factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE])
    ZoekOpdracht.objects.create(gebruiker=andere, naam="Van een collega", query="")
    assert "Van een collega" not in abb_lezer.get(url("abb-index")).content.decode()
    abb_lezer.post(url("abb-zoekopdracht-verwijderen"), {"zoekopdracht": str(zoekopdracht.uuid)})
    assert not ZoekOpdracht.objects.filter(gebruiker__isnull=False, naam="Open in Limburg").exists()
    andere_uuid = ZoekOpdracht.objects.get().uuid
    abb_lezer.post(url("abb-zoekopdracht-verwijderen"), {"zoekopdracht": str(andere_uuid)})
    assert ZoekOpdracht.objects.filter(uuid=andere_uuid).exists()  # only your own searches


def test_admin_reopens_a_sent_melding(login_as, aalst):
    admin = factories.user_with_rights(factories.abb(), roles=[modules.ADMIN_ROLE, modules.ABB_LEZER_ROLE])
    client = login_as(admin, factories.abb())
    melding = verstuurde_melding(aalst)
    response = client.post(url("abb-heropenen", melding), {})
    assert response.context["heropen_form"].errors["reden"] == ["Dit veld is verplicht."]
    melding.refresh_from_db()
    assert melding.status == Melding.Status.VERSTUURD
    assert client.post(url("abb-heropenen", melding), {"reden": "Verkeerd bestand"}).status_code == 302
    melding.refresh_from_db()
    assert melding.status == Melding.Status.CONCEPT


def test_abb_editeur_cannot_reopen(abb_editeur, aalst):
    melding = verstuurde_melding(aalst)
    assert abb_editeur.post(url("abb-heropenen", melding)).status_code == 403


def test_abb_overview_has_svg_charts_and_number_tables(abb_lezer, aalst, gent):
    verstuurde_melding(aalst, besluittype=besluittype("Politiereglement"))
    verstuurde_melding(gent, besluittype=besluittype("Politiereglement"))
    verstuurde_melding(gent, besluittype=besluittype("Retributiereglement"))
    response = abb_lezer.get(url("abb-overzicht"))
    assert response.status_code == 200
    cijfers = response.context["cijfers"]
    assert cijfers["totaal"] == 3
    assert cijfers["per_type"] == [("Politiereglement", 2), ("Retributiereglement", 1)]
    assert cijfers["per_provincie"] == [("Oost-Vlaanderen", 3)]
    assert cijfers["per_status"] == [("Te behandelen", 3), ("Afgehandeld", 0)]
    assert sum(n for _, n in cijfers["per_week"]) == 3 and len(cijfers["per_week"]) == 12
    html = response.content.decode()
    assert html.count('<svg class="loket-grafiek__svg" role="img"') == 4
    assert "<caption" in html and '<th scope="row">Politiereglement</th>' in html
    filtered = abb_lezer.get(url("abb-overzicht") + "?q=aalst").context["cijfers"]
    assert filtered["totaal"] == 1


def test_handleiding_is_dutch_and_public(client):
    response = client.get(reverse("loket:handleiding", args=["toezicht"]))
    assert response.status_code == 200
    assert "Handleiding Toezicht" in response.content.decode()


def test_a_bad_filter_value_is_ignored_with_a_message(client_aalst, aalst):
    MeldingFactory(bestuur=aalst)
    response = client_aalst.get(url("index") + "?zitting_van=gisteren")
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 1
    assert "Voer een geldige datum in." in response.content.decode()


def test_type_fragment_of_a_sent_melding_sends_the_browser_to_the_detail(client_aalst, aalst):
    melding = verstuurde_melding(aalst)
    response = client_aalst.post(url("velden", melding), {}, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == url("detail", melding)
    assert client_aalst.post(url("velden", melding), {}).url == url("detail", melding)


def test_csv_export_neutralises_formulas(abb_lezer, aalst):
    from toezicht import services

    melding = verstuurde_melding(aalst)
    services.handel_af(melding=melding, opmerking='=HYPERLINK("http://x")', user=None)
    response = abb_lezer.get(url("abb-export"))
    rows = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][11] == "Opmerking behandeling"
    assert rows[1][11] == '\'=HYPERLINK("http://x")'


def test_contact_address_gets_the_confirmation_mail(
    client_aalst, aalst, gent, django_capture_on_commit_callbacks
):
    from django.core import mail

    response = client_aalst.post(url("instellingen"), {"contact_email": "geen-adres"})
    assert response.context["form"].errors["contact_email"]
    client_aalst.post(url("instellingen"), {"contact_email": "secretariaat@aalst.be"})
    assert aalst.toezicht_instelling.contact_email == "secretariaat@aalst.be"
    assert not hasattr(gent, "toezicht_instelling") or not gent.toezicht_instelling.contact_email
    melding = MeldingFactory(bestuur=aalst)
    with django_capture_on_commit_callbacks(execute=True):
        client_aalst.post(url("bewerken", melding), form_data(melding, actie="verzenden"))
    assert "secretariaat@aalst.be" in mail.outbox[0].to
