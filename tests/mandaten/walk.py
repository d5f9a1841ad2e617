"""URL kwargs for the lead's URL access walk: objects owned by `bestuur`."""

from . import factories


def url_kwargs(bestuur):
    mandataris = factories.MandatarisFactory(bestuur=bestuur)
    fractie = factories.FractieFactory(bestuur=bestuur)
    return {
        "mandataris_id": mandataris.uuid,
        "fractie_id": fractie.uuid,
        "mandaat_id": mandataris.mandaat.uuid,
        "bestuur_uuid": bestuur.uuid,
    }
