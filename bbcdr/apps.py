from django.apps import AppConfig


class BbcdrConfig(AppConfig):
    name = "bbcdr"
    verbose_name = "BBC digitale rapportering"
