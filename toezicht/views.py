"""Thin views. Bestuur side: @requires_module("toezicht"), every query scoped with .for_bestuur().
ABB side: @requires_abb() to read, @requires_abb(edit=True) to mark afgehandeld."""

import os
import tempfile
import uuid
import zipfile

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from loket import csvexport
from loket.access import requires_abb, requires_admin, requires_module, requires_vlabel
from loket.files import bewaar_uploads, bewaarde_uploads, download_response
from loket.tabel import rijen_html

from . import exports, selectors, services, tabellen
from .filters import AbbMeldingFilter, MeldingFilter, VlabelFilter
from .forms import (
    AfhandelForm,
    BulkAfhandelForm,
    HeropenForm,
    InstellingForm,
    MeldingForm,
    OngedaanForm,
    ToewijsForm,
    ZoekOpdrachtForm,
)
from .models import Bundel, Melding, ToezichtInstelling, ZoekOpdracht

PER_PAGINA = 25


def _melding(request, melding_id):
    try:
        return selectors.melding_voor(request.bestuur, melding_id)
    except Melding.DoesNotExist:
        raise Http404("Melding niet gevonden.") from None


def _pagina(request, queryset, paginator=selectors.LijstPaginator, **opties):
    return paginator(queryset, PER_PAGINA, **opties).get_page(request.GET.get("page"))


def _lijst_sleutel(request, lijst):
    """What decides a list's rows: the list, the active bestuur, the person ("mijn meldingen") and the filters
    (not the page or the sort). The key of its estimated total (selectors.GeschattePaginator)."""
    filters = sorted((k, v) for k, v in request.GET.lists() if k not in ("page", "sorteer", "na"))
    return (lijst, getattr(request.bestuur, "pk", None), request.user.pk, filters)


# ---------------------------------------------------------------- bestuur side


@requires_module("toezicht")
def index(request):
    filterset = MeldingFilter(
        request.GET or None, queryset=selectors.meldingen_voor(request.bestuur), bestuur=request.bestuur
    )
    standaard = not request.GET.get("sorteer")

    def lijst():  # built only when the page needs it (selectors.bestuur_ids answers the landing page and paging)
        queryset = filterset.qs if filterset.is_bound else filterset.queryset
        return queryset.order_by(*selectors.BESTUUR_VOLGORDE) if standaard else queryset

    # A large bestuur has tens of thousands of meldingen: counted up to GeschattePaginator.GRENS, above that the
    # planner's estimate, shown as "ongeveer" (as on the ABB queue).
    page = _pagina(
        request,
        lijst,
        selectors.GeschattePaginator,
        velden=tabellen.BESTUUR_VELDEN,
        samen_tellen=True,
        sleutel=_lijst_sleutel(request, "bestuur"),
        # the default order (newest change first): deep pages follow a cursor (?na=), not an OFFSET
        keyset=selectors.BESTUUR_KEYSET if standaard else (),
        na=request.GET.get("na"),
        ids_bron=_bestuur_ids(request, filterset) if standaard else None,
        model=Melding,
    )
    return render(
        request,
        "toezicht/index.html",
        {
            "filter": filterset,
            "page_obj": page,
            "rijen": rijen_html(page, tabellen.BESTUUR_KOLOMMEN),
            # A page with rows answers it; only an empty (filtered) page asks the database.
            "heeft_meldingen": bool(page.object_list) or selectors.meldingen_voor(request.bestuur).exists(),
            "gefilterd": any(v for k, v in request.GET.items() if k not in ("page", "sorteer")),
            "query": request.GET.urlencode(),
            "max_bundel": Bundel.MAXIMUM,
        },
    )


def _bestuur_ids(request, filterset):
    """The list's ids by compiled queries (selectors.bestuur_ids) when it is unfiltered or filtered on its status
    alone (its landing page and its paging), else None."""
    if filterset.is_bound and not filterset.form.is_valid():
        return None  # as django-filter: an invalid value is left out of the filtering; the queryset knows how
    gekozen = {k: v for k, v in filterset.form.cleaned_data.items() if v} if filterset.is_bound else {}
    if set(gekozen) - selectors.BESTUUR_FILTERS:
        return None
    return selectors.bestuur_ids(request.bestuur.pk, gekozen)


@requires_module("toezicht")
@require_POST
def nieuw(request):
    melding = services.maak_concept(bestuur=request.bestuur, request=request)
    return redirect("toezicht:bewerken", melding_id=melding.uuid)


@requires_module("toezicht")
def detail(request, melding_id):
    try:
        melding = selectors.melding_detail_voor(request.bestuur, melding_id)
    except Melding.DoesNotExist:
        raise Http404("Melding niet gevonden.") from None
    if melding.is_concept:
        return redirect("toezicht:bewerken", melding_id=melding.uuid)
    return render(
        request,
        "toezicht/detail.html",
        {
            "melding": melding,
            "bestanden": selectors.bestanden_van(melding),
            "ontvangstbewijs_sha256": selectors.ontvangstbewijs_sha256(melding),
        },
    )


def _form_context(request, melding, form, bewaard=()):
    # Another type or soort belasting shows other (or other required) fields: re-rendered from what was typed.
    for naam in ("besluittype", "belasting_soort"):
        form.fields[naam].widget.attrs.update(
            {
                "hx-post": reverse("toezicht:velden", kwargs={"melding_id": melding.uuid}),
                "hx-trigger": "change",
                "hx-target": "#melding-typevelden",
                "hx-swap": "outerHTML",
                "hx-include": "closest form",
            }
        )
    return {
        "melding": melding,
        "form": form,
        "type": form.gekozen_type,
        "bestanden": melding.bestanden.all(),
        "bewaard_getoond": bewaard,
    }


@requires_module("toezicht")
def bewerken(request, melding_id):
    melding = _melding(request, melding_id)
    if not melding.is_concept:
        messages.info(request, "Deze melding is verstuurd en kan niet meer gewijzigd worden.")
        return redirect("toezicht:detail", melding_id=melding.uuid)
    if request.method != "POST":
        form = MeldingForm(instance=melding, bestuur=request.bestuur)
        return render(request, "toezicht/bewerken.html", _form_context(request, melding, form))

    actie = request.POST.get("actie", "bewaar")
    sleutel = services.bewaar_sleutel(melding)
    form = MeldingForm(
        request.POST,
        request.FILES,
        instance=melding,
        bestuur=request.bestuur,
        bewaard=bewaarde_uploads(request.user, sleutel),
    )
    if not form.is_valid():
        # All or nothing: a refused file or a wrong field changes nothing. What was typed is shown again, and the
        # files that passed are kept for the next attempt (listed as kept, nothing to choose again).
        bewaard = form.bewaarde_bestanden() + bewaar_uploads(
            user=request.user, sleutel=sleutel, uploads=form.geldige_bestanden()
        )
        if actie == "verzenden":  # every error at once: also what sending would miss
            form.voeg_verzendfouten_toe(services.verzendfouten(form.instance, bestanden_erbij=len(bewaard)))
        return render(
            request, "toezicht/bewerken.html", _form_context(request, melding, form, bewaard), status=400
        )
    verzendfout = None
    try:
        # Saving and sending in one transaction: a process that dies between the two leaves nothing half-done, so
        # pressing "Verzenden" again does not store the same file twice (found by tests/cluster). A send refused
        # for missing data rolls back to the savepoint: the concept stays saved.
        with transaction.atomic():
            melding = services.bewaar_concept(
                melding=melding,
                gegevens=form.geldige_gegevens(),
                nieuwe_bestanden=form.geldige_bestanden(),
                bewaarde=form.bewaarde_bestanden(),
                request=request,
            )
            if actie == "verzenden" and not request.POST.get("verwijder_bestand"):
                try:
                    with transaction.atomic():
                        services.verstuur(melding=melding, request=request)
                except ValidationError as exc:
                    verzendfout = exc
    except ValidationError:  # sent meanwhile (double click, another tab)
        messages.info(request, "Deze melding is verstuurd en kan niet meer gewijzigd worden.")
        return redirect("toezicht:detail", melding_id=melding.uuid)
    if request.POST.get("verwijder_bestand"):
        try:
            services.verwijder_bestand(
                melding=melding, bestand_uuid=request.POST["verwijder_bestand"], request=request
            )
            messages.success(request, "Het bestand is verwijderd.")
        except (ValidationError, ValueError, melding.bestanden.model.DoesNotExist):
            messages.error(request, "Dit bestand kon niet verwijderd worden.")
        return redirect("toezicht:bewerken", melding_id=melding.uuid)
    if actie == "verzenden":
        if verzendfout is not None:
            form.voeg_verzendfouten_toe(
                verzendfout.message_dict
            )  # the concept is saved; sending it is refused
            return render(
                request, "toezicht/bewerken.html", _form_context(request, melding, form), status=400
            )
        messages.success(request, "De melding is verstuurd. U kunt het ontvangstbewijs downloaden.")
        return redirect("toezicht:detail", melding_id=melding.uuid)
    if actie == "bewaar":
        messages.success(request, "Het concept is bewaard.")
    return redirect("toezicht:bewerken", melding_id=melding.uuid)


@requires_module("toezicht")
@require_POST
def velden(request, melding_id):
    """htmx: the fields that belong to the chosen type, re-rendered from what was typed (nothing is saved)."""
    melding = _melding(request, melding_id)
    if not melding.is_concept:  # sent meanwhile: show the read-only page
        doel = reverse("toezicht:detail", kwargs={"melding_id": melding.uuid})
        return HttpResponseClientRedirect(doel) if request.htmx else redirect(doel)
    form = MeldingForm(request.POST, instance=melding, bestuur=request.bestuur)
    return render(request, "toezicht/bewerken.html#typevelden", _form_context(request, melding, form))


@requires_module("toezicht")
def verwijderen(request, melding_id):
    melding = _melding(request, melding_id)
    if request.method == "POST":
        try:
            services.verwijder_concept(melding=melding, request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("toezicht:detail", melding_id=melding.uuid)
        messages.success(request, "Het concept is verwijderd.")
        return redirect("toezicht:index")
    if not melding.is_concept:
        messages.error(request, "Een verstuurde melding kan niet verwijderd worden.")
        return redirect("toezicht:detail", melding_id=melding.uuid)
    type_ = melding.besluittype or "zonder type"
    return render(
        request,
        "loket/bevestig_verwijderen.html",
        {
            "titel": "Concept verwijderen?",
            "tekst": f"U staat op het punt het concept «{type_}» (laatst gewijzigd op "
            f"{timezone.localtime(melding.gewijzigd_op):%d-%m-%Y %H:%M}) te verwijderen. Het verdwijnt uit uw lijst.",
            "knop": "Ja, verwijder dit concept",
            "terug_url": reverse("toezicht:bewerken", kwargs={"melding_id": melding.uuid}),
        },
    )


def _ontvangstbewijs(request, melding):
    """The stored receipt, byte for byte the same at every download (made now if its task has not run yet)."""
    if melding.is_concept:
        raise Http404("Een concept heeft geen ontvangstbewijs.")
    bewijs = selectors.ontvangstbewijs_van(melding) or services.maak_ontvangstbewijs(
        melding_id=melding.pk, request=request
    )
    if bewijs is None:
        raise Http404("Deze melding heeft geen ontvangstbewijs.")
    return download_response(bewijs)


@requires_module("toezicht")
def ontvangstbewijs(request, melding_id):
    return _ontvangstbewijs(request, _melding(request, melding_id))


@requires_module("toezicht")
def bestand(request, melding_id, melding_bestand_id):
    melding = _melding(request, melding_id)
    return download_response(get_object_or_404(melding.bestanden, uuid=melding_bestand_id))


def _zip(melding):
    bestanden = list(melding.bestanden.all())
    if not bestanden:
        raise Http404("Deze melding heeft geen bestanden.")
    tijdelijk = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    gebruikt = set()
    with zipfile.ZipFile(tijdelijk, "w", zipfile.ZIP_DEFLATED) as archief:
        for stored in bestanden:
            stam, ext = os.path.splitext(stored.naam)
            naam, n = stored.naam, 1
            while naam.lower() in gebruikt:
                n += 1
                naam = f"{stam} ({n}){ext}"
            gebruikt.add(naam.lower())
            with stored.bestand.open("rb") as bron, archief.open(naam, "w") as doel:
                for blok in iter(lambda bron=bron: bron.read(1024 * 1024), b""):
                    doel.write(blok)
    tijdelijk.seek(0)
    naam = f"melding-{str(melding.uuid)[:8]}-bestanden.zip"
    response = FileResponse(tijdelijk, as_attachment=True, filename=naam, content_type="application/zip")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires_module("toezicht")
def bestanden_zip(request, melding_id):
    return _zip(_melding(request, melding_id))


@requires_module("toezicht")
def instellingen(request):
    instelling = ToezichtInstelling.objects.for_bestuur(request.bestuur).first() or ToezichtInstelling(
        bestuur=request.bestuur
    )
    form = InstellingForm(request.POST or None, instance=instelling)
    if request.method == "POST" and form.is_valid():
        services.bewaar_instelling(
            bestuur=request.bestuur, contact_email=form.cleaned_data["contact_email"], request=request
        )
        messages.success(request, "De instellingen zijn bewaard.")
        return redirect("toezicht:instellingen")
    return render(request, "toezicht/instellingen.html", {"form": form})


# ---------------------------------------------------------------- ABB side


def _abb_melding(melding_id):
    return get_object_or_404(selectors.abb_meldingen(), uuid=melding_id)


def _abb_filter(request, filterset=None):
    if filterset is None:
        filterset = AbbMeldingFilter(request.GET or None, queryset=selectors.abb_meldingen(), request=request)
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    if not request.GET.get("sorteer"):
        queryset = queryset.order_by(*selectors.ABB_VOLGORDE)
    return filterset, queryset


def _abb_ids(request, filterset):
    """The queue's ids by compiled queries (selectors.abb_ids) when its filters are among ABB_FILTERS and it is in
    its default order, else None."""
    if request.GET.get("sorteer") or (filterset.is_bound and not filterset.form.is_valid()):
        return None
    gekozen = {k: v for k, v in filterset.form.cleaned_data.items() if v} if filterset.is_bound else {}
    if set(gekozen) - selectors.ABB_FILTERS:
        return None
    return selectors.abb_ids(gekozen)


@requires_abb(admin=True)
def abb_index(request):
    filterset = AbbMeldingFilter(request.GET or None, queryset=selectors.abb_meldingen(), request=request)

    def lijst():  # built only when the page needs it (selectors.abb_ids answers the usual filters)
        return _abb_filter(request, filterset)[1]

    page = _pagina(
        request,
        lijst,
        selectors.GeschattePaginator,
        velden=tabellen.ABB_VELDEN,
        sleutel=_lijst_sleutel(request, "abb"),
        ids_bron=_abb_ids(request, filterset),
        model=Melding,
    )
    return render(
        request,
        "toezicht/abb_index.html",
        {
            "filter": filterset,
            "page_obj": page,
            "rijen": rijen_html(page, tabellen.ABB_KOLOMMEN),
            "zoekopdrachten": selectors.zoekopdrachten_van(request.user.pk),
            "zoekopdracht_form": ZoekOpdrachtForm(),
            "query": request.GET.urlencode(),
            "bulk_form": BulkAfhandelForm(),
            "max_bundel": Bundel.MAXIMUM,
        },
    )


@requires_abb()
def abb_overzicht(request):
    """Charts (server-side SVG) with the numbers as tables; the list's filters apply."""
    _, queryset = _abb_filter(request)
    return render(
        request,
        "toezicht/abb_overzicht.html",
        {"cijfers": selectors.overzicht(queryset.order_by()), "query": request.GET.urlencode()},
    )


@requires_abb()
def abb_export(request):
    """The filtered queue as CSV, streamed row by row (a million rows never sit in memory)."""
    _, queryset = _abb_filter(request)
    naam = f"meldingen-{timezone.localdate():%Y%m%d}.csv"
    rijen = exports.abb_rijen(queryset.select_related("behandelaar"))
    return csvexport.csv_response(exports.ABB_KOLOMMEN, rijen, naam, stream=True)


def _abb_detail(request, melding_id, form=None, heropen_form=None, ongedaan_form=None, status=200):
    try:
        melding = selectors.abb_melding_detail(melding_id)
    except Melding.DoesNotExist:
        raise Http404("Melding niet gevonden.") from None
    rights = request.rights
    # Only the forms this person is shown (abb_detail.html asks the same rights): a reader gets none of them.
    context = {
        "melding": melding,
        "bestanden": selectors.bestanden_van(melding),
        "ontvangstbewijs_sha256": selectors.ontvangstbewijs_sha256(melding),
        "gesprekken": selectors.gesprekken_over(melding),
        "form": form or (AfhandelForm() if rights.is_abb_editor else None),
        "heropen_form": heropen_form or (HeropenForm() if rights.is_admin else None),
        "ongedaan_form": ongedaan_form or (OngedaanForm() if rights.is_abb_editor else None),
        "toewijs_form": (
            ToewijsForm(initial={"behandelaar": melding.behandelaar_id}) if rights.is_abb_editor else None
        ),
    }
    return render(request, "toezicht/abb_detail.html", context, status=status)


@requires_abb(admin=True)
def abb_detail(request, melding_id):
    return _abb_detail(request, melding_id)


@requires_abb(edit=True)
@require_POST
def abb_afhandelen(request, melding_id):
    melding = _abb_melding(melding_id)
    form = AfhandelForm(request.POST)
    if form.is_valid():
        services.handel_af(
            melding=melding,
            opmerking=form.cleaned_data["opmerking"],
            zichtbaar=form.cleaned_data["zichtbaar"],
            request=request,
        )
        messages.success(request, "De melding is afgehandeld.")
        return redirect("toezicht:abb-detail", melding_id=melding.uuid)
    return _abb_detail(request, melding.uuid, form=form)


@requires_admin
@require_POST
def abb_heropenen(request, melding_id):
    melding = _abb_melding(melding_id)
    form = HeropenForm(request.POST)
    if not form.is_valid():
        return _abb_detail(request, melding.uuid, heropen_form=form)
    services.heropen(melding=melding, reden=form.cleaned_data["reden"], request=request)
    messages.success(request, "De melding is heropend: het bestuur kan ze opnieuw bewerken en versturen.")
    return redirect("toezicht:abb-index")


@requires_abb(admin=True)
def abb_bestand(request, melding_id, melding_bestand_id):
    melding = _abb_melding(melding_id)
    return download_response(get_object_or_404(melding.bestanden, uuid=melding_bestand_id))


@requires_abb(admin=True)
def abb_bestanden_zip(request, melding_id):
    return _zip(_abb_melding(melding_id))


@requires_abb(admin=True)
def abb_ontvangstbewijs(request, melding_id):
    return _ontvangstbewijs(request, _abb_melding(melding_id))


@requires_abb()
@require_POST
def abb_zoekopdracht_bewaren(request):
    form = ZoekOpdrachtForm(request.POST)
    query = request.POST.get("query", "")
    if form.is_valid():
        services.bewaar_zoekopdracht(
            user=request.user, naam=form.cleaned_data["naam"], query=query, request=request
        )
        messages.success(request, "De zoekopdracht is bewaard.")
    else:
        messages.error(request, "Geef de zoekopdracht een naam.")
    return redirect(f"{reverse('toezicht:abb-index')}?{QueryDict(query).urlencode()}")


@requires_abb()
@require_POST
def abb_zoekopdracht_verwijderen(request):
    """The saved search is named in the POST body; only the official's own searches can be found."""
    try:
        zoekopdracht = ZoekOpdracht.objects.get(uuid=request.POST.get("zoekopdracht"), gebruiker=request.user)
    except (ZoekOpdracht.DoesNotExist, ValidationError):
        messages.error(request, "Deze zoekopdracht bestaat niet (meer).")
        return redirect("toezicht:abb-index")
    services.verwijder_zoekopdracht(zoekopdracht=zoekopdracht, request=request)
    messages.success(request, "De zoekopdracht is verwijderd.")
    return redirect("toezicht:abb-index")


@requires_abb(edit=True)
@require_POST
def abb_toewijzen(request, melding_id):
    """ "Mij toewijzen" (button) or a chosen ABB editeur (select)."""
    melding = _abb_melding(melding_id)
    if request.POST.get("mij"):
        behandelaar = request.user
    else:
        form = ToewijsForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Kies een behandelaar uit de lijst.")
            return redirect("toezicht:abb-detail", melding_id=melding.uuid)
        behandelaar = form.cleaned_data["behandelaar"]
    try:
        services.wijs_toe(melding=melding, behandelaar=behandelaar, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        naam = behandelaar.get_full_name() if behandelaar else None
        messages.success(
            request, f"De melding is toegewezen aan {naam}." if naam else "De toewijzing is weg."
        )
    return redirect("toezicht:abb-detail", melding_id=melding.uuid)


@requires_abb(edit=True)
@require_POST
def abb_ongedaan(request, melding_id):
    """Undo afgehandeld: back to Te behandelen, with a reason."""
    melding = _abb_melding(melding_id)
    form = OngedaanForm(request.POST)
    if not form.is_valid():
        return _abb_detail(request, melding.uuid, ongedaan_form=form, status=400)
    try:
        services.maak_afhandeling_ongedaan(melding=melding, reden=form.cleaned_data["reden"], request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "De melding is opnieuw te behandelen.")
    return redirect("toezicht:abb-detail", melding_id=melding.uuid)


def _gekozen_uuids(request):
    gekozen = []
    for waarde in request.POST.getlist("melding"):
        try:
            gekozen.append(uuid.UUID(waarde))
        except ValueError:
            continue
    return gekozen


def _gekozen(request, queryset, filter_class, filter_kwargs):
    """The meldingen a bulk action is about: the ticked rows, or with "alle" every result of the list's filter
    (given as the list's query string), at most Bundel.MAXIMUM + 1 (the service refuses more)."""
    if request.POST.get("alle"):
        filterset = filter_class(
            QueryDict(request.POST.get("query", "")) or None, queryset=queryset, **filter_kwargs
        )
        qs = filterset.qs if filterset.is_bound else filterset.queryset
        return list(qs.order_by("pk")[: Bundel.MAXIMUM + 1])
    return list(queryset.filter(uuid__in=_gekozen_uuids(request)))


@requires_abb(edit=True)
@require_POST
def abb_bulk_afhandelen(request):
    terug = f"{reverse('toezicht:abb-index')}?{QueryDict(request.POST.get('query', '')).urlencode()}"
    meldingen = list(selectors.abb_meldingen().filter(uuid__in=_gekozen_uuids(request)))
    form = BulkAfhandelForm(request.POST)
    if not meldingen:
        messages.error(request, "Kies minstens één melding in de lijst.")
        return redirect(terug)
    if not form.is_valid():
        messages.error(request, "Geef een opmerking bij de behandeling: er is niets afgehandeld.")
        return redirect(terug)
    gewijzigd = services.handel_af_bulk(
        meldingen=meldingen,
        opmerking=form.cleaned_data["opmerking"],
        zichtbaar=form.cleaned_data["zichtbaar"],
        request=request,
    )
    overgeslagen = len(meldingen) - len(gewijzigd)
    tekst = f"{len(gewijzigd)} meldingen afgehandeld."
    if overgeslagen:
        tekst += f" {overgeslagen} waren al afgehandeld en bleven ongewijzigd."
    messages.success(request, tekst)
    return redirect(terug)


# ---------------------------------------------------------------- bundles: one zip of several meldingen


def _bundel_maken(request, meldingen, abb, terug, detail_url):
    try:
        bundel = services.vraag_bundel_aan(
            meldingen=meldingen, user=request.user, bestuur=request.bestuur, abb=abb, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(terug)
    kwarg = "abb_bundel_id" if abb else "bundel_id"
    return redirect(detail_url, **{kwarg: bundel.uuid})


def _bundel_pagina(request, bundel, download_url, terug_url):
    template = "toezicht/bundel.html#voortgang" if request.htmx else "toezicht/bundel.html"
    return render(request, template, {"bundel": bundel, "download_url": download_url, "terug_url": terug_url})


def _bundel_download(bundel):
    if bundel.status != Bundel.Status.KLAAR or not bundel.bestand:
        raise Http404("Deze download is nog niet klaar.")
    response = FileResponse(
        bundel.bestand.open("rb"),
        as_attachment=True,
        filename=bundel.bestandsnaam,
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _bundel_van(request, bundel_id, abb):
    return get_object_or_404(selectors.bundels_voor(request.bestuur, abb=abb), uuid=bundel_id)


@requires_module("toezicht")
@require_POST
def bundel_maken(request):
    terug = f"{reverse('toezicht:index')}?{QueryDict(request.POST.get('query', '')).urlencode()}"
    queryset = selectors.meldingen_voor(request.bestuur)
    meldingen = _gekozen(request, queryset, MeldingFilter, {"bestuur": request.bestuur})
    return _bundel_maken(request, meldingen, False, terug, "toezicht:bundel")


@requires_module("toezicht")
def bundel(request, bundel_id):
    return _bundel_pagina(
        request, _bundel_van(request, bundel_id, abb=False), "toezicht:bundel-download", "toezicht:index"
    )


@requires_module("toezicht")
def bundel_download(request, bundel_id):
    return _bundel_download(_bundel_van(request, bundel_id, abb=False))


@requires_abb()
@require_POST
def abb_bundel_maken(request):
    terug = f"{reverse('toezicht:abb-index')}?{QueryDict(request.POST.get('query', '')).urlencode()}"
    meldingen = _gekozen(request, selectors.abb_meldingen(), AbbMeldingFilter, {"request": request})
    return _bundel_maken(request, meldingen, True, terug, "toezicht:abb-bundel")


@requires_abb()
def abb_bundel(request, abb_bundel_id):
    return _bundel_pagina(
        request,
        _bundel_van(request, abb_bundel_id, abb=True),
        "toezicht:abb-bundel-download",
        "toezicht:abb-index",
    )


@requires_abb()
def abb_bundel_download(request, abb_bundel_id):
    return _bundel_download(_bundel_van(request, abb_bundel_id, abb=True))


# ---------------------------------------------------------------- VLABEL (Vlaamse Belastingdienst)
# Every view starts from selectors.vlabel_meldingen(): another melding is a 404 on every page, file and export.


def _vlabel_filter(request):
    filterset = VlabelFilter(request.GET or None, queryset=selectors.vlabel_meldingen())
    queryset = filterset.qs if filterset.is_bound else filterset.queryset
    if not request.GET.get("sorteer"):
        queryset = queryset.order_by("-verstuurd_op", "-id")
    return filterset, queryset


def _vlabel_melding(melding_id):
    return get_object_or_404(selectors.vlabel_meldingen(), uuid=melding_id)


@requires_vlabel
def vlabel_index(request):
    filterset, queryset = _vlabel_filter(request)
    return render(
        request,
        "toezicht/vlabel_index.html",
        {"filter": filterset, "page_obj": _pagina(request, queryset), "query": request.GET.urlencode()},
    )


@requires_vlabel
def vlabel_export(request):
    _, queryset = _vlabel_filter(request)
    naam = f"belastingreglementen-{timezone.localdate():%Y%m%d}.csv"
    return csvexport.csv_response(exports.VLABEL_KOLOMMEN, exports.vlabel_rijen(queryset), naam, stream=True)


@requires_vlabel
def vlabel_detail(request, melding_id):
    melding = _vlabel_melding(melding_id)
    return render(
        request, "toezicht/vlabel_detail.html", {"melding": melding, "bestanden": melding.bestanden.all()}
    )


@requires_vlabel
def vlabel_bestand(request, melding_id, melding_bestand_id):
    melding = _vlabel_melding(melding_id)
    return download_response(get_object_or_404(melding.bestanden, uuid=melding_bestand_id))


@requires_vlabel
def vlabel_bestanden_zip(request, melding_id):
    return _zip(_vlabel_melding(melding_id))
