from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loket.access import requires_abb, requires_module
from loket.files import download_response
from loket.modules import get_module
from loket.pdf import render_pdf

from . import selectors, services
from .filters import AbbRapportFilter, RapportFilter
from .forms import BestandenForm, FeedbackForm
from .models import Rapport

PER_PAGINA = 20


def _pagina(request, queryset):
    return Paginator(queryset, PER_PAGINA).get_page(request.GET.get("page"))


# --- bestuur side ---------------------------------------------------------------------------------------------


@requires_module("bbcdr")
@require_GET
def index(request):
    filterset = RapportFilter(request.GET, queryset=selectors.rapporten_voor(request.bestuur))
    return render(
        request,
        "bbcdr/index.html",
        {
            "module": get_module("bbcdr"),
            "filter": filterset,
            "page_obj": _pagina(request, filterset.qs),
        },
    )


@requires_module("bbcdr")
@require_POST
def nieuw(request):
    rapport = services.maak_rapport(bestuur=request.bestuur, user=request.user, request=request)
    messages.success(request, "Nieuw rapport aangemaakt. Laad het XML- en het XBRL-bestand op.")
    return redirect("bbcdr:detail", rapport_id=rapport.uuid)


@requires_module("bbcdr")
@require_http_methods(["GET", "POST"])
def detail(request, rapport_id):
    rapport = selectors.rapport_van(request, rapport_id)
    form = BestandenForm(rapport=rapport)
    if request.method == "POST":
        if not rapport.is_concept:
            messages.error(request, "Dit rapport is al verstuurd; de bestanden kunnen niet meer veranderen.")
            return redirect("bbcdr:detail", rapport_id=rapport.uuid)
        form = BestandenForm(request.POST, request.FILES, rapport=rapport)
        form.is_valid()
        _bewaar_bestanden(request, rapport, form)
        if not form.errors:
            return redirect("bbcdr:detail", rapport_id=rapport.uuid)
        rapport = selectors.rapport_van(request, rapport_id)  # show what is stored now
        for soort, veld in BestandenForm(rapport=rapport).fields.items():
            form.fields[soort].label = veld.label
    return render(
        request, "bbcdr/detail.html", {"rapport": rapport, "form": form}, status=400 if form.errors else 200
    )


def _bewaar_bestanden(request, rapport, form):
    """Store every file that passed its checks (even if the other one failed), then a requested removal.

    What was done is told with a message; what was refused stays as errors on the form.
    """
    actie = request.POST.get("actie", "bewaar")
    te_verwijderen = (
        actie.removeprefix("verwijder-") if actie in ("verwijder-xml", "verwijder-xbrl") else None
    )
    gedaan = []
    try:
        for soort, uploaded in form.bestanden().items():
            if soort != te_verwijderen:
                bestand = services.bewaar_bestand(
                    rapport=rapport,
                    soort=soort,
                    uploaded_file=uploaded,
                    user=request.user,
                    request=request,
                    gevalideerd=True,
                )
                gedaan.append(f"«{bestand.naam}» is bewaard als {bestand.get_soort_display()}.")
        if te_verwijderen:
            bestand = services.verwijder_bestand(
                rapport=rapport, soort=te_verwijderen, user=request.user, request=request
            )
            if bestand is not None:
                gedaan.append(f"{bestand.get_soort_display()} «{bestand.naam}» is verwijderd.")
    except ValidationError as exc:  # e.g. sent in the meantime from another window
        form.add_error(None, exc)
    if not gedaan and not form.errors:
        form.add_error(None, "Kies een XML- of XBRL-bestand om te bewaren.")
    for tekst in gedaan:
        messages.success(request, tekst)


@requires_module("bbcdr")
@require_POST
def verstuur(request, rapport_id):
    rapport = selectors.rapport_van(request, rapport_id)
    try:
        services.verstuur_rapport(rapport=rapport, user=request.user, request=request)
    except ValidationError as exc:
        for tekst in exc.messages:
            messages.error(request, tekst)
    else:
        messages.success(request, "Het rapport is verstuurd naar de Vlaamse overheid.")
    return redirect("bbcdr:detail", rapport_id=rapport.uuid)


@requires_module("bbcdr")
def verwijder(request, rapport_id):
    """GET asks first (every delete does), POST deletes the concept."""
    rapport = selectors.rapport_van(request, rapport_id)
    if request.method != "POST":
        return render(
            request,
            "loket/bevestig_verwijderen.html",
            {
                "titel": "Concept verwijderen?",
                "tekst": f"U staat op het punt het concept-rapport van {timezone.localtime(rapport.aangemaakt_op):%d-%m-%Y} te verwijderen, "
                "met de bestanden die u al oplaadde. Het verdwijnt uit uw lijst.",
                "knop": "Ja, verwijder dit concept",
                "terug_url": reverse("bbcdr:detail", kwargs={"rapport_id": rapport.uuid}),
            },
        )
    try:
        services.verwijder_rapport(rapport=rapport, user=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("bbcdr:detail", rapport_id=rapport.uuid)
    messages.success(request, "Het concept is verwijderd.")
    return redirect("bbcdr:index")


@requires_module("bbcdr")
@require_GET
def download(request, rapport_id, bestand_id):
    rapport = selectors.rapport_van(request, rapport_id)
    return download_response(selectors.bestand_van(request, rapport, bestand_id))


@requires_module("bbcdr")
@require_GET
def ontvangstbewijs(request, rapport_id):
    rapport = selectors.rapport_van(request, rapport_id)
    if rapport.is_concept:
        raise Http404
    pdf = render_pdf("bbcdr/ontvangstbewijs.html", {"rapport": rapport})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ontvangstbewijs-bbcdr-{rapport.uuid}.pdf"'
    return response


# --- ABB side -------------------------------------------------------------------------------------------------


@requires_abb()
@require_GET
def abb_index(request):
    filterset = AbbRapportFilter(request.GET, queryset=selectors.verstuurde_rapporten())
    return render(
        request,
        "bbcdr/abb_index.html",
        {
            "module": get_module("bbcdr"),
            "filter": filterset,
            "page_obj": _pagina(request, filterset.qs),
        },
    )


@requires_abb()
@require_GET
def abb_detail(request, abb_rapport_id):
    rapport = selectors.verstuurd_rapport(abb_rapport_id)
    initial = {
        "status": rapport.status if rapport.status != Rapport.Status.VERSTUURD else "",
        "opmerking": rapport.abb_opmerking,
    }
    return render(
        request, "bbcdr/abb_detail.html", {"rapport": rapport, "form": FeedbackForm(initial=initial)}
    )


@requires_abb(edit=True)
@require_POST
def abb_feedback(request, abb_rapport_id):
    rapport = selectors.verstuurd_rapport(abb_rapport_id)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.geef_feedback(
                rapport=rapport,
                status=form.cleaned_data["status"],
                opmerking=form.cleaned_data["opmerking"],
                user=request.user,
                request=request,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "De beoordeling is bewaard; het bestuur ziet ze bij het rapport.")
            return redirect("bbcdr:abb-detail", abb_rapport_id=rapport.uuid)
    return render(request, "bbcdr/abb_detail.html", {"rapport": rapport, "form": form}, status=400)


@requires_abb(edit=True)
@require_POST
def abb_herlever(request, abb_rapport_id):
    rapport = selectors.verstuurd_rapport(abb_rapport_id)
    services.herlever(rapport=rapport, user=request.user, request=request)
    messages.success(request, "Een nieuwe poging tot levering is ingepland.")
    return redirect(reverse("bbcdr:abb-detail", kwargs={"abb_rapport_id": rapport.uuid}))


@requires_abb()
@require_GET
def abb_download(request, abb_rapport_id, bestand_id):
    rapport = selectors.verstuurd_rapport(abb_rapport_id)
    return download_response(selectors.bestand_van_verstuurd(rapport, bestand_id))
