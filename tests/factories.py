"""Shared factories. Besturen are never invented: tests pick real ones from the loaded reference data."""

import factory

from accounts.models import Membership, User
from accounts.services import werk_lidmaatschappen_bij
from loket import modules
from loket.models import Bestuurseenheid


def bestuur(naam, classificatie="Gemeente"):
    """A real bestuur from the reference data, e.g. bestuur("Aalst"), bestuur("Gent", "OCMW")."""
    return Bestuurseenheid.objects.select_related("classificatie").get(
        naam=naam, classificatie__label=classificatie, actief=True
    )


def abb():
    return Bestuurseenheid.objects.select_related("classificatie").get(naam="Agentschap Binnenlands Bestuur")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"persoon-{n}")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")


def user_with_rights(bestuur, *module_codes, roles=(), **kwargs):
    """A person holding the rights of the given modules (codes from loket.modules) for `bestuur`."""
    user = UserFactory(**kwargs)
    grants = {m.bestuur: m.rollen for m in user.memberships.select_related("bestuur")}
    grants[bestuur] = [modules.get_module(code).role for code in module_codes] + list(roles)
    werk_lidmaatschappen_bij(user=user, grants=grants, bron=Membership.Bron.MOCK)
    return user
