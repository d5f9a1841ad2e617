"""Toezicht's CSV files: the ABB queue, the VLABEL screen and the manifest of a bundle (zip).

One writer for all three: `;`-separated, UTF-8 with a BOM (Excel opens it as UTF-8), every cell of user text
protected against spreadsheet formulas (CSV injection), streamed row by row.
"""

import csv

from django.utils import timezone

from .reference import mar_label


class _Echo:
    def write(self, value):
        return value


def cel(waarde):
    """No spreadsheet formulas from user text (CSV injection): a leading =, +, - or @ is quoted."""
    waarde = str(waarde if waarde is not None else "")
    return f"'{waarde}" if waarde[:1] in ("=", "+", "-", "@") else waarde


def csv_regels(kolommen, rijen):
    """The CSV lines (str) of a header and rows; a generator, so a million rows never sit in memory."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(kolommen)
    for rij in rijen:
        yield writer.writerow([cel(w) for w in rij])


def datum(d):
    return d.strftime("%d-%m-%Y") if d else ""


def tijdstip(t):
    return timezone.localtime(t).strftime("%d-%m-%Y %H:%M") if t else ""


ABB_KOLOMMEN = (
    "Provincie", "Bestuur", "Soort bestuur", "KBO-nummer", "Type dossier", "Bestuursorgaan", "Datum zitting",
    "Datum publicatie", "Verstuurd op", "Behandeling", "Behandelaar", "Opmerking behandeling", "Links", "Id",
)  # fmt: skip


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
    "Melding", "Bestuur", "Type dossier", "Datum zitting", "Verstuurd op", "Bestandsnaam", "SHA-256",
)  # fmt: skip
