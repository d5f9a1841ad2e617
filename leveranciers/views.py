"""Pages: ABB's management of vendors (admin), ABB's view of the processing (toezicht readers; retry: editeurs),
the bestuur's list of vendors that may act for it (toezicht right), the vendor documentation (public) and the
OpenAPI document (public)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from loket.access import public, requires_abb, requires_admin, requires_module
from loket.models import Bestuurseenheid

from . import openapi, services
from .forms import BestuurZoekForm, LeverancierForm, NieuweLeverancierForm, VerwerkingFilterForm
from .models import STATUS_INZENDBAAR, Inzending, Leverancier


def _sleutel_getoond(response):
    response["Cache-Control"] = "no-store"
    return response


@public
def openapi_document(request):
    return JsonResponse(openapi.document(request.build_absolute_uri("/")), json_dumps_params={"indent": 1})


@public
def handleiding(request):
    return render(request, "leveranciers/handleiding.html")


@requires_module("toezicht")
def bestuur_index(request):
    leveranciers = Leverancier.objects.voor_bestuur(request.bestuur).order_by("naam")
    return render(request, "leveranciers/bestuur_index.html", {"leveranciers": leveranciers})


@requires_admin
def abb_index(request):
    leveranciers = Leverancier.objects.order_by("naam")
    return render(request, "leveranciers/abb_index.html", {"leveranciers": leveranciers})


@requires_admin
def abb_nieuw(request):
    form = NieuweLeverancierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        leverancier, sleutel = services.maak_leverancier(
            naam=form.cleaned_data["naam"], uri=form.cleaned_data["uri"], request=request
        )
        return _sleutel_getoond(
            render(request, "leveranciers/abb_sleutel.html", {"leverancier": leverancier, "sleutel": sleutel})
        )
    return render(request, "leveranciers/abb_nieuw.html", {"form": form})


@requires_admin
def abb_detail(request, leverancier_id):
    leverancier = get_object_or_404(Leverancier, uuid=leverancier_id)
    form = LeverancierForm(request.POST or None, instance=Leverancier.objects.get(pk=leverancier.pk))
    if request.method == "POST" and form.is_valid():
        services.wijzig_leverancier(
            leverancier=leverancier,
            naam=form.cleaned_data["naam"],
            uri=form.cleaned_data["uri"],
            actief=form.cleaned_data["actief"],
            request=request,
        )
        messages.success(request, "De leverancier is bewaard.")
        return redirect("leveranciers:abb-detail", leverancier_id=leverancier.uuid)
    zoek = BestuurZoekForm(request.GET or None)
    gevonden = []
    if zoek.is_valid() and zoek.cleaned_data["q"].strip():
        gevonden = (
            Bestuurseenheid.objects.actief()
            .search(zoek.cleaned_data["q"].strip())
            .exclude(pk__in=leverancier.besturen.values("pk"))
            .select_related("classificatie")
            .order_by("naam")[:20]
        )
    return render(
        request,
        "leveranciers/abb_detail.html",
        {
            "leverancier": leverancier,
            "form": form,
            "zoek": zoek,
            "gevonden": gevonden,
            "besturen": leverancier.besturen.select_related("classificatie").order_by("naam"),
            "inzendingen": leverancier.inzendingen.select_related("bestuur")[:10],
        },
    )


@requires_admin
@require_POST
def abb_sleutel(request, leverancier_id):
    leverancier = get_object_or_404(Leverancier, uuid=leverancier_id)
    leverancier, sleutel = services.vernieuw_sleutel(leverancier=leverancier, request=request)
    return _sleutel_getoond(
        render(
            request,
            "leveranciers/abb_sleutel.html",
            {"leverancier": leverancier, "sleutel": sleutel, "vernieuwd": True},
        )
    )


@requires_admin
@require_POST
def abb_besturen(request, leverancier_id):
    leverancier = get_object_or_404(Leverancier, uuid=leverancier_id)
    bestuur = Bestuurseenheid.objects.met_uuid(request.POST.get("bestuur", "")).first()
    if bestuur is None:
        messages.error(request, "Kies een bestuur uit de lijst.")
    elif request.POST.get("actie") == "verwijder":
        services.verwijder_bestuur(leverancier=leverancier, bestuur=bestuur, request=request)
        messages.success(request, f"{bestuur.volledige_naam} is verwijderd.")
    else:
        services.voeg_bestuur_toe(leverancier=leverancier, bestuur=bestuur, request=request)
        messages.success(request, f"{bestuur.volledige_naam} is toegevoegd.")
    return redirect("leveranciers:abb-detail", leverancier_id=leverancier.uuid)


@requires_abb()
def abb_verwerkingen(request):
    form = VerwerkingFilterForm(request.GET or None)
    inzendingen = Inzending.objects.select_related("leverancier", "bestuur__classificatie", "melding")
    if form.is_valid() and form.cleaned_data["status"]:
        inzendingen = inzendingen.filter(status=form.cleaned_data["status"])
    page = Paginator(inzendingen, 25).get_page(request.GET.get("page"))
    return render(request, "leveranciers/abb_verwerkingen.html", {"form": form, "page_obj": page})


@requires_abb()
def abb_verwerking(request, inzending_id):
    inzending = get_object_or_404(
        Inzending.objects.select_related("leverancier", "bestuur__classificatie", "melding"),
        uuid=inzending_id,
    )
    return render(
        request,
        "leveranciers/abb_verwerking.html",
        {"inzending": inzending, "stappen": inzending.stappen.all(), "inzendbaar": STATUS_INZENDBAAR},
    )


@requires_abb(edit=True)
@require_POST
def abb_opnieuw(request, inzending_id):
    inzending = get_object_or_404(Inzending, uuid=inzending_id)
    try:
        services.opnieuw(inzending=inzending, request=request)
        messages.success(request, "De verwerking is opnieuw gestart.")
    except ValidationError:
        messages.info(request, "Alleen een mislukte verwerking kan opnieuw gestart worden.")
    return redirect("leveranciers:abb-verwerking", inzending_id=inzending.uuid)
