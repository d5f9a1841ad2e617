"""The OpenID Connect plumbing around django-allauth: keeping the raw id_token for RP-initiated logout.

allauth stores the access and refresh tokens (SOCIALACCOUNT_STORE_TOKENS) and the *decoded* id_token, but
`end_session_endpoint` wants the id_token as the IdP signed it (`id_token_hint`). The callback view below is
allauth's own callback with an adapter that remembers that token; accounts/urls.py serves it on allauth's
callback path, so the flow itself is untouched.
"""

import base64
import hashlib
import logging
from urllib.parse import urlencode

import requests
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.http import Http404
from django.urls import reverse

logger = logging.getLogger(__name__)

ID_TOKEN_SESSION_KEY = "loket_oidc_id_token"
PROVIDER_SESSION_KEY = "loket_oidc_provider"
WEIGERING_SESSION_KEY = "loket_aanmelding_geweigerd"


class IdTokenKeepingAdapter(OpenIDConnectOAuth2Adapter):
    raw_id_token = ""

    def complete_login(self, request, app, token, **kwargs):
        self.raw_id_token = (kwargs.get("response") or {}).get("id_token") or ""
        return super().complete_login(request, app, token, **kwargs)


def callback(request, provider_id):
    """allauth's OIDC callback. The raw id_token goes into the session once the person is logged in, and also
    after a refusal (so the refusal page can end the IdP session and let them choose another organisation)."""
    adapter = IdTokenKeepingAdapter(request, provider_id)
    try:
        response = OAuth2CallbackView.adapter_view(adapter)(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc
    refused = WEIGERING_SESSION_KEY in request.session
    if adapter.raw_id_token and (request.user.is_authenticated or refused):
        request.session[ID_TOKEN_SESSION_KEY] = _fernet().encrypt(adapter.raw_id_token.encode()).decode()
        request.session[PROVIDER_SESSION_KEY] = provider_id
    return response


def _fernet():
    """The id_token may carry personal claims (even the rrn): the session keeps it encrypted."""
    key = hashlib.sha256(f"loket-id-token:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def session_id_token(request):
    token = request.session.get(ID_TOKEN_SESSION_KEY)
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def idp_configured():
    return bool(settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS"))


def end_session_url(request, id_token, provider_id):
    """The IdP's end_session_endpoint with id_token_hint and post_logout_redirect_uri, or None (no IdP,
    no endpoint, or the discovery document cannot be fetched: then only the portal session ends)."""
    if not id_token or not provider_id:
        return None
    try:
        config = OpenIDConnectOAuth2Adapter(request, provider_id).openid_config
    except (SocialApp.DoesNotExist, requests.RequestException, ValueError) as exc:
        logger.warning("Afmelden bij de IdP niet mogelijk: %s", exc)
        return None
    endpoint = config.get("end_session_endpoint")
    if not endpoint:
        return None
    target = settings.OIDC_POST_LOGOUT_REDIRECT_URL or request.build_absolute_uri(reverse("loket:start"))
    params = {"id_token_hint": id_token, "post_logout_redirect_uri": target}
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"
