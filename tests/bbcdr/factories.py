"""Builders for BBC-DR tests. Files come from the corpus; reports are made through the services."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bbcdr import services
from bbcdr.models import Rapport
from loket import modules
from tests import factories

CORPUS = Path(__file__).parent / "corpus"


def corpus(name, as_name=None):
    return SimpleUploadedFile(
        as_name or name, (CORPUS / name).read_bytes(), content_type="application/octet-stream"
    )


def bbcdr_user(bestuur, **kwargs):
    return factories.user_with_rights(bestuur, "bbcdr", **kwargs)


def abb_user(edit=False):
    role = modules.ABB_EDITEUR_ROLE if edit else modules.ABB_LEZER_ROLE
    return factories.user_with_rights(factories.abb(), roles=[role])


def rapport(bestuur, user=None, xml=True, xbrl=True, verstuurd=False, verstuurd_op=None):
    r = services.maak_rapport(bestuur=bestuur, user=user)
    if xml:
        services.bewaar_bestand(rapport=r, soort="xml", uploaded_file=corpus("geldig.xml"), user=user)
    if xbrl:
        services.bewaar_bestand(rapport=r, soort="xbrl", uploaded_file=corpus("geldig.xbrl"), user=user)
    if verstuurd:
        # As the send service leaves it, without running the delivery (tests run it explicitly).
        Rapport.objects.filter(pk=r.pk).update(
            status=Rapport.Status.VERSTUURD,
            verstuurd_op=verstuurd_op or timezone.now(),
            verstuurd_door=user,
            levering_status=Rapport.Levering.IN_WACHTRIJ,
        )
    return Rapport.objects.met_bestanden().get(pk=r.pk)
