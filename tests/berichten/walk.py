"""URL kwargs for the lead's URL access walk (tests/test_url_access.py): objects owned by `bestuur`."""

from tests.berichten.factories import bijlage, gesprek_met_vraag


def url_kwargs(bestuur):
    gesprek = gesprek_met_vraag(bestuur)
    return {"gesprek_id": gesprek.uuid, "bijlage_id": bijlage(gesprek.berichten.first()).uuid}
