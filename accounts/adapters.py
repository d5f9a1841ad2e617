"""django-allauth adapters. Nobody signs up or logs in with a local password: the government IdP is the only way
in (plus the mock login in development).

At every IdP login (accounts/claims.py parses, accounts/services.py writes):
1. pre_social_login: the claims are checked first; a refusal (organisation unknown or merged away, no Loket
   role) ends the flow on a Dutch page before anybody is logged in. The person is found by the keyed hash of
   the `rrn` claim (stable across logins), else by allauth's social account (the `sub`).
2. post_login: names and rrn hash updated, memberships rewritten from the roles, active bestuur = vo_orgcode.
"""

import json
import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount import app_settings as socialaccount_settings
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthError
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
from loket import audit
from loket.access import Rights, veilige_volgende

from . import services
from .claims import Weigering, claims_van, lees_claims, veilige_claims, verberg_rrn
from .models import Membership, User
from .oidc import WEIGERING_SESSION_KEY

logger = logging.getLogger("accounts.aanmelding")


class NoLocalAccountsAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def post_login(self, request, user, *, signal_kwargs=None, **kwargs):
        sociallogin = (signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None:
            claims = claims_van(sociallogin)
            try:
                aanmelding = lees_claims(claims)  # passed in pre_social_login; re-read for the sync
            except Weigering as weigering:  # e.g. the bestuur was closed in between
                return weiger(request, weigering, claims)
            services.meld_aan_via_idp(request=request, user=user, aanmelding=aanmelding)
            messages.success(
                request,
                f"U bent aangemeld als {user.get_full_name()} voor {aanmelding.bestuur.volledige_naam}.",
            )
        return super().post_login(request, user, signal_kwargs=signal_kwargs, **kwargs)

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", **kw):
        """allauth's own messages ("Successfully signed in as ...") are replaced by the Loket's Dutch ones."""
        return None

    def is_safe_url(self, url):
        """`next` of an IdP login: besides allauth's host check, only a page that answers GET."""
        from allauth.core import context

        return super().is_safe_url(url) and veilige_volgende(context.request, url) is not None

    def get_login_redirect_url(self, request):
        """ABB people with an ABB role land on the ABB side of Toezicht; everybody else on the dashboard."""
        bestuur_id = request.session.get(ACTIVE_BESTUUR_SESSION_KEY)
        membership = (
            Membership.objects.filter(user=request.user, bestuur_id=bestuur_id)
            .select_related("bestuur__classificatie")
            .first()
        )
        rights = Rights(membership.bestuur, membership.rollen) if membership is not None else None
        if rights is not None and rights.is_abb_reader:
            return reverse("toezicht:abb-index")
        if rights is not None and rights.is_vlabel:
            return reverse("toezicht:vlabel-index")
        return reverse("loket:dashboard")

    def get_signup_redirect_url(self, request):
        return self.get_login_redirect_url(request)  # a first IdP login is an allauth "signup"


class LoketSocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return True

    def pre_social_login(self, request, sociallogin):
        claims = claims_van(sociallogin)
        # The rrn never reaches the database in clear (allauth saved an existing account's extra_data already).
        verberg_rrn(sociallogin.account.extra_data)
        if sociallogin.account.pk:
            sociallogin.account.save(update_fields=["extra_data"])
        try:
            aanmelding = lees_claims(claims)
        except Weigering as weigering:
            raise ImmediateHttpResponse(weiger(request, weigering, claims)) from weigering
        if aanmelding.rrn_hash:
            person = User.objects.filter(rrn_hash=aanmelding.rrn_hash).first()
            if person is not None and (not sociallogin.is_existing or sociallogin.user.pk != person.pk):
                # The rijksregisternummer is the stable key: this IdP account (new `sub`) belongs to that person.
                sociallogin.user = person
                sociallogin.account.user = person
                sociallogin.account.save()
                token = sociallogin.token
                if socialaccount_settings.STORE_TOKENS and token is not None and token.pk is None:
                    token.account = sociallogin.account
                    token.save()

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        """The IdP said no, the person cancelled, or the callback was tampered with: a Dutch page, not allauth's."""
        logger.warning("Aanmelding via de IdP mislukt: %s %r", error, exception)
        reden = "geannuleerd" if error == AuthError.CANCELLED else "mislukt"
        raise ImmediateHttpResponse(
            render(request, "accounts/aanmelden_geweigerd.html", {"reden": reden}, status=400)
        )

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        claims = claims_van(sociallogin)
        user.username = f"idp-{sociallogin.account.uid}"[:150]
        user.email = ""
        user.vo_id = str(claims.get("vo_id") or "")[:100]
        return user


def weiger(request, weigering, claims):
    """Log the refusal (claims without the rrn), make sure nobody is logged in, show the Dutch explanation."""
    safe = veilige_claims(claims)
    logger.warning("Aanmelding geweigerd (%s): claims=%s", weigering.reden, json.dumps(safe, default=str))
    audit.record(
        bestuur=weigering.bestuur,
        actie="accounts.aanmelding_geweigerd",
        omschrijving=f"Aanmelding geweigerd: {weigering.reden} (organisatiecode {weigering.orgcode or '-'})",
        na=safe,
    )
    if request.user.is_authenticated:
        logout(request)
    bestuur = weigering.bestuur
    request.session[WEIGERING_SESSION_KEY] = {
        "reden": weigering.reden,
        "orgcode": weigering.orgcode,
        "bestuur": bestuur.volledige_naam if bestuur is not None else "",
        "opvolger": bestuur.opgeheven_door.volledige_naam
        if bestuur is not None and bestuur.opgeheven_door_id
        else "",
        "opgegaan_in": bestuur.opgegaan_in_tekst if bestuur is not None else "",
    }
    return redirect("accounts:aanmelden-geweigerd")
