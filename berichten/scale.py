"""Berichtencentrum's production-sized data (manage.py generate_scale_data; loket/scale.py): conversations with
messages, some about a melding of the bestuur."""

import uuid
from datetime import timedelta

from loket.scale import Schrijver, Voortgang

from .models import Bericht, Gesprek, Partij, TypeCommunicatie


def argumenten(parser):
    parser.add_argument("--gesprekken", type=int, default=2000)
    parser.add_argument("--berichten", type=int, default=10000)


def genereer(gen, besturen):
    gesprekken(gen, besturen, gen.opts, gen.gedeeld.get("meldingen_per_bestuur", {}))


def gesprekken(gen, besturen, opts, melding_ids):
    n, n_berichten = opts["gesprekken"], opts["berichten"]
    if not n:
        return
    besturen = gen.eligible(besturen, "berichten")
    gesprekken = Schrijver(
        Gesprek,
        [
            "uuid",
            "bestuur",
            "dossiernummer",
            "betreft",
            "type_communicatie",
            "reactietermijn_dagen",
            "antwoord_verwacht_tegen",
            "laatste_bericht_op",
            "laatste_bericht_van",
            "melding",
            "gelezen_door_bestuur",
            "gelezen_door_abb",
            "aangemaakt_op",
        ],
    )
    berichten = Schrijver(Bericht, ["uuid", "gesprek", "van", "auteur_naam", "verzonden_op", "inhoud"])
    rnd = gen.rnd
    plan = []  # (gesprek id, [(van, tijd)]) for the messages
    types = [t for t, _ in TypeCommunicatie.choices]
    per_gesprek = max(n_berichten // n, 1)

    def gesprek_rijen():
        rest = n_berichten
        for k in range(n):
            b = gen.kies(besturen)
            aantal = min(rest, rnd.randint(1, 2 * per_gesprek - 1)) if k < n - 1 else rest
            aantal = max(aantal, 1)
            rest = max(rest - aantal, 0)
            start = gen.tijdstip(opts["jaren"])
            tijden = sorted(start + timedelta(hours=rnd.randrange(0, 24 * 60)) for _ in range(aantal))
            tijden = [min(t, gen.nu) for t in tijden]
            van = [Partij.ABB if m % 2 == 0 else Partij.BESTUUR for m in range(aantal)]
            wacht = van[-1] == Partij.ABB and rnd.random() < 0.5
            i = gesprekken.nieuw_id()
            plan.append((i, list(zip(van, tijden, strict=True))))
            eigen = melding_ids.get(b.pk)
            yield (
                i,
                uuid.uuid4(),
                b.pk,
                f"DOSSIER{tijden[0]:%Y}.{i:07d}",
                f"Vraag over besluit {i}",
                types[rnd.randrange(len(types))],
                30 if wacht else None,
                (tijden[-1] + timedelta(days=30)).date() if wacht else None,
                tijden[-1],
                van[-1],
                rnd.choice(eigen) if eigen and rnd.random() < 0.3 else None,
                van[-1] == Partij.BESTUUR or rnd.random() < 0.8,
                van[-1] == Partij.ABB or rnd.random() < 0.5,
                tijden[0],
            )

    voortgang = Voortgang("gesprekken", n, gen.err)
    gesprekken.schrijf(gesprek_rijen(), voortgang)
    voortgang.klaar()

    def bericht_rijen():
        for gesprek_id, lijst in plan:
            for van, tijd in lijst:
                yield (
                    berichten.nieuw_id(),
                    uuid.uuid4(),
                    gesprek_id,
                    van,
                    "Toezichthouder ABB" if van == Partij.ABB else "Secretariaat",
                    tijd,
                    "Gelieve de gevraagde stukken te bezorgen binnen de termijn.",
                )

    voortgang = Voortgang("berichten", sum(len(lijst) for _, lijst in plan), gen.err)
    berichten.schrijf(bericht_rijen(), voortgang)
    voortgang.klaar()
