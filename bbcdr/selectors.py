"""Reads of BBC-DR. Bestuur-side reads start from .for_bestuur(); the ABB side sees sent reports only."""

from django.shortcuts import get_object_or_404

from loket.access import get_for_bestuur

from .models import Rapport, RapportBestand


def rapporten_voor(bestuur):
    return Rapport.objects.for_bestuur(bestuur).met_bestanden()


def rapport_van(request, rapport_id):
    return get_for_bestuur(Rapport.objects.met_bestanden(), request, uuid=rapport_id)


def bestand_van(request, rapport, bestand_id):
    return get_for_bestuur(
        RapportBestand.objects.select_related("rapport"), request, uuid=bestand_id, rapport=rapport
    )


def verstuurde_rapporten():
    return Rapport.objects.verstuurd().met_bestanden().order_by("-verstuurd_op", "-id")


def verstuurd_rapport(rapport_id):
    return get_object_or_404(verstuurde_rapporten(), uuid=rapport_id)


def bestand_van_verstuurd(rapport, bestand_id):
    return get_object_or_404(RapportBestand.objects.filter(rapport=rapport), uuid=bestand_id)
