"""Writes of the Subsidies module: keyword-only, atomic, validated, audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from loket import audit

from . import formengine, selectors
from .models import Aanvraag, AanvraagStatus, Beoordeling, Bijlage, FormulierStatus, StapFormulier

NIET_OPEN = "Deze stap kan u nog niet indienen."
VERSTREKEN = "De deadline voor deze stap is verstreken."
AL_VERSTUURD = "Deze stap werd al verstuurd en kan niet meer gewijzigd worden."
NIET_ACTIEF = "Deze subsidieaanvraag stap is nog niet beschikbaar."
# Fields whose answer a later step takes over when it has a field with the same key (contact and bank data).
OVERNEEMBAAR = {"tekst", "iban", "telefoon", "email"}


class FormulierFouten(ValidationError):
    """A send refused because of the answers: every error of every field at once."""

    def __init__(self, fouten):
        super().__init__("Kan formulier niet versturen door ontbrekende of foutief ingevulde velden.")
        self.fouten = fouten


def _naam(user):
    return (user.get_full_name() or user.get_username()) if user and user.is_authenticated else ""


def _raak_aan(aanvraag, user, nu):
    aanvraag.gewijzigd_door = user if user and user.is_authenticated else None
    aanvraag.gewijzigd_door_naam = _naam(user)
    aanvraag.gewijzigd_op = nu


def _formulier_voor(aanvraag, stap):
    """The step's form, created on first need with the definition version the step has now (status Nieuw).
    Contact and bank answers of earlier steps are filled in when the new form asks the same field."""
    formulier, aangemaakt = StapFormulier.objects.get_or_create(
        aanvraag=aanvraag, stap=stap, defaults={"definitie": stap.formulier}
    )
    if aangemaakt and stap.formulier_id:
        definitie = formengine.Definitie(stap.formulier.definitie)
        eerder = {}
        for vorige in aanvraag.formulieren.filter(stap__volgorde__lt=stap.volgorde).order_by(
            "stap__volgorde"
        ):
            eerder.update(vorige.data)
        formulier.data = {
            v.sleutel: eerder[v.sleutel]
            for v in definitie.velden
            if v.type in OVERNEEMBAAR and eerder.get(v.sleutel)
        }
        formulier.save(update_fields=["data"])
    return formulier


@transaction.atomic
def start_aanvraag(*, request, reeks):
    """'Start aanvraag': a concept dossier for the active bestuur, its first step active (SP-FE new.js)."""
    bestuur = request.bestuur
    beschikbaar = selectors.beschikbare_reeksen(bestuur)
    if not any(r.pk == reeks.pk for r in beschikbaar):
        raise ValidationError("Deze subsidiemaatregel kan uw bestuur nu niet aanvragen.")
    eerste = reeks.stappen.order_by("volgorde").first()
    if eerste.extern_url or reeks.maatregel.extern:
        raise ValidationError("Deze subsidiemaatregel wordt extern afgehandeld.")
    nu = timezone.now()
    aanvraag = Aanvraag(
        bestuur=bestuur,
        maatregel=reeks.maatregel,
        reeks=reeks,
        status=AanvraagStatus.CONCEPT,
        actieve_stap=eerste,
        aangemaakt_door=request.user,
        aangemaakt_op=nu,
    )
    _raak_aan(aanvraag, request.user, nu)
    aanvraag.full_clean()
    aanvraag.save()
    _formulier_voor(aanvraag, eerste)
    audit.record(
        request=request,
        actie="subsidies.aanvraag.gestart",
        obj=aanvraag,
        omschrijving=f"Subsidieaanvraag gestart: {reeks.maatregel.titel} ({reeks.label})",
        na={"maatregel": reeks.maatregel.titel, "reeks": reeks.label, "stap": eerste.naam},
    )
    return aanvraag


def bewerkbaar(formulier):
    """The active step's form until it is sent; a sent form again when ABB asked for an aanvulling."""
    if formulier.verstuurd or formulier.stap.formulier_id is None:
        return False
    return (
        formulier.beoordeling == Beoordeling.AANVULLING
        or formulier.aanvraag.actieve_stap_id == formulier.stap_id
    )


def _vergrendeld(formulier):
    """The form and its dossier, locked for this transaction (two tabs never send twice)."""
    Aanvraag.objects.select_for_update().get(pk=formulier.aanvraag_id)
    verse = (
        StapFormulier.objects.select_for_update(of=("self",))
        .select_related("aanvraag__actieve_stap", "stap__formulier", "definitie")
        .get(pk=formulier.pk)
    )
    return verse


@transaction.atomic
def bewaar_concept(*, request, formulier, data, bestanden=(), verwijder=()):
    """'Bewaar als concept': always saves what was typed (valid or not). `bestanden`: [(field, UploadedFile)]
    that passed loket.uploads.validate_upload; `verwijder`: uuids of this form's files to remove."""
    formulier = _vergrendeld(formulier)
    if request.bestuur != formulier.aanvraag.bestuur:
        raise PermissionDenied
    if not bewerkbaar(formulier):
        raise ValidationError(AL_VERSTUURD if formulier.verstuurd else NIET_ACTIEF)
    nu = timezone.now()
    definitie = formengine.Definitie(formulier.definitie.definitie)
    bestandsvelden = {v.sleutel for v in definitie.velden if v.type == "bestanden"}
    voor = formulier.data
    formulier.data = {k: v for k, v in data.items() if k in definitie.per_sleutel}
    if formulier.status == FormulierStatus.NIEUW:
        formulier.status = FormulierStatus.CONCEPT
    formulier.gewijzigd_op = nu
    formulier.save()
    nieuw = []
    for veld, upload in bestanden:
        if veld not in bestandsvelden:
            raise ValidationError("Onbekend bestandsveld.")
        bijlage = Bijlage(formulier=formulier, veld=veld)
        bijlage.set_upload(upload)
        bijlage.save()
        nieuw.append(bijlage.naam)
    weg = list(formulier.bijlagen.filter(uuid__in=list(verwijder)))
    for bijlage in weg:
        bijlage.bestand.delete(save=False)
        bijlage.delete()
    aanvraag = formulier.aanvraag
    projectnaam = _projectnaam(definitie, formulier.data)
    if (
        projectnaam
        and formulier.stap.volgorde == aanvraag.reeks.stappen.order_by("volgorde").first().volgorde
    ):
        aanvraag.projectnaam = projectnaam[:255]
    _raak_aan(aanvraag, request.user, nu)
    aanvraag.save()
    audit.record(
        request=request,
        actie="subsidies.stap.bewaard",
        obj=formulier,
        omschrijving=f"Concept bewaard: {aanvraag.maatregel.titel} – {formulier.stap.naam}",
        voor={"velden": sorted(k for k, v in voor.items() if v)},
        na={
            "velden": sorted(k for k, v in formulier.data.items() if v),
            "bijlagen": nieuw,
            "verwijderd": [b.naam for b in weg],
        },
    )
    return formulier


def _projectnaam(definitie, data):
    for veld in definitie.velden:
        if veld.label.lower().startswith(("projectnaam", "titel van het project")) and data.get(veld.sleutel):
            return str(data[veld.sleutel])
    return ""


@transaction.atomic
def verstuur(*, request, formulier, nu=None):
    """'Verstuur naar de Vlaamse overheid': only inside the step's period (checked here, on the server), only
    with every answer valid; the form becomes read-only and the next step opens (the last one: "Aanvraag
    ingediend"). A form ABB reopened (aanvulling gevraagd) may be sent again after the deadline."""
    formulier = _vergrendeld(formulier)
    if request.bestuur != formulier.aanvraag.bestuur:
        raise PermissionDenied
    if not bewerkbaar(formulier):
        raise ValidationError(AL_VERSTUURD if formulier.verstuurd else NIET_ACTIEF)
    nu = nu or timezone.now()
    stap = formulier.stap
    aanvulling = formulier.beoordeling == Beoordeling.AANVULLING
    if not aanvulling:
        if stap.begin is None or nu < stap.begin:
            raise ValidationError(NIET_OPEN)
        if stap.einde is not None and nu > stap.einde:
            raise ValidationError(VERSTREKEN)
    definitie = formengine.Definitie(formulier.definitie.definitie)
    data = formengine.zonder_lege_rijen(definitie, formulier.data)
    aantallen = {}
    for veld in formulier.bijlagen.values_list("veld", flat=True):
        aantallen[veld] = aantallen.get(veld, 0) + 1
    fouten = formengine.valideer(definitie, data, aantallen)
    if fouten:
        raise FormulierFouten(fouten)
    formulier.data = formengine.zonder_verborgen(definitie, data)
    formulier.status = FormulierStatus.VERSTUURD
    formulier.verstuurd_op = nu
    formulier.verstuurd_door_naam = _naam(request.user)
    formulier.gewijzigd_op = nu
    formulier.beoordeling = ""
    formulier.save()

    aanvraag = formulier.aanvraag
    volgende = aanvraag.reeks.stappen.filter(volgorde__gt=stap.volgorde).order_by("volgorde").first()
    if aanvraag.actieve_stap_id == stap.pk:
        if volgende is not None:
            aanvraag.actieve_stap = volgende
            aanvraag.status = AanvraagStatus.ACTIEF
            _formulier_voor(aanvraag, volgende)
        else:
            aanvraag.actieve_stap = None
            aanvraag.status = AanvraagStatus.INGEDIEND
    _raak_aan(aanvraag, request.user, nu)
    aanvraag.save()
    audit.record(
        request=request,
        actie="subsidies.stap.verstuurd",
        obj=formulier,
        omschrijving=f"Stap verstuurd naar de Vlaamse overheid: {aanvraag.maatregel.titel} – {stap.naam}"
        + (" (aanvulling)" if aanvulling else ""),
        na={
            "status": aanvraag.status,
            "actieve_stap": aanvraag.actieve_stap.naam if aanvraag.actieve_stap else None,
        },
    )
    return formulier


@transaction.atomic
def verwijder_aanvraag(*, request, aanvraag):
    """Only while the dossier is a concept (nothing was sent)."""
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    if request.bestuur != aanvraag.bestuur:
        raise PermissionDenied
    if (
        aanvraag.status != AanvraagStatus.CONCEPT
        or aanvraag.formulieren.filter(status=FormulierStatus.VERSTUURD).exists()
    ):
        raise ValidationError("Enkel een aanvraag in concept kan verwijderd worden.")
    bijlagen = list(Bijlage.objects.filter(formulier__aanvraag=aanvraag))
    audit.record(
        request=request,
        actie="subsidies.aanvraag.verwijderd",
        obj=aanvraag,
        omschrijving=f"Subsidieaanvraag in concept verwijderd: {aanvraag.maatregel.titel} ({aanvraag.reeks.label})",
        voor={"maatregel": aanvraag.maatregel.titel, "bijlagen": [b.naam for b in bijlagen]},
    )
    aanvraag.delete()
    for bijlage in bijlagen:
        transaction.on_commit(lambda b=bijlage: b.bestand.storage.delete(b.bestand.name))


@transaction.atomic
def beoordeel(*, request, formulier, beoordeling, bericht=""):
    """ABB: a sent step is goedgekeurd, or ABB asks for an aanvulling (a message the bestuur sees, the form
    reopened for the bestuur)."""
    formulier = _vergrendeld(formulier)
    if not formulier.verstuurd:
        raise ValidationError("Enkel een verstuurde stap kan beoordeeld worden.")
    bericht = (bericht or "").strip()
    if beoordeling == Beoordeling.AANVULLING and not bericht:
        raise ValidationError({"bericht": "Schrijf voor het bestuur welke aanvulling nodig is."})
    if beoordeling not in Beoordeling.values:
        raise ValidationError({"beoordeling": "Kies een beoordeling."})
    voor = {"beoordeling": formulier.beoordeling, "status": formulier.status}
    nu = timezone.now()
    formulier.beoordeling = beoordeling
    formulier.beoordeling_bericht = bericht
    formulier.beoordeeld_op = nu
    aanvraag = formulier.aanvraag
    if beoordeling == Beoordeling.AANVULLING:
        formulier.status = FormulierStatus.CONCEPT
        if aanvraag.actieve_stap_id is None:  # the last step was sent: the dossier is open again for it
            aanvraag.actieve_stap = formulier.stap
            aanvraag.status = AanvraagStatus.ACTIEF
            aanvraag.save(update_fields=["actieve_stap", "status"])
    formulier.save()
    audit.record(
        request=request,
        actie="subsidies.stap.beoordeeld",
        obj=formulier,
        omschrijving=f"Stap {formulier.stap.naam} van {aanvraag.bestuur.volledige_naam}: "
        f"{Beoordeling(beoordeling).label.lower()}",
        voor=voor,
        na={"beoordeling": beoordeling, "bericht": bericht, "status": formulier.status},
    )
    return formulier
