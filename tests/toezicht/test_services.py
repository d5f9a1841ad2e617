import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError

from loket.models import AuditEvent
from tests import factories
from toezicht import services
from toezicht.models import Melding

from .factories import MeldingFactory, besluittype, bestand, pdf_upload, verstuurde_melding

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(aalst):
    return factories.user_with_rights(aalst, "toezicht", email="jan@aalst.be")


def test_a_new_concept_is_audited(aalst, user):
    melding = services.maak_concept(bestuur=aalst, user=user)
    assert melding.status == Melding.Status.CONCEPT
    assert AuditEvent.objects.for_object(melding).get().actie == "toezicht.melding.aangemaakt"


def test_concept_always_saves_even_empty(aalst, user):
    melding = services.maak_concept(bestuur=aalst, user=user)
    melding = services.bewaar_concept(melding=melding, gegevens={"opmerking": "nog niets"}, user=user)
    assert Melding.objects.get(pk=melding.pk).opmerking == "nog niets"


def test_send_shows_every_missing_field_at_once(aalst, user):
    melding = services.maak_concept(bestuur=aalst, user=user)
    with pytest.raises(ValidationError) as exc:
        services.verstuur(melding=melding, user=user)
    fouten = exc.value.message_dict
    assert fouten["besluittype"] == ["Dit veld is verplicht."]
    assert fouten["beslissingsorgaan"] == ["Dit veld is verplicht."]
    assert fouten["datum_zitting"] == ["Dit veld is verplicht."]
    assert fouten["bestanden"] == ["Gelieve minstens één URL of bestand op te geven."]
    assert Melding.objects.get(pk=melding.pk).status == Melding.Status.CONCEPT


def test_fields_required_depend_on_the_type(aalst, user):
    melding = MeldingFactory(bestuur=aalst, besluittype=besluittype("Belastingreglement"))
    fouten = services.verzendfouten(melding)
    assert set(fouten) == {"datum_publicatie", "belasting_soort", "mar_code"}
    melding.besluittype = besluittype("Jaarrekening")
    assert set(services.verzendfouten(melding)) == {"rapportjaar"}
    melding.besluittype = besluittype("Besluitenlijst")
    assert services.verzendfouten(melding) == {}


def test_links_must_have_an_allowed_scheme():
    assert services.link_fouten(["https://a.be/x", "http://a.be", "ftp://a.be/f", "sftp://a.be/f"]) == []
    assert len(services.link_fouten(["javascript:alert(1)", "www.aalst.be", "file:///etc/passwd"])) == 3


def test_type_not_allowed_for_the_classification_is_refused():
    pz = factories.bestuur("PZ Aalst: Aalst", "Politiezone")
    melding = MeldingFactory(bestuur=pz, besluittype=besluittype("Belastingreglement"))
    assert services.verzendfouten(melding)["besluittype"] == [
        "Dit type dossier kan uw bestuur vandaag niet indienen."
    ]


def test_orgaan_of_another_bestuur_is_refused(aalst, gent, user):
    melding = MeldingFactory(bestuur=aalst)
    melding.beslissingsorgaan = gent.organen.first()
    assert "beslissingsorgaan" in services.verzendfouten(melding)


def test_send_sets_verstuurd_op_audits_and_mails_once(aalst, user, django_capture_on_commit_callbacks):
    melding = MeldingFactory(bestuur=aalst)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.verstuur(melding=melding, user=user)
    assert sent.status == Melding.Status.VERSTUURD and sent.verstuurd_op is not None
    assert sent.verstuurd_door == user
    assert AuditEvent.objects.for_object(melding).filter(actie="toezicht.melding.verstuurd").count() == 1
    assert len(mail.outbox) == 1
    assert "jan@aalst.be" in mail.outbox[0].to
    assert settings.LOKET_HELPDESK_EMAIL in mail.outbox[0].to  # ABB (LOKET_TOEZICHT_NOTIFICATIE_EMAIL if set)
    assert "Gemeente Aalst" in mail.outbox[0].subject
    # Sending twice (double click, second tab): still one sent melding, one event, one mail.
    with django_capture_on_commit_callbacks(execute=True):
        again = services.verstuur(melding=melding, user=user)
    assert again.verstuurd_op == sent.verstuurd_op
    assert AuditEvent.objects.for_object(melding).filter(actie="toezicht.melding.verstuurd").count() == 1
    assert len(mail.outbox) == 1


def test_files_are_attached_and_count_for_sending(aalst, user):
    melding = MeldingFactory(bestuur=aalst, links=[])
    assert "bestanden" in services.verzendfouten(melding)
    upload = pdf_upload("Besluit «één» & co.pdf")
    upload.content_type_sniffed = "application/pdf"
    services.bewaar_concept(melding=melding, gegevens={}, nieuwe_bestanden=[upload], user=user)
    assert melding.bestanden.get().naam == "Besluit «één» & co.pdf"
    assert services.verzendfouten(melding) == {}


def test_a_sent_melding_cannot_be_changed_or_deleted(aalst, user):
    melding = verstuurde_melding(aalst)
    with pytest.raises(ValidationError):
        services.bewaar_concept(melding=melding, gegevens={"opmerking": "x"}, user=user)
    with pytest.raises(ValidationError):
        services.verwijder_concept(melding=melding, user=user)
    assert Melding.objects.get(pk=melding.pk).verwijderd_op is None


def test_delete_concept_is_soft(aalst, user):
    melding = MeldingFactory(bestuur=aalst)
    services.verwijder_concept(melding=melding, user=user)
    assert Melding.objects.filter(pk=melding.pk).exists()
    assert not Melding.objects.actief().filter(pk=melding.pk).exists()


def test_remove_a_file_from_a_concept(aalst, user):
    melding = MeldingFactory(bestuur=aalst)
    b = bestand(melding)
    services.verwijder_bestand(melding=melding, bestand_uuid=b.uuid, user=user)
    assert not melding.bestanden.exists()


def test_heropen_and_handel_af_are_audited(aalst):
    admin = factories.UserFactory()
    melding = verstuurde_melding(aalst)
    services.handel_af(melding=melding, opmerking="Behandeld door An", user=admin)
    melding.refresh_from_db()
    assert melding.review_status == Melding.ReviewStatus.AFGEHANDELD
    assert melding.review_opmerking == "Behandeld door An"
    services.heropen(melding=melding, reden="Verkeerd bestand", user=admin)
    melding.refresh_from_db()
    assert melding.status == Melding.Status.CONCEPT and melding.verstuurd_op is None
    acties = set(AuditEvent.objects.for_object(melding).values_list("actie", flat=True))
    assert {"toezicht.melding.afgehandeld", "toezicht.melding.heropend"} <= acties


def test_a_concept_cannot_be_marked_afgehandeld(aalst):
    with pytest.raises(ValidationError):
        services.handel_af(melding=MeldingFactory(bestuur=aalst), opmerking="x", user=None)
