from django.apps import AppConfig


class LeveranciersConfig(AppConfig):
    name = "leveranciers"
    verbose_name = "Leveranciers (automatische meldingen)"
