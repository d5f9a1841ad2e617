"""A corpus of hostile uploads, generated in memory (nothing big is committed).

Each entry: (id, file name, content, kind). `kind` says what the portal must do with it at the least:
"refuse" — it must be refused with a Dutch message wherever it is uploaded; "virus" — it must be refused,
and where its type is accepted it is the virus scanner that refuses it ("bevat een virus"); "any" — refused or stored safely
(random storage name, sanitised original name, served only as an attachment).
"""

import io
import struct
import zipfile

# The EICAR test file: every antivirus reports it (the tests' clamd knows it by MD5 and anywhere inside a file).
from tests.conftest import EICAR

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)
XML = b'<?xml version="1.0" encoding="UTF-8"?>\n<rapport><jaar>2026</jaar></rapport>\n'


def elf():
    """A minimal 64-bit ELF header (libmagic: application/x-executable / x-pie-executable / x-sharedlib)."""
    header = b"\x7fELF\x02\x01\x01" + b"\x00" * 9
    header += struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x400078, 64, 0, 0, 64, 56, 1, 0, 0, 0)
    program = struct.pack("<IIQQQQQQ", 1, 5, 0, 0x400000, 0x400000, 0x100, 0x100, 0x1000)
    return header + program + b"\x90" * 64


def pe():
    """An MZ/PE header (libmagic: application/x-dosexec or vnd.microsoft.portable-executable)."""
    mz = bytearray(0x80)
    mz[0:2] = b"MZ"
    mz[0x3C:0x40] = struct.pack("<I", 0x80)
    pe_header = b"PE\x00\x00" + struct.pack("<HHIIIHH", 0x14C, 1, 0, 0, 0, 0xE0, 0x102)
    optional = struct.pack("<H", 0x10B) + b"\x00" * (0xE0 - 2)
    return bytes(mz) + pe_header + optional + b"\x00" * 256


def zip_bomb(expanded=50 * 1024 * 1024):
    """A zip of a few tens of KiB that expands to `expanded` bytes of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("nullen.bin", "w", force_zip64=True) as f:
            block = b"\x00" * (1024 * 1024)
            for _ in range(expanded // len(block)):
                f.write(block)
    return buffer.getvalue()


def nested_zip_bomb():
    inner = zip_bomb(10 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(5):
            archive.writestr(f"laag{i}.zip", inner)
    return buffer.getvalue()


def zip_slip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../../../tmp/loket-zip-slip.txt", b"ontsnapt")
    return buffer.getvalue()


XXE = b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<r>&xxe;</r>\n'
XXE_PARAM = (
    b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n<r/>\n'
)
EXTERNAL_DTD = b'<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "http://127.0.0.1:9/r.dtd">\n<r/>\n'
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"]>\n<lolz>&lol9;</lolz>\n"
)
QUADRATIC_BLOWUP = (
    b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "'
    + b"A" * 50000
    + b'">]>\n<r>'
    + b"&a;" * 200
    + b"</r>\n"
)
SVG_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>\n"
)
HTML_SCRIPT = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n"
SHELL = b"#!/bin/sh\nrm -rf / --no-preserve-root\n"
PDF_JS_POLYGLOT = PDF + b"<script>alert(1)</script>\n" + b"PK\x03\x04"  # PDF head, HTML and zip tail
GIFAR = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;" + zip_slip()  # GIF + zip (the classic GIFAR)
HTML_IN_PNG = PNG + b"<html><script>alert(1)</script></html>"


def eicar_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bijlagen/eicar.com.txt", EICAR)
    return buffer.getvalue()


def corpus(max_bytes):
    """The hostile files; `max_bytes` is the (small) upload limit of the test settings."""
    return [
        # id, name, content, kind
        ("leeg", "leeg.pdf", b"", "refuse"),
        ("leeg-zonder-extensie", "leeg", b"", "refuse"),
        ("te-groot", "groot.pdf", PDF + b"0" * (max_bytes + 1), "refuse"),
        ("net-te-groot", "rand.txt", b"a" * (max_bytes + 1), "refuse"),
        ("elf-als-pdf", "besluit.pdf", elf(), "refuse"),
        ("pe-als-pdf", "besluit.pdf", pe(), "refuse"),
        ("pe-als-exe", "setup.exe", pe(), "refuse"),
        ("elf-zonder-extensie", "besluit", elf(), "refuse"),
        ("shell-script", "install.pdf", SHELL, "refuse"),
        ("shell-als-txt", "lees.txt", SHELL, "refuse"),
        ("html-als-pdf", "besluit.pdf", HTML_SCRIPT, "refuse"),
        ("png-als-pdf", "besluit.pdf", PNG, "refuse"),
        ("pdf-als-png", "foto.png", PDF, "refuse"),
        ("tekst-als-docx", "brief.docx", b"gewoon tekst", "refuse"),
        ("zip-bom", "bom.zip", zip_bomb(), "any"),
        ("zip-bom-als-docx", "bom.docx", zip_bomb(), "any"),
        ("geneste-zip-bom", "42.zip", nested_zip_bomb(), "any"),
        ("zip-slip", "archief.zip", zip_slip(), "any"),
        ("xxe", "xxe.xml", XXE, "any"),
        ("xxe-parameter-entiteit", "xxe2.xml", XXE_PARAM, "any"),
        ("externe-dtd", "dtd.xml", EXTERNAL_DTD, "any"),
        ("billion-laughs", "lol.xml", BILLION_LAUGHS, "any"),
        ("quadratic-blowup", "kwadraat.xml", QUADRATIC_BLOWUP, "any"),
        ("svg-met-script", "logo.svg", SVG_SCRIPT, "any"),
        ("html-met-script", "pagina.html", HTML_SCRIPT, "any"),
        ("pdf-html-zip-polyglot", "poly.pdf", PDF_JS_POLYGLOT, "any"),
        ("gifar", "foto.gif", GIFAR, "any"),
        ("html-in-png", "foto.png", HTML_IN_PNG, "any"),
        ("pad-traversal", "../../../../tmp/loket-traversal.pdf", PDF, "any"),
        ("pad-traversal-windows", "..\\..\\..\\windows\\loket-traversal.pdf", PDF, "any"),
        ("absoluut-pad", "/etc/loket-absoluut.pdf", PDF, "any"),
        ("stuurtekens", "be\x01sl\x1bit\r\n\t.pdf", PDF, "any"),
        ("nul-byte", "besluit.pdf\x00.exe", PDF, "any"),
        ("heel-lange-naam", "b" * 1000 + ".pdf", PDF, "any"),
        ("unicode-naam", "besluit_é_ß_漢字_🙂.pdf", PDF, "any"),
        ("rtl-override", "besluit\u202efdp.exe", PDF, "any"),
        ("alleen-punten", "...", PDF, "any"),
        ("html-in-naam", '<img src=x onerror=alert(1)>".pdf', PDF, "any"),
        ("xml", "rapport.xml", XML, "any"),
        ("eicar-txt", "eicar.txt", EICAR, "virus"),
        ("eicar-zonder-extensie", "bestand", EICAR, "virus"),
        ("eicar-in-zip", "bijlagen.zip", eicar_zip(), "virus"),
        (
            "eicar-in-xml",
            "rapport-eicar.xml",
            b'<?xml version="1.0"?>\n<rapport>' + EICAR + b"</rapport>\n",
            "virus",
        ),
        ("eicar-als-xbrl", "eicar.xbrl", EICAR, "virus"),
    ]
