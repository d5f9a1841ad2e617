"""URL kwargs for the URL access walk (tests/test_url_access.py): objects owned by `bestuur`."""

from toezicht import services
from toezicht.models import Bundel
from toezicht.tasks import bouw_bundel

from .factories import bestand, verstuurde_melding


def _klare_bundel(melding, **kwargs):
    bundel = services.vraag_bundel_aan(meldingen=[melding], user=melding.aangemaakt_door, **kwargs)
    bouw_bundel(bundel.pk)
    bundel.refresh_from_db()
    assert bundel.status == Bundel.Status.KLAAR
    return bundel


def url_kwargs(bestuur):
    from tests import factories

    melding = verstuurde_melding(bestuur, aangemaakt_door=factories.UserFactory())
    return {
        "melding_id": melding.uuid,
        "melding_bestand_id": bestand(melding).uuid,
        "bundel_id": _klare_bundel(melding, bestuur=bestuur).uuid,
        "abb_bundel_id": _klare_bundel(melding, abb=True).uuid,
    }
