from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from loket import opendata, personen
from loket.access import get_for_bestuur, public, requires_module
from loket.models import Bestuurseenheid
from loket.opgeheven import opgeheven_besturen, opgeheven_bestuur, opgeheven_response
from loket.publiek import publieke_pagina
from loket.tabel import rijen_html

from . import exports, selectors, services, tabellen
from .forms import (
    BeleidsdomeinForm,
    EindeForm,
    FractieForm,
    MandaatForm,
    MandatarisFilter,
    MandatarisForm,
    PeriodeKeuzeForm,
    PersoonForm,
)
from .models import EigenBeleidsdomein, Fractie, Mandaat, Mandataris, PubliekeExport


def _periodes(request):
    """Every bestuursperiode, read once per request (the choice and the page's period selector both need them)."""
    if not hasattr(request, "_mandaten_periodes"):
        request._mandaten_periodes = selectors.periodes()
    return request._mandaten_periodes


def _periode(request, bestuur=None):
    """The bestuursperiode `periode=<slug>` names (query string or form); else the default one."""
    form = PeriodeKeuzeForm({"periode": request.GET.get("periode") or request.POST.get("periode") or ""})
    slug = form.cleaned_data["periode"] if form.is_valid() else ""
    if slug:
        periode = next((p for p in _periodes(request) if p.slug == slug), None)
        if periode is not None:
            return periode
    periode = selectors.standaard_periode(bestuur, alle=_periodes(request))
    if periode is None:
        raise Http404("Er zijn geen bestuursperiodes gekend.")
    return periode


def _url(name, periode, **kwargs):
    return f"{reverse(name, kwargs=kwargs or None)}?periode={periode.slug}"


def _context(request, periode, **extra):
    return {
        "periode": periode,
        "periodes": _periodes(request),
        "waarschuwingen": selectors.waarschuwingen(request.bestuur, periode),
        **extra,
    }


def _toon_waarschuwingen(request, periode):
    for tekst in selectors.waarschuwingen(request.bestuur, periode):
        messages.warning(request, f"Let op: {tekst}")


@requires_module("mandaten")
def index(request):
    """The bestuursperiode selector and the bestuur's bestuursorganen in that period, with their mandaten."""
    periode = _periode(request, request.bestuur)
    return render(
        request,
        "mandaten/index.html",
        _context(request, periode, organen=selectors.organen(request.bestuur, periode)),
    )


@requires_module("mandaten")
def mandatarissen(request):
    periode = _periode(request, request.bestuur)
    filterset = MandatarisFilter(
        request.GET or None, queryset=Mandataris.objects.none(), bestuur=request.bestuur, periode=periode
    )
    # No filter and no sort (also ?periode=... alone): the whole list in its default order, whose totals and first
    # page are queries of a fixed shape (compiled once per process): the list's queryset is not even built.
    standaard = not filterset.is_bound or (
        filterset.form.is_valid() and not any(filterset.form.cleaned_data.values())
    )
    eerste = standaard and request.GET.get("page") in (None, "", "1")
    if not eerste:
        filterset.queryset = selectors.mandatarissen_lijst(request.bestuur, periode)
    filtered = (
        []  # the first page below
        if eerste
        else filterset.queryset.order_by(*selectors.STANDAARD_ORDE)
        if standaard
        else filterset.qs
        if request.GET.get("sorteer")
        else filterset.qs.order_by(*selectors.STANDAARD_ORDE)
    )
    per_orgaan, per_fractie = (
        selectors.alle_totalen(request.bestuur, periode) if standaard else selectors.totalen(filtered)
    )
    paginator = Paginator(filtered, selectors.PER_PAGINA)
    paginator.count = sum(n for _, n in per_orgaan)  # the totals counted every row already: no COUNT(*) again
    page = paginator.get_page(request.GET.get("page"))
    if eerste:
        page.object_list = selectors.eerste_pagina(request.bestuur, periode)
    else:
        page.object_list = selectors.lijst_rijen(request.bestuur, page.object_list)
    return render(
        request,
        "mandaten/mandatarissen.html",
        _context(
            request,
            periode,
            filter=filterset,
            page_obj=page,
            mandatarissen=page.object_list,
            rijen=rijen_html(page, tabellen.KOLOMMEN),
            per_orgaan=per_orgaan,
            per_fractie=per_fractie,
            totaal=page.paginator.count,
            peildatum=periode.peildatum(),
        ),
    )


@requires_module("mandaten")
def mandataris_nieuw(request):
    """Step 1: find the person (name or rijksregisternummer) or create one; step 2: the mandaat."""
    periode = _periode(request, request.bestuur)
    persoon = None
    persoon_id = request.POST.get("persoon") or request.GET.get("persoon")
    if persoon_id:
        persoon = personen.kies(request, persoon_id)  # only the bestuur's persons (or found by their number)
        if persoon is None:
            raise Http404
    if persoon is None:
        # The page's search form posts (a typed rijksregisternummer never lands in a URL or an access log);
        # a link with ?q= (a name) still works.
        zoek = forms.CharField(required=False, max_length=100)  # refuses a NUL byte like every form field
        try:
            query = zoek.clean(request.POST.get("q") or request.GET.get("q", "")).strip()
        except ValidationError:
            query = ""
        resultaten = personen.zoek(request, query, limit=25)
        return render(
            request,
            "mandaten/persoon_zoeken.html",
            _context(
                request,
                periode,
                query=query,
                resultaten=resultaten,
                gezocht=bool(query),
                persoon_form=PersoonForm(initial=_naam_uit_zoekterm(query)),
            ),
        )

    form = MandatarisForm(
        request.POST or None,
        instance=Mandataris(bestuur=request.bestuur, persoon=persoon),
        bestuur=request.bestuur,
        periode=periode,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mandataris = services.maak_mandataris(
                request=request,
                bestuur=request.bestuur,
                persoon=persoon,
                mandaat=data["mandaat"],
                start=data["start"],
                einde=data["einde"],
                status=data["status"],
                rangorde=data["rangorde"],
                fractie=data["fractie"],
                beleidsdomeinen=list(data["beleidsdomeinen"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, f"{mandataris.persoon} is toegevoegd als {mandataris.mandaat.bestuursfunctie.label}."
            )
            _toon_waarschuwingen(request, periode)
            return redirect(_url("mandaten:mandatarissen", periode))
    return render(
        request,
        "mandaten/mandataris_form.html",
        _context(
            request,
            periode,
            form=form,
            persoon=persoon,
            toon_masker=persoon.gekoppeld,
            titel="Mandataris toevoegen",
        ),
    )


def _naam_uit_zoekterm(query):
    from loket import rrn

    if not query:
        return {}
    if rrn.is_valid(query):
        return {"rrn": query}
    delen = query.split(None, 1)
    return {"voornaam": delen[0], "achternaam": delen[1] if len(delen) > 1 else ""}


@requires_module("mandaten")
@require_POST
def persoon_nieuw(request):
    periode = _periode(request, request.bestuur)
    form = PersoonForm(request.POST)
    if form.is_valid():
        try:
            persoon = services.maak_persoon(request=request, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            personen.onthoud(request, persoon)  # not linked to the bestuur until the mandate is saved
            messages.success(request, f"{persoon} is aangemaakt. Vul nu het mandaat in.")
            return redirect(f"{_url('mandaten:mandataris-nieuw', periode)}&persoon={persoon.uuid}")
    return render(
        request,
        "mandaten/persoon_zoeken.html",
        _context(request, periode, query="", resultaten=[], gezocht=False, persoon_form=form),
        status=400,
    )


@requires_module("mandaten")
def mandataris_detail(request, mandataris_id):
    """Edit a mandataris (everything but the person)."""
    mandataris = get_for_bestuur(Mandataris.objects.with_related(), request, uuid=mandataris_id)
    periode = mandataris.mandaat.periode
    form = MandatarisForm(request.POST or None, instance=mandataris, bestuur=request.bestuur, periode=periode)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.wijzig_mandataris(
                request=request,
                mandataris=mandataris,
                mandaat=data["mandaat"],
                start=data["start"],
                einde=data["einde"],
                status=data["status"],
                rangorde=data["rangorde"],
                fractie=data["fractie"],
                beleidsdomeinen=list(data["beleidsdomeinen"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"De gegevens van {mandataris.persoon} zijn bewaard.")
            _toon_waarschuwingen(request, periode)
            return redirect(_url("mandaten:mandatarissen", periode))
    return render(
        request,
        "mandaten/mandataris_form.html",
        _context(
            request,
            periode,
            form=form,
            persoon=mandataris.persoon,
            mandataris=mandataris,
            toon_masker=True,
            titel=f"Mandataris {mandataris.persoon} bewerken",
        ),
    )


@requires_module("mandaten")
def beeindig_mandataris(request, mandataris_id):
    mandataris = get_for_bestuur(Mandataris.objects.with_related(), request, uuid=mandataris_id)
    periode = mandataris.mandaat.periode
    form = EindeForm(request.POST or None, initial={"einde": mandataris.einde})
    if request.method == "POST" and form.is_valid():
        try:
            services.beeindig_mandataris(
                request=request, mandataris=mandataris, einde=form.cleaned_data["einde"]
            )
        except ValidationError as exc:
            form.add_error("einde", exc.message_dict.get("einde") or exc.messages)
        else:
            messages.success(request, f"Het mandaat van {mandataris.persoon} is beëindigd.")
            return redirect(_url("mandaten:mandatarissen", periode))
    return render(
        request,
        "mandaten/mandataris_beeindigen.html",
        _context(request, periode, form=form, mandataris=mandataris),
    )


@requires_module("mandaten")
def fracties(request):
    periode = _periode(request, request.bestuur)
    form = FractieForm(request.POST or None, instance=Fractie(bestuur=request.bestuur, periode=periode))
    if request.method == "POST" and form.is_valid():
        try:
            fractie = services.maak_fractie(
                request=request,
                bestuur=request.bestuur,
                periode=periode,
                naam=form.cleaned_data["naam"],
                fractietype=form.cleaned_data["fractietype"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"De fractie {fractie} is toegevoegd.")
            return redirect(_url("mandaten:fracties", periode))
    return render(
        request,
        "mandaten/fracties.html",
        _context(request, periode, form=form, fracties=selectors.fracties(request.bestuur, periode)),
    )


@requires_module("mandaten")
def fractie_detail(request, fractie_id):
    fractie = get_for_bestuur(
        Fractie.objects.select_related("periode", "fractietype"), request, uuid=fractie_id
    )
    periode = fractie.periode
    form = FractieForm(request.POST or None, instance=fractie)
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_fractie(
                request=request,
                fractie=fractie,
                naam=form.cleaned_data["naam"],
                fractietype=form.cleaned_data["fractietype"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "De fractie is bewaard.")
            return redirect(_url("mandaten:fracties", periode))
    return render(
        request,
        "mandaten/fractie_detail.html",
        _context(
            request,
            periode,
            form=form,
            fractie=fractie,
            leden=selectors.fractie_leden(fractie),
            peildatum=periode.peildatum(),
        ),
    )


@requires_module("mandaten")
def mandaat_detail(request, mandaat_id):
    mandaat = get_for_bestuur(
        Mandaat.objects.select_related("bestuursfunctie", "orgaan_in_tijd__orgaan", "periode"),
        request,
        uuid=mandaat_id,
    )
    form = MandaatForm(request.POST or None, instance=mandaat)
    if request.method == "POST" and form.is_valid():
        services.wijzig_aantal_houders(
            request=request, mandaat=mandaat, aantal_houders=form.cleaned_data["aantal_houders"]
        )
        messages.success(request, "Het maximum aantal houders is bewaard.")
        _toon_waarschuwingen(request, mandaat.periode)
        return redirect(_url("mandaten:index", mandaat.periode))
    return render(
        request,
        "mandaten/mandaat_detail.html",
        _context(request, mandaat.periode, form=form, mandaat=mandaat),
    )


@requires_module("mandaten")
def beleidsdomeinen(request):
    periode = _periode(request, request.bestuur)
    form = BeleidsdomeinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concept = services.voeg_beleidsdomein_toe(
                request=request, bestuur=request.bestuur, label=form.cleaned_data["label"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Het beleidsdomein {concept.label} is toegevoegd.")
            return redirect(_url("mandaten:beleidsdomeinen", periode))
    eigen = (
        EigenBeleidsdomein.objects.for_bestuur(request.bestuur)
        .select_related("concept")
        .order_by("concept__label")
    )
    return render(
        request,
        "mandaten/beleidsdomeinen.html",
        _context(
            request,
            periode,
            form=form,
            eigen=eigen,
            aantal=selectors.beleidsdomeinen(request.bestuur).count(),
        ),
    )


# Public mandatendatabank -----------------------------------------------------------------------------------


def _publiek_bestuur(bestuur_uuid):
    """The bestuur if it has mandaten (its mandaten are reference data kept in memory), else None."""
    bestuur = Bestuurseenheid.objects.select_related("classificatie").filter(uuid=bestuur_uuid).first()
    return bestuur if bestuur is not None and selectors.bestuur_mandaten(bestuur) else None


def _opgeheven(request, bestuur_uuid):
    """A merged bestuur answers 410 with what it became (loket/opgeheven.py); any other unknown one 404."""
    bestuur = opgeheven_bestuur(bestuur_uuid)
    if bestuur is None:
        raise Http404
    opvolger = bestuur.opgeheven_door
    heeft_mandaten = selectors.publieke_besturen().filter(pk=opvolger.pk).exists()
    url = (
        reverse("mandaten:publiek-bestuur", args=[opvolger.uuid])
        if heeft_mandaten
        else reverse("mandaten:publiek")
    )
    return opgeheven_response(
        request, bestuur, url, terug_url=reverse("mandaten:publiek"), terug_label="Naar de mandatendatabank"
    )


@public
@publieke_pagina("mandaten")
def publiek_index(request):
    query = request.GET.get("q", "").strip()
    besturen = selectors.publieke_besturen(query).order_by("naam", "classificatie__label")
    page = Paginator(besturen, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "mandaten/publiek/index.html",
        {
            "query": query,
            "page_obj": page,
            "besturen": page.object_list,
            "opgeheven": opgeheven_besturen(query),
            "exports": PubliekeExport.objects.order_by("formaat"),
        },
    )


@public
@publieke_pagina("mandaten")
def publiek_bestuur(request, bestuur_uuid):
    bestuur = _publiek_bestuur(bestuur_uuid)
    if bestuur is None:
        return _opgeheven(request, bestuur_uuid)
    periode = _periode(request, bestuur)
    return render(
        request,
        "mandaten/publiek/bestuur.html",
        {
            "bestuur": bestuur,
            "periode": periode,
            "periodes": _periodes(request),
            "organen": selectors.publieke_pagina(bestuur, periode),
            "peildatum": periode.peildatum(),
        },
    )


@public
@publieke_pagina("mandaten")
def publiek_export(request, bestuur_uuid, formaat):
    """CSV, Turtle, JSON-LD or N-Triples of one bestuur's current mandatarissen."""
    bestuur = _publiek_bestuur(bestuur_uuid)
    if bestuur is None:
        return _opgeheven(request, bestuur_uuid)
    periode = _periode(request, bestuur)
    besturen = [(bestuur, selectors.publieke_organen(bestuur, periode))]
    if formaat == "csv":
        return exports.csv_response(besturen, periode, bestuur)
    return exports.rdf_response(besturen, periode, formaat, bestuur)


@public
def publiek_export_alle(request, formaat):
    """The current mandatarissen of every active bestuur in one file (open data, regenerated nightly)."""
    return opendata.download(PubliekeExport, formaat)
