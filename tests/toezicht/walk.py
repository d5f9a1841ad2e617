"""URL kwargs for the URL access walk (tests/test_url_access.py): objects owned by `bestuur`."""

from .factories import bestand, verstuurde_melding


def url_kwargs(bestuur):
    melding = verstuurde_melding(bestuur)
    return {"melding_id": melding.uuid, "melding_bestand_id": bestand(melding).uuid}
