"""The databank leidinggevenden's public dataset, for the open-data page and the DCAT catalogue (loket/opendata.py)."""

from django.urls import reverse

from loket import linkeddata
from loket.opendata import Dataset, Distributie

from .models import PubliekeExport

LABELS = {"csv": "CSV", **linkeddata.FORMAAT_LABELS}


def datasets():
    exports = list(PubliekeExport.objects.order_by("formaat"))
    if not exports:
        return []
    return [
        Dataset(
            slug="leidinggevenden",
            titel="Databank leidinggevenden: huidige functionarissen",
            beschrijving=(
                "De algemeen directeurs, financieel directeurs, griffiers en leidend ambtenaren van de lokale "
                "besturen met hun contactgegevens, met de URI en het KBO-nummer van het bestuur. "
                "Elke nacht en na elke wijziging opnieuw aangemaakt."
            ),
            pagina_url=reverse("leidinggevenden:publiek"),
            distributies=[
                Distributie(
                    LABELS.get(e.formaat, e.formaat),
                    e.mime_type.split(";")[0],
                    reverse("leidinggevenden:publiek-download", args=[e.formaat]),
                    e.grootte,
                    e.aangemaakt_op,
                )
                for e in exports
            ],
            gewijzigd=max(e.aangemaakt_op for e in exports),
            aantal=exports[0].aantal,
            eenheid="functionarissen",
        )
    ]
