"""System checks of the core. `manage.py runserver`, `migrate` and `check` print them."""

from django.conf import settings
from django.core import checks


@checks.register()
def virus_scan(app_configs, **kwargs):
    """Scanning off is fine for the embedded default, but nobody should miss it (production refuses to start)."""
    if settings.LOKET_CLAMD_ADDRESS:
        return []
    return [
        checks.Info(
            "De viruscontrole staat uit: LOKET_CLAMD_ADDRESS is leeg, opgeladen bestanden worden niet op virussen "
            "gescand.",
            hint="Zet LOKET_CLAMD_ADDRESS op de socket of host:poort van een ClamAV-daemon (docs/operations.md).",
            id="loket.I001",
        )
    ]
