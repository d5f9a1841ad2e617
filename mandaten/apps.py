from django.apps import AppConfig


class MandatenConfig(AppConfig):
    name = "mandaten"
    verbose_name = "Mandatenbeheer"

    def ready(self):
        from loket import publiek, referentie
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
        # Bestuursperiodes and mandaten are reference data (mandaten/reference.py): kept in memory per release
        # (mandaten.selectors); a save in this process (e.g. a bestuur's maximum aantal houders) empties the memos.
        referentie.volg(Bestuursperiode, Mandaat)
