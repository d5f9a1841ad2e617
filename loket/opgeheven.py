"""Besturen merged away (the 2025 mergers and earlier): their public URLs say what they became instead of a bare 404.

bestuur = opgeheven_bestuur(uuid)             # None unless that bestuur was merged into another
return opgeheven_response(request, bestuur, url_van_opvolger)    # 410 Gone, a Dutch page with a link
"""

from django.shortcuts import render

from .models import Bestuurseenheid


def opgeheven_bestuur(bestuur_uuid):
    return Bestuurseenheid.objects.opgeheven().filter(uuid=str(bestuur_uuid)).first()


def opgeheven_besturen(zoekterm):
    """Merged besturen matching a search, for the public search pages and the test login ("shown as merged")."""
    if not (zoekterm or "").strip():
        return []
    return list(Bestuurseenheid.objects.opgeheven().search(zoekterm).order_by("naam")[:25])


def opgeheven_response(request, bestuur, opvolger_url, terug_url=None, terug_label=None):
    return render(
        request,
        "loket/opgeheven.html",
        {
            "bestuur": bestuur,
            "opvolger_url": opvolger_url,
            "terug_url": terug_url,
            "terug_label": terug_label,
        },
        status=410,
    )
