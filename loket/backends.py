from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import backends, get_user_model

from . import modules


class _SessieGebruiker:
    """The person of a session read with the user model manager's `voor_sessie` (accounts: the person with their
    memberships in one query, as every page needs both) instead of Django's `get(pk=…)`."""

    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.voor_sessie(user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(_SessieGebruiker, backends.ModelBackend):
    """Django's backend under the path sessions already name (a changed path would log everybody out)."""


class AllauthBackend(_SessieGebruiker, AuthenticationBackend):
    """allauth's backend under the path sessions already name."""


class AdminRoleBackend(backends.BaseBackend):
    """Django admin model permissions for people holding LoketLB-admin for an ABB bestuur (from the IdP)."""

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return False
        if not hasattr(user_obj, "_loket_is_admin"):
            user_obj._loket_is_admin = any(
                modules.ADMIN_ROLE in m.rollen and m.bestuur.is_abb
                for m in getattr(user_obj, "_lidmaatschappen", None)
                or user_obj.memberships.select_related("bestuur__classificatie")
            )
        return user_obj._loket_is_admin

    def has_module_perms(self, user_obj, app_label):
        return self.has_perm(user_obj, f"{app_label}.*")
