"""The databank leidinggevenden's public dataset, for the open-data page and the DCAT catalogue (loket/opendata.py)."""

from django.urls import reverse

from loket import opendata

from .models import PubliekeExport


def datasets():
    return opendata.dataset_uit_bestanden(
        PubliekeExport,
        slug="leidinggevenden",
        titel="Databank leidinggevenden: huidige functionarissen",
        beschrijving=(
            "De algemeen directeurs, financieel directeurs, griffiers en leidend ambtenaren van de lokale besturen "
            "met hun contactgegevens, met de URI en het KBO-nummer van het bestuur. Elke nacht en na elke wijziging "
            "opnieuw aangemaakt."
        ),
        pagina_url=reverse("leidinggevenden:publiek"),
        download_url_name="leidinggevenden:publiek-download",
        eenheid="functionarissen",
    )
