import logging

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from .access import Rights, Rule, access_rule

logger = logging.getLogger(__name__)
ACTIVE_BESTUUR_SESSION_KEY = "loket_bestuur_id"


class ActiveBestuurMiddleware:
    """Puts the active bestuur and the person's rights for it on the request (request.bestuur, request.rights)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.bestuur = None
        request.membership = None
        request.rights = Rights()
        if request.user.is_authenticated:
            from accounts.selectors import active_membership

            membership = active_membership(request.user, request.session.get(ACTIVE_BESTUUR_SESSION_KEY))
            if membership is not None:
                request.membership = membership
                request.bestuur = membership.bestuur
                request.rights = Rights(membership.bestuur, membership.rollen)
                request.session[ACTIVE_BESTUUR_SESSION_KEY] = membership.bestuur_id
        return self.get_response(request)


class AccessMiddleware:
    """Enforces each view's declared rule. A view that declares nothing is refused (deny by default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = access_rule(view_func)
        if rule is None:
            match = request.resolver_match
            if match and "admin" in match.namespaces:
                rule = (
                    Rule("public") if getattr(view_func, "login_required", True) is False else Rule("admin")
                )
            elif getattr(view_func, "login_required", True) is False:
                rule = Rule("public")  # third-party views Django marks as public (allauth's login flow)
            else:
                logger.error(
                    "View %s declares no access rule: refused", getattr(view_func, "__name__", view_func)
                )
                return geen_toegang(request)
        if rule.kind == "public":
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rule.allows(request.rights):
            return geen_toegang(request)
        return None


def geen_toegang(request):
    return render(request, "403.html", status=403)
