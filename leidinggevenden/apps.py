from django.apps import AppConfig


class LeidinggevendenConfig(AppConfig):
    name = "leidinggevenden"
    verbose_name = "Databank leidinggevenden"
