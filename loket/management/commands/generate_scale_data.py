"""Production-sized data on top of the real reference data (issue 10: benchmarks, never on a real database).

    manage.py load_reference_data
    manage.py generate_scale_data --meldingen 1000000 --bestanden-per-melding 5 --gesprekken 200000 --berichten 1000000

For every eligible bestuur: meldingen spread over five years (concepts and sent ones, reviewed or not) with file
metadata rows that all point at one tiny shared PDF, conversations with messages (some about a melding), current and
past leidinggevenden, and mandatarissen for the mandaten of the reference data. Sizes are flags, so CI can run a
small version (`--meldingen 200 ...`). On PostgreSQL the rows stream in with COPY; elsewhere bulk_create in batches.
Ids are assigned here (from the current maximum) so the rows can reference each other without a round trip.
"""

import json
import random
import time
import uuid
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from berichten.models import Bericht, Gesprek, Partij, TypeCommunicatie
from leidinggevenden import functies
from leidinggevenden.models import ContactGegevens, Functionaris
from loket import modules
from loket.models import Bestuurseenheid, Concept, Persoon
from mandaten import codes as mandaten_codes
from mandaten.models import Mandaat, Mandataris
from toezicht.models import BesluitType, Melding, MeldingBestand

GEDEELD_BESTAND = "toezicht/scale/gedeeld-besluit.pdf"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
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


class Command(BaseCommand):
    help = "Genereert data op productieschaal bovenop de referentiedata (enkel voor benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--meldingen", type=int, default=10000)
        parser.add_argument("--bestanden-per-melding", type=int, default=5)
        parser.add_argument("--gesprekken", type=int, default=2000)
        parser.add_argument("--berichten", type=int, default=10000)
        parser.add_argument("--jaren", type=int, default=5)
        parser.add_argument("--zonder-leidinggevenden", action="store_true")
        parser.add_argument("--zonder-mandatarissen", action="store_true")
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

    def handle(self, *args, **opts):
        if not Bestuurseenheid.objects.exists():
            raise CommandError("Laad eerst de referentiedata: manage.py load_reference_data")
        self.rnd = random.Random(opts["seed"])
        self.nu = timezone.now()
        self.err = self.stderr  # OutputWrapper: write(text, ending="")
        self.groot = Bestuurseenheid.objects.filter(
            naam=opts["groot_bestuur"], classificatie__label="Gemeente", actief=True
        ).first()
        self.groot_aandeel = opts["groot_aandeel"]
        totaal = time.monotonic()
        besturen = list(Bestuurseenheid.objects.filter(actief=True).select_related("classificatie"))
        if not default_storage.exists(GEDEELD_BESTAND):
            default_storage.save(GEDEELD_BESTAND, ContentFile(PDF))
        with transaction.atomic():
            melding_ids = self.meldingen(besturen, opts)
            self.gesprekken(besturen, opts, melding_ids)
            if not opts["zonder_leidinggevenden"]:
                self.leidinggevenden(besturen)
            if not opts["zonder_mandatarissen"]:
                self.mandatarissen()
        if connection.vendor == "postgresql" and not opts["geen_analyze"]:
            with connection.cursor() as cursor:  # fresh statistics for every table, reference data included
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(f"Klaar in {time.monotonic() - totaal:.1f} s.")

    # ------------------------------------------------------------------ helpers

    def tijdstip(self, jaren):
        """A moment in the last `jaren` years (UTC)."""
        return self.nu - timedelta(seconds=self.rnd.randrange(int(jaren * 365.25 * 86400)))

    def kies(self, besturen):
        """A random bestuur; the big one gets its share (a deep list for the benchmark)."""
        if self.groot is not None and self.rnd.random() < self.groot_aandeel:
            return self.groot
        return besturen[self.rnd.randrange(len(besturen))]

    def eligible(self, besturen, code):
        module = modules.get_module(code)
        return [b for b in besturen if module.eligible(b)]

    # ------------------------------------------------------------------ toezicht

    def meldingen(self, besturen, opts):
        n = opts["meldingen"]
        besturen = [b for b in self.eligible(besturen, "toezicht") if b.organen.exists()]
        types_per_classificatie = {}
        organen = {}
        vandaag = timezone.localdate()
        for b in besturen:
            if b.classificatie_id not in types_per_classificatie:
                types_per_classificatie[b.classificatie_id] = list(
                    BesluitType.objects.voor_classificatie(b.classificatie, vandaag).values_list(
                        "id", flat=True
                    )
                )
            organen[b.pk] = list(b.organen.values_list("id", flat=True))
        besturen = [b for b in besturen if types_per_classificatie[b.classificatie_id]]
        if self.groot not in besturen:
            self.groot = None
        schrijver = Schrijver(
            Melding,
            [
                "uuid", "bestuur", "status", "besluittype", "beslissingsorgaan", "datum_zitting", "links",
                "aangemaakt_op", "gewijzigd_op", "verstuurd_op", "review_status", "behandeld_op", "opmerking",
            ],
        )  # fmt: skip
        ids = {b.pk: [] for b in besturen}
        verstuurd_ids = []
        rnd = self.rnd

        def rijen():
            for _ in range(n):
                b = self.kies(besturen)
                aangemaakt = self.tijdstip(opts["jaren"])
                concept = rnd.random() < 0.05
                gewijzigd = min(aangemaakt + timedelta(hours=rnd.randrange(1, 72)), self.nu)
                afgehandeld = not concept and rnd.random() < 0.7
                i = schrijver.nieuw_id()
                ids[b.pk].append(i)
                if not concept:
                    verstuurd_ids.append(i)
                yield (
                    i, uuid.uuid4(), b.pk,
                    Melding.Status.CONCEPT if concept else Melding.Status.VERSTUURD,
                    rnd.choice(types_per_classificatie[b.classificatie_id]),
                    rnd.choice(organen[b.pk]),
                    (aangemaakt - timedelta(days=rnd.randrange(1, 30))).date(),
                    [f"https://besluiten.example.org/{b.pk}/{i}"],
                    aangemaakt, gewijzigd, None if concept else gewijzigd,
                    Melding.ReviewStatus.AFGEHANDELD if afgehandeld else Melding.ReviewStatus.TE_BEHANDELEN,
                    gewijzigd + timedelta(days=rnd.randrange(1, 20)) if afgehandeld else None,
                    "",
                )  # fmt: skip

        voortgang = Voortgang("meldingen", n, self.err)
        schrijver.schrijf(rijen(), voortgang)
        voortgang.klaar()

        per = opts["bestanden_per_melding"]
        alle = [i for lijst in ids.values() for i in lijst]
        bestanden = Schrijver(
            MeldingBestand,
            ["uuid", "melding", "bestand", "naam", "grootte", "mime_type", "sha256", "aangemaakt_op"],
        )
        sha = "8" * 64

        def bestand_rijen():
            for melding_id in alle:
                for j in range(per):
                    yield (
                        bestanden.nieuw_id(), uuid.uuid4(), melding_id, GEDEELD_BESTAND,
                        f"besluit-{melding_id}-{j + 1}.pdf", len(PDF), "application/pdf", sha, self.nu,
                    )  # fmt: skip

        voortgang = Voortgang("bestanden (metadata)", len(alle) * per, self.err)
        bestanden.schrijf(bestand_rijen(), voortgang)
        voortgang.klaar()
        return {bestuur: lijst for bestuur, lijst in ids.items() if lijst}

    # ------------------------------------------------------------------ berichten

    def gesprekken(self, besturen, opts, melding_ids):
        n, n_berichten = opts["gesprekken"], opts["berichten"]
        if not n:
            return
        besturen = self.eligible(besturen, "berichten")
        gesprekken = Schrijver(
            Gesprek,
            [
                "uuid", "bestuur", "dossiernummer", "betreft", "type_communicatie", "reactietermijn_dagen",
                "antwoord_verwacht_tegen", "laatste_bericht_op", "laatste_bericht_van", "melding",
                "gelezen_door_bestuur", "gelezen_door_abb", "aangemaakt_op",
            ],
        )  # fmt: skip
        berichten = Schrijver(Bericht, ["uuid", "gesprek", "van", "auteur_naam", "verzonden_op", "inhoud"])
        rnd = self.rnd
        plan = []  # (gesprek id, [(van, tijd)]) for the messages
        types = [t for t, _ in TypeCommunicatie.choices]
        per_gesprek = max(n_berichten // n, 1)

        def gesprek_rijen():
            rest = n_berichten
            for k in range(n):
                b = self.kies(besturen)
                aantal = min(rest, rnd.randint(1, 2 * per_gesprek - 1)) if k < n - 1 else rest
                aantal = max(aantal, 1)
                rest = max(rest - aantal, 0)
                start = self.tijdstip(opts["jaren"])
                tijden = sorted(start + timedelta(hours=rnd.randrange(0, 24 * 60)) for _ in range(aantal))
                tijden = [min(t, self.nu) for t in tijden]
                van = [Partij.ABB if m % 2 == 0 else Partij.BESTUUR for m in range(aantal)]
                wacht = van[-1] == Partij.ABB and rnd.random() < 0.5
                i = gesprekken.nieuw_id()
                plan.append((i, list(zip(van, tijden, strict=True))))
                eigen = melding_ids.get(b.pk)
                yield (
                    i, uuid.uuid4(), b.pk, f"DOSSIER{tijden[0]:%Y}.{i:07d}", f"Vraag over besluit {i}",
                    types[rnd.randrange(len(types))], 30 if wacht else None,
                    (tijden[-1] + timedelta(days=30)).date() if wacht else None,
                    tijden[-1], van[-1], rnd.choice(eigen) if eigen and rnd.random() < 0.3 else None,
                    van[-1] == Partij.BESTUUR or rnd.random() < 0.8, van[-1] == Partij.ABB or rnd.random() < 0.5,
                    tijden[0],
                )  # fmt: skip

        voortgang = Voortgang("gesprekken", n, self.err)
        gesprekken.schrijf(gesprek_rijen(), voortgang)
        voortgang.klaar()

        def bericht_rijen():
            for gesprek_id, lijst in plan:
                for van, tijd in lijst:
                    yield (
                        berichten.nieuw_id(), uuid.uuid4(), gesprek_id, van,
                        "Toezichthouder ABB" if van == Partij.ABB else "Secretariaat",
                        tijd, "Gelieve de gevraagde stukken te bezorgen binnen de termijn.",
                    )  # fmt: skip

        voortgang = Voortgang("berichten", sum(len(lijst) for _, lijst in plan), self.err)
        berichten.schrijf(bericht_rijen(), voortgang)
        voortgang.klaar()

    # ------------------------------------------------------------------ personen

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

    def leidinggevenden(self, besturen):
        besturen = [b for b in self.eligible(besturen, "leidinggevenden") if functies.functies_voor(b)]
        bestaand = set(Functionaris.objects.values_list("bestuur_id", "functie"))
        taken = [
            (b, f) for b in besturen for f in functies.functies_voor(b) if (b.pk, f.code) not in bestaand
        ]
        personen = iter(self.personen(2 * len(taken), "personen (leiding)"))
        schrijver = Schrijver(
            Functionaris, ["uuid", "bestuur", "functie", "persoon", "start", "einde", "status"]
        )

        def rijen():
            for b, f in taken:
                yield (schrijver.nieuw_id(), uuid.uuid4(), b.pk, f.code, next(personen), date(2019, 1, 1),
                       date(2022, 12, 31), functies.Status.AANGESTELD)  # fmt: skip
                yield (schrijver.nieuw_id(), uuid.uuid4(), b.pk, f.code, next(personen), date(2023, 1, 1), None,
                       functies.Status.AANGESTELD)  # fmt: skip

        voortgang = Voortgang("leidinggevenden", 2 * len(taken), self.err)
        schrijver.schrijf(rijen(), voortgang)
        voortgang.klaar()
        contacten = set(ContactGegevens.objects.values_list("bestuur_id", "functie"))
        contact = Schrijver(ContactGegevens, ["uuid", "bestuur", "functie", "email", "telefoon"])
        nieuw = [(b, f) for b, f in taken if (b.pk, f.code) not in contacten]
        voortgang = Voortgang("contactgegevens", len(nieuw), self.err)
        contact.schrijf(
            (
                (
                    contact.nieuw_id(),
                    uuid.uuid4(),
                    b.pk,
                    f.code,
                    f"{f.code[:20]}@bestuur{b.pk}.example",
                    "053 77 93 00",
                )
                for b, f in nieuw
            ),
            voortgang,
        )
        voortgang.klaar()

    def mandatarissen(self):
        effectief = Concept.objects.filter(
            lijst=mandaten_codes.STATUS_LIJST, uri=mandaten_codes.EFFECTIEF
        ).first()
        if effectief is None:
            return
        mandaten = list(
            Mandaat.objects.filter(mandatarissen__isnull=True).values_list(
                "id", "aantal_houders", "periode__start", "orgaan_in_tijd__orgaan__bestuurseenheid_id"
            )
        )
        taken = [(m, min(houders or 1, 5)) for m in mandaten for houders in [m[1]]]
        personen = iter(self.personen(sum(k for _, k in taken), "personen (mandaat)"))
        schrijver = Schrijver(Mandataris, ["uuid", "bestuur", "persoon", "mandaat", "start", "status"])

        def rijen():
            for (mandaat_id, _, start, bestuur_id), aantal in taken:
                for _ in range(aantal):
                    yield (schrijver.nieuw_id(), uuid.uuid4(), bestuur_id, next(personen), mandaat_id, start,
                           effectief.pk)  # fmt: skip

        voortgang = Voortgang("mandatarissen", sum(k for _, k in taken), self.err)
        schrijver.schrijf(rijen(), voortgang)
        voortgang.klaar()
