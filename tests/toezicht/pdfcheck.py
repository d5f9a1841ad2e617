"""Read a PDF's (compressed) objects well enough to check its structure: no PDF library needed."""

import re
import zlib


def inhoud(pdf):
    """The PDF with every FlateDecode stream inflated (object streams included)."""
    delen = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            delen.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"\n".join(delen)


def pagina_aantal(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", inhoud(pdf)))


def is_pdf_ua(pdf):
    data = inhoud(pdf)
    return all(marker in data for marker in (b"/StructTreeRoot", b"/MarkInfo", b"pdfuaid:part", b"/Lang"))
