"""Berichtencentrum views: thin; reads via selectors, writes via services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from loket.access import get_for_bestuur, requires_abb, requires_module
from loket.files import download_response
from loket.tabel import rijen_html

from . import selectors, services, tabellen
from .filters import AbbGesprekFilter, GesprekFilter
from .forms import AntwoordForm, MailConfiguratieForm, NieuwGesprekForm
from .models import BerichtBijlage, Gesprek, Partij, TypeCommunicatie, vandaag

PER_PAGINA = selectors.PER_PAGINA


def _paginate(request, queryset):
    return Paginator(queryset, PER_PAGINA).get_page(request.GET.get("page"))


def _bewaar_na_fout(request, form, sleutel):
    """A refused form: keep its valid new files and the kept ones still ticked, to show them as kept."""
    data = getattr(form, "cleaned_data", {})
    bewaard = list(data.get("bewaarde_bijlagen") or [])
    if data.get("bijlagen"):
        bewaard += services.bewaar_bijlagen(request=request, sleutel=sleutel, bijlagen=data["bijlagen"])
    return bewaard


def _add_errors(form, exc):
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# --- Bestuur side -------------------------------------------------------------------------------------------


@requires_module("berichten")
def index(request):
    bestuur, today = request.bestuur, vandaag()
    gefilterd = any(request.GET.get(naam) for naam in GesprekFilter.base_filters)
    # Unfiltered, the filter only shows its form: the page is read without its queryset (_inbox_pagina).
    gesprekken = selectors.inbox_voor(bestuur) if gefilterd else Gesprek.objects.none()
    filterset = GesprekFilter(request.GET or None, queryset=gesprekken)
    if gefilterd:
        page_obj = _paginate(request, selectors.inbox_rijen(filterset.qs))
        # the counts of the whole inbox, whatever the filter
        _, (_, ongelezen, te_laat) = selectors.inbox_pagina(bestuur, 1, today)
    else:
        page_obj, (_, ongelezen, te_laat) = _inbox_pagina(request, bestuur, today)
    return render(
        request,
        "berichten/index.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "gesprekken": page_obj.object_list,
            "rijen": rijen_html(
                page_obj,
                tabellen.kolommen(abb=False, bestuur_naam=bestuur.volledige_naam, today=today),
                tabellen.rij_attributen(abb=False),
            ),
            "ongelezen": ongelezen,
            "te_laat": te_laat,
        },
    )


_HOOGSTE_PAGINA = (2**63 - 1) // PER_PAGINA  # past it, OFFSET does not fit PostgreSQL's bigint


def _inbox_pagina(request, bestuur, today):
    """(page, counts) of the unfiltered inbox: the page Paginator.get_page() would give for ?page=, read with its
    counts in one query (selectors.inbox_pagina); a page past the end or below 1 is the last page, as there."""
    try:
        nummer = int(request.GET.get("page"))
    except (TypeError, ValueError):
        nummer = 1
    rijen, tellingen = [], None
    if 1 <= nummer <= _HOOGSTE_PAGINA:
        rijen, tellingen = selectors.inbox_pagina(bestuur, nummer, today)
    if tellingen is None:  # the last page: the counts of page 1 say which it is
        nummer = 1
        rijen, tellingen = selectors.inbox_pagina(bestuur, 1, today)
        laatste = Paginator(range(tellingen[0]), PER_PAGINA).num_pages
        if laatste > 1:
            nummer = laatste
            rijen = selectors.inbox_pagina(bestuur, laatste, today)[0]
    paginator = Paginator((), PER_PAGINA)
    paginator.count = tellingen[0]
    return Page(rijen, nummer, paginator), tellingen


@requires_module("berichten")
def gesprek(request, gesprek_id):
    gesprek = get_for_bestuur(selectors.gesprekken_voor(request.bestuur), request, uuid=gesprek_id)
    sleutel = services.bewaar_sleutel(gesprek, Partij.BESTUUR)
    bewaard = []
    if request.method == "POST":
        form = AntwoordForm(
            request.POST, request.FILES, bewaard=selectors.bewaarde_bijlagen(request.user, sleutel)
        )
        if form.is_valid():
            try:
                services.beantwoord(
                    request=request,
                    gesprek=gesprek,
                    van=Partij.BESTUUR,
                    inhoud=form.cleaned_data["inhoud"],
                    bijlagen=form.cleaned_data["bijlagen"],
                    bewaarde=form.cleaned_data["bewaarde_bijlagen"],
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Uw antwoord is verstuurd naar het Agentschap Binnenlands Bestuur.")
                return redirect("berichten:gesprek", gesprek_id=gesprek.uuid)
        bewaard = _bewaar_na_fout(request, form, sleutel)
    else:
        form = AntwoordForm()
        services.markeer_gelezen(request=request, gesprek=gesprek, door=Partij.BESTUUR)
    melding_url = ""
    if gesprek.melding and request.rights.has_module("toezicht"):
        melding_url = reverse("toezicht:detail", args=[gesprek.melding.uuid])
    return render(
        request,
        "berichten/gesprek.html",
        {
            "gesprek": gesprek,
            "berichten": selectors.berichten_van(gesprek),
            "form": form,
            "abb": False,
            "melding_url": melding_url,
            "bewaard_getoond": bewaard,
        },
        status=400 if form.errors else 200,
    )


@requires_module("berichten")
def bijlage(request, bijlage_id):
    bijlage = get_for_bestuur(BerichtBijlage.objects.all(), request, uuid=bijlage_id)
    return download_response(bijlage)


@requires_module("berichten")
def configuratie(request):
    config = selectors.mailconfiguratie(request.bestuur)
    if request.method == "POST":
        form = MailConfiguratieForm(request.POST)
        if form.is_valid():
            try:
                services.bewaar_mailconfiguratie(
                    request=request,
                    bestuur=request.bestuur,
                    ontvang_mails=form.cleaned_data["ontvang_mails"],
                    adressen=form.cleaned_data["adressen"],
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "De instellingen van het berichtencentrum zijn bewaard.")
                return redirect("berichten:index")
    else:
        form = MailConfiguratieForm(
            initial={"ontvang_mails": config.ontvang_mails, "adressen": "\n".join(config.adressen)}
        )
    return render(request, "berichten/configuratie.html", {"form": form}, status=400 if form.errors else 200)


# --- ABB side -----------------------------------------------------------------------------------------------
# ABB uses the ABB toezicht roles: DatabankToezichtLezer reads, DatabankToezichtEditeur writes.


@requires_abb()
def abb_index(request):
    filterset = AbbGesprekFilter(request.GET or None, queryset=selectors.abb_inbox())
    page_obj = _paginate(request, filterset.qs)
    return render(
        request,
        "berichten/abb_index.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "gesprekken": page_obj.object_list,
            "rijen": rijen_html(page_obj, tabellen.kolommen(abb=True), tabellen.rij_attributen(abb=True)),
        },
    )


@requires_abb(edit=True)
def abb_nieuw(request):
    sleutel, bewaard = services.bewaar_sleutel(), []
    if request.method == "POST":
        form = NieuwGesprekForm(
            request.POST, request.FILES, bewaard=selectors.bewaarde_bijlagen(request.user, sleutel)
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                gesprek = services.start_gesprek(
                    request=request,
                    bestuur=data["bestuur"],
                    type_communicatie=data["type_communicatie"],
                    betreft=data["betreft"],
                    dossiernummer=data["dossiernummer"],
                    reactietermijn_dagen=data["reactietermijn_dagen"],
                    inhoud=data["inhoud"],
                    bijlagen=data["bijlagen"],
                    bewaarde=data["bewaarde_bijlagen"],
                    melding=data["melding"],
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, f"Het bericht is verstuurd naar {gesprek.bestuur.volledige_naam}.")
                return redirect("berichten:abb-gesprek", gesprek_id=gesprek.uuid)
        bewaard = _bewaar_na_fout(request, form, sleutel)
    else:
        form = NieuwGesprekForm(initial=_initial_voor_melding(request))
    return render(
        request,
        "berichten/abb_nieuw.html",
        {
            "form": form,
            "melding": selectors.verstuurde_melding(form["melding"].value()),
            "bewaard_getoond": bewaard,
        },
        status=400 if form.errors else 200,
    )


def _initial_voor_melding(request):
    """'Start een gesprek over deze melding' (?melding=<uuid>): bestuur, type and betreft filled in."""
    initial = {"reactietermijn_dagen": 30}
    waarde = request.GET.get("melding", "")
    melding = selectors.verstuurde_melding(waarde)
    if melding is None:
        if waarde:
            messages.warning(request, "Deze toezicht melding bestaat niet of is nog niet verstuurd.")
        return initial
    return {
        "bestuur": melding.bestuur_id,
        "melding": melding.uuid,
        "type_communicatie": TypeCommunicatie.KENNISGEVING,
        "reactietermijn_dagen": None,
        "betreft": f"{melding.besluittype}: toezichtsbeslissing" if melding.besluittype else "",
    }


def _abb_gesprek_page(request, gesprek, form, status=200, bewaard=()):
    melding_url = reverse("toezicht:abb-detail", args=[gesprek.melding.uuid]) if gesprek.melding else ""
    return render(
        request,
        "berichten/gesprek.html",
        {
            "gesprek": gesprek,
            "berichten": selectors.berichten_van(gesprek),
            "form": form,
            "abb": True,
            "melding_url": melding_url,
            "bewaard_getoond": bewaard,
        },
        status=status,
    )


@requires_abb()
def abb_gesprek(request, gesprek_id):
    gesprek = get_object_or_404(selectors.alle_gesprekken(), uuid=gesprek_id)
    services.markeer_gelezen(request=request, gesprek=gesprek, door=Partij.ABB)
    form = AntwoordForm(bijlage_verplicht=False) if request.rights.is_abb_editor else None
    return _abb_gesprek_page(request, gesprek, form)


@requires_abb(edit=True)
def abb_antwoord(request, gesprek_id):
    gesprek = get_object_or_404(selectors.alle_gesprekken(), uuid=gesprek_id)
    if request.method != "POST":
        return redirect("berichten:abb-gesprek", gesprek_id=gesprek.uuid)
    sleutel = services.bewaar_sleutel(gesprek, Partij.ABB)
    form = AntwoordForm(
        request.POST,
        request.FILES,
        bijlage_verplicht=False,
        bewaard=selectors.bewaarde_bijlagen(request.user, sleutel),
    )
    if form.is_valid():
        services.beantwoord(
            request=request,
            gesprek=gesprek,
            van=Partij.ABB,
            inhoud=form.cleaned_data["inhoud"],
            bijlagen=form.cleaned_data["bijlagen"],
            bewaarde=form.cleaned_data["bewaarde_bijlagen"],
        )
        messages.success(request, f"Het bericht is verstuurd naar {gesprek.bestuur.volledige_naam}.")
        return redirect("berichten:abb-gesprek", gesprek_id=gesprek.uuid)
    return _abb_gesprek_page(
        request, gesprek, form, status=400, bewaard=_bewaar_na_fout(request, form, sleutel)
    )


@requires_abb()
def abb_bijlage(request, bijlage_id):
    # Only attachments of sent messages: what a bestuur uploaded but has not sent yet stays its own.
    return download_response(get_object_or_404(BerichtBijlage.objects.verzonden(), uuid=bijlage_id))
