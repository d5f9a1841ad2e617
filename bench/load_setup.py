"""Prints (JSON) what bench/load_test.py needs: N bestuur sessions (Gemeente Aalst, Toezicht + Berichtencentrum),
one ABB lezer session, one open conversation per bestuur user, the ids a melding form needs, and the counts of
sent meldingen and bestuur messages (for the lost-writes check). Run with the load test's environment:

    python -m bench.load_setup 50
"""

import json
import os
import sys

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.settings.production")
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
    from accounts.models import Membership, User
    from accounts.services import werk_lidmaatschappen_bij
    from berichten.models import Bericht, Gesprek, Partij, TypeCommunicatie
    from loket import modules
    from loket.models import Bestuurseenheid
    from toezicht import selectors
    from toezicht.models import BesluitType, Melding

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    aalst = Bestuurseenheid.objects.get(naam="Aalst", classificatie__label="Gemeente", actief=True)
    abb = Bestuurseenheid.objects.get(naam="Agentschap Binnenlands Bestuur")

    def sessie(username, bestuur, rollen):
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={"first_name": "Load", "last_name": username, "email": f"{username}@example.org"},
        )
        werk_lidmaatschappen_bij(user=user, grants={bestuur: rollen}, bron=Membership.Bron.IDP)
        client = Client()
        client.force_login(user)
        session = client.session
        session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
        session.save()
        return session.session_key

    rollen = [modules.get_module(c).role for c in ("toezicht", "berichten")]
    gebruikers = []
    for i in range(n):
        nu = timezone.now()
        gesprek = Gesprek.objects.create(
            bestuur=aalst,
            dossiernummer=f"LOAD.{i:04d}.{nu:%H%M%S}",
            betreft=f"Belastingtest {i}",
            type_communicatie=TypeCommunicatie.OPVRAGING,
            reactietermijn_dagen=30,
            laatste_bericht_op=nu,
            laatste_bericht_van=Partij.ABB,
        )
        Bericht.objects.create(
            gesprek=gesprek, van=Partij.ABB, auteur_naam="ABB", inhoud="Vraag", verzonden_op=nu
        )
        gebruikers.append({"sessie": sessie(f"load-{i:03d}", aalst, rollen), "gesprek": str(gesprek.uuid)})
    besluittype = (
        selectors.besluittypes_voor(aalst)
        .filter(profiel=BesluitType.Profiel.STANDAARD)
        .order_by("label")
        .first()
    )
    print(
        json.dumps(
            {
                "cookie": settings.SESSION_COOKIE_NAME,
                "csrf_cookie": settings.CSRF_COOKIE_NAME,
                "gebruikers": gebruikers,
                "abb": sessie("load-abb", abb, [modules.ABB_LEZER_ROLE]),
                "besluittype": besluittype.pk,
                "orgaan": aalst.organen.order_by("naam").first().pk,
                "verstuurd": Melding.objects.filter(status=Melding.Status.VERSTUURD).count(),
                "antwoorden": Bericht.objects.filter(van=Partij.BESTUUR).count(),
            }
        )
    )


def counts():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.settings.production")
    django.setup()
    from berichten.models import Bericht, Partij
    from toezicht.models import Melding, MeldingBestand

    print(
        json.dumps(
            {
                "verstuurd": Melding.objects.filter(status=Melding.Status.VERSTUURD).count(),
                "antwoorden": Bericht.objects.filter(van=Partij.BESTUUR).count(),
                "half": Melding.objects.filter(
                    status=Melding.Status.VERSTUURD, bestanden__isnull=True, links=[]
                ).count(),
                "bestanden": MeldingBestand.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    counts() if sys.argv[1:] == ["counts"] else main()
