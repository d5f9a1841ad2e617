"""Prints (JSON) the session cookies and the URLs the benchmark requests. Run with the benchmark's environment:

    python -m bench.setup_sessions

Two people, created or updated here: a bestuur user of Gemeente Aalst with the Toezicht and Berichtencentrum
rights (and Databank leidinggevenden, Mandatenbeheer), and an ABB lezer. Each gets a real session (django.contrib.auth.login through the test client), so the
middleware treats them exactly like a person who logged in through the IdP.
"""

import json
import os

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    print(json.dumps(prepare()))


def prepare():
    from django.conf import settings
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.test import Client
    from django.utils.crypto import get_random_string

    from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
    from accounts.models import Membership, User
    from accounts.services import werk_lidmaatschappen_bij
    from loket import modules
    from loket.models import Bestuurseenheid
    from toezicht.models import Melding

    aalst = Bestuurseenheid.objects.get(naam="Aalst", classificatie__label="Gemeente", actief=True)
    abb = Bestuurseenheid.objects.get(naam="Agentschap Binnenlands Bestuur")

    def sessie(username, bestuur, rollen):
        user, _ = User.objects.get_or_create(
            username=username, defaults={"first_name": "Bench", "last_name": username}
        )
        werk_lidmaatschappen_bij(user=user, grants={bestuur: rollen}, bron=Membership.Bron.IDP)
        client = Client()
        client.force_login(user)
        session = client.session
        session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
        session.save()
        return session.session_key

    bestuur_rollen = [
        modules.get_module(c).role for c in ("toezicht", "berichten", "leidinggevenden", "mandaten")
    ]
    melding = Melding.objects.verstuurd().filter(bestuur=aalst).order_by("-gewijzigd_op").first()
    aantal = Melding.objects.verstuurd().filter(bestuur=aalst).count()
    diep = max(1, (aantal // 25) * 9 // 10)  # ~90% deep into the filtered list
    # A person reaches that page through "Volgende", whose link carries the cursor of the page before (keyset,
    # toezicht.selectors.LijstPaginator): the last row of page diep - 1 in the list's order.
    vorige = (
        Melding.objects.verstuurd()
        .filter(bestuur=aalst)
        .order_by("-gewijzigd_op", "-id")
        .values_list("gewijzigd_op", "id")[(diep - 1) * 25 - 1 : (diep - 1) * 25]
        if diep > 1
        else []
    )
    cursor = f"{vorige[0][0].isoformat()}_{vorige[0][1]}" if vorige else ""
    return {
        "cookie": settings.SESSION_COOKIE_NAME,
        # A browser holds the CSRF cookie from its first page; wrk sends it like one.
        "csrf_cookie": f"{settings.CSRF_COOKIE_NAME}={get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)}",
        "bestuur": sessie("bench-aalst", aalst, bestuur_rollen),
        "abb": sessie("bench-abb", abb, [modules.ABB_LEZER_ROLE]),
        "melding": str(melding.uuid) if melding else None,
        "diepe_pagina": diep,
        "diepe_cursor": cursor,
        "aalst": str(aalst.uuid),
        "meldingen": Melding.objects.count(),
    }


if __name__ == "__main__":
    main()
