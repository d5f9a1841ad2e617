from django.apps import AppConfig


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = "Subsidies"

    def ready(self):
        from loket import referentie

        from .models import Maatregel

        referentie.volg(Maatregel)
