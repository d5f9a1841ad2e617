from django.apps import AppConfig


class MandatenConfig(AppConfig):
    name = "mandaten"
    verbose_name = "Mandatenbeheer"
