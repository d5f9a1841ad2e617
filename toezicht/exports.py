"""Toezicht's CSV files: the columns and rows of the ABB queue, the VLABEL screen and the manifest of a bundle (zip).

They are written by the one CSV writer, loket/csvexport.py (`;`, UTF-8 with a BOM, safe cells, streamed).
"""

from django.utils import timezone

from loket.csvexport import regels

from .reference import mar_label


def csv_regels(kolommen, rijen):
    """The CSV lines (str) of a header and rows; a generator, so a million rows never sit in memory."""
    return regels(kolommen, rijen)


def datum(d):
    return d.strftime("%d-%m-%Y") if d else ""


def tijdstip(t):
    return timezone.localtime(t).strftime("%d-%m-%Y %H:%M") if t else ""


ABB_KOLOMMEN = (
    "Provincie",
    "Bestuur",
    "Soort bestuur",
    "kbo",
    "Type dossier",
    "Bestuursorgaan",
    "Datum zitting",
    "Datum publicatie",
    "Verstuurd op",
    "Behandeling",
    "Behandelaar",
    "Opmerking behandeling",
    "Links",
    "Id",
    "bestuur_uri",
)


def abb_rijen(queryset):
    for m in queryset.iterator(chunk_size=2000):
        yield [
            m.bestuur.provincie,
            m.bestuur.volledige_naam,
            m.bestuur.classificatie.label,
            m.bestuur.kbo,
            m.besluittype.label if m.besluittype else "",
            m.beslissingsorgaan.naam if m.beslissingsorgaan else "",
            datum(m.datum_zitting),
            datum(m.datum_publicatie),
            tijdstip(m.verstuurd_op),
            m.get_review_status_display(),
            m.behandelaar.get_full_name() if m.behandelaar else "",
            m.review_opmerking,
            " ".join(m.links),
            str(m.uuid),
            m.bestuur.uri,
        ]


# The VLABEL screen's columns, in the same order ("Bekijk" becomes the melding's id).
VLABEL_KOLOMMEN = ("Bestuur", "MAR-code", "Zitting/besluit", "Verstuurd", "Geldt van", "Geldt tot", "Id")


def vlabel_rijen(queryset):
    for m in queryset.iterator(chunk_size=2000):
        yield [
            m.bestuur.volledige_naam,
            mar_label(m.mar_code),
            datum(m.datum_zitting),
            tijdstip(m.verstuurd_op),
            datum(m.belasting_vanaf),
            datum(m.belasting_tot),
            str(m.uuid),
        ]


MANIFEST_KOLOMMEN = (
    "Melding",
    "Bestuur",
    "Type dossier",
    "Datum zitting",
    "Verstuurd op",
    "Bestandsnaam",
    "SHA-256",
)
