"""Reads of the Subsidies module. Bestuur-side reads start from .for_bestuur()."""

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from .models import Aanvraag, Bijlage, Maatregel, Reeks, Stap, StapFormulier


def beschikbare_reeksen(bestuur, nu=None):
    """'Beschikbare subsidiemaatregelen': reeksen of measures whose criteria the bestuur meets and whose first
    step is open now (SP-FE available-subsidies.js), sorted on the first step's end."""
    nu = nu or timezone.now()
    eerste = Stap.objects.filter(reeks=OuterRef("pk")).order_by("volgorde")
    reeksen = (
        Reeks.objects.filter(maatregel__in=Maatregel.objects.voor_bestuur(bestuur))
        .annotate(
            eerste_begin=Subquery(eerste.values("begin")[:1]),
            eerste_einde=Subquery(eerste.values("einde")[:1]),
            eerste_extern=Subquery(eerste.values("extern_url")[:1]),
            eerste_formulier=Subquery(eerste.values("formulier")[:1]),
        )
        .filter(eerste_begin__lte=nu, eerste_einde__gte=nu)
        # Only what can be applied for: a first step with a form in the Loket, or an external one.
        .filter(Q(eerste_formulier__isnull=False) | ~Q(eerste_extern="") | ~Q(maatregel__extern_url=""))
        .select_related("maatregel")
        .order_by("eerste_einde", "maatregel__titel")
    )
    return list(reeksen)


def aanvragen_voor(bestuur):
    return Aanvraag.objects.for_bestuur(bestuur).select_related(
        "maatregel", "reeks", "actieve_stap", "bestuur__classificatie"
    )


def alle_aanvragen():
    """ABB side: every dossier of every bestuur."""
    return Aanvraag.objects.select_related("maatregel", "reeks", "actieve_stap", "bestuur__classificatie")


def stappen_van(aanvraag):
    """The flow of the dossier's reeks with, per step, the dossier's form (or None)."""
    formulieren = {
        f.stap_id: f
        for f in StapFormulier.objects.filter(aanvraag=aanvraag)
        .select_related("definitie")
        .prefetch_related(Prefetch("bijlagen", queryset=Bijlage.objects.order_by("id")))
    }
    stappen = list(
        Stap.objects.filter(reeks_id=aanvraag.reeks_id).select_related("formulier").order_by("volgorde")
    )
    for stap in stappen:
        stap.dossier_formulier = formulieren.get(stap.pk)
    return stappen


def bijlagen_van(aanvraag):
    return (
        Bijlage.objects.filter(formulier__aanvraag=aanvraag)
        .select_related("formulier__stap")
        .order_by("formulier__stap__volgorde", "id")
    )
