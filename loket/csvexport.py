"""The one CSV writer of every export: UTF-8 with a byte order mark (Excel reads it as UTF-8), `;` as separator
(what a Dutch-language spreadsheet expects), CRLF line ends, and one rule against formula injection.

    csv_response(kolommen, rijen, "bestand.csv")                 # a small export, built in memory
    csv_response(kolommen, rijen, "bestand.csv", stream=True)    # a large one, streamed row by row
    csv_bytes(kolommen, rijen)                                   # the bytes, e.g. to store a download

Cells may be str, int, date, datetime or None; dates are written as ISO 8601 (a datetime with its time).
"""

import csv
import re
from datetime import date, datetime

from django.http import HttpResponse, StreamingHttpResponse

BOM = "\ufeff"
SCHEIDINGSTEKEN = ";"
CONTENT_TYPE = "text/csv; charset=utf-8"

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULE_START = ("=", "+", "-", "@", "\t", "\r")
# ... except a plain number or phone number ("-12", "+32 53 77 93 00"): it has nothing to run.
_GETAL = re.compile(r"[+\-][\d ./]*")


def veilige_cel(value):
    """The text of one cell, never run as a formula (CSV injection): such a cell gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = str(value)
    if text.startswith(_FORMULE_START) and not _GETAL.fullmatch(text):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def regels(kolommen, rijen):
    """The CSV as lines of text (the first starts with the BOM): for streaming."""
    writer = csv.writer(_Echo(), delimiter=SCHEIDINGSTEKEN, lineterminator="\r\n")
    yield BOM + writer.writerow([veilige_cel(k) for k in kolommen])
    for rij in rijen:
        yield writer.writerow([veilige_cel(v) for v in rij])


def csv_bytes(kolommen, rijen):
    return "".join(regels(kolommen, rijen)).encode("utf-8")


def csv_response(kolommen, rijen, bestandsnaam, stream=False):
    if stream:
        response = StreamingHttpResponse(
            (regel.encode("utf-8") for regel in regels(kolommen, rijen)), content_type=CONTENT_TYPE
        )
    else:
        response = HttpResponse(csv_bytes(kolommen, rijen), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
