import csv
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from loket import audit
from loket.access import public, requires_login, requires_module
from loket.context_processors import mock_login_enabled
from loket.middleware import ACTIVE_BESTUUR_SESSION_KEY
from loket.models import Bestuurseenheid

from . import oidc, services
from .forms import MockLoginForm
from .models import Membership, User


def _safe_next(request, default="loket:dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


@public
def aanmelden(request):
    """ "Aanmelden" goes straight to the IdP; without one configured (development) to the mock login."""
    if oidc.idp_configured():
        url = reverse("openid_connect_login", kwargs={"provider_id": settings.OIDC_PROVIDER_ID})
        target = request.GET.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            # Without next, the adapter picks the landing page (ABB people: the ABB side).
            url = f"{url}?{urlencode({'next': target})}"
        return redirect(url)
    if mock_login_enabled():
        return redirect(f"{reverse('accounts:mock-login')}?next={_safe_next(request)}")
    return render(request, "accounts/aanmelden_niet_beschikbaar.html", status=503)


@public
def oidc_callback(request, provider_id):
    """allauth's OpenID Connect callback, keeping the id_token for the logout at the IdP (see accounts/oidc.py)."""
    return oidc.callback(request, provider_id)


@public
def aanmelden_geweigerd(request):
    """Why the IdP login was refused (organisation unknown or merged away, no Loket role). Nobody is logged in."""
    weigering = request.session.get(oidc.WEIGERING_SESSION_KEY) or {}
    return render(
        request,
        "accounts/aanmelden_geweigerd.html",
        {
            "weigering": weigering,
            "reden": weigering.get("reden", ""),
            "idp_sessie": bool(request.session.get(oidc.ID_TOKEN_SESSION_KEY)),
        },
        status=403 if weigering else 200,
    )


@public
def mock_login(request):
    """Development and demo only: log in as a person of a chosen bestuur with chosen rights."""
    if not mock_login_enabled():
        raise Http404("De testaanmelding bestaat alleen in de ontwikkelomgeving.")
    query = request.GET.get("q", "").strip()
    bestuur = None
    if request.GET.get("bestuur") or request.POST.get("bestuur"):
        bestuur = (
            Bestuurseenheid.objects.actief()
            .filter(uuid=request.POST.get("bestuur") or request.GET.get("bestuur"))
            .first()
        )
    if bestuur is None:
        results = (
            Bestuurseenheid.objects.actief().search(query).select_related("classificatie")[:25]
            if query
            else []
        )
        return render(
            request,
            "accounts/mock_login.html",
            {"query": query, "results": results, "next": _safe_next(request)},
        )

    form = MockLoginForm(request.POST or None, bestuur=bestuur)
    if request.method == "POST" and form.is_valid():
        voornaam, achternaam = form.cleaned_data["voornaam"], form.cleaned_data["achternaam"]
        user, _ = User.objects.get_or_create(
            username=f"mock-{voornaam}-{achternaam}".lower().replace(" ", "-")[:150],
            defaults={"first_name": voornaam, "last_name": achternaam},
        )
        # Keep this test person's other besturen, so logging in twice gives two besturen in the switcher.
        grants = {m.bestuur: m.rollen for m in user.memberships.select_related("bestuur")}
        grants[bestuur] = form.cleaned_data["rollen"]
        services.sync_memberships(user=user, grants=grants, bron=Membership.Bron.MOCK)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
        messages.success(
            request, f"U bent aangemeld als {user.get_full_name()} voor {bestuur.volledige_naam}."
        )
        return redirect(_safe_next(request))
    return render(
        request,
        "accounts/mock_login_rechten.html",
        {"bestuur": bestuur, "form": form, "next": _safe_next(request)},
    )


@require_POST
@public
def afmelden(request):
    """Ends the portal session and, after an IdP login, the IdP session too (RP-initiated logout)."""
    id_token = oidc.session_id_token(request)
    provider_id = request.session.get(oidc.PROVIDER_SESSION_KEY)
    if request.user.is_authenticated:
        audit.record(request=request, actie="accounts.afgemeld", omschrijving="Afgemeld")
    logout(request)
    if id_token:  # kept for the IdP's end_session_endpoint; the portal session itself is gone
        messages.info(request, "U bent afgemeld, ook bij de Vlaamse overheid.")
    else:
        messages.info(request, "U bent afgemeld.")
    return redirect(oidc.end_session_url(request, id_token, provider_id) or "loket:start")


@require_POST
@requires_login
def wissel_bestuur(request):
    bestuur = Bestuurseenheid.objects.filter(uuid=request.POST.get("bestuur", "")).first()
    if bestuur is None or not services.switch_bestuur(request=request, bestuur=bestuur):
        messages.error(request, "U hebt geen rechten voor dat bestuur.")
        return redirect("loket:dashboard")
    messages.success(request, f"U werkt nu voor {bestuur.volledige_naam}.")
    return redirect("loket:dashboard")


@requires_module("gebruikers")
def gebruikers(request):
    """Lokale beheerders: who of their bestuur logged in, with which rights (granted in the IdP, not here)."""
    memberships = (
        Membership.objects.for_bestuur(request.bestuur)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    query = request.GET.get("q", "").strip()
    if query:
        memberships = memberships.filter(user__last_name__icontains=query) | memberships.filter(
            user__first_name__icontains=query
        )
    if request.GET.get("formaat") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="gebruikers-en-rechten.csv"'
        writer = csv.writer(response, delimiter=";")
        writer.writerow(["Voornaam", "Achternaam", "Rechten", "Eerste aanmelding", "Laatste aanmelding"])
        for m in memberships:
            writer.writerow([m.user.first_name, m.user.last_name, ", ".join(m.role_labels),
                             f"{m.eerste_aanmelding:%d-%m-%Y %H:%M}", f"{m.laatste_aanmelding:%d-%m-%Y %H:%M}"])  # fmt: skip
        return response
    return render(request, "accounts/gebruikers.html", {"memberships": memberships, "query": query})
