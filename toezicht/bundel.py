"""A bundle: one zip with the files of several meldingen and a manifest CSV (melding, type, dates, file name,
SHA-256). Built by the task toezicht.tasks.bouw_bundel, never in a request.

Layout: `<bestuur> – <type> – <datum zitting> (<id>)/<original file name>` per file and `manifest.csv` at the top.
Original names are kept as they are (any characters; zip names are UTF-8); only `/` and `\\` in folder names are
replaced, and a second file of the same name in one melding gets " (2)".
"""

import hashlib
import os
import re
import tempfile
import zipfile

from .exports import MANIFEST_KOLOMMEN, csv_regels, datum, tijdstip

BLOK = 1024 * 1024


def _map(melding):
    delen = [
        melding.bestuur.volledige_naam,
        melding.besluittype.label if melding.besluittype else "Zonder type",
        datum(melding.datum_zitting) or "zonder datum",
    ]
    naam = " – ".join(delen) + f" ({str(melding.uuid)[:8]})"
    return re.sub(r"[/\\\x00-\x1f]", "_", naam)


def schrijf_zip(meldingen, doel, voortgang=lambda n: None):
    """Write the zip of `meldingen` (with .bestanden prefetched) to the open binary file `doel`.

    Calls voortgang(n) after each melding. Returns the manifest rows."""
    manifest = []
    with zipfile.ZipFile(doel, "w", zipfile.ZIP_DEFLATED) as archief:
        for n, melding in enumerate(meldingen, start=1):
            map_naam = _map(melding)
            gebruikt = set()
            for stored in melding.bestanden.all():
                stam, ext = os.path.splitext(stored.naam)
                naam, i = stored.naam, 1
                while naam.lower() in gebruikt:
                    i += 1
                    naam = f"{stam} ({i}){ext}"
                gebruikt.add(naam.lower())
                pad = f"{map_naam}/{naam}"
                sha = hashlib.sha256()
                with stored.bestand.open("rb") as bron, archief.open(pad, "w", force_zip64=True) as uit:
                    for blok in iter(lambda bron=bron: bron.read(BLOK), b""):
                        sha.update(blok)
                        uit.write(blok)
                manifest.append(
                    [
                        str(melding.uuid),
                        melding.bestuur.volledige_naam,
                        melding.besluittype.label if melding.besluittype else "",
                        datum(melding.datum_zitting),
                        tijdstip(melding.verstuurd_op),
                        pad,
                        sha.hexdigest(),
                    ]
                )
            voortgang(n)
        archief.writestr("manifest.csv", "".join(csv_regels(MANIFEST_KOLOMMEN, manifest)).encode("utf-8"))
    return manifest


def tijdelijk_bestand():
    return tempfile.TemporaryFile()  # noqa: SIM115 (the caller closes it)
