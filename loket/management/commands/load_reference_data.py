from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Count, Q

from loket.models import Bestuurseenheid
from loket.reference import load_all


class Command(BaseCommand):
    help = "Laadt de referentiegegevens (besturen, organen, codelijsten) uit loket/data/. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(settings.LOKET_REFERENCE_DATA_DIR))

    def handle(self, *args, data_dir, **options):
        load_all(data_dir, log=lambda msg: self.stdout.write(msg))
        counts = (
            Bestuurseenheid.objects.values("classificatie__label")
            .annotate(
                n_actief=Count("id", filter=Q(actief=True)), n_inactief=Count("id", filter=Q(actief=False))
            )
            .order_by("classificatie__label")
        )
        for row in counts:
            self.stdout.write(
                f"  {row['classificatie__label']}: {row['n_actief']} actief, {row['n_inactief']} inactief"
            )
