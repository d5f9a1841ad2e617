from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class LoketConfig(AppConfig):
    name = "loket"
    verbose_name = "Loket (kern)"

    def ready(self):
        from . import referentie
        from .models import (
            Bestuurseenheid,
            Bestuursorgaan,
            BestuursorgaanClassificatie,
            BestuursorgaanInTijd,
            Classificatie,
            Concept,
        )

        referentie.volg(
            Bestuurseenheid,
            Bestuursorgaan,
            BestuursorgaanClassificatie,
            BestuursorgaanInTijd,
            Classificatie,
            Concept,
        )

        from . import (
            checks,  # noqa: F401  (registers the core's system checks)
            databank,
        )

        databank.verbind()


class LoketAdminConfig(AdminConfig):
    default_site = "loket.admin_site.LoketAdminSite"
