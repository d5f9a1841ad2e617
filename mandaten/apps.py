from django.apps import AppConfig


class MandatenConfig(AppConfig):
    name = "mandaten"
    verbose_name = "Mandatenbeheer"

    def ready(self):
        from loket import publiek
        from loket.models import Persoon

        from .models import Bestuursperiode, EigenBeleidsdomein, Fractie, Mandaat, Mandataris, PubliekeExport

        publiek.volg(
            "mandaten",
            Bestuursperiode,
            Mandaat,
            Fractie,
            Mandataris,
            EigenBeleidsdomein,
            Persoon,
            PubliekeExport,
        )
