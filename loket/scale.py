"""Production-sized data for benchmarks (manage.py generate_scale_data): the shared tools.

Each module contributes its own rows in `<app>/scale.py`, like it contributes demo data in `demo.py`:
`argumenten(parser)` (optional: its command-line flags) and `genereer(gen, besturen)`, called in the order of
INSTALLED_APPS with one `Generator` that carries the options, the random source, the shared results of earlier
modules (`gen.gedeeld`, e.g. the meldingen per bestuur for conversations about a melding) and the helpers below.
On PostgreSQL rows stream in with COPY; elsewhere bulk_create in batches. Ids are assigned here (from the current
maximum) so rows can reference each other without a round trip.
"""

import json
import random
import time
from datetime import timedelta

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from . import modules
from .models import Persoon

VOORNAMEN = "An Bart Chris Dirk Els Fien Geert Hanne Ilse Jan Katrien Lien Marc Nele Olivier Pieter Sara Tom Wim".split()
ACHTERNAMEN = (
    "Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters De Smet Dubois Lambert".split()
)
BATCH = 5000


class Voortgang:
    """A simple progress bar on stderr: rows, percentage, rows per second."""

    def __init__(self, label, totaal, out):
        self.label, self.totaal, self.out = label, max(totaal, 1), out
        self.n, self.start, self.laatst = 0, time.monotonic(), 0.0

    def stap(self, n=1):
        self.n += n
        nu = time.monotonic()
        if nu - self.laatst > 0.5 or self.n >= self.totaal:
            self.laatst = nu
            pct = min(100, 100 * self.n // self.totaal)
            balk = "#" * (pct // 4)
            snelheid = self.n / max(nu - self.start, 1e-6)
            self.out.write(
                f"\r{self.label:<22} [{balk:<25}] {pct:3d}% {self.n:>10,} rijen {snelheid:>10,.0f}/s"
            )
            self.out.flush()

    def klaar(self):
        duur = time.monotonic() - self.start
        self.out.write(f"\r{self.label:<22} {self.n:>10,} rijen in {duur:6.1f} s{' ' * 40}")
        return duur


class Schrijver:
    """Writes model rows with explicit ids: COPY on PostgreSQL, bulk_create elsewhere."""

    def __init__(self, model, velden):
        self.model = model
        self.velden = [model._meta.get_field(v) for v in ["id", *velden]]
        self.defaults = [v for v in model._meta.concrete_fields if v.name not in ["id", *velden]]
        self.kolommen = [v.column for v in self.velden + self.defaults]
        self.volgende = (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1

    def nieuw_id(self):
        i = self.volgende
        self.volgende += 1
        return i

    @staticmethod
    def _default(veld, nu):
        if getattr(veld, "auto_now", False) or getattr(veld, "auto_now_add", False):
            return nu
        return veld.get_default()

    def _rij(self, waarden, nu):
        rij = list(waarden) + [self._default(v, nu) for v in self.defaults]
        return [json.dumps(w) if isinstance(w, list | dict) else w for w in rij]

    def schrijf(self, rijen, voortgang):
        nu = timezone.now()
        if connection.vendor == "postgresql":
            tabel = connection.ops.quote_name(self.model._meta.db_table)
            kolommen = ", ".join(connection.ops.quote_name(k) for k in self.kolommen)
            with connection.cursor() as cursor:
                with cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy:  # noqa: S608
                    for waarden in rijen:
                        copy.write_row(self._rij(waarden, nu))
                        voortgang.stap()
                tabel_id = f"{self.model._meta.db_table}"
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM " + tabel + "))",  # noqa: S608 (a model's table name)
                    [tabel_id],
                )
            return
        batch = []
        namen = [v.attname for v in self.velden + self.defaults]
        for waarden in rijen:
            batch.append(self.model(**dict(zip(namen, self._rij(waarden, nu), strict=True))))
            if len(batch) >= BATCH:
                self.model.objects.bulk_create(batch)
                voortgang.stap(len(batch))
                batch = []
        self.model.objects.bulk_create(batch)
        voortgang.stap(len(batch))


class Generator:
    """What every module's scale data needs: options, one seeded random source, the moment "now", the big bestuur
    (a deep list for the benchmark) and results shared between modules."""

    def __init__(self, opts, err, groot):
        self.opts = opts
        self.err = err  # OutputWrapper: write(text, ending="")
        self.rnd = random.Random(opts["seed"])
        self.nu = timezone.now()
        self.groot = groot
        self.groot_aandeel = opts["groot_aandeel"]
        self.gedeeld = {}

    def tijdstip(self, jaren):
        """A moment in the last `jaren` years (UTC)."""
        return self.nu - timedelta(seconds=self.rnd.randrange(int(jaren * 365.25 * 86400)))

    def kies(self, besturen):
        """A random bestuur; the big one gets its share (a deep list for the benchmark)."""
        if self.groot is not None and self.rnd.random() < self.groot_aandeel:
            return self.groot
        return besturen[self.rnd.randrange(len(besturen))]

    @staticmethod
    def eligible(besturen, code):
        module = modules.get_module(code)
        return [b for b in besturen if module.eligible(b)]

    def personen(self, aantal, label):
        schrijver = Schrijver(Persoon, ["voornaam", "achternaam", "rrn_masker"])
        ids = []
        rnd = self.rnd

        def rijen():
            for _ in range(aantal):
                i = schrijver.nieuw_id()
                ids.append(i)
                yield (i, rnd.choice(VOORNAMEN), rnd.choice(ACHTERNAMEN), "")

        voortgang = Voortgang(label, aantal, self.err)
        schrijver.schrijf(rijen(), voortgang)
        voortgang.klaar()
        return ids
