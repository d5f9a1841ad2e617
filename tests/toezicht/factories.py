"""Toezicht test data: meldingen of real besturen, with a type and orgaan that bestuur may use."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from toezicht.models import BesluitType, Melding, MeldingBestand

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def besluittype(label="Besluitenlijst"):
    return BesluitType.objects.get(label=label)


def pdf_upload(naam="besluitenlijst.pdf", inhoud=PDF):
    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


class MeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Melding

    besluittype = factory.LazyFunction(besluittype)
    beslissingsorgaan = factory.LazyAttribute(lambda o: o.bestuur.organen.order_by("naam").first())
    datum_zitting = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=7))
    links = factory.LazyFunction(lambda: ["https://www.aalst.be/besluitenlijst"])


def verstuurde_melding(bestuur, **kwargs):
    return MeldingFactory(
        bestuur=bestuur, status=Melding.Status.VERSTUURD, verstuurd_op=timezone.now(), **kwargs
    )


def bestand(melding, naam="besluit.pdf", inhoud=PDF):
    upload = pdf_upload(naam, inhoud)
    upload.content_type_sniffed = "application/pdf"
    b = MeldingBestand(melding=melding)
    b.set_upload(upload)
    b.save()
    return b
