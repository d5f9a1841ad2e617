"""The mandatendatabank's public dataset, for the open-data page and the DCAT catalogue (loket/opendata.py)."""

from django.urls import reverse

from loket import opendata

from .models import PubliekeExport


def datasets():
    return opendata.dataset_uit_bestanden(
        PubliekeExport,
        slug="mandatarissen",
        titel="Mandatendatabank: huidige mandatarissen van alle besturen",
        beschrijving=(
            "Wie zetelt in de bestuursorganen van de lokale besturen: mandaat, fractie, beleidsdomeinen, start en "
            "einde, met de URI en het KBO-nummer van het bestuur. Elke nacht opnieuw aangemaakt; de bestanden per "
            "bestuur op de website zijn altijd actueel."
        ),
        pagina_url=reverse("mandaten:publiek"),
        download_url_name="mandaten:publiek-alle",
        eenheid="mandatarissen",
    )
