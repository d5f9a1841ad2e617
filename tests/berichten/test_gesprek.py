"""Bestuur side: inbox, reading, answering (text + at least one attachment), overdue flag, configuration."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from berichten.models import Gesprek, MailConfiguratie, Partij, TypeCommunicatie
from loket.models import AuditEvent, BewaardeUpload
from tests.berichten.factories import (
    BerichtFactory,
    GesprekFactory,
    berichten_gebruiker,
    gesprek_met_vraag,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_gent(login_as, gent):
    return login_as(berichten_gebruiker(gent, first_name="Sofie", last_name="Claes"), gent)


def test_inbox_sorted_on_last_message_with_unread_marker(client_gent, gent):
    oud = gesprek_met_vraag(gent, dagen_geleden=10, betreft="Oude klacht")
    nieuw = gesprek_met_vraag(gent, dagen_geleden=1, betreft="Nieuwe opvraging")
    nieuw.gelezen_door_bestuur = True
    nieuw.save()
    html = client_gent.get(reverse("berichten:index")).content.decode()
    assert html.index("Nieuwe opvraging") < html.index("Oude klacht")
    rij_oud = html[html.index("Oude klacht") :].split("</tr>")[0]
    rij_nieuw = html[html.index("Nieuwe opvraging") :].split("</tr>")[0]
    assert 'data-testid="ongelezen"' in rij_oud
    assert 'data-testid="ongelezen"' not in rij_nieuw
    assert oud.dossiernummer in html
    assert "van Agentschap Binnenlands Bestuur" in html
    assert timezone.localtime(oud.laatste_bericht_op).strftime("%d-%m-%Y") in html


def test_inbox_shows_the_day_of_the_last_message_in_brussels(client_gent, gent):
    """23:30 UTC on 9 March is 00:30 on 10 March in Brussels: the inbox says 10-03-2026, as the old template did."""
    gesprek = gesprek_met_vraag(gent, betreft="Nachtelijke vraag")
    Gesprek.objects.filter(pk=gesprek.pk).update(laatste_bericht_op=datetime(2026, 3, 9, 23, 30, tzinfo=UTC))
    html = client_gent.get(reverse("berichten:index")).content.decode()
    rij = html[html.index("Nachtelijke vraag") :].split("</tr>")[0]
    assert "10-03-2026" in rij
    assert "09-03-2026" not in rij


def test_inbox_search_and_filters_keep_the_query(client_gent, gent):
    gesprek_met_vraag(gent, betreft="Belastingreglement", dossiernummer="KLACHT2026.000777")
    gesprek_met_vraag(gent, betreft="Rechtspositieregeling", type_communicatie=TypeCommunicatie.KENNISGEVING)
    html = client_gent.get(reverse("berichten:index"), {"q": "belasting"}).content.decode()
    assert "Belastingreglement" in html and "Rechtspositieregeling" not in html
    html = client_gent.get(reverse("berichten:index"), {"type_communicatie": "kennisgeving"}).content.decode()
    assert "Rechtspositieregeling" in html and "Belastingreglement" not in html
    html = client_gent.get(reverse("berichten:index"), {"dossiernummer": "000777"}).content.decode()
    assert "Belastingreglement" in html and "Rechtspositieregeling" not in html
    html = client_gent.get(reverse("berichten:index"), {"q": "bestaat-niet"}).content.decode()
    assert "Geen berichten gevonden" in html


def test_inbox_paginates(client_gent, gent):
    for i in range(22):
        GesprekFactory(bestuur=gent, betreft=f"Gesprek nummer {i:02d}", laatste_bericht_op=timezone.now())
    response = client_gent.get(reverse("berichten:index"))
    assert len(response.context["gesprekken"]) == 20
    assert "Pagina 1 van 2" in response.content.decode()
    assert len(client_gent.get(reverse("berichten:index"), {"page": 2}).context["gesprekken"]) == 2


@pytest.mark.parametrize(
    ("pagina", "getoond"),
    [("2", 2), ("3", 2), ("999", 2), ("0", 2), ("-1", 2), ("abc", 1), ("2.0", 1), ("", 1)],
)
def test_inbox_page_as_djangos_paginator_reads_it(client_gent, gent, pagina, getoond):
    # (not named `page`: that is pytest-playwright's fixture, which would make this a browser test)
    """The unfiltered inbox reads its page with its counts (selectors.inbox_pagina); which page it shows is what
    Paginator.get_page() gives: past the end or below 1 the last page, not a number the first."""
    for i in range(22):
        GesprekFactory(bestuur=gent, betreft=f"Gesprek nummer {i:02d}", laatste_bericht_op=timezone.now())
    response = client_gent.get(reverse("berichten:index"), {"page": pagina})
    assert response.context["page_obj"].number == getoond
    assert len(response.context["gesprekken"]) == (20 if getoond == 1 else 2)
    assert f"Pagina {getoond} van 2 (22 resultaten)" in response.content.decode()


def test_inbox_counts_only_the_own_bestuur_also_when_filtered(client_gent, gent, aalst):
    gesprek_met_vraag(aalst, dagen_geleden=40, betreft="Van een ander bestuur")
    gesprek_met_vraag(gent, dagen_geleden=40, betreft="Rechtspositieregeling")
    gesprek_met_vraag(gent, dagen_geleden=1, betreft="Belastingreglement")
    for query in ({}, {"q": "belasting"}, {"page": "7"}):
        html = client_gent.get(reverse("berichten:index"), query).content.decode()
        assert "2 gesprekken met een nieuw bericht." in html  # of the whole inbox, whatever the filter
        assert "1 gesprek waarvan de reactietermijn verstreken is." in html
        assert "Van een ander bestuur" not in html
    html = client_gent.get(reverse("berichten:index"), {"q": "belasting"}).content.decode()
    assert "Belastingreglement" in html and "Rechtspositieregeling" not in html


def test_empty_inbox(client_gent, gent, aalst):
    gesprek_met_vraag(aalst)
    for query, tekst in (({}, "Er zijn nog geen berichten."), ({"page": "3"}, "Geen berichten gevonden")):
        response = client_gent.get(reverse("berichten:index"), query)
        html = response.content.decode()
        assert tekst in html
        assert 'data-testid="samenvatting"' not in html and "Pagina" not in html
        assert response.context["page_obj"].number == 1


def test_opening_marks_read_once_and_is_audited(client_gent, gent):
    gesprek = gesprek_met_vraag(gent)
    response = client_gent.get(reverse("berichten:gesprek", args=[gesprek.uuid]))
    html = response.content.decode()
    assert "Gelieve ons de gevraagde documenten te bezorgen." in html
    assert "Agentschap Binnenlands Bestuur" in html and "Toezichthouder ABB" in html
    assert "beslissing.pdf" in html
    gesprek.refresh_from_db()
    assert gesprek.gelezen_door_bestuur
    client_gent.get(reverse("berichten:gesprek", args=[gesprek.uuid]))
    assert AuditEvent.objects.filter(actie="berichten.gesprek.gelezen", bestuur=gent).count() == 1
    assert 'data-testid="ongelezen"' not in client_gent.get(reverse("berichten:index")).content.decode()


def test_messages_in_order_with_van_and_naar(client_gent, gent):
    gesprek = gesprek_met_vraag(gent, dagen_geleden=5)
    BerichtFactory(
        gesprek=gesprek, van=Partij.BESTUUR, inhoud="Ons antwoord volgt.", auteur_naam="Sofie Claes"
    )
    html = client_gent.get(reverse("berichten:gesprek", args=[gesprek.uuid])).content.decode()
    assert html.index("Gelieve ons de gevraagde") < html.index("Ons antwoord volgt.")
    assert "Naar</dt><dd>Gemeente Gent" in html
    assert "Van</dt><dd>Gemeente Gent" in html


def test_reply_with_attachment_is_sent(client_gent, gent):
    gesprek = gesprek_met_vraag(gent, dagen_geleden=3)
    response = client_gent.post(
        reverse("berichten:gesprek", args=[gesprek.uuid]),
        {
            "inhoud": "In bijlage ons antwoord.",
            "bijlagen": [pdf_upload("antwoord é.pdf"), pdf_upload("bijlage 2.pdf")],
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Uw antwoord is verstuurd" in response.content.decode()
    gesprek.refresh_from_db()
    antwoord = gesprek.berichten.last()
    assert antwoord.van == Partij.BESTUUR and antwoord.auteur_naam == "Sofie Claes"
    assert sorted(b.naam for b in antwoord.bijlagen.all()) == ["antwoord é.pdf", "bijlage 2.pdf"]
    assert gesprek.laatste_bericht_van == Partij.BESTUUR
    assert gesprek.antwoord_verwacht_tegen is None and not gesprek.te_laat
    assert not gesprek.gelezen_door_abb
    event = AuditEvent.objects.get(actie="berichten.bericht.verstuurd")
    assert event.bestuur == gent and event.gebruiker_naam == "Sofie Claes"


def test_reply_without_attachment_is_refused_and_keeps_the_text(client_gent, gent):
    gesprek = gesprek_met_vraag(gent)
    response = client_gent.post(
        reverse("berichten:gesprek", args=[gesprek.uuid]), {"inhoud": "Mijn lange tekst"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Voeg minstens één bijlage toe" in html
    assert "Mijn lange tekst" in html
    assert gesprek.berichten.count() == 1


def test_reply_with_a_refused_file_names_it_and_keeps_the_text(client_gent, gent):
    gesprek = gesprek_met_vraag(gent)
    response = client_gent.post(
        reverse("berichten:gesprek", args=[gesprek.uuid]),
        {"inhoud": "Tekst die blijft", "bijlagen": [pdf_upload("vals.pdf", b"dit is geen pdf")]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "vals.pdf" in html and "komt niet overeen met de extensie" in html
    assert "Tekst die blijft" in html
    assert gesprek.berichten.count() == 1


def test_reply_without_text_is_refused(client_gent, gent):
    gesprek = gesprek_met_vraag(gent)
    response = client_gent.post(
        reverse("berichten:gesprek", args=[gesprek.uuid]), {"bijlagen": [pdf_upload()]}
    )
    assert response.status_code == 400
    assert "Geef een tekst voor uw bericht." in response.content.decode()


def test_service_refuses_a_reply_for_another_bestuur(rf, aalst, gent):
    from django.core.exceptions import PermissionDenied

    from berichten import services

    request = rf.post("/")
    request.user = berichten_gebruiker(aalst)
    request.bestuur = aalst
    with pytest.raises(PermissionDenied):
        services.beantwoord(
            request=request,
            gesprek=gesprek_met_vraag(gent),
            van=Partij.BESTUUR,
            inhoud="x",
            bijlagen=[pdf_upload()],
        )


def test_service_refuses_a_bestuur_reply_without_attachment(rf, gent):
    from django.core.exceptions import ValidationError

    from berichten import services

    request = rf.post("/")
    request.user = berichten_gebruiker(gent)
    request.bestuur = gent
    with pytest.raises(ValidationError):
        services.beantwoord(
            request=request, gesprek=gesprek_met_vraag(gent), van=Partij.BESTUUR, inhoud="x", bijlagen=[]
        )


@pytest.mark.parametrize(
    ("dagen_geleden", "termijn", "te_laat"),
    [(31, 30, True), (30, 30, False), (2, 30, False), (40, None, False)],
)
def test_overdue_flag(client_gent, gent, dagen_geleden, termijn, te_laat):
    gesprek = gesprek_met_vraag(gent, dagen_geleden=dagen_geleden, termijn=termijn)
    assert gesprek.te_laat is te_laat
    assert (gesprek in Gesprek.objects.te_laat()) is te_laat
    html = client_gent.get(reverse("berichten:index")).content.decode()
    assert ('data-testid="te-laat"' in html) is te_laat


def test_answer_in_time_clears_the_overdue_flag(client_gent, gent):
    gesprek = gesprek_met_vraag(gent, dagen_geleden=45)
    assert gesprek.te_laat
    client_gent.post(
        reverse("berichten:gesprek", args=[gesprek.uuid]),
        {"inhoud": "Laat, maar hier.", "bijlagen": [pdf_upload()]},
    )
    gesprek.refresh_from_db()
    assert not gesprek.te_laat
    assert 'data-testid="te-laat"' not in client_gent.get(reverse("berichten:index")).content.decode()


def test_deadline_counts_from_abbs_message(gent):
    gesprek = gesprek_met_vraag(gent, dagen_geleden=0, termijn=14)
    assert gesprek.antwoord_verwacht_tegen == timezone.localdate() + timedelta(days=14)
    assert not gesprek.is_te_laat(today=timezone.localdate() + timedelta(days=14))
    assert gesprek.is_te_laat(today=timezone.localdate() + timedelta(days=15))


def test_configuration_validates_each_address(client_gent, gent):
    url = reverse("berichten:configuratie")
    assert "Configureer berichtencentrum" in client_gent.get(url).content.decode()
    response = client_gent.post(
        url, {"ontvang_mails": "on", "adressen": "secretariaat@gent.be\nfout@\ngeen-adres"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "«fout@»" in html and "«geen-adres»" in html and "secretariaat@gent.be" in html
    assert not MailConfiguratie.objects.filter(bestuur=gent).exists()

    response = client_gent.post(
        url, {"ontvang_mails": "on", "adressen": " ".join(f"a{i}@gent.be" for i in range(11))}
    )
    assert "Geef hoogstens 10 e-mailadressen op." in response.content.decode()

    response = client_gent.post(url, {"ontvang_mails": "on", "adressen": ""})
    assert "Geef minstens één e-mailadres op" in response.content.decode()

    response = client_gent.post(url, {"ontvang_mails": "on", "adressen": "a@gent.be, b@gent.be"}, follow=True)
    assert "zijn bewaard" in response.content.decode()
    config = MailConfiguratie.objects.get(bestuur=gent)
    assert config.ontvang_mails and config.adressen == ["a@gent.be", "b@gent.be"]
    assert AuditEvent.objects.filter(actie="berichten.mailconfiguratie.gewijzigd", bestuur=gent).exists()
    assert "a@gent.be\nb@gent.be" in client_gent.get(url).content.decode()


def test_inbox_summarises_unread_and_overdue(client_gent, gent):
    gesprek_met_vraag(gent, dagen_geleden=40)
    gesprek_met_vraag(gent, dagen_geleden=1)
    html = client_gent.get(reverse("berichten:index")).content.decode()
    assert "2 gesprekken met een nieuw bericht." in html
    assert "1 gesprek waarvan de reactietermijn verstreken is." in html


def test_admin_shows_conversations_read_only(login_as, gent):
    from loket import modules
    from tests import factories as core

    gesprek = gesprek_met_vraag(gent)
    admin = core.user_with_rights(core.abb(), roles=[modules.ADMIN_ROLE])
    client = login_as(admin, core.abb())
    assert client.get(reverse("admin:berichten_gesprek_changelist")).status_code == 200
    page = client.get(reverse("admin:berichten_gesprek_change", args=[gesprek.pk]))
    assert page.status_code == 200 and gesprek.betreft in page.content.decode()
    assert client.get(reverse("admin:berichten_mailconfiguratie_add")).status_code == 200


def test_a_valid_file_is_kept_when_the_text_is_missing(client_gent, gent):
    gesprek = gesprek_met_vraag(gent)
    url = reverse("berichten:gesprek", args=[gesprek.uuid])
    response = client_gent.post(url, {"inhoud": "", "bijlagen": [pdf_upload("ons antwoord.pdf")]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef een tekst voor uw bericht." in html
    assert "Al opgeladen bijlagen" in html and "ons antwoord.pdf" in html
    (bewaard,) = response.context["bewaard_getoond"]
    assert isinstance(bewaard, BewaardeUpload)  # kept for this person and form, not an attachment yet

    # The kept file is nobody's download yet.
    assert client_gent.get(reverse("berichten:bijlage", args=[bewaard.uuid])).status_code == 404

    # Sending again with the text and the kept file ticked: no need to choose it again.
    response = client_gent.post(url, {"inhoud": "Nu met tekst", "bewaarde_bijlagen": [str(bewaard.uuid)]})
    assert response.status_code == 302
    antwoord = gesprek.berichten.last()
    assert [b.naam for b in antwoord.bijlagen.all()] == ["ons antwoord.pdf"]
    assert antwoord.bijlagen.get().bestand.name == bewaard.bestand.name  # the same stored file, taken over
    assert not BewaardeUpload.objects.exists()


def test_unticking_the_kept_file_means_no_attachment(client_gent, gent):
    gesprek = gesprek_met_vraag(gent)
    url = reverse("berichten:gesprek", args=[gesprek.uuid])
    client_gent.post(url, {"inhoud": "", "bijlagen": [pdf_upload()]})
    response = client_gent.post(url, {"inhoud": "Tekst"})
    assert response.status_code == 400
    assert "Voeg minstens één bijlage toe" in response.content.decode()
    assert gesprek.berichten.count() == 1


def test_someone_elses_kept_file_cannot_be_used(login_as, client_gent, gent):
    gesprek = gesprek_met_vraag(gent)
    url = reverse("berichten:gesprek", args=[gesprek.uuid])
    bewaard = client_gent.post(url, {"inhoud": "", "bijlagen": [pdf_upload()]}).context["bewaard_getoond"][0]
    collega = login_as(berichten_gebruiker(gent), gent)
    response = collega.post(url, {"inhoud": "Tekst", "bewaarde_bijlagen": [str(bewaard.uuid)]})
    assert response.status_code == 400
    assert gesprek.berichten.count() == 1


def test_old_kept_files_are_cleaned_up(client_gent, gent):
    from loket import tasks

    gesprek = gesprek_met_vraag(gent)
    url = reverse("berichten:gesprek", args=[gesprek.uuid])
    bewaard = client_gent.post(url, {"inhoud": "", "bijlagen": [pdf_upload()]}).context["bewaard_getoond"][0]
    storage, naam = bewaard.bestand.storage, bewaard.bestand.name
    assert tasks.ruim_bewaarde_uploads_op.delay().get() == 0
    BewaardeUpload.objects.filter(pk=bewaard.pk).update(aangemaakt_op=timezone.now() - timedelta(days=3))
    assert tasks.ruim_bewaarde_uploads_op.delay().get() == 1
    assert not BewaardeUpload.objects.filter(pk=bewaard.pk).exists() and not storage.exists(naam)
    assert gesprek.berichten.first().bijlagen.count() == 1  # sent attachments stay
