import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Laadt demogegevens (enkele besturen, enkele maanden) voor de ontwikkel- en demo-omgeving. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if importlib.util.find_spec(f"{config.name}.demo") is not None:
                importlib.import_module(f"{config.name}.demo").load(log=self.stdout.write)
        self.stdout.write("Demogegevens geladen.")
