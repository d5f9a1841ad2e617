from django.apps import AppConfig


class LeidinggevendenConfig(AppConfig):
    name = "leidinggevenden"
    verbose_name = "Databank leidinggevenden"

    def ready(self):
        from loket import publiek
        from loket.models import Persoon

        from .models import ContactGegevens, Functionaris, PubliekeExport

        publiek.volg("leidinggevenden", Functionaris, ContactGegevens, PubliekeExport, Persoon)
