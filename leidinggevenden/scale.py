"""Databank leidinggevenden's production-sized data (manage.py generate_scale_data; loket/scale.py): a past and a
current functionaris for every function, and contact data."""

import uuid
from datetime import date

from loket.scale import Schrijver, Voortgang

from . import functies
from .models import ContactGegevens, Functionaris


def argumenten(parser):
    parser.add_argument("--zonder-leidinggevenden", action="store_true")


def genereer(gen, besturen):
    if not gen.opts["zonder_leidinggevenden"]:
        leidinggevenden(gen, besturen)


def leidinggevenden(gen, besturen):
    besturen = [b for b in gen.eligible(besturen, "leidinggevenden") if functies.functies_voor(b)]
    bestaand = set(Functionaris.objects.values_list("bestuur_id", "functie"))
    taken = [(b, f) for b in besturen for f in functies.functies_voor(b) if (b.pk, f.code) not in bestaand]
    personen = iter(gen.personen(2 * len(taken), "personen (leiding)"))
    schrijver = Schrijver(Functionaris, ["uuid", "bestuur", "functie", "persoon", "start", "einde", "status"])

    def rijen():
        for b, f in taken:
            yield (
                schrijver.nieuw_id(),
                uuid.uuid4(),
                b.pk,
                f.code,
                next(personen),
                date(2019, 1, 1),
                date(2022, 12, 31),
                functies.Status.AANGESTELD,
            )
            yield (
                schrijver.nieuw_id(),
                uuid.uuid4(),
                b.pk,
                f.code,
                next(personen),
                date(2023, 1, 1),
                None,
                functies.Status.AANGESTELD,
            )

    voortgang = Voortgang("leidinggevenden", 2 * len(taken), gen.err)
    schrijver.schrijf(rijen(), voortgang)
    voortgang.klaar()
    contacten = set(ContactGegevens.objects.values_list("bestuur_id", "functie"))
    contact = Schrijver(ContactGegevens, ["uuid", "bestuur", "functie", "email", "telefoon"])
    nieuw = [(b, f) for b, f in taken if (b.pk, f.code) not in contacten]
    voortgang = Voortgang("contactgegevens", len(nieuw), gen.err)
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
