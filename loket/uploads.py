"""Upload validation: judged by content (libmagic), bounded in size, scanned for viruses (ClamAV), names made safe.

A policy says which content types a field accepts (None = any type that is not dangerous). Every refusal is a
Dutch ValidationError that names the file, so a form can show it next to the field and keep everything else.
Every upload of every module passes `validate_upload` before it is kept: this is the one place that scans.
"""

import hashlib
import logging
import os
import re
import unicodedata
from dataclasses import dataclass

import magic
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

logger = logging.getLogger(__name__)

# Content that is never accepted, whatever the field: programs and scripts.
DANGEROUS_TYPES = {
    "application/x-dosexec",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-mach-binary",
    "application/x-pie-executable",
    "application/x-msdownload",
    "application/vnd.microsoft.portable-executable",
    "text/x-shellscript",
    "application/x-shellscript",
    "application/java-archive",
    "application/x-msi",
}

# Names that a desktop would run when opened, whatever the content: refused by name (after sanitising).
DANGEROUS_EXTENSIONS = {
    ".exe",
    ".com",
    ".bat",
    ".cmd",
    ".scr",
    ".pif",
    ".msi",
    ".msp",
    ".dll",
    ".cpl",
    ".jar",
    ".js",
    ".jse",
    ".vbs",
    ".vbe",
    ".wsf",
    ".wsh",
    ".ps1",
    ".hta",
    ".lnk",
    ".reg",
    ".sh",
    ".app",
    ".apk",
}
# Program headers refused even when libmagic does not recognise the rest of the file (truncated or crafted).
DANGEROUS_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")

ZIP_TYPES = {"application/zip", "application/x-zip-compressed"}
OFFICE_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/CDFV2",
    "application/x-ole-storage",
    "application/octet-stream",
} | ZIP_TYPES
XML_TYPES = {"text/xml", "application/xml"}

# What a known extension promises: the sniffed type must be one of these, or the file is refused.
EXTENSION_TYPES = {
    ".pdf": {"application/pdf"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".gif": {"image/gif"},
    ".xml": XML_TYPES | {"text/plain", "text/html"},
    ".xbrl": XML_TYPES | {"text/plain", "text/html"},
    ".zip": ZIP_TYPES,
    ".docx": OFFICE_TYPES,
    ".xlsx": OFFICE_TYPES,
    ".pptx": OFFICE_TYPES,
    ".odt": OFFICE_TYPES,
    ".ods": OFFICE_TYPES,
    ".odp": OFFICE_TYPES,
    ".doc": OFFICE_TYPES,
    ".xls": OFFICE_TYPES,
    ".ppt": OFFICE_TYPES,
    ".txt": {"text/plain", "text/csv", "application/csv"},
    ".csv": {"text/plain", "text/csv", "application/csv"},
}

TYPE_LABELS = {"application/pdf": "PDF", "text/xml": "XML", "application/xml": "XML"}


@dataclass(frozen=True)
class UploadPolicy:
    allowed_types: frozenset | None = None  # None: any type that is not dangerous
    label: str = ""  # how the accepted types are named in messages, e.g. "een PDF-bestand"
    max_bytes: int | None = None  # None: settings.LOKET_MAX_UPLOAD_BYTES

    @property
    def limit(self):
        return self.max_bytes or settings.LOKET_MAX_UPLOAD_BYTES


ANY_FILE = UploadPolicy()


def safe_filename(name, max_length=200):
    """The original name for display and download: no path, no control characters, bounded length."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if not name:
        return "bestand"
    stem, ext = os.path.splitext(name)
    if len(name) > max_length:
        ext = ext[:20]
        name = stem[: max_length - len(ext)] + ext
    return name


def sniff(uploaded_file):
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    uploaded_file.seek(0)
    return magic.from_buffer(head, mime=True) if head else "application/x-empty"


def _head(uploaded_file, size=8):
    uploaded_file.seek(0)
    head = uploaded_file.read(size)
    uploaded_file.seek(0)
    return head


def validate_upload(uploaded_file, policy=ANY_FILE):
    """Return the sniffed content type, or raise a Dutch ValidationError that names the file."""
    name = safe_filename(uploaded_file.name)
    if not uploaded_file.size:
        raise ValidationError(f"Het bestand «{name}» is leeg.", code="empty")
    if uploaded_file.size > policy.limit:
        raise ValidationError(
            f"Het bestand «{name}» is te groot ({filesizeformat(uploaded_file.size)}); "
            f"de limiet is {filesizeformat(policy.limit)}.",
            code="too_large",
        )
    content_type = sniff(uploaded_file)
    if content_type in DANGEROUS_TYPES or _head(uploaded_file).startswith(DANGEROUS_MAGIC):
        raise ValidationError(
            f"Het bestand «{name}» is een programma of script en wordt niet aanvaard.", code="danger"
        )
    if os.path.splitext(name)[1].lower() in DANGEROUS_EXTENSIONS:
        raise ValidationError(
            f"Het bestand «{name}» heeft een extensie van een programma of script "
            f"({os.path.splitext(name)[1]}) en wordt niet aanvaard.",
            code="danger_extension",
        )
    expected = EXTENSION_TYPES.get(os.path.splitext(name)[1].lower())
    if expected is not None and content_type not in expected:
        raise ValidationError(
            f"De inhoud van «{name}» komt niet overeen met de extensie {os.path.splitext(name)[1]}.",
            code="mismatch",
        )
    if policy.allowed_types is not None and content_type not in policy.allowed_types:
        raise ValidationError(
            f"Het bestand «{name}» is geen {policy.label or 'toegelaten bestandstype'}.", code="type"
        )
    scan_for_viruses(uploaded_file, name)
    return content_type


VIRUS_FOUND = (
    "Het bestand «{name}» bevat een virus of andere schadelijke inhoud ({details}) en werd niet bewaard."
)
SCAN_UNAVAILABLE = (
    "Het bestand «{name}» kon niet op virussen gecontroleerd worden: de viruscontrole is tijdelijk niet "
    "beschikbaar. Het werd niet bewaard. Probeer later opnieuw."
)


def clamd_client():
    """A client for the ClamAV daemon of settings.LOKET_CLAMD_ADDRESS, or None when scanning is off."""
    from clamav_client.scanner import get_scanner

    address = settings.LOKET_CLAMD_ADDRESS
    if not address:
        return None
    config = {"backend": "clamd", "address": address, "timeout": settings.LOKET_CLAMD_TIMEOUT, "stream": True}
    return get_scanner(config).client


def scan_for_viruses(uploaded_file, name=None):
    """Stream the file to clamd. A hit, or no verdict at all (daemon down, timeout, stream too long), is a refusal:
    the upload fails closed and nothing of it is kept (docs/reliability.md). Scanning off: nothing happens."""
    client = clamd_client()
    if client is None:
        return
    name = name or safe_filename(uploaded_file.name)
    uploaded_file.seek(0)
    try:
        state, details = client.instream(uploaded_file)["stream"]
    except Exception as exc:  # CommunicationError, BufferTooLongError, OSError, a reply we cannot read
        logger.error("Viruscontrole niet mogelijk voor «%s» (%s bytes): %r", name, uploaded_file.size, exc)
        raise ValidationError(SCAN_UNAVAILABLE.format(name=name), code="scan_unavailable") from exc
    finally:
        uploaded_file.seek(0)
    if state == "FOUND":
        logger.warning("Virus gevonden in opgeladen bestand «%s»: %s (geweigerd)", name, details)
        raise ValidationError(VIRUS_FOUND.format(name=name, details=details), code="virus")
    if state != "OK":
        logger.error("Viruscontrole gaf geen oordeel over «%s»: %s %s", name, state, details)
        raise ValidationError(SCAN_UNAVAILABLE.format(name=name), code="scan_unavailable")


def upload_attrs(policy=None):
    """The attributes of a file input that the shared upload script (static/js/upload.js) reads: the size limit,
    checked in the browser before anything is sent."""
    return {"data-max-bytes": str((policy or ANY_FILE).limit)}


def sha256_of(uploaded_file):
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


class UploadBoundField(forms.BoundField):
    """Renders the size limit of the moment (settings can change after the form class was made)."""

    def build_widget_attrs(self, attrs, widget=None):
        return {**super().build_widget_attrs(attrs, widget), **upload_attrs(self.field.policy)}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UploadField(forms.FileField):
    """A file field that validates content with an UploadPolicy; `multiple=True` accepts several files."""

    def __init__(self, *args, policy=ANY_FILE, multiple=False, **kwargs):
        self.policy = policy
        self.multiple = multiple
        kwargs.setdefault(
            "allow_empty_file", True
        )  # validate_upload refuses it, with a message naming the file
        if multiple:
            kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def get_bound_field(self, form, field_name):
        return UploadBoundField(form, self, field_name)

    def clean(self, data, initial=None):
        if self.multiple:
            files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
            if not files:
                if self.required:
                    raise ValidationError(self.error_messages["required"], code="required")
                return []
            errors, cleaned = [], []
            for f in files:
                try:
                    cleaned.append(self._clean_one(f, initial))
                except ValidationError as exc:
                    errors.extend(exc.error_list)
            if errors:
                raise ValidationError(errors)
            return cleaned
        return self._clean_one(data, initial) if data else super().clean(data, initial)

    def _clean_one(self, f, initial):
        f = super().clean(f, initial)
        if f:
            f.content_type_sniffed = validate_upload(f, self.policy)
        return f
