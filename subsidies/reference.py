"""Subsidies reference data: real measures with their reeksen, steps, periods and forms (loket/data/subsidies/).

Called by `manage.py load_reference_data` after the core. Idempotent: measures, reeksen and steps are upserted
on their lblod id; a form definition version is created once and never changed (a new version is a new file).
"""

import json
from datetime import datetime
from pathlib import Path

from loket.models import Classificatie

from .models import FormulierDefinitie, Maatregel, Reeks, Stap


def _tijd(waarde):
    return datetime.fromisoformat(waarde.replace("Z", "+00:00")) if waarde else None


def laad_formulieren(map_):
    """Every formulieren/<sleutel>/<versie>.json; returns {"sleutel@versie": FormulierDefinitie}."""
    result = {}
    for pad in sorted(Path(map_).glob("formulieren/**/*.json")):
        data = json.loads(pad.read_text(encoding="utf-8"))
        definitie, _ = FormulierDefinitie.objects.get_or_create(
            sleutel=data["sleutel"], versie=data["versie"], defaults={"definitie": data}
        )
        result[f"{data['sleutel']}@{data['versie']}"] = definitie
    return result


def laad_maatregelen(pad, formulieren, *, log=print):
    data = json.loads(Path(pad).read_text(encoding="utf-8"))
    classificaties = {c.label: c for c in Classificatie.objects.all()}
    for m in data["maatregelen"]:
        maatregel, _ = Maatregel.objects.update_or_create(
            bron_id=m["id"],
            defaults={
                "titel": m["titel"],
                "info_url": m.get("info_url", ""),
                "extern_url": m.get("extern_url", ""),
            },
        )
        gekend = [classificaties[c] for c in m["criteria"] if c in classificaties]
        onbekend = [c for c in m["criteria"] if c not in classificaties]
        if onbekend:
            log(
                f"  {m['titel']}: doelgroep zonder bestuursclassificatie in de referentiegegevens: {', '.join(onbekend)}"
            )
        maatregel.criteria_classificaties.set(gekend)
        for r in m["reeksen"]:
            reeks, _ = Reeks.objects.update_or_create(
                bron_id=r["id"],
                defaults={
                    "maatregel": maatregel,
                    "titel": r.get("titel", ""),
                    "begin": _tijd(r.get("begin")),
                    "einde": _tijd(r.get("einde")),
                },
            )
            for volgorde, s in enumerate(r["stappen"]):
                Stap.objects.update_or_create(
                    bron_id=s["id"],
                    defaults={
                        "reeks": reeks,
                        "volgorde": volgorde,
                        "naam": s["naam"],
                        "begin": _tijd(s.get("begin")),
                        "einde": _tijd(s.get("einde")),
                        "extern_url": s.get("extern_url", ""),
                        "formulier": formulieren[s["formulier"]] if s.get("formulier") else None,
                    },
                )
    return len(data["maatregelen"])


def load(data_dir, log=print):
    map_ = Path(data_dir) / "subsidies"
    if not map_.exists():
        return
    formulieren = laad_formulieren(map_)
    n = laad_maatregelen(map_ / "maatregelen.json", formulieren, log=log)
    log(f"Subsidiemaatregelen: {n} (formulierversies: {len(formulieren)})")
