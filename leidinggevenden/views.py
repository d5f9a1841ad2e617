"""Databank leidinggevenden: beheer by the bestuur (module right) and the public site (no login)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from loket import opendata, personen, rrn
from loket.access import get_for_bestuur, public, requires_module
from loket.modules import get_module
from loket.opgeheven import opgeheven_besturen, opgeheven_bestuur, opgeheven_response
from loket.publiek import publieke_pagina

from . import forms, functies, selectors, services
from .models import ContactGegevens, Functionaris, PubliekeExport


def _functie_or_404(request, bestuursfunctie_id):
    functie = selectors.functie_voor(request.bestuur, bestuursfunctie_id)
    if functie is None:
        raise Http404
    return functie


def _fouten_naar_form(form, exc):
    for veld, fouten in exc.message_dict.items():
        form.add_error(veld if veld in form.fields else None, fouten)


def _ctx(request, functie, **extra):
    """Context of a page about one function of the active bestuur."""
    return {"functie": functie, "functie_id": functies.bestuursfunctie_id(request.bestuur, functie), **extra}


def _functie_url(bestuur, functie):
    return reverse(
        "leidinggevenden:functie",
        kwargs={"bestuursfunctie_id": functies.bestuursfunctie_id(bestuur, functie)},
    )


# --- beheer -------------------------------------------------------------------------------------------


@requires_module("leidinggevenden")
def index(request):
    overzichten = selectors.overzicht_functies(request.bestuur)
    if not overzichten:
        return render(
            request, "leidinggevenden/geen_functies.html", {"module": get_module("leidinggevenden")}
        )
    return render(
        request,
        "leidinggevenden/index.html",
        {"overzichten": overzichten, "module": get_module("leidinggevenden")},
    )


@requires_module("leidinggevenden")
def functie(request, bestuursfunctie_id):
    functie = _functie_or_404(request, bestuursfunctie_id)
    overzicht = selectors.functie_overzichten(request.bestuur, alleen=functie)[0]
    return render(
        request,
        "leidinggevenden/functie.html",
        _ctx(request, functie, overzicht=overzicht),
    )


@requires_module("leidinggevenden")
def contactgegevens(request, bestuursfunctie_id):
    functie = _functie_or_404(request, bestuursfunctie_id)
    contact = ContactGegevens.objects.for_bestuur(request.bestuur).filter(functie=functie.code).first()
    contact = contact or ContactGegevens(bestuur=request.bestuur, functie=functie.code)
    form = forms.ContactGegevensForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaar_contactgegevens(
                request=request, bestuur=request.bestuur, functie=functie, **form.cleaned_data
            )
        except ValidationError as exc:
            _fouten_naar_form(form, exc)
        else:
            messages.success(request, f"De contactgegevens van de {functie.label.lower()} zijn bewaard.")
            return redirect(_functie_url(request.bestuur, functie))
    return render(
        request,
        "leidinggevenden/contactgegevens.html",
        _ctx(request, functie, form=form),
    )


@requires_module("leidinggevenden")
def nieuw(request, bestuursfunctie_id):
    """Step 1: look for the person first, so nobody is created twice.

    The search is a POST: a rijksregisternummer never ends up in a URL (logs, history), and a number that
    matched is not echoed back: the page shows only its mask.
    """
    functie = _functie_or_404(request, bestuursfunctie_id)
    form = forms.PersoonZoekForm(request.POST or None)
    resultaten, gezocht_masker = None, ""
    if request.method == "POST" and form.is_valid() and form.cleaned_data["zoek"]:
        zoek = form.cleaned_data["zoek"]
        resultaten = personen.zoek(request, zoek, limit=20)
        if rrn.is_valid(zoek):
            gezocht_masker = rrn.mask(zoek)
            form = forms.PersoonZoekForm()
    return render(
        request,
        "leidinggevenden/nieuw_zoek.html",
        _ctx(request, functie, form=form, resultaten=resultaten, gezocht_masker=gezocht_masker),
    )


@requires_module("leidinggevenden")
def nieuw_periode(request, bestuursfunctie_id):
    """Step 2: the period, for a chosen person or for a new one (voornaam, achternaam, rijksregisternummer)."""
    functie = _functie_or_404(request, bestuursfunctie_id)
    persoon_id = request.POST.get("persoon") or request.GET.get("persoon")
    persoon = None
    if persoon_id:
        persoon = personen.kies(request, persoon_id)  # only the bestuur's persons (or found by their number)
        if persoon is None:
            raise Http404
    data = request.POST if request.method == "POST" else None
    if persoon is not None:
        form = forms.PeriodeForm(data, functie=functie)
    else:
        form = forms.NieuwePersoonPeriodeForm(data, functie=functie)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if persoon is not None:
                services.voeg_functionaris_toe(
                    request=request,
                    bestuur=request.bestuur,
                    functie=functie,
                    persoon=persoon,
                    start=d["start"],
                    einde=d["einde"],
                    status=d["status"],
                )
                bestaand = False
            else:
                functionaris, created = services.voeg_functionaris_met_nieuwe_persoon_toe(
                    request=request,
                    bestuur=request.bestuur,
                    functie=functie,
                    voornaam=d["voornaam"],
                    achternaam=d["achternaam"],
                    rijksregisternummer=d["rijksregisternummer"],
                    start=d["start"],
                    einde=d["einde"],
                    status=d["status"],
                )
                persoon, bestaand = functionaris.persoon, not created
        except ValidationError as exc:
            _fouten_naar_form(form, exc)
        else:
            if bestaand:
                messages.info(
                    request,
                    f"Er bestond al een persoon met dit rijksregisternummer: {persoon}. "
                    "De aanstellingsperiode is aan die persoon gekoppeld.",
                )
            messages.success(request, f"{persoon} is toegevoegd als {functie.label.lower()}.")
            return redirect(_functie_url(request.bestuur, functie))
    return render(
        request,
        "leidinggevenden/nieuw_periode.html",
        _ctx(request, functie, form=form, persoon=persoon, toon_masker=bool(persoon and persoon.gekoppeld)),
    )


def _functionaris_or_404(request, functionaris_id):
    functionaris = get_for_bestuur(
        Functionaris.objects.select_related("persoon", "bestuur__classificatie"),
        request,
        uuid=functionaris_id,
    )
    functie = functionaris.functie_obj
    if functie is None or functie not in functies.functies_voor(request.bestuur):
        raise Http404
    return functionaris, functie


@requires_module("leidinggevenden")
def bewerken(request, functionaris_id):
    functionaris, functie = _functionaris_or_404(request, functionaris_id)
    initial = {"start": functionaris.start, "einde": functionaris.einde, "status": functionaris.status}
    form = forms.PeriodeForm(request.POST or None, initial=initial, functie=functie)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.wijzig_functionaris(
                request=request,
                functionaris=functionaris,
                start=d["start"],
                einde=d["einde"],
                status=d["status"],
            )
        except ValidationError as exc:
            _fouten_naar_form(form, exc)
        else:
            messages.success(request, f"De aanstellingsperiode van {functionaris.persoon} is bewaard.")
            return redirect(_functie_url(request.bestuur, functie))
    return render(
        request,
        "leidinggevenden/bewerken.html",
        _ctx(request, functie, functionaris=functionaris, form=form),
    )


@requires_module("leidinggevenden")
def beeindigen(request, functionaris_id):
    functionaris, functie = _functionaris_or_404(request, functionaris_id)
    form = forms.BeeindigForm(request.POST or None, functionaris=functionaris)
    if request.method == "POST" and form.is_valid():
        try:
            services.beeindig_functionaris(
                request=request, functionaris=functionaris, einde=form.cleaned_data["einde"]
            )
        except ValidationError as exc:
            _fouten_naar_form(form, exc)
        else:
            messages.success(request, f"De aanstellingsperiode van {functionaris.persoon} is beëindigd.")
            return redirect(_functie_url(request.bestuur, functie))
    return render(
        request,
        "leidinggevenden/beeindigen.html",
        _ctx(request, functie, functionaris=functionaris, form=form),
    )


# --- public site --------------------------------------------------------------------------------------


@public
@publieke_pagina("leidinggevenden")
def publiek_index(request):
    zoekterm = request.GET.get("zoek", "").strip()[:100]
    besturen = selectors.besturen_met_leidinggevenden(zoekterm)
    page = Paginator(besturen, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "leidinggevenden/publiek/index.html",
        {
            "zoekterm": zoekterm,
            "page_obj": page,
            "exports": _exports_lijst(),
            "opgeheven": opgeheven_besturen(zoekterm),
        },
    )


def _exports_lijst():
    bestaande = selectors.publieke_exports()
    return [(formaat, label, bestaande.get(formaat)) for formaat, label in PubliekeExport.Formaat.choices]


@public
@publieke_pagina("leidinggevenden")
def publiek_bestuur(request, bestuur_uuid):
    bestuur = selectors.publiek_bestuur(bestuur_uuid)
    if bestuur is None:
        opgeheven = opgeheven_bestuur(bestuur_uuid)
        if opgeheven is None:
            raise Http404
        opvolger = selectors.publiek_bestuur(opgeheven.opgeheven_door.uuid)
        url = (
            reverse("leidinggevenden:publiek-bestuur", args=[opvolger.uuid])
            if opvolger
            else reverse("leidinggevenden:publiek")
        )
        return opgeheven_response(
            request, opgeheven, url, reverse("leidinggevenden:publiek"), "Naar de databank leidinggevenden"
        )
    rijen = selectors.publieke_rijen(bestuur)
    ingevuld = {r.functie for r in rijen}
    ontbrekend = [f for f in functies.functies_voor(bestuur) if f not in ingevuld]
    return render(
        request,
        "leidinggevenden/publiek/bestuur.html",
        {"bestuur": bestuur, "rijen": rijen, "ontbrekend": ontbrekend},
    )


@public
def publiek_download(request, formaat):
    return opendata.download(PubliekeExport, formaat)
