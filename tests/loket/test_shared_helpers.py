import base64
import io
import re
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from loket import audit
from loket.models import AuditEvent
from loket.pdf import render_pdf
from loket.uploads import UploadPolicy, safe_filename, validate_upload

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
ELF = Path("/bin/true").read_bytes()  # a real program
MZ = b"MZ" + b"\x90\x00" * 30 + b"PE\x00\x00" + b"\x00" * 200


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_accepts_real_content():
    assert validate_upload(upload("besluit.pdf", PDF)) == "application/pdf"
    assert validate_upload(upload("notulen.txt", b"Zitting van de gemeenteraad")) == "text/plain"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("leeg.pdf", b"", "Het bestand «leeg.pdf» is leeg."),
        ("besluit.pdf", PNG, "De inhoud van «besluit.pdf» komt niet overeen met de extensie .pdf."),
        ("factuur.pdf", ELF, "is een programma of script"),
        ("setup.docx", MZ, "is een programma of script"),
    ],
)
def test_refuses_with_a_dutch_message_naming_the_file(name, content, message):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(name, content))
    assert message in exc.value.messages[0]


def test_size_bound_from_settings(settings):
    settings.LOKET_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="te groot"):
        validate_upload(upload("groot.txt", b"a" * 101))


def test_allow_list_policy():
    only_pdf = UploadPolicy(allowed_types=frozenset({"application/pdf"}), label="PDF-bestand")
    with pytest.raises(ValidationError, match="is geen PDF-bestand"):
        validate_upload(upload("foto.png", PNG), only_pdf)


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\jan\\besluit.pdf", "besluit.pdf"),
        ("na\x00am\x1b.pdf", "naam.pdf"),
        ("Besluit gemeenteraad – café ‘t Hoekske.pdf", "Besluit gemeenteraad – café ‘t Hoekske.pdf"),
        ("", "bestand"),
        ("...", "bestand"),
    ],
)
def test_safe_filename_keeps_the_name_but_not_paths_or_control_characters(raw, clean):
    assert safe_filename(raw) == clean


def test_safe_filename_bounds_length_and_keeps_extension():
    name = safe_filename("a" * 1000 + ".pdf")
    assert len(name) == 200 and name.endswith(".pdf")


def test_pdf_helper_makes_an_accessible_pdf(tmp_path, settings):
    template_dir = tmp_path / "templates"
    template_dir.mkdir()
    (template_dir / "probe.html").write_text(
        '<html lang="nl"><head><title>Ontvangstbewijs</title></head><body><h1>{{ titel }}</h1></body></html>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [template_dir]}]
    pdf = render_pdf("probe.html", {"titel": "Ontvangstbewijs melding"})
    assert pdf.startswith(b"%PDF-1.7")
    objects = pdf + b"".join(
        zlib.decompress(m) for m in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S) if m[:1] == b"x"
    )
    assert b"/StructTreeRoot" in objects and b"/Lang" in objects  # tagged: PDF/UA-1


def test_audit_events_are_append_only(db, aalst):
    event = audit.record(bestuur=aalst, actie="test.iets", omschrijving="Iets gedaan")
    event.omschrijving = "anders"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(omschrijving="anders")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).omschrijving == "Iets gedaan"


def test_uploads_are_stored_under_random_names(db, settings, tmp_path):
    from django.core.files.storage import default_storage

    from loket.files import private_upload_path

    class Fake:
        UPLOAD_PREFIX = "test"

    name = private_upload_path(Fake(), "../../geheim besluit.pdf")
    assert name.startswith("test/") and "geheim" not in name and ".." not in name
    saved = default_storage.save(name, io.BytesIO(PDF))
    assert default_storage.exists(saved)
    default_storage.delete(saved)


def test_list_filters_are_copied_per_request_without_leaking(db, aalst, gent):
    """LijstFilterSet copies its filters lightly per request (loket/filters.py): one bestuur's choices never show
    in another's filter bar, nor in the class's own filters, and a `method=` filter filters its own request."""
    from toezicht.filters import MeldingFilter
    from toezicht.models import Melding

    klasse_extra = dict(MeldingFilter.base_filters["beslissingsorgaan"].extra)
    eerste = MeldingFilter({"bron": "manueel"}, queryset=Melding.objects.for_bestuur(aalst), bestuur=aalst)
    tweede = MeldingFilter({}, queryset=Melding.objects.for_bestuur(gent), bestuur=gent)
    orgaan_aalst = {str(k) for k, _ in eerste.form.fields["beslissingsorgaan"].choices if k}
    orgaan_gent = {str(k) for k, _ in tweede.form.fields["beslissingsorgaan"].choices if k}
    assert orgaan_aalst and orgaan_gent and not orgaan_aalst & orgaan_gent
    assert MeldingFilter.base_filters["beslissingsorgaan"].extra == klasse_extra
    assert (
        eerste.filters["bron"].filter.f is eerste.filters["bron"] and eerste.filters["bron"].parent is eerste
    )
    assert eerste.form.fields["beslissingsorgaan"] is not tweede.form.fields["beslissingsorgaan"]
    assert (
        eerste.form.fields["beslissingsorgaan"].widget is not tweede.form.fields["beslissingsorgaan"].widget
    )
    assert list(eerste.qs) == [] and eerste.is_valid()


def test_every_mail_task_retries_smtp_errors_the_same_way():
    """One retry policy for every mail of the Loket (loket/mail.py)."""
    import smtplib

    from berichten.tasks import mail_nieuw_bericht
    from subsidies.tasks import mail_deadline
    from toezicht.tasks import stuur_notificatie

    for taak in (mail_nieuw_bericht, mail_deadline, stuur_notificatie):
        assert smtplib.SMTPException in taak.autoretry_for and OSError in taak.autoretry_for, taak.name
        assert (taak.max_retries, taak.retry_backoff, taak.soft_time_limit) == (10, 30, 120), taak.name


def test_import_direction_tasks_import_services_and_the_core_imports_no_module():
    """A module's tasks import its services, never the reverse (services name a task for the outbox); the shared
    core (loket/) imports no module (docs/adr/0001-layers-and-access.md)."""
    import ast
    from pathlib import Path

    from loket import modules

    root = Path(__file__).resolve().parents[2]
    apps = {m.code for m in modules.MODULES} | {"accounts", "leveranciers"}

    def imports(path):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                yield ("." * node.level) + (node.module or "")
            elif isinstance(node, ast.Import):
                yield from (alias.name for alias in node.names)

    for services in root.glob("*/services.py"):
        assert not [i for i in imports(services) if i.endswith("tasks")], services
    for kern in list(root.glob("loket/*.py")) + list(root.glob("loket/management/commands/*.py")):
        assert not [i for i in imports(kern) if i.split(".")[0] in apps], kern
