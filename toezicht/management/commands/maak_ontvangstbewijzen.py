"""Give every sent melding the stored receipt of its current sending (once, after the release that stores them).

Idempotent: a melding that has its receipt is skipped, so the command can be stopped and run again.
"""

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef

from toezicht import services
from toezicht.models import Melding, Ontvangstbewijs


class Command(BaseCommand):
    help = "Maak en bewaar het ontvangstbewijs (PDF + SHA-256) van elke verstuurde melding die er nog geen heeft."

    def add_arguments(self, parser):
        parser.add_argument("--limiet", type=int, default=0, help="Hoogstens zoveel meldingen (0: alle).")

    def handle(self, *args, limiet, **options):
        bewijs = Ontvangstbewijs.objects.filter(melding=OuterRef("pk"), verstuurd_op=OuterRef("verstuurd_op"))
        ids = Melding.objects.verstuurd().filter(~Exists(bewijs)).order_by("verstuurd_op", "pk")
        ids = list(ids.values_list("pk", flat=True)[:limiet] if limiet else ids.values_list("pk", flat=True))
        gemaakt = 0
        for pk in ids:
            if services.maak_ontvangstbewijs(melding_id=pk) is not None:
                gemaakt += 1
        self.stdout.write(f"{gemaakt} ontvangstbewijzen gemaakt ({len(ids)} meldingen zonder).")
