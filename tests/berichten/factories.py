"""Factories for the Berichtencentrum. Besturen are real ones from the reference data (tests.factories.bestuur)."""

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from berichten.models import Bericht, BerichtBijlage, Gesprek, Partij, TypeCommunicatie
from loket import modules
from tests import factories as core

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(naam="antwoord.pdf", inhoud=PDF):
    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


class GesprekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gesprek

    dossiernummer = factory.Sequence(lambda n: f"KLACHT2026.{n:06d}")
    betreft = factory.Sequence(lambda n: f"Klacht over besluit {n}")
    type_communicatie = TypeCommunicatie.OPVRAGING
    reactietermijn_dagen = 30


class BerichtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bericht

    gesprek = factory.SubFactory(GesprekFactory)
    van = Partij.ABB
    auteur_naam = "Toezichthouder ABB"
    inhoud = "Gelieve ons de gevraagde documenten te bezorgen."
    verzonden_op = factory.LazyFunction(timezone.now)


def bijlage(bericht, naam="beslissing.pdf", inhoud=PDF):
    b = BerichtBijlage(bericht=bericht, naam=naam, grootte=len(inhoud), mime_type="application/pdf")
    b.bestand.save("upload", ContentFile(inhoud), save=False)
    b.save()
    return b


def gesprek_met_vraag(bestuur, *, dagen_geleden=0, termijn=30, **kwargs):
    """A conversation in which ABB asked something `dagen_geleden` days ago, with one attachment."""
    from datetime import timedelta

    verzonden = timezone.now() - timedelta(days=dagen_geleden)
    gesprek = GesprekFactory(
        bestuur=bestuur,
        reactietermijn_dagen=termijn,
        laatste_bericht_op=verzonden,
        laatste_bericht_van=Partij.ABB,
        gelezen_door_bestuur=False,
        antwoord_verwacht_tegen=(timezone.localdate(verzonden) + timedelta(days=termijn))
        if termijn
        else None,
        **kwargs,
    )
    bericht = BerichtFactory(gesprek=gesprek, verzonden_op=verzonden)
    bijlage(bericht)
    return gesprek


def berichten_gebruiker(bestuur, **kwargs):
    return core.user_with_rights(bestuur, "berichten", **kwargs)


def abb_lezer(**kwargs):
    return core.user_with_rights(core.abb(), roles=[modules.ABB_LEZER_ROLE], **kwargs)


def abb_editeur(**kwargs):
    return core.user_with_rights(core.abb(), roles=[modules.ABB_EDITEUR_ROLE], **kwargs)
