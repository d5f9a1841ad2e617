"""The mandatendatabank's public dataset, for the open-data page and the DCAT catalogue (loket/opendata.py)."""

from django.db.models import Max
from django.urls import reverse

from loket import csvexport, linkeddata
from loket.opendata import Dataset, Distributie

from . import selectors
from .models import Mandataris


def datasets():
    periode = selectors.standaard_periode()
    if periode is None:
        return []
    huidig = (
        Mandataris.objects.in_periode(periode).actief_op(periode.peildatum()).filter(bestuur__actief=True)
    )
    gewijzigd = Mandataris.objects.aggregate(m=Max("gewijzigd_op"))["m"]
    formaten = [("csv", "CSV", csvexport.CONTENT_TYPE)] + [
        (f, linkeddata.FORMAAT_LABELS[f], content_type)
        for f, (_, content_type, _) in linkeddata.FORMATEN.items()
    ]
    return [
        Dataset(
            slug="mandatarissen",
            titel="Mandatendatabank: huidige mandatarissen van alle besturen",
            beschrijving=(
                f"Wie zetelt in de bestuursorganen van de lokale besturen (bestuursperiode {periode.label}): "
                "mandaat, fractie, beleidsdomeinen, start en einde, met de URI en het KBO-nummer van het bestuur. "
                "Het bestand wordt bij elke download uit de actuele gegevens gemaakt."
            ),
            pagina_url=reverse("mandaten:publiek"),
            distributies=[
                Distributie(
                    label, mime.split(";")[0], reverse("mandaten:publiek-alle", args=[f]), None, gewijzigd
                )
                for f, label, mime in formaten
            ],
            gewijzigd=gewijzigd,
            aantal=huidig.count(),
            eenheid="mandatarissen",
        )
    ]
