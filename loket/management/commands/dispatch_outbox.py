"""Queue again the tasks whose dispatch was lost (broker down at commit time): see loket/outbox.py."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from loket import outbox


class Command(BaseCommand):
    help = "Plant openstaande taken opnieuw in (bv. meldingsmails die niet vertrokken omdat Redis onbereikbaar was)."

    def add_arguments(self, parser):
        parser.add_argument("--marge", type=int, default=120, help="Alleen werk ouder dan zoveel seconden.")

    def handle(self, *args, marge, **options):
        for name, (found, queued) in outbox.sweep(timedelta(seconds=marge)).items():
            self.stdout.write(f"{name}: {found} openstaand, {queued} ingepland")
