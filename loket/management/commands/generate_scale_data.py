"""Production-sized data on top of the real reference data (benchmarks only, never on a real database).

    manage.py load_reference_data
    manage.py generate_scale_data --meldingen 1000000 --bestanden-per-melding 5 --gesprekken 200000 --berichten 1000000

Every module contributes its rows and its flags in `<app>/scale.py` (loket/scale.py has the shared tools), like
`demo.py` for demo data: meldingen with file metadata, conversations with messages, leidinggevenden, mandatarissen.
Sizes are flags, so CI can run a small version (`--meldingen 200 ...`).
"""

import importlib
import importlib.util
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from loket.models import Bestuurseenheid
from loket.scale import Generator


def module_scales():
    for config in apps.get_app_configs():
        if config.name != "loket" and importlib.util.find_spec(f"{config.name}.scale") is not None:
            yield importlib.import_module(f"{config.name}.scale")


class Command(BaseCommand):
    help = "Genereert data op productieschaal bovenop de referentiedata (enkel voor benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--jaren", type=int, default=5)
        parser.add_argument("--seed", type=int, default=10)
        parser.add_argument(
            "--groot-bestuur",
            default="Aalst",
            help="Naam van de gemeente die een groter aandeel krijgt (een diepe lijst voor de benchmark).",
        )
        parser.add_argument(
            "--groot-aandeel", type=float, default=0.05, help="Aandeel van dat bestuur (0-1)."
        )
        parser.add_argument(
            "--geen-analyze", action="store_true", help="Geen ANALYZE na afloop (PostgreSQL)."
        )
        for scale in module_scales():
            if hasattr(scale, "argumenten"):
                scale.argumenten(parser)

    def handle(self, *args, **opts):
        if not Bestuurseenheid.objects.exists():
            raise CommandError("Laad eerst de referentiedata: manage.py load_reference_data")
        groot = Bestuurseenheid.objects.filter(
            naam=opts["groot_bestuur"], classificatie__label="Gemeente", actief=True
        ).first()
        gen = Generator(opts, self.stderr, groot)
        totaal = time.monotonic()
        besturen = list(Bestuurseenheid.objects.filter(actief=True).select_related("classificatie"))
        with transaction.atomic():
            for scale in module_scales():
                scale.genereer(gen, besturen)
        if connection.vendor == "postgresql" and not opts["geen_analyze"]:
            with connection.cursor() as cursor:  # fresh statistics for every table, reference data included
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(f"Klaar in {time.monotonic() - totaal:.1f} s.")
