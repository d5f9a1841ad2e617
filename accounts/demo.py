"""Demo persons: each gets the rights their bestuur is eligible for, as the mock login would give them."""

from loket import modules
from loket.models import Bestuurseenheid

from .models import Membership, User
from .services import werk_lidmaatschappen_bij

DEMO_BESTUREN = [("Aalst", "Gemeente"), ("Aalst", "OCMW"), ("Gent", "Gemeente"), ("Antwerpen", "Provincie")]


def load(log):
    besturen = [
        Bestuurseenheid.objects.get(naam=n, classificatie__label=c, actief=True) for n, c in DEMO_BESTUREN
    ]
    user, _ = User.objects.get_or_create(
        username="mock-demo-gebruiker", defaults={"first_name": "Demo", "last_name": "Gebruiker"}
    )
    werk_lidmaatschappen_bij(
        user=user, grants={b: modules.eligible_roles(b) for b in besturen}, bron=Membership.Bron.MOCK
    )
    log(f"Demopersoon 'Demo Gebruiker' met rechten voor {len(besturen)} besturen.")
