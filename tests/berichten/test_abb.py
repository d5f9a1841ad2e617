"""ABB side: start a conversation, answer in it, list all conversations with filters."""

import pytest
from django.urls import reverse

from berichten.models import Gesprek, Partij, TypeCommunicatie
from loket.models import AuditEvent
from tests import factories as core
from tests.berichten.factories import abb_editeur, abb_lezer, gesprek_met_vraag, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_abb(login_as):
    return login_as(abb_editeur(first_name="Anna", last_name="Toezicht"), core.abb())


def _start(client, bestuur, **extra):
    data = {
        "bestuur": bestuur.pk,
        "type_communicatie": "opvraging",
        "betreft": "Opvraging dossier retributiereglement",
        "dossiernummer": "OPV2026.000012",
        "reactietermijn_dagen": "30",
        "inhoud": "Gelieve het volledige dossier te bezorgen.",
        **extra,
    }
    return client.post(reverse("berichten:abb-nieuw"), data)


def test_abb_starts_a_conversation(client_abb, aalst):
    response = _start(client_abb, aalst, bijlagen=[pdf_upload("vraag.pdf")])
    gesprek = Gesprek.objects.get(dossiernummer="OPV2026.000012")
    assert response.status_code == 302
    assert response["Location"] == reverse("berichten:abb-gesprek", args=[gesprek.uuid])
    assert gesprek.bestuur == aalst and gesprek.type_communicatie == TypeCommunicatie.OPVRAGING
    assert not gesprek.gelezen_door_bestuur and gesprek.wacht_op_antwoord and not gesprek.te_laat
    bericht = gesprek.berichten.get()
    assert bericht.van == Partij.ABB and bericht.auteur_naam == "Anna Toezicht"
    assert [b.naam for b in bericht.bijlagen.all()] == ["vraag.pdf"]
    event = AuditEvent.objects.get(actie="berichten.gesprek.gestart")
    assert event.bestuur == aalst and event.object_id == str(gesprek.pk)


def test_start_form_shows_every_error_at_once_and_keeps_input(client_abb, aalst):
    response = _start(client_abb, aalst, betreft="", inhoud="", reactietermijn_dagen="", dossiernummer="D1")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit veld is verplicht." in html
    assert "Geef een tekst voor uw bericht." in html
    assert "Geef een reactietermijn op voor een opvraging." in html
    assert 'value="D1"' in html
    assert not Gesprek.objects.exists()


def test_kennisgeving_needs_no_reactietermijn(client_abb, aalst):
    _start(client_abb, aalst, type_communicatie="kennisgeving", reactietermijn_dagen="")
    gesprek = Gesprek.objects.get()
    assert gesprek.antwoord_verwacht_tegen is None and not gesprek.wacht_op_antwoord


def test_abb_cannot_start_with_abb_or_an_inactive_bestuur(client_abb):
    inactief = core.Bestuurseenheid.objects.filter(actief=False).first()
    for bestuur in [core.abb(), inactief]:
        response = _start(client_abb, bestuur)
        assert response.status_code == 400
        assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Gesprek.objects.exists()


def test_abb_answers_and_sees_the_bestuurs_reply(client_abb, gent, login_as):
    gesprek = gesprek_met_vraag(gent)
    gesprek.laatste_bericht_van = Partij.BESTUUR
    gesprek.gelezen_door_abb = False
    gesprek.save()
    assert 'data-testid="ongelezen"' in client_abb.get(reverse("berichten:abb-index")).content.decode()
    client_abb.get(reverse("berichten:abb-gesprek", args=[gesprek.uuid]))
    gesprek.refresh_from_db()
    assert gesprek.gelezen_door_abb

    response = client_abb.post(
        reverse("berichten:abb-antwoord", args=[gesprek.uuid]), {"inhoud": "Bedankt, we bekijken het."}
    )
    assert response.status_code == 302
    gesprek.refresh_from_db()
    assert gesprek.berichten.count() == 2 and gesprek.laatste_bericht_van == Partij.ABB
    assert not gesprek.gelezen_door_bestuur and gesprek.wacht_op_antwoord


def test_abb_list_filters(login_as, aalst, gent):
    antwerpen = core.bestuur("Antwerpen", "Provincie")
    te_laat = gesprek_met_vraag(aalst, dagen_geleden=40, betreft="Aalst te laat")
    open_ = gesprek_met_vraag(gent, dagen_geleden=1, betreft="Gent open")
    kennis = gesprek_met_vraag(
        antwerpen,
        termijn=None,
        betreft="Antwerpen kennisgeving",
        type_communicatie=TypeCommunicatie.KENNISGEVING,
    )
    client = login_as(abb_lezer(), core.abb())
    url = reverse("berichten:abb-index")

    def titels(**params):
        return {g.betreft for g in client.get(url, params).context["gesprekken"]}

    assert titels() == {te_laat.betreft, open_.betreft, kennis.betreft}
    assert titels(bestuur="aalst") == {te_laat.betreft}
    assert titels(provincie="Oost-Vlaanderen") == {te_laat.betreft, open_.betreft}
    assert titels(provincie="Antwerpen") == {kennis.betreft}
    assert titels(type_communicatie="kennisgeving") == {kennis.betreft}
    assert titels(status="te_laat") == {te_laat.betreft}
    assert titels(status="open") == {open_.betreft}
    assert titels(status="alle_open") == {te_laat.betreft, open_.betreft}
    Gesprek.objects.filter(pk=kennis.pk).update(gelezen_door_abb=False, laatste_bericht_van=Partij.BESTUUR)
    assert titels(status="ongelezen") == {kennis.betreft}
    assert titels(q="aalst te laat", provincie="Antwerpen") == set()
    html = client.get(url).content.decode()
    assert "Gemeente Aalst" in html and "Termijn verstreken" in html


def _melding(bestuur, status="verstuurd"):
    from django.utils import timezone

    from toezicht.models import Melding

    return Melding.objects.create(
        bestuur=bestuur, status=status, verstuurd_op=timezone.now() if status == "verstuurd" else None
    )


def test_a_kennisgeving_can_refer_to_a_melding_of_that_bestuur(client_abb, aalst, login_as):
    melding = _melding(aalst)
    page = client_abb.get(reverse("berichten:abb-nieuw"), {"melding": str(melding.uuid)})
    assert page.context["form"].initial["bestuur"] == aalst.pk
    assert page.context["form"].initial["type_communicatie"] == TypeCommunicatie.KENNISGEVING
    assert reverse("toezicht:abb-detail", args=[melding.uuid]) in page.content.decode()

    response = _start(
        client_abb,
        aalst,
        type_communicatie="kennisgeving",
        reactietermijn_dagen="",
        melding=str(melding.uuid),
    )
    assert response.status_code == 302
    gesprek = Gesprek.objects.get()
    assert gesprek.melding == melding

    # The bestuur sees which melding it is about, with a link when it may use Toezicht.
    client = login_as(core.user_with_rights(aalst, "berichten", "toezicht"), aalst)
    html = client.get(reverse("berichten:gesprek", args=[gesprek.uuid])).content.decode()
    assert "Toezicht melding" in html and reverse("toezicht:detail", args=[melding.uuid]) in html


def test_a_melding_of_another_bestuur_or_a_concept_is_refused(client_abb, aalst, gent):
    response = _start(client_abb, aalst, melding=str(_melding(gent).uuid))
    assert response.status_code == 400
    assert "De toezicht melding hoort bij Gemeente Gent" in response.content.decode()
    response = _start(client_abb, aalst, melding=str(_melding(aalst, status="concept").uuid))
    assert response.status_code == 400
    assert "bestaat niet of is nog niet verstuurd" in response.content.decode()
    assert not Gesprek.objects.exists()
    page = client_abb.get(reverse("berichten:abb-nieuw"), {"melding": "geen-uuid"}, follow=True)
    assert "bestaat niet of is nog niet verstuurd" in page.content.decode()


def test_start_form_keeps_valid_files_when_another_field_fails(client_abb, aalst):
    response = _start(client_abb, aalst, betreft="", bijlagen=[pdf_upload("beslissing.pdf")])
    assert response.status_code == 400
    (bewaard,) = response.context["bewaard_getoond"]
    response = _start(client_abb, aalst, bewaarde_bijlagen=[str(bewaard.uuid)])
    assert response.status_code == 302
    assert [b.naam for b in Gesprek.objects.get().berichten.get().bijlagen.all()] == ["beslissing.pdf"]
