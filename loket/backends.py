from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import backends, get_user_model

from . import modules, pagecache


class CachedUserMixin:
    """The logged-in person and their memberships are read on every request: kept in the cache until a user,
    membership or bestuur changes (any login, an admin's change; loket/pagecache.py), instead of two queries."""

    def get_user(self, user_id):
        from accounts.models import Membership
        from accounts.selectors import memberships_with_rights

        from .models import Bestuurseenheid, Classificatie

        lees = super().get_user

        def user_with_memberships():
            user = lees(user_id)
            if user is not None:
                memberships_with_rights(user)
            return user

        return pagecache.kept_while_unchanged(
            f"loket:gebruiker:{type(self).__name__}:{user_id}",
            [get_user_model(), Membership, Bestuurseenheid, Classificatie],
            user_with_memberships,
        )


class ModelBackend(CachedUserMixin, backends.ModelBackend):
    pass


class AllauthBackend(CachedUserMixin, AuthenticationBackend):
    pass


class AdminRoleBackend(backends.BaseBackend):
    """Django admin model permissions for people holding LoketLB-admin for an ABB bestuur (from the IdP)."""

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return False
        if not hasattr(user_obj, "_loket_is_admin"):
            user_obj._loket_is_admin = any(
                modules.ADMIN_ROLE in m.rollen and m.bestuur.is_abb
                for m in user_obj.memberships.select_related("bestuur__classificatie")
            )
        return user_obj._loket_is_admin

    def has_module_perms(self, user_obj, app_label):
        return self.has_perm(user_obj, f"{app_label}.*")
