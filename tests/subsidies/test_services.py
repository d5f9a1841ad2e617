"""Services and views of Subsidies: eligibility per classification, the flow of steps, the server's period check,
ABB's aanvulling, deletion, scoping per bestuur, reminders."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from berichten.models import MailConfiguratie
from loket import modules, outbox
from loket.access import Rights
from loket.models import AuditEvent
from subsidies import selectors, services, tasks
from subsidies.models import Aanvraag, AanvraagStatus, Beoordeling, FormulierStatus, Maatregel
from tests import factories
from tests.subsidies.factories import GELDIG, aanvraag, bijlage, reeks

pytestmark = pytest.mark.django_db


def _request(user, bestuur):
    request = RequestFactory().post("/")
    request.user, request.bestuur = user, bestuur
    request.rights = Rights(bestuur, [m.role for m in modules.MODULES])
    return request


@pytest.fixture
def aalst_request(aalst):
    return _request(
        factories.user_with_rights(aalst, "subsidies", first_name="Els", last_name="Peeters"), aalst
    )


@pytest.mark.parametrize(
    "naam, classificatie, ziet",
    [("Aalst", "Gemeente", True), ("Aalst", "OCMW", True), ("Oost-Vlaanderen", "Provincie", False)],
)
def test_eligibility_per_classification(naam, classificatie, ziet):
    r = reeks(classificaties=("Gemeente", "OCMW"))
    bestuur = factories.bestuur(naam, classificatie)
    assert (r in selectors.beschikbare_reeksen(bestuur)) is ziet


def test_named_besturen_and_first_step_open_today(aalst, gent):
    r = reeks(classificaties=())
    r.maatregel.criteria_besturen.add(gent)
    assert r in selectors.beschikbare_reeksen(gent) and r not in selectors.beschikbare_reeksen(aalst)
    dicht = reeks(begin=timezone.now() + timedelta(days=1))
    assert dicht not in selectors.beschikbare_reeksen(aalst)


def test_reference_measures_follow_their_criteria(aalst):
    """The real periods are over; the external Hoppinpunten measure is open 'doorlopend' for gemeenten."""
    titels = [r.maatregel.titel for r in selectors.beschikbare_reeksen(aalst)]
    assert titels == ["Subsidie voor Hoppinpunten"]
    assert not selectors.beschikbare_reeksen(factories.bestuur("Oost-Vlaanderen", "Provincie"))
    fiets = Maatregel.objects.get(titel="Fietsinfrastructuur")
    assert sorted(fiets.criteria_classificaties.values_list("label", flat=True)) == [
        "Autonoom gemeentebedrijf",
        "Provincie",
    ]
    assert fiets.reeksen.get().stappen.count() == 4


def test_start_send_next_step_and_last_step(aalst_request):
    r = reeks()
    a = services.start_aanvraag(request=aalst_request, reeks=r)
    assert a.status == AanvraagStatus.CONCEPT and a.actieve_stap.volgorde == 0
    eerste = a.formulieren.get()
    assert eerste.status == FormulierStatus.NIEUW

    services.bewaar_concept(request=aalst_request, formulier=eerste, data={"naam": "", "iban": "fout"})
    eerste.refresh_from_db()
    assert (
        eerste.status == FormulierStatus.CONCEPT and eerste.data["iban"] == "fout"
    )  # a concept always saves
    with pytest.raises(services.FormulierFouten) as fout:
        services.verstuur(request=aalst_request, formulier=eerste)
    assert fout.value.fouten["iban"] == ["Geef een geldig IBAN op."]

    services.bewaar_concept(request=aalst_request, formulier=eerste, data=GELDIG)
    services.verstuur(request=aalst_request, formulier=eerste)
    a.refresh_from_db()
    assert a.status == AanvraagStatus.ACTIEF and a.actieve_stap.naam == "Verantwoording"
    assert a.status_label == "Actief - Verantwoording"
    tweede = a.formulieren.get(stap__volgorde=1)
    assert tweede.data["iban"] == GELDIG["iban"] and tweede.data["naam"] == "Els"  # taken over from step 1
    with pytest.raises(ValidationError, match="al verstuurd"):
        services.bewaar_concept(request=aalst_request, formulier=eerste, data={})

    services.verstuur(request=aalst_request, formulier=tweede)
    a.refresh_from_db()
    assert a.status == AanvraagStatus.INGEDIEND and a.actieve_stap is None
    assert a.gewijzigd_door_naam == "Els Peeters"
    assert set(AuditEvent.objects.filter(actie__startswith="subsidies.").values_list("actie", flat=True)) == {
        "subsidies.aanvraag.gestart",
        "subsidies.stap.bewaard",
        "subsidies.stap.verstuurd",
    }


def test_server_refuses_outside_the_period(aalst_request):
    r = reeks(stappen=1)
    a = services.start_aanvraag(request=aalst_request, reeks=r)
    f = a.formulieren.get()
    services.bewaar_concept(request=aalst_request, formulier=f, data=GELDIG)
    stap = f.stap
    with time_machine.travel(stap.einde + timedelta(minutes=1)):
        with pytest.raises(ValidationError, match="De deadline voor deze stap is verstreken."):
            services.verstuur(request=aalst_request, formulier=f)
    with time_machine.travel(stap.begin - timedelta(minutes=1)):
        with pytest.raises(ValidationError, match="Deze stap kan u nog niet indienen."):
            services.verstuur(request=aalst_request, formulier=f)
    f.refresh_from_db()
    assert f.status == FormulierStatus.CONCEPT


def test_abb_aanvulling_reopens_and_bestuur_resends_after_deadline(aalst_request):
    r = reeks(stappen=1)
    a = services.start_aanvraag(request=aalst_request, reeks=r)
    f = a.formulieren.get()
    services.bewaar_concept(request=aalst_request, formulier=f, data=GELDIG)
    services.verstuur(request=aalst_request, formulier=f)
    abb = _request(
        factories.user_with_rights(factories.abb(), roles=[modules.ABB_EDITEUR_ROLE]), factories.abb()
    )
    with pytest.raises(ValidationError):
        services.beoordeel(request=abb, formulier=f, beoordeling=Beoordeling.AANVULLING, bericht="")
    services.beoordeel(
        request=abb, formulier=f, beoordeling=Beoordeling.AANVULLING, bericht="Voeg de beslissing toe."
    )
    f.refresh_from_db()
    a.refresh_from_db()
    assert f.status == FormulierStatus.CONCEPT and a.status == AanvraagStatus.ACTIEF
    assert AuditEvent.objects.filter(actie="subsidies.stap.beoordeeld", bestuur=factories.abb()).exists()
    with time_machine.travel(f.stap.einde + timedelta(days=1)):
        services.bewaar_concept(request=aalst_request, formulier=f, data={**GELDIG, "motivatie": "aangevuld"})
        services.verstuur(request=aalst_request, formulier=f)
    a.refresh_from_db()
    assert a.status == AanvraagStatus.INGEDIEND


def test_delete_only_while_concept(aalst_request):
    a = services.start_aanvraag(request=aalst_request, reeks=reeks())
    f = a.formulieren.get()
    services.bewaar_concept(request=aalst_request, formulier=f, data=GELDIG)
    services.verstuur(request=aalst_request, formulier=f)
    with pytest.raises(ValidationError):
        services.verwijder_aanvraag(request=aalst_request, aanvraag=a)
    b = services.start_aanvraag(request=aalst_request, reeks=reeks())
    services.verwijder_aanvraag(request=aalst_request, aanvraag=b)
    assert not Aanvraag.objects.filter(pk=b.pk).exists()


def test_views_are_scoped_per_bestuur(client, login_as, aalst, gent):
    eigen = aanvraag(aalst, data=GELDIG)
    andere = aanvraag(gent, data=GELDIG)
    b = bijlage(andere.formulieren.get())
    login_as(factories.user_with_rights(aalst, "subsidies"), aalst)
    stap = andere.formulieren.get().stap
    for url in (
        f"/subsidies/{andere.uuid}/",
        f"/subsidies/{andere.uuid}/stappen/{stap.uuid}/",
        f"/subsidies/{andere.uuid}/bijlagen.zip",
        f"/subsidies/{andere.uuid}/verwijderen/",
        f"/subsidies/bijlagen/{b.uuid}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.get("/subsidies/")
    html = response.content.decode()
    assert eigen.maatregel.titel in html and html.count('data-testid="dossier-rij"') == 1


def test_bestuur_pages(client, login_as, aalst):
    user = factories.user_with_rights(aalst, "subsidies")
    login_as(user, aalst)
    assert "Geen subsidieaanvragen gevonden" in client.get("/subsidies/").content.decode()
    r = reeks(stappen=2)
    assert "Testmaatregel" in client.get("/subsidies/beschikbaar/").content.decode()
    response = client.post("/subsidies/start/", {"reeks": r.uuid})
    a = Aanvraag.objects.get(bestuur=aalst)
    stap_url = f"/subsidies/{a.uuid}/stappen/{a.actieve_stap.uuid}/"
    assert response["Location"] == stap_url
    # "Voeg rij toe" without JavaScript: the page comes back with one more row, what was typed saved.
    response = client.post(stap_url, {"actie": "rij:tabel", "naam": "Els", "tabel-rijen": "0"})
    assert response.status_code == 302
    page = client.get(stap_url).content.decode()
    assert 'name="tabel-0-instantie"' in page and 'value="Els"' in page
    # Send with errors: all errors at once, nothing lost.
    response = client.post(
        stap_url, {"actie": "verstuur", "naam": "", "iban": "BE00", "motivatie": "x" * 30, "tabel-rijen": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    for melding in ("Dit veld is verplicht.", "Geef een geldig IBAN op.", "Max. karakters overschreden."):
        assert melding in page
    assert 'value="BE00"' in page
    response = client.post(stap_url, {"actie": "verstuur", **GELDIG, "tabel-rijen": "1"})
    assert response.status_code == 302
    page = client.get(client.get(f"/subsidies/{a.uuid}/")["Location"]).content.decode()
    assert "Actief - Verantwoording" in page
    assert (
        client.get(f"/subsidies/{a.uuid}/stappen/{r.stappen.get(volgorde=0).uuid}/pdf/")["Content-Type"]
        == "application/pdf"
    )
    assert client.get(f"/subsidies/{a.uuid}/bijlagen.zip")["Content-Type"] == "application/zip"


def test_abb_list_detail_and_csv(client, login_as, aalst):
    a = aanvraag(aalst, data=GELDIG)
    f = a.formulieren.get()
    f.status, f.verstuurd_op = FormulierStatus.VERSTUURD, timezone.now()
    f.save()
    login_as(factories.user_with_rights(factories.abb(), roles=[modules.ABB_LEZER_ROLE]), factories.abb())
    html = client.get("/subsidies/abb/?bestuur=aalst").content.decode()
    assert "Gemeente" in html and "Aalst" in html
    detail = client.get(f"/subsidies/abb/{a.uuid}/stappen/{f.stap.uuid}/").content.decode()
    assert "Els" in detail and "Bewaar beoordeling" not in detail  # a lezer cannot judge
    csv = client.get("/subsidies/abb/?formaat=csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Subsidiemaatregel;Reeks;Type organisatie;Organisatie")
    assert "Testmaatregel;Oproep test;Gemeente;Aalst" in csv


def test_deadline_reminder_once(aalst, gent, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    MailConfiguratie.objects.create(bestuur=aalst, ontvang_mails=True, adressen=["subsidies@aalst.be"])
    nu = timezone.now()
    binnenkort = aanvraag(aalst, reeks(einde=nu + timedelta(days=3)))
    aanvraag(aalst, reeks(einde=nu + timedelta(days=20)))  # not yet
    zonder_adressen = aanvraag(gent, reeks(einde=nu + timedelta(days=3)))
    assert outbox.sweep()["subsidies.herinnering"] == (1, 1)  # Gent configured no addresses: not due for it
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["subsidies@aalst.be"]
    assert "Testmaatregel" in mail.outbox[0].subject and binnenkort.actieve_stap.naam in mail.outbox[0].body
    assert outbox.sweep()["subsidies.herinnering"] == (0, 0)
    assert tasks.mail_deadline(binnenkort.formulieren.get().pk) == 0  # a second run sends nothing
    assert tasks.mail_deadline(zonder_adressen.formulieren.get().pk) == 0
    assert len(mail.outbox) == 1


def test_a_sent_form_keeps_its_definition_version(aalst_request, client, login_as, aalst):
    from tests.subsidies.factories import definitie

    r = reeks(stappen=1)
    a = services.start_aanvraag(request=aalst_request, reeks=r)
    f = a.formulieren.get()
    services.bewaar_concept(request=aalst_request, formulier=f, data=GELDIG)
    services.verstuur(request=aalst_request, formulier=f)
    nieuw = definitie("2")
    nieuw.definitie["secties"][0]["titel"] = "Contactgegevens (versie 2)"
    nieuw.save()
    r.stappen.update(formulier=nieuw)
    f.refresh_from_db()
    assert f.definitie.versie == "1"
    login_as(aalst_request.user, aalst)
    page = client.get(f"/subsidies/{a.uuid}/stappen/{f.stap.uuid}/").content.decode()
    assert "Contact" in page and "versie 2" not in page and "BE68 5390 0754 7034" in page


def test_delete_asks_first(client, login_as, aalst):
    a = aanvraag(aalst)
    login_as(factories.user_with_rights(aalst, "subsidies"), aalst)
    page = client.get(f"/subsidies/{a.uuid}/verwijderen/").content.decode()
    assert "Aanvraag verwijderen?" in page and Aanvraag.objects.filter(pk=a.pk).exists()
    assert client.post(f"/subsidies/{a.uuid}/verwijderen/")["Location"] == "/subsidies/"
    assert not Aanvraag.objects.filter(pk=a.pk).exists()


def test_abb_never_sees_what_was_not_sent(client, login_as, aalst):
    a = aanvraag(aalst, data={**GELDIG, "naam": "Geheim concept"})
    f = a.formulieren.get()
    b = bijlage(f)
    login_as(factories.user_with_rights(factories.abb(), roles=[modules.ABB_EDITEUR_ROLE]), factories.abb())
    page = client.get(f"/subsidies/abb/{a.uuid}/stappen/{f.stap.uuid}/").content.decode()
    assert "Geheim concept" not in page and "Deze stap werd nog niet verstuurd." in page
    assert client.get(f"/subsidies/abb/bijlagen/{b.uuid}/").status_code == 404
    assert client.get(f"/subsidies/abb/{a.uuid}/stappen/{f.stap.uuid}/pdf/").status_code == 404


def test_zip_holds_every_file_per_step_with_its_name(client, login_as, aalst):
    import io
    import zipfile

    a = aanvraag(aalst, data=GELDIG)
    f = a.formulieren.get()
    bijlage(f, "beslissing.pdf")
    bijlage(f, "beslissing.pdf")
    login_as(factories.user_with_rights(aalst, "subsidies"), aalst)
    response = client.get(f"/subsidies/{a.uuid}/bijlagen.zip")
    archief = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archief.namelist() == ["01 Aanvraag/beslissing.pdf", "01 Aanvraag/beslissing (2).pdf"]
    assert archief.read("01 Aanvraag/beslissing.pdf").startswith(b"%PDF")
