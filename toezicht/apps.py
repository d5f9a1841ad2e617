from django.apps import AppConfig


class ToezichtConfig(AppConfig):
    name = "toezicht"
    verbose_name = "Toezicht"

    def ready(self):
        from loket import referentie

        from .models import BesluitType, BesluitTypeRegel

        referentie.volg(BesluitType, BesluitTypeRegel)
        from django.db.models.signals import post_save

        post_save.connect(
            _bestuur_bewaard, sender="loket.Bestuurseenheid", dispatch_uid="toezicht:provincie-van-meldingen"
        )
        from . import sjablonen  # noqa: F401  (its template filters and globals)


def _bestuur_bewaard(sender, instance, raw=False, created=False, **kwargs):
    """A bestuur edited one by one (the admin): its meldingen keep its provincie (Melding.provincie)."""
    if not raw and not created:
        from .services import provincies_bijwerken

        provincies_bijwerken([instance.pk])
