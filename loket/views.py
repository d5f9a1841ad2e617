from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from . import modules
from .access import public, requires_admin, requires_login
from .models import Bestuurseenheid


@public
def start(request):
    """The public start page: what the Loket is and how to get access."""
    if request.user.is_authenticated and request.bestuur is not None:
        return redirect("loket:dashboard")
    return render(
        request, "loket/start.html", {"modules": [m for m in modules.MODULES if m.code != "gebruikers"]}
    )


@requires_login
def dashboard(request):
    tiles = []
    for module in modules.MODULES:
        if request.rights.has_module(module.code) and module.url_name:
            tiles.append({"module": module, "url_name": module.url_name, "beschrijving": module.beschrijving})
        elif request.rights.is_abb_reader and module.abb_url_name:
            tiles.append(
                {"module": module, "url_name": module.abb_url_name, "beschrijving": module.abb_beschrijving}
            )
    return render(request, "loket/dashboard.html", {"tiles": tiles})


STATIC_PAGES = {
    "disclaimer": "Disclaimer",
    "cookieverklaring": "Cookieverklaring",
    "toegankelijkheidsverklaring": "Toegankelijkheidsverklaring",
    "contact": "Hulp en contact",
}


@public
def pagina(request, slug):
    if slug not in STATIC_PAGES:
        raise Http404
    return render(request, f"loket/paginas/{slug}.html", {"titel": STATIC_PAGES[slug]})


@public
def handleiding(request, module):
    """The integrated handleiding of a module (public: people read it before they have access)."""
    module = modules.MODULES_BY_CODE.get(module)
    if module is None:
        raise Http404
    try:
        get_template(module.handleiding)
    except TemplateDoesNotExist as exc:
        raise Http404 from exc
    return render(request, module.handleiding, {"module": module})


@public
def health(request):
    """For the load balancer: the process answers and the database is reachable."""
    from django.http import HttpResponse

    Bestuurseenheid.objects.exists()
    return HttpResponse("ok", content_type="text/plain")


# --- Beheer (ABB functioneel beheerders, LoketLB-admin) -----------------------------------------------------


@requires_admin
def beheer(request):
    return render(request, "loket/beheer/index.html")


@requires_admin
def beheer_audit(request):
    """The audit trail of every module, searchable: bestuur, gebruiker, actie, periode, object."""
    from django.core.paginator import Paginator

    from .filters import AuditFilter
    from .models import AuditEvent

    events = AuditEvent.objects.select_related("bestuur__classificatie", "namens")
    filterset = AuditFilter(request.GET or None, queryset=events)
    from .audit import met_objecten

    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "loket/beheer/audit.html",
        {"filter": filterset, "page_obj": page, "events": met_objecten(page)},
    )


@requires_login
def besturen_zoek(request):
    """At most 20 besturen matching ?q= as <option>s, for the bestuur search fields (their suggestion list)."""
    from django.utils.html import format_html_join

    from .referentie import zoek_besturen

    opties = zoek_besturen(request.GET.get("q", "")[:100], limiet=20)
    html = format_html_join("", '<option value="{}"></option>', ((label,) for _pk, label in opties))
    return HttpResponse(html, content_type="text/html; charset=utf-8")


# --- Open data ----------------------------------------------------------------------------------------------


@public
def open_data(request):
    """Every public dataset with its formats, size, date and licence; the DCAT catalogue beside it."""
    from . import opendata

    licentie_url, licentie_label = opendata.licentie()
    return render(
        request,
        "loket/open_data.html",
        {"datasets": opendata.datasets(), "licentie_url": licentie_url, "licentie_label": licentie_label},
    )


@public
def open_data_catalogus(request, formaat):
    from . import linkeddata, opendata

    if formaat not in linkeddata.FORMATEN:
        raise Http404
    graaf = opendata.catalogus_graaf(request, opendata.datasets())
    return linkeddata.response(graaf, formaat, "catalogus", attachment=False)
