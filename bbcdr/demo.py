"""Demo data for BBC-DR: for Gemeente Aalst and Gemeente Gent a concept (XML only) and a sent, delivered report."""

import uuid
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from loket.models import Bestuurseenheid

from . import services
from .models import Rapport

NAMESPACE = uuid.UUID("5b2f1e1c-6f0a-4d53-9d4a-6b6c0f1d2b10")

XML = """<?xml version="1.0" encoding="UTF-8"?>
<Rapportering xmlns="urn:vlaanderen:bbc-dr:rapportering" versie="2024">
  <Bestuur><Naam>{naam}</Naam><KBO>{kbo}</KBO></Bestuur>
  <Rapport soort="{soort}" boekjaar="{jaar}">
    <Schema naam="J1" omschrijving="Doelstellingenrekening">
      <Lijn code="E-Ontv" bedrag="{ontvangsten}"/>
      <Lijn code="E-Uitg" bedrag="{uitgaven}"/>
    </Schema>
  </Rapport>
</Rapportering>
"""

XBRL = """<?xml version="1.0" encoding="UTF-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase"
            xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
            xmlns:bbc="urn:vlaanderen:bbc-dr:taxonomie:2024">
  <link:schemaRef xlink:type="simple" xlink:href="https://bbc-dr.vlaanderen.be/taxonomie/2024/bbc-dr.xsd"/>
  <xbrli:context id="BJ{jaar}">
    <xbrli:entity><xbrli:identifier scheme="http://www.fgov.be">{kbo}</xbrli:identifier></xbrli:entity>
    <xbrli:period><xbrli:startDate>{jaar}-01-01</xbrli:startDate><xbrli:endDate>{jaar}-12-31</xbrli:endDate></xbrli:period>
  </xbrli:context>
  <xbrli:unit id="EUR"><xbrli:measure>iso4217:EUR</xbrli:measure></xbrli:unit>
  <bbc:Exploitatieontvangsten contextRef="BJ{jaar}" unitRef="EUR" decimals="2">{ontvangsten}</bbc:Exploitatieontvangsten>
  <bbc:Exploitatieuitgaven contextRef="BJ{jaar}" unitRef="EUR" decimals="2">{uitgaven}</bbc:Exploitatieuitgaven>
  <bbc:Rapportsoort contextRef="BJ{jaar}">{soort}</bbc:Rapportsoort>
</xbrli:xbrl>
"""

DEMO = [
    # (gemeente, ontvangsten, uitgaven)
    ("Aalst", "162345678.50", "158765432.10"),
    ("Gent", "1234567890.00", "1210987654.32"),
]


def _bestand(template, bestandsnaam, **values):
    data = template.format(**values).encode("utf-8")
    return SimpleUploadedFile(bestandsnaam, data, content_type="application/xml")


def load(log):
    user, _ = User.objects.get_or_create(
        username="mock-demo-gebruiker", defaults={"first_name": "Demo", "last_name": "Gebruiker"}
    )
    for gemeente, ontvangsten, uitgaven in DEMO:
        bestuur = Bestuurseenheid.objects.get(naam=gemeente, classificatie__label="Gemeente", actief=True)
        values = {
            "naam": bestuur.volledige_naam,
            "kbo": bestuur.kbo or "0000000000",
            "ontvangsten": ontvangsten,
            "uitgaven": uitgaven,
        }
        slug = gemeente.lower()

        verstuurd_id = uuid.uuid5(NAMESPACE, f"{slug}-jaarrekening-2025")
        if not Rapport.objects.filter(uuid=verstuurd_id).exists():
            rapport = services.maak_rapport(bestuur=bestuur, user=user)
            Rapport.objects.filter(pk=rapport.pk).update(uuid=verstuurd_id)
            rapport.refresh_from_db()
            v = {**values, "soort": "Jaarrekening", "jaar": 2025}
            services.bewaar_bestand(
                rapport=rapport,
                soort="xml",
                user=user,
                uploaded_file=_bestand(XML, f"jaarrekening-2025-{slug}.xml", **v),
            )
            services.bewaar_bestand(
                rapport=rapport,
                soort="xbrl",
                user=user,
                uploaded_file=_bestand(XBRL, f"jaarrekening-2025-{slug}.xbrl", **v),
            )
            services.verstuur_rapport(rapport=rapport, user=user)
            Rapport.objects.filter(pk=rapport.pk).update(verstuurd_op=timezone.now() - timedelta(days=40))

        concept_id = uuid.uuid5(NAMESPACE, f"{slug}-meerjarenplan-aanpassing-2026")
        if not Rapport.objects.filter(uuid=concept_id).exists():
            rapport = services.maak_rapport(bestuur=bestuur, user=user)
            Rapport.objects.filter(pk=rapport.pk).update(uuid=concept_id)
            rapport.refresh_from_db()
            v = {**values, "soort": "Aanpassing meerjarenplan", "jaar": 2026}
            services.bewaar_bestand(
                rapport=rapport,
                soort="xml",
                user=user,
                uploaded_file=_bestand(XML, f"aanpassing-mjp-2026-{slug}.xml", **v),
            )
    log("BBC-DR: per demogemeente (Aalst, Gent) een verstuurd rapport en een concept.")
