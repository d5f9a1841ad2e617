"""Upload validation: judged by content (libmagic), bounded in size, names made safe.

A policy says which content types a field accepts (None = any type that is not dangerous). Every refusal is a
Dutch ValidationError that names the file, so a form can show it next to the field and keep everything else.
"""

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass

import magic
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# Content that is never accepted, whatever the field: programs and scripts.
DANGEROUS_TYPES = {
    "application/x-dosexec", "application/x-executable", "application/x-sharedlib", "application/x-mach-binary",
    "application/x-pie-executable", "application/x-msdownload", "application/vnd.microsoft.portable-executable",
    "text/x-shellscript", "application/x-shellscript", "application/java-archive", "application/x-msi",
}  # fmt: skip

# Names that a desktop would run when opened, whatever the content: refused by name (after sanitising).
DANGEROUS_EXTENSIONS = {
    ".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".msp", ".dll", ".cpl", ".jar", ".js", ".jse",
    ".vbs", ".vbe", ".wsf", ".wsh", ".ps1", ".hta", ".lnk", ".reg", ".sh", ".app", ".apk",
}  # fmt: skip
# Program headers refused even when libmagic does not recognise the rest of the file (truncated or crafted).
DANGEROUS_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")

ZIP_TYPES = {"application/zip", "application/x-zip-compressed"}
OFFICE_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation", "application/msword", "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint", "application/CDFV2", "application/x-ole-storage", "application/octet-stream",
} | ZIP_TYPES  # fmt: skip
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
    ".docx": OFFICE_TYPES, ".xlsx": OFFICE_TYPES, ".pptx": OFFICE_TYPES,
    ".odt": OFFICE_TYPES, ".ods": OFFICE_TYPES, ".odp": OFFICE_TYPES,
    ".doc": OFFICE_TYPES, ".xls": OFFICE_TYPES, ".ppt": OFFICE_TYPES,
    ".txt": {"text/plain", "text/csv", "application/csv"},
    ".csv": {"text/plain", "text/csv", "application/csv"},
}  # fmt: skip

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
    return content_type


def sha256_of(uploaded_file):
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UploadField(forms.FileField):
    """A file field that validates content with an UploadPolicy; `multiple=True` accepts several files."""

    def __init__(self, *args, policy=ANY_FILE, multiple=False, **kwargs):
        self.policy = policy
        self.multiple = multiple
        if multiple:
            kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

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
