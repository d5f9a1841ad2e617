"""URL kwargs for the URL access walk (tests/test_url_access.py): a subsidy dossier owned by `bestuur`."""

from subsidies.models import FormulierStatus
from tests.subsidies.factories import GELDIG, aanvraag, bijlage


def url_kwargs(bestuur):
    a = aanvraag(bestuur, data=GELDIG)
    formulier = a.formulieren.get()
    formulier.status = FormulierStatus.VERSTUURD  # sent: ABB may read and judge it
    formulier.save()
    from django.utils import timezone

    formulier.verstuurd_op = timezone.now()
    formulier.save()
    return {
        "aanvraag_id": a.uuid,
        "stap_id": formulier.stap.uuid,
        "subsidie_bijlage_id": bijlage(formulier).uuid,
    }
