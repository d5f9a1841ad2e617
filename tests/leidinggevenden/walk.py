"""For the URL access walk (tests/test_url_access.py): objects owned by `bestuur` for every URL kwarg."""

from leidinggevenden import functies
from leidinggevenden.models import PubliekeExport

from .factories import FunctionarisFactory


def url_kwargs(bestuur):
    eigen = functies.functies_voor(bestuur)
    functie = eigen[0] if eigen else functies.ALGEMEEN_DIRECTEUR
    functionaris = FunctionarisFactory(bestuur=bestuur, functie=functie.code)
    return {
        "bestuursfunctie_id": functies.bestuursfunctie_id(bestuur, functie),
        "functionaris_id": functionaris.uuid,
        "bestuur_uuid": bestuur.uuid,
        "formaat": PubliekeExport.Formaat.CSV.value,
    }
