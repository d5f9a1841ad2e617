from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY
from loket import audit, csvexport
from loket.access import public, requires_admin, requires_login, requires_module, veilige_volgende
from loket.context_processors import mock_login_enabled
from loket.models import Bestuurseenheid
from loket.modules import get_module
from loket.opgeheven import opgeheven_besturen

from . import oidc, services
from .filters import GebruikerFilter
from .forms import ImpersonatieForm, MockLoginForm
from .models import Membership, User


def _safe_next(request, default="loket:dashboard"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    return veilige_volgende(request, target) or reverse(default)


def _gekozen_bestuur(request, queryset):
    """The bestuur the request names (`bestuur`, POST before GET) among `queryset`."""
    return queryset.met_uuid(request.POST.get("bestuur") or request.GET.get("bestuur") or "").first()


@public
def aanmelden(request):
    """ "Aanmelden" goes straight to the IdP; without one configured (development) to the mock login."""
    if oidc.idp_configured():
        url = reverse("openid_connect_login", kwargs={"provider_id": settings.OIDC_PROVIDER_ID})
        target = veilige_volgende(request, request.GET.get("next", ""))
        if target:
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
    bestuur = _gekozen_bestuur(request, Bestuurseenheid.objects.actief())
    if bestuur is None:
        results = (
            Bestuurseenheid.objects.actief().search(query).select_related("classificatie")[:25]
            if query
            else []
        )
        return render(
            request,
            "accounts/mock_login.html",
            {
                "query": query,
                "results": results,
                "next": _safe_next(request),
                "opgeheven": opgeheven_besturen(query),
            },
        )

    form = MockLoginForm(request.POST or None, bestuur=bestuur)
    if request.method == "POST" and form.is_valid():
        voornaam, achternaam = form.cleaned_data["voornaam"], form.cleaned_data["achternaam"]
        user, _ = User.objects.get_or_create(
            username=f"mock-{voornaam}-{achternaam}".lower().replace(" ", "-")[:150],
            defaults={"first_name": voornaam, "last_name": achternaam},
        )
        # Keeps this test person's other besturen, so logging in twice gives two besturen in the switcher.
        services.meld_aan_via_testaanmelding(
            request=request, user=user, bestuur=bestuur, rollen=form.cleaned_data["rollen"]
        )
        login(request, user, backend="loket.backends.ModelBackend")
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
    if request.impersonator is not None:
        messages.error(request, "U werkt als een bestuur: stop dat eerst om van bestuur te wisselen.")
        return redirect("loket:dashboard")
    bestuur = _gekozen_bestuur(request, Bestuurseenheid.objects.all())
    if bestuur is None or not services.wissel_bestuur(request=request, bestuur=bestuur):
        messages.error(request, "U hebt geen rechten voor dat bestuur.")
        return redirect("loket:dashboard")
    messages.success(request, f"U werkt nu voor {bestuur.volledige_naam}.")
    return redirect("loket:dashboard")


# --- Gebruikers en rechten (lokale beheerders) ------------------------------------------------------------


def _datum(value):
    return f"{timezone.localtime(value):%d-%m-%Y %H:%M}" if value else ""


@requires_module("gebruikers")
def gebruikers(request):
    """Lokale beheerders: who of their bestuur logged in, with which rights (granted in the IdP, not here)."""
    memberships = (
        Membership.objects.for_bestuur(request.bestuur)
        .select_related("user", "bestuur__classificatie")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    filterset = GebruikerFilter(request.GET or None, queryset=memberships, bestuur=request.bestuur)
    memberships = filterset.qs
    if request.GET.get("formaat") == "csv":
        kolommen = [
            "Voornaam",
            "Achternaam",
            "Rechten",
            "Eerste aanmelding",
            "Laatste aanmelding",
            "bestuur_uri",
            "kbo",
        ]
        rijen = (
            [
                m.user.first_name,
                m.user.last_name,
                ", ".join(m.role_labels),
                _datum(m.eerste_aanmelding),
                _datum(m.laatste_aanmelding),
                m.bestuur.uri,
                m.bestuur.kbo,
            ]
            for m in memberships
        )
        response = csvexport.csv_response(kolommen, rijen, "gebruikers-en-rechten.csv")
        return response
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/gebruikers.html",
        {
            "filter": filterset,
            "page_obj": page,
            "memberships": page.object_list,
            "module": get_module("gebruikers"),
        },
    )


# --- Sessions ----------------------------------------------------------------------------------------------


@requires_login
def sessies(request):
    """Mijn aanmelding: when this session ends, and "afmelden op alle toestellen"."""
    return render(
        request,
        "accounts/sessies.html",
        {"inactief_minuten": settings.SESSION_COOKIE_AGE // 60},
    )


@require_POST
@requires_login
def meld_overal_af(request):
    id_token = oidc.session_id_token(request)
    provider_id = request.session.get(oidc.PROVIDER_SESSION_KEY)
    services.meld_overal_af(request=request)
    logout(request)
    messages.info(request, "U bent afgemeld op alle toestellen en browsers.")
    return redirect(oidc.end_session_url(request, id_token, provider_id) or "loket:start")


# --- Impersonation (ABB functioneel beheerders) ------------------------------------------------------------


@requires_admin
def impersonatie(request):
    """Step 1: search a bestuur. Step 2: choose the rights to work with, and start."""
    query = request.GET.get("q", "").strip()
    gekozen = request.POST.get("bestuur") or request.GET.get("bestuur")
    bestuur = _gekozen_bestuur(request, Bestuurseenheid.objects.actief().select_related("classificatie"))
    if bestuur is not None and bestuur.is_abb:
        bestuur = None
    if bestuur is None:
        results = []
        if query:
            results = [
                b
                for b in Bestuurseenheid.objects.actief().search(query).select_related("classificatie")[:26]
                if not b.is_abb
            ][:25]
        return render(
            request,
            "accounts/impersonatie_zoek.html",
            {"query": query, "results": results, "niet_gevonden": bool(gekozen)},
        )
    form = ImpersonatieForm(request.POST or None, bestuur=bestuur)
    if request.method == "POST" and form.is_valid():
        try:
            services.start_impersonatie(request=request, bestuur=bestuur, rollen=form.cleaned_data["rollen"])
        except services.ImpersonatieFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"U werkt nu als {bestuur.volledige_naam}.")
            return redirect("loket:dashboard")
    return render(request, "accounts/impersonatie_rechten.html", {"bestuur": bestuur, "form": form})


@require_POST
@requires_login
def impersonatie_stop(request):
    bestuur = services.stop_impersonatie(request=request)
    if bestuur is not None:
        messages.success(request, f"U werkt niet meer als {bestuur.volledige_naam}.")
        return redirect("accounts:impersonatie")
    return redirect("loket:dashboard")
