"""Subsidies views: thin; reads via selectors, writes via services, forms from the form engine."""

import shutil
import tempfile
import zipfile

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from loket import csvexport
from loket.access import get_for_bestuur, requires_abb, requires_module
from loket.files import download_response
from loket.pdf import render_pdf
from loket.tabel import rijen_html
from loket.uploads import safe_filename, validate_upload

from . import formengine, selectors, services
from .filters import AanvraagFilter, AbbAanvraagFilter
from .forms import BeoordelingForm
from .models import AanvraagStatus, Bijlage, Reeks
from .tabellen import ABB_KOLOMMEN, KOLOMMEN, rij

PER_PAGINA = 20


def _paginate(request, queryset):
    return Paginator(queryset, PER_PAGINA).get_page(request.GET.get("page"))


# --- Bestuur side -------------------------------------------------------------------------------------------


@requires_module("subsidies")
def index(request):
    """'Lopende subsidiedossiers'."""
    filterset = AanvraagFilter(request.GET or None, queryset=selectors.aanvragen_voor(request.bestuur))
    page_obj = _paginate(request, filterset.qs)
    return render(
        request,
        "subsidies/index.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "rijen": rijen_html(page_obj, KOLOMMEN, rij("dossier-rij")),
        },
    )


@requires_module("subsidies")
def beschikbaar(request):
    """'Beschikbare subsidiemaatregelen': eligible for this bestuur, first step open today."""
    return render(
        request, "subsidies/beschikbaar.html", {"reeksen": selectors.beschikbare_reeksen(request.bestuur)}
    )


@requires_module("subsidies")
def start(request):
    if request.method != "POST":
        return redirect("subsidies:beschikbaar")
    reeks = Reeks.objects.filter(uuid=_uuid(request.POST.get("reeks"))).select_related("maatregel").first()
    if reeks is None:
        messages.error(request, "Kies een subsidiemaatregel om een aanvraag te starten.")
        return redirect("subsidies:beschikbaar")
    try:
        aanvraag = services.start_aanvraag(request=request, reeks=reeks)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("subsidies:beschikbaar")
    messages.success(request, f"De aanvraag voor {reeks.maatregel.titel} is gestart als concept.")
    return redirect("subsidies:stap", aanvraag_id=aanvraag.uuid, stap_id=aanvraag.actieve_stap.uuid)


def _uuid(waarde):
    import uuid

    try:
        return uuid.UUID(str(waarde))
    except ValueError:
        return None


def _aanvraag(request, aanvraag_id):
    return get_for_bestuur(selectors.aanvragen_voor(request.bestuur), request, uuid=aanvraag_id)


def _open_stap(stappen, aanvraag):
    """Opening a dossier goes to the active step; if none (all sent), to the last step; else the first."""
    for stap in stappen:
        if stap.pk == aanvraag.actieve_stap_id:
            return stap
    verstuurd = [s for s in stappen if s.dossier_formulier and s.dossier_formulier.verstuurd]
    return verstuurd[-1] if verstuurd else stappen[0]


@requires_module("subsidies")
def dossier(request, aanvraag_id):
    aanvraag = _aanvraag(request, aanvraag_id)
    stap = _open_stap(selectors.stappen_van(aanvraag), aanvraag)
    return redirect("subsidies:stap", aanvraag_id=aanvraag.uuid, stap_id=stap.uuid)


def _zijbalk(stappen, aanvraag, huidige):
    """Per step: done (sent), active, skipped (an earlier step whose form was never sent), or not yet open."""
    actieve = next((s.volgorde for s in stappen if s.pk == aanvraag.actieve_stap_id), None)
    for stap in stappen:
        f = stap.dossier_formulier
        if f is not None and f.verstuurd:
            stap.toestand, stap.toestand_label = "klaar", "Verstuurd"
        elif f is not None and f.beoordeling == "aanvulling":
            stap.toestand, stap.toestand_label = "actief", "Aanvulling gevraagd"
        elif stap.pk == aanvraag.actieve_stap_id:
            stap.toestand, stap.toestand_label = "actief", "Actief"
        elif actieve is not None and stap.volgorde < actieve or actieve is None and f is None:
            stap.toestand, stap.toestand_label = "overgeslagen", "Overgeslagen"
        else:
            stap.toestand, stap.toestand_label = "later", "Nog niet beschikbaar"
        stap.huidig = stap.pk == huidige.pk
    return stappen


def _stap_context(request, aanvraag, stap_id, *, abb=False):
    stappen = selectors.stappen_van(aanvraag)
    stap = next((s for s in stappen if s.uuid == stap_id), None)
    if stap is None:
        raise Http404
    _zijbalk(stappen, aanvraag, stap)
    formulier = stap.dossier_formulier
    if formulier is not None:  # already loaded: no query per use
        formulier.stap, formulier.aanvraag = stap, aanvraag
    definitie = None
    if formulier is not None and formulier.definitie is not None:
        definitie = formengine.Definitie(formulier.definitie.definitie)
    return {
        "aanvraag": aanvraag,
        "stappen": stappen,
        "stap": stap,
        "formulier": formulier,
        "definitie": definitie,
        "abb": abb,
        "nu": timezone.now(),
    }


def _aantal_bestanden(formulier):
    aantallen = {}
    for bijlage in formulier.bijlagen.all():
        aantallen[bijlage.veld] = aantallen.get(bijlage.veld, 0) + 1
    return aantallen


@requires_module("subsidies")
def stap(request, aanvraag_id, stap_id):
    """A step of the dossier: its form (editable while it is the active, unsent step) or what was sent."""
    aanvraag = _aanvraag(request, aanvraag_id)
    context = _stap_context(request, aanvraag, stap_id)
    formulier, definitie = context["formulier"], context["definitie"]
    status = 200
    fouten = {}
    data = formulier.data if formulier else {}
    bewerkbaar = formulier is not None and definitie is not None and services.bewerkbaar(formulier)

    if request.method == "POST":
        if not bewerkbaar:
            messages.error(
                request, services.AL_VERSTUURD if formulier and formulier.verstuurd else services.NIET_ACTIEF
            )
            return redirect("subsidies:stap", aanvraag_id=aanvraag.uuid, stap_id=context["stap"].uuid)
        actie = request.POST.get("actie", "bewaar")
        data = formengine.antwoorden(definitie, request.POST, vorige=formulier.data)
        bestanden, bestandsfouten = [], {}
        for veld in definitie.velden:
            if veld.type != "bestanden":
                continue
            for upload in request.FILES.getlist(veld.sleutel):
                try:
                    upload.content_type_sniffed = validate_upload(upload)
                except ValidationError as exc:
                    bestandsfouten.setdefault(veld.sleutel, []).extend(exc.messages)
                else:
                    bestanden.append((veld.sleutel, upload))
        verwijder = []
        if actie.startswith("rij:"):  # "Voeg rij toe": one more empty row (works without JavaScript)
            tabel = actie[4:]
            if tabel in data and len(data[tabel]) < formengine.MAX_RIJEN:
                data[tabel].append({})
        elif actie.startswith("verwijder-rij:"):
            tabel, _, index = actie[len("verwijder-rij:") :].rpartition(":")
            if tabel in data and index.isdigit() and int(index) < len(data[tabel]):
                data[tabel].pop(int(index))
        elif actie.startswith("verwijder-bijlage:"):
            verwijder = [u for u in [_uuid(actie[len("verwijder-bijlage:") :])] if u]
        try:
            formulier = services.bewaar_concept(
                request=request, formulier=formulier, data=data, bestanden=bestanden, verwijder=verwijder
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("subsidies:stap", aanvraag_id=aanvraag.uuid, stap_id=context["stap"].uuid)
        if actie == "verstuur" and not bestandsfouten:
            try:
                services.verstuur(request=request, formulier=formulier)
            except services.FormulierFouten as exc:
                fouten = exc.fouten
                messages.error(
                    request,
                    "Kan dossier niet versturen – Kan formulier niet versturen door ontbrekende of foutief "
                    "ingevulde velden. Uw antwoorden zijn als concept bewaard.",
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages) + " Uw antwoorden zijn als concept bewaard.")
                status = 400
            else:
                messages.success(
                    request,
                    "De subsidiestap werd verstuurd. We nemen contact op met de opgegeven contactpersoon over het "
                    "verdere verloop.",
                )
                return redirect("subsidies:dossier", aanvraag_id=aanvraag.uuid)
        fouten = {**fouten, **bestandsfouten}
        if not fouten and status == 200 and actie == "bewaar":
            messages.success(request, "Opgeslagen.")
            return redirect("subsidies:stap", aanvraag_id=aanvraag.uuid, stap_id=context["stap"].uuid)
        if fouten:
            status = 400
        elif actie != "verstuur":
            # A row added or removed, a file removed: back to the form, saved, at the table or file field.
            anker = actie.split(":")[1] if ":" in actie and not actie.startswith("verwijder-bijlage") else ""
            url = request.path + (f"#veld-{anker}" if anker else "")
            return redirect(url)
        context = _stap_context(request, _aanvraag(request, aanvraag_id), stap_id)
        formulier = context["formulier"]

    if bewerkbaar:
        form = formengine.StapForm(definitie, data, fouten)
        context["form"] = form
        context["secties"] = form.secties(formulier.bijlagen.all())
        context["fout_aantal"] = len([k for k in fouten if k in definitie.per_sleutel])
    elif formulier is not None and definitie is not None:
        context["weergave"] = formengine.weergave(definitie, formulier.data, formulier.bijlagen.all())
    return render(request, "subsidies/stap.html", context, status=status)


@requires_module("subsidies")
def verwijder(request, aanvraag_id):
    aanvraag = _aanvraag(request, aanvraag_id)
    if aanvraag.status != AanvraagStatus.CONCEPT:
        messages.error(request, "Enkel een aanvraag in concept kan verwijderd worden.")
        return redirect("subsidies:dossier", aanvraag_id=aanvraag.uuid)
    if request.method == "POST":
        try:
            services.verwijder_aanvraag(request=request, aanvraag=aanvraag)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("subsidies:dossier", aanvraag_id=aanvraag.uuid)
        messages.success(request, "De aanvraag is verwijderd.")
        return redirect("subsidies:index")
    return render(
        request,
        "loket/bevestig_verwijderen.html",
        {
            "titel": "Aanvraag verwijderen?",
            "tekst": f"U staat op het punt de aanvraag «{aanvraag.maatregel.titel}» ({aanvraag.reeks.label}), laatst "
            f"bewerkt op {timezone.localtime(aanvraag.gewijzigd_op):%d-%m-%Y %H:%M}, met al haar antwoorden en "
            "bijlagen te verwijderen. Dit kan niet ongedaan gemaakt worden.",
            "knop": "Ja, verwijder deze aanvraag",
            "terug_url": reverse("subsidies:dossier", kwargs={"aanvraag_id": aanvraag.uuid}),
        },
    )


def _pdf(aanvraag, stap_id, abb):
    context = _stap_context(None, aanvraag, stap_id, abb=abb)
    if (
        context["formulier"] is None
        or context["definitie"] is None
        or abb
        and not context["formulier"].verstuurd_op
    ):
        raise Http404("Deze stap heeft nog geen formulier.")
    formulier = context["formulier"]
    context["weergave"] = formengine.weergave(context["definitie"], formulier.data, formulier.bijlagen.all())
    context["gemaakt_op"] = timezone.now()
    pdf = render_pdf("subsidies/stap_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    naam = safe_filename(f"subsidie-{aanvraag.maatregel.titel}-{context['stap'].naam}.pdf").replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


def _zip(aanvraag, *, alleen_verstuurd=False):
    """'Alle bijlagen (.zip)': every file of every step, in a folder per step, original names kept. Written to a
    temporary file (not memory: files may be up to LOKET_MAX_UPLOAD_BYTES each) and streamed from there."""
    archief_bestand = tempfile.TemporaryFile()
    gebruikt = set()
    bijlagen = selectors.bijlagen_van(aanvraag)
    if alleen_verstuurd:
        bijlagen = bijlagen.filter(formulier__verstuurd_op__isnull=False)
    with zipfile.ZipFile(archief_bestand, "w", zipfile.ZIP_DEFLATED) as archief:
        for bijlage in bijlagen:
            stap = bijlage.formulier.stap
            pad = f"{stap.volgorde + 1:02d} {safe_filename(stap.naam).replace('/', '-')}/{bijlage.naam}"
            stam, punt, ext = pad.rpartition(".")
            n = 1
            while pad in gebruikt:
                n += 1
                pad = f"{stam} ({n}).{ext}" if punt else f"{pad} ({n})"
            gebruikt.add(pad)
            with bijlage.bestand.open("rb") as bron, archief.open(pad, "w") as doel:
                shutil.copyfileobj(bron, doel, 1024 * 1024)
    archief_bestand.seek(0)
    return FileResponse(
        archief_bestand,
        as_attachment=True,
        filename=f"bijlagen-{str(aanvraag.uuid)[:8]}.zip",
        content_type="application/zip",
    )


@requires_module("subsidies")
def pdf(request, aanvraag_id, stap_id):
    return _pdf(_aanvraag(request, aanvraag_id), stap_id, abb=False)


@requires_module("subsidies")
def bijlagen_zip(request, aanvraag_id):
    return _zip(_aanvraag(request, aanvraag_id))


@requires_module("subsidies")
def bijlage(request, subsidie_bijlage_id):
    return download_response(get_for_bestuur(Bijlage.objects.all(), request, uuid=subsidie_bijlage_id))


# --- ABB side -----------------------------------------------------------------------------------------------
# ABB uses the ABB roles: DatabankToezichtLezer reads every dossier (the Subsidiedatabank), Editeur beoordeelt.

CSV_KOLOMMEN = (
    "Subsidiemaatregel",
    "Reeks",
    "Type organisatie",
    "Organisatie",
    "Status",
    "Actieve stap",
    "Aangemaakt op",
    "Laatst gewijzigd",
    "Gewijzigd door",
    "kbo",
    "bestuur_uri",
)


def _csv_rijen(queryset):
    for a in queryset.iterator(chunk_size=1000):
        yield (
            a.maatregel.titel,
            a.reeks.label,
            a.bestuur.classificatie.label,
            a.bestuur.naam,
            a.get_status_display(),
            a.actieve_stap.naam if a.actieve_stap else "",
            timezone.localtime(a.aangemaakt_op).isoformat(),
            timezone.localtime(a.gewijzigd_op).isoformat(),
            a.gewijzigd_door_naam,
            a.bestuur.kbo,
            a.bestuur.uri,
        )


@requires_abb()
def abb_index(request):
    """'Subsidie aanvragen': every dossier of every bestuur, read-only, with filters and CSV."""
    filterset = AbbAanvraagFilter(request.GET or None, queryset=selectors.alle_aanvragen())
    if request.GET.get("formaat") == "csv":
        naam = f"subsidie-aanvragen-{timezone.localdate():%Y%m%d}.csv"
        return csvexport.csv_response(CSV_KOLOMMEN, _csv_rijen(filterset.qs), naam)
    page_obj = _paginate(request, filterset.qs)
    return render(
        request,
        "subsidies/abb_index.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "rijen": rijen_html(page_obj, ABB_KOLOMMEN, rij("aanvraag-rij")),
        },
    )


def _abb_aanvraag(aanvraag_id):
    return get_object_or_404(selectors.alle_aanvragen(), uuid=aanvraag_id)


@requires_abb()
def abb_dossier(request, aanvraag_id):
    aanvraag = _abb_aanvraag(aanvraag_id)
    stap = _open_stap(selectors.stappen_van(aanvraag), aanvraag)
    return redirect("subsidies:abb-stap", aanvraag_id=aanvraag.uuid, stap_id=stap.uuid)


def _abb_stap_page(request, aanvraag, stap_id, form=None, status=200):
    context = _stap_context(request, aanvraag, stap_id, abb=True)
    formulier, definitie = context["formulier"], context["definitie"]
    # Only what the bestuur sent (at least once): a concept stays the bestuur's own.
    if formulier is not None and definitie is not None and formulier.verstuurd_op is not None:
        context["weergave"] = formengine.weergave(definitie, formulier.data, formulier.bijlagen.all())
    if request.rights.is_abb_editor and formulier is not None and formulier.verstuurd:
        context["beoordeling_form"] = form or BeoordelingForm()
    return render(request, "subsidies/stap.html", context, status=status)


@requires_abb()
def abb_stap(request, aanvraag_id, stap_id):
    return _abb_stap_page(request, _abb_aanvraag(aanvraag_id), stap_id)


@requires_abb(edit=True)
def abb_beoordeel(request, aanvraag_id, stap_id):
    aanvraag = _abb_aanvraag(aanvraag_id)
    if request.method != "POST":
        return redirect("subsidies:abb-stap", aanvraag_id=aanvraag.uuid, stap_id=stap_id)
    formulier = aanvraag.formulieren.filter(stap__uuid=stap_id).select_related("stap").first()
    form = BeoordelingForm(request.POST)
    if formulier is None:
        raise Http404
    if form.is_valid():
        try:
            services.beoordeel(
                request=request,
                formulier=formulier,
                beoordeling=form.cleaned_data["beoordeling"],
                bericht=form.cleaned_data["bericht"],
            )
        except ValidationError as exc:
            for veld, fouten in (
                exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            ):
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            messages.success(
                request, f"De beoordeling is bewaard en zichtbaar voor {aanvraag.bestuur.volledige_naam}."
            )
            return redirect("subsidies:abb-stap", aanvraag_id=aanvraag.uuid, stap_id=stap_id)
    return _abb_stap_page(request, aanvraag, stap_id, form=form, status=400)


@requires_abb()
def abb_pdf(request, aanvraag_id, stap_id):
    return _pdf(_abb_aanvraag(aanvraag_id), stap_id, abb=True)


@requires_abb()
def abb_bijlagen_zip(request, aanvraag_id):
    return _zip(_abb_aanvraag(aanvraag_id), alleen_verstuurd=True)


@requires_abb()
def abb_bijlage(request, subsidie_bijlage_id):
    # Files of concept steps stay the bestuur's own until sent.
    return download_response(
        get_object_or_404(
            Bijlage.objects.filter(formulier__verstuurd_op__isnull=False), uuid=subsidie_bijlage_id
        )
    )
