"""Factories for beheer tests: an ABB functioneel beheerder (LoketLB-admin)."""

from loket import modules
from tests import factories


def admin_user(**kwargs):
    kwargs.setdefault("first_name", "Ann")
    kwargs.setdefault("last_name", "Beheerder")
    return factories.user_with_rights(factories.abb(), roles=[modules.ADMIN_ROLE], **kwargs)
