"""URL kwargs for the URL access walk: a vendor, a processing job of `bestuur`'s melding."""

from leveranciers import services
from leveranciers.models import Leverancier


def url_kwargs(bestuur):
    leverancier, _ = services.maak_leverancier(
        naam=f"Walk {bestuur.naam}", uri=f"http://data.lblod.info/vendors/walk-{bestuur.pk}"
    )
    services.voeg_bestuur_toe(leverancier=leverancier, bestuur=bestuur)
    inzending = services.registreer(
        leverancier=Leverancier.objects.get(pk=leverancier.pk),
        bestuur=bestuur,
        href=f"https://example.org/walk/{bestuur.pk}",
        submitted_resource=f"https://example.org/walk/besluit/{bestuur.pk}",
        gevraagde_status="http://lblod.data.gift/concepts/79a52da4-f491-4e2f-9374-89a13cde8ecd",
    )
    return {
        "leverancier_id": leverancier.uuid,
        "inzending_id": inzending.uuid,
        "job_id": inzending.uuid,
        "submission_id": inzending.submission_uuid,
    }
