"""URL kwargs for the access walk (tests/test_url_access.py): accounts' only kwarg is the IdP's provider id in
allauth's OpenID Connect callback path (served by accounts.views.oidc_callback)."""

from django.conf import settings


def url_kwargs(bestuur):
    return {"provider_id": settings.OIDC_PROVIDER_ID}
