"""Virus scanning in the one shared upload validation (loket.uploads.validate_upload), against a real private clamd
(tests/conftest.py `clamd`) with a test signature database made from the EICAR string."""

import io
import logging
import os
import socket
import subprocess
import sys
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.management import call_command

from loket.uploads import validate_upload
from tests.conftest import EICAR

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def eicar_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("map/eicar.com.txt", EICAR)
    return buffer.getvalue()


def test_eicar_is_refused_with_a_dutch_message_that_names_the_file(virusscan):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("verslag «raad».txt", EICAR))
    assert exc.value.code == "virus"
    assert exc.value.messages == [
        "Het bestand «verslag «raad».txt» bevat een virus of andere schadelijke inhoud "
        "(Loket.Test.EICAR.UNOFFICIAL) en werd niet bewaard."
    ]


@pytest.mark.parametrize(
    "name, content",
    [
        ("in-een-zip.zip", eicar_zip()),
        ("verpakt.xml", b'<?xml version="1.0"?>\n<r>' + EICAR + b"</r>\n"),
        ("verpakt.csv", b"naam;waarde\nx;" + EICAR + b"\n"),
    ],
)
def test_eicar_inside_other_content_is_refused(virusscan, name, content):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(name, content))
    assert exc.value.code == "virus" and f"«{name}»" in exc.value.messages[0]


def test_clean_files_pass_and_stay_readable(virusscan):
    f = upload("besluit.pdf", PDF)
    assert validate_upload(f) == "application/pdf"
    assert f.read() == PDF  # the scan rewound the file: it is stored whole


def test_a_file_on_disk_is_scanned_too(virusscan, settings):
    """Uploads above FILE_UPLOAD_MAX_MEMORY_SIZE arrive as temporary files: scanned the same way."""
    f = TemporaryUploadedFile("groot.txt", "text/plain", 0, None)
    f.write(b"Zitting van de gemeenteraad.\n" * 200_000 + EICAR)  # about 6 MB, the virus at the end
    f.size = f.tell()
    f.seek(0)
    with pytest.raises(ValidationError) as exc:
        validate_upload(f)
    assert exc.value.code == "virus"
    f.close()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("address", ["socket", "tcp"])
def test_scanner_unreachable_fails_closed_and_is_logged(settings, tmp_path, caplog, address):
    settings.LOKET_CLAMD_ADDRESS = (
        str(tmp_path / "geen-clamd.sock") if address == "socket" else f"127.0.0.1:{_free_port()}"
    )
    caplog.set_level(logging.ERROR, logger="loket.uploads")
    with pytest.raises(ValidationError) as exc:
        validate_upload(
            upload("besluit.pdf", PDF)
        )  # a clean file: refused all the same, nothing unscanned kept
    assert exc.value.code == "scan_unavailable"
    assert "«besluit.pdf»" in exc.value.messages[0] and "Probeer later opnieuw." in exc.value.messages[0]
    assert any("Viruscontrole niet mogelijk" in r.getMessage() for r in caplog.records)


def test_a_scanner_that_hangs_is_a_refusal_too(settings, caplog):
    """A daemon that accepts the connection but never answers: refused after LOKET_CLAMD_TIMEOUT."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    settings.LOKET_CLAMD_ADDRESS = f"127.0.0.1:{server.getsockname()[1]}"
    settings.LOKET_CLAMD_TIMEOUT = 0.5
    try:
        with pytest.raises(ValidationError) as exc:
            validate_upload(upload("besluit.pdf", PDF))
    finally:
        server.close()
    assert exc.value.code == "scan_unavailable"


def test_scanning_off_is_the_embedded_default(settings):
    settings.LOKET_CLAMD_ADDRESS = ""
    assert validate_upload(upload("eicar.txt", EICAR)) == "text/plain"


def test_the_cheap_checks_come_first(virusscan):
    """An empty or oversized file is refused without bothering the daemon (and with its own message)."""
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("leeg.pdf", b""))
    assert exc.value.code == "empty"


def _production(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LOKET_CLAMD_ADDRESS", "LOKET_VIRUS_SCAN_DISABLED", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="loket.settings.production",
        DJANGO_SECRET_KEY="test-" + "k" * 60,
        DJANGO_ALLOWED_HOSTS="loket.example.org",
        **extra,
    )
    code = "import django; django.setup(); from django.conf import settings as s; print(repr(s.LOKET_CLAMD_ADDRESS))"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_a_scanner_unless_switched_off_on_purpose():
    result = _production()
    assert result.returncode != 0 and "LOKET_CLAMD_ADDRESS moet gezet zijn in productie" in result.stderr
    assert _production(LOKET_CLAMD_ADDRESS="clamd:3310").stdout.strip() == "'clamd:3310'"
    assert _production(LOKET_VIRUS_SCAN_DISABLED="true").stdout.strip() == "''"


def test_manage_py_check_says_when_scanning_is_off(settings):
    settings.LOKET_CLAMD_ADDRESS = ""
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "loket.I001" in out.getvalue() and "viruscontrole staat uit" in out.getvalue()
    settings.LOKET_CLAMD_ADDRESS = "clamd:3310"
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "loket.I001" not in out.getvalue()
