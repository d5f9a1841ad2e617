"""The package delivered for a sent report: one zip holding the two files and a manifest.

Deterministic: the same report always gives the same bytes (fixed entry order and timestamps, sorted JSON), so a
re-run produces the same name and the same sha256 and the outbox can tell a repeat from a different package.
"""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.storage.handler import InvalidStorageError
from django.utils import timezone

MANIFEST_VERSIE = 1


class PakketFout(Exception):
    """A problem the task records on the report (in Dutch) before it retries."""


@dataclass(frozen=True)
class Pakket:
    naam: str
    inhoud: bytes

    @property
    def sha256(self):
        return hashlib.sha256(self.inhoud).hexdigest()


def outbox_storage():
    alias = getattr(settings, "BBCDR_OUTBOX_STORAGE", "bbcdr_outbox")
    try:
        return storages[alias]
    except InvalidStorageError:
        return FileSystemStorage(location=settings.MEDIA_ROOT / "outbox")


def pakket_naam(rapport):
    bestuur = rapport.bestuur
    code = (bestuur.kbo or bestuur.ovo or bestuur.uuid).replace(" ", "").replace(".", "")
    verstuurd = timezone.localtime(rapport.verstuurd_op)
    return f"bbcdr-{code}-{verstuurd:%Y%m%d}-{rapport.uuid}.zip"


def _lees(bestand):
    with bestand.bestand.open("rb") as handle:
        data = handle.read()
    if bestand.sha256 and hashlib.sha256(data).hexdigest() != bestand.sha256:
        raise PakketFout(
            f"Het bestand «{bestand.naam}» is veranderd sinds het verstuurd werd (sha256 klopt niet)."
        )
    return data


def maak_pakket(rapport):
    if rapport.is_concept or rapport.verstuurd_op is None:
        raise PakketFout("Een concept wordt niet verpakt.")
    bestanden = sorted(rapport.bestanden.all(), key=lambda b: b.soort != "xml")
    if {b.soort for b in bestanden} != {"xml", "xbrl"}:
        raise PakketFout("Het rapport heeft niet precies één XML- en één XBRL-bestand.")
    verstuurd = timezone.localtime(rapport.verstuurd_op)
    stempel = (
        max(verstuurd.year, 1980),
        verstuurd.month,
        verstuurd.day,
        verstuurd.hour,
        verstuurd.minute,
        verstuurd.second - verstuurd.second % 2,
    )
    bestuur = rapport.bestuur
    manifest = {
        "versie": MANIFEST_VERSIE,
        "rapport": str(rapport.uuid),
        "bestuur": {
            "naam": bestuur.volledige_naam,
            "classificatie": bestuur.classificatie.label,
            "kbo": bestuur.kbo,
            "ovo": bestuur.ovo,
            "uri": bestuur.uri,
        },
        "verstuurd_op": verstuurd.isoformat(),
        "bestanden": [],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for bestand in bestanden:
            data = _lees(bestand)
            pad = f"{bestand.soort}/{bestand.naam}"
            manifest["bestanden"].append(
                {
                    "soort": bestand.soort,
                    "pad": pad,
                    "naam": bestand.naam,
                    "grootte": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
            )
            archive.writestr(_entry(pad, stempel), data)
        tekst = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        archive.writestr(_entry("manifest.json", stempel), tekst.encode("utf-8"))
    return Pakket(naam=pakket_naam(rapport), inhoud=buffer.getvalue())


def _entry(pad, stempel):
    info = zipfile.ZipInfo(pad, date_time=stempel)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o640 << 16
    return info


def lever(pakket):
    """Put the package in the outbox once. Returns True when written now, False when it was already there."""
    from django.core.files.base import ContentFile

    storage = outbox_storage()
    if storage.exists(pakket.naam):
        with storage.open(pakket.naam, "rb") as handle:
            bestaand = hashlib.sha256(handle.read()).hexdigest()
        if bestaand == pakket.sha256:
            return False
        raise PakketFout(f"In de outbox staat al een ander pakket met de naam {pakket.naam}.")
    opgeslagen = storage.save(pakket.naam, ContentFile(pakket.inhoud))
    if opgeslagen != pakket.naam:
        storage.delete(opgeslagen)  # never two copies of one report in the outbox
        raise PakketFout(f"De outbox bewaarde het pakket onder een andere naam ({opgeslagen}).")
    return True
