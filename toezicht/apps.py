from django.apps import AppConfig


class ToezichtConfig(AppConfig):
    name = "toezicht"
    verbose_name = "Toezicht"

    def ready(self):
        from loket import referentie

        from .models import BesluitType, BesluitTypeRegel

        referentie.volg(BesluitType, BesluitTypeRegel)
        from . import sjablonen  # noqa: F401  (its template filters and globals)
