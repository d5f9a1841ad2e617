"""django-allauth adapters. Nobody signs up or logs in with a local password: the government IdP is the only way
in (plus the mock login in development)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class NoLocalAccountsAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False


class LoketSocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return True
