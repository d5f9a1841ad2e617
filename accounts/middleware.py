"""The logged-in person's active bestuur and rights on every request (request.bestuur, request.rights,
request.memberships), and the session keys that carry them. Part of accounts (login, rights, switcher): the
shared core (loket/) holds the access rules and reads only what this puts on the request."""

import time

from django.contrib import messages
from django.contrib.auth import logout

from loket import audit
from loket.access import Rights, impersonation_roles
from loket.models import Bestuurseenheid

from .selectors import active_membership, memberships_with_rights

# The active bestuur of the session.
ACTIVE_BESTUUR_SESSION_KEY = "loket_bestuur_id"
# Set while an ABB beheerder (LoketLB-admin) acts as a bestuur: {"bestuur_id": pk, "rollen": [...]}.
IMPERSONATIE_SESSION_KEY = "loket_impersonatie"
# The user's session version when this session logged in; "afmelden op alle toestellen" raises the user's.
SESSIE_VERSIE_SESSION_KEY = "loket_sessie_versie"
# When the session's idle expiry was last pushed forward (epoch seconds); see touch_session.
SESSIE_GEZIEN_SESSION_KEY = "loket_gezien"
SESSIE_VERLENGEN_NA_SECONDEN = 60


class ActiveBestuurMiddleware:
    """Puts the active bestuur and the person's rights for it on the request (request.bestuur, request.rights).

    Also: ends a session that "afmelden op alle toestellen" revoked, and applies an admin's impersonation
    (request.impersonator = the real admin; request.bestuur/request.rights = the impersonated bestuur and the
    chosen module rights, never admin or ABB roles). The request is kept as the audit context.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.bestuur = None
        request.membership = None
        request.memberships = []
        request.rights = Rights()
        request.impersonator = None
        if request.user.is_authenticated and not sessie_geldig(request):
            logout(request)
            messages.info(request, "Uw sessie werd beëindigd. Meld u opnieuw aan.")
        if request.user.is_authenticated:
            touch_session(request)
            request.memberships = memberships_with_rights(request.user)
            membership = active_membership(
                request.memberships, request.session.get(ACTIVE_BESTUUR_SESSION_KEY)
            )
            if membership is not None:
                request.membership = membership
                request.bestuur = membership.bestuur
                request.rights = Rights(membership.bestuur, membership.rollen)
                if request.session.get(ACTIVE_BESTUUR_SESSION_KEY) != membership.bestuur_id:
                    request.session[ACTIVE_BESTUUR_SESSION_KEY] = membership.bestuur_id
            if IMPERSONATIE_SESSION_KEY in request.session:
                apply_impersonation(request)
        token = audit.set_current_request(request)
        try:
            return self.get_response(request)
        finally:
            audit.reset_current_request(token)


def touch_session(request):
    """Push the idle expiry (SESSION_COOKIE_AGE) forward, at most once a minute: saving the session on every
    request would cost a database write per page. The session may so end up to a minute early."""
    now = int(time.time())
    if now - request.session.get(SESSIE_GEZIEN_SESSION_KEY, 0) >= SESSIE_VERLENGEN_NA_SECONDEN:
        request.session[SESSIE_GEZIEN_SESSION_KEY] = now


def sessie_geldig(request):
    return request.session.get(SESSIE_VERSIE_SESSION_KEY, 0) == getattr(request.user, "sessie_versie", 0)


def apply_impersonation(request):
    """Only a person who is (still) LoketLB-admin on their own ABB session may act as another bestuur."""
    data = request.session.get(IMPERSONATIE_SESSION_KEY) or {}
    bestuur = None
    if request.rights.is_admin and isinstance(data, dict):
        bestuur = (
            Bestuurseenheid.objects.select_related("classificatie")
            .filter(pk=data.get("bestuur_id"), actief=True)
            .first()
        )
    if bestuur is None or bestuur.is_abb:
        request.session.pop(IMPERSONATIE_SESSION_KEY, None)
        audit.record(
            user=request.user,
            bestuur=Bestuurseenheid.objects.filter(
                pk=data.get("bestuur_id") if isinstance(data, dict) else None
            )
            .select_related("classificatie")
            .first(),
            actie="accounts.impersonatie_gestopt",
            omschrijving="Werken als een bestuur beëindigd: geen beheerrecht meer of bestuur niet meer actief",
        )
        return
    request.impersonator = request.user
    request.admin_bestuur = request.bestuur
    request.membership = None
    request.bestuur = bestuur
    request.rights = Rights(bestuur, impersonation_roles(bestuur, data.get("rollen") or []))
