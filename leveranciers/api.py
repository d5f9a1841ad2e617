"""The vendor API (lblod's automatic-submission contract): POST /melding, POST /delete-melding, and the status
of a job or a submission (GET, the vendor's URI and key in the headers X-Vendor-Uri / X-Vendor-Key).

Every view is declared `@vendor_api` (loket.access): no session, no CSRF cookie; the vendor's key decides (401).
Answers are JSON; errors are {"errors": [{"title": ...}]} as lblod's service gives them. Bad input is a 4xx,
never a 500. The OpenAPI 3 description of all this is `openapi.json` (served by `openapi`).
"""

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from loket.access import vendor_api
from loket.middleware import _hit as tel_verzoek  # the fixed-window counter of the login rate limit
from loket.models import Bestuurseenheid

from . import services
from .models import STATUS_CONCEPT, STATUS_INZENDBAAR, Inzending, Leverancier

logger = logging.getLogger(__name__)

CONTENT_TYPES = ("application/json", "application/ld+json")
TOEGANG_GEWEIGERD = (
    "Authentication failed, vendor does not have access to the organization or does not exist. "
    "If this should not be the case, please contact us at digitaalABB@vlaanderen.be."
)


def fouten(status, *titels, headers=None):
    response = JsonResponse({"errors": [{"title": t} for t in titels]}, status=status)
    for k, v in (headers or {}).items():
        response[k] = v
    return response


def _uri(waarde, max_length=500, schemes=("http", "https")):
    if not isinstance(waarde, str) or not waarde or len(waarde) > max_length or "\x00" in waarde:
        return False
    if any(c.isspace() for c in waarde):
        return False
    delen = urlsplit(waarde)
    return delen.scheme in schemes and bool(delen.netloc)


def _ontbreekt(naam):
    return f'Invalid JSON-LD payload: property "{naam}" is missing or invalid.'


def _te_veel(request, sleutel):
    """The per-vendor rate limit: None, or the 429 answer."""
    limiet = settings.LOKET_VENDOR_RATE_LIMIT
    venster = max(1, settings.LOKET_VENDOR_RATE_WINDOW)
    aantal, wacht = tel_verzoek("leverancier", sleutel, venster)
    if limiet and aantal > limiet:
        logger.warning("Leverancier %s: te veel verzoeken (%s)", sleutel, aantal)
        return fouten(
            429,
            f"Too many requests: at most {limiet} per {venster} seconds. Try again in {wacht} seconds.",
            headers={"Retry-After": str(wacht)},
        )
    return None


def _lees_json(request):
    """(object, None) or (None, error response): content type, size, JSON, an object."""
    soort = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if soort not in CONTENT_TYPES:
        return None, fouten(
            400, "Content-Type not valid, only application/json or application/ld+json are accepted"
        )
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    if lengte > settings.LOKET_VENDOR_MAX_BODY_BYTES:
        return None, fouten(413, f"Payload too large: at most {settings.LOKET_VENDOR_MAX_BODY_BYTES} bytes.")
    ruw = request.read(settings.LOKET_VENDOR_MAX_BODY_BYTES + 1)
    if len(ruw) > settings.LOKET_VENDOR_MAX_BODY_BYTES:
        return None, fouten(413, f"Payload too large: at most {settings.LOKET_VENDOR_MAX_BODY_BYTES} bytes.")
    if b"\x00" in ruw:
        return None, fouten(400, "Invalid JSON payload: the body contains a NUL byte.")
    try:
        data = json.loads(ruw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, fouten(400, "Invalid JSON payload.")
    if isinstance(data, list):
        return None, fouten(400, "Invalid JSON payload, expected an object but found array.")
    if not isinstance(data, dict):
        return None, fouten(400, "Invalid JSON payload, expected an object.")
    return data, None


def _publisher(data):
    publisher = data.get("publisher")
    if not isinstance(publisher, dict):
        return None, None
    return publisher.get("uri"), publisher.get("key")


def _authenticeer(uri, sleutel, organisatie_uri=None):
    """(leverancier, bestuur) or None: the vendor exists and is active, the key is right and (when given) the
    vendor may act for that organisation."""
    leverancier = Leverancier.objects.filter(uri=uri, actief=True).first()
    if leverancier is None or not services.sleutel_klopt(leverancier, sleutel):
        return None
    if organisatie_uri is None:
        return leverancier, None
    bestuur = (
        Bestuurseenheid.objects.select_related("classificatie")
        .filter(uri=organisatie_uri, actief=True, leveranciers=leverancier)
        .first()
    )
    return (leverancier, bestuur) if bestuur is not None else None


def _links(request, inzending):
    return {
        "job": request.build_absolute_uri(reverse("leveranciers:api-job", args=[inzending.uuid])),
        "submission": request.build_absolute_uri(
            reverse("leveranciers:api-submission", args=[inzending.submission_uuid])
        ),
    }


@vendor_api
@require_POST
def melding(request):
    data, fout = _lees_json(request)
    if fout:
        return fout
    uri, sleutel = _publisher(data)
    te_veel = _te_veel(request, uri if isinstance(uri, str) else f"ip:{request.META.get('REMOTE_ADDR', '')}")
    if te_veel:
        return te_veel

    problemen = []
    if not _uri(data.get("href"), max_length=2000):
        problemen.append(_ontbreekt("href"))
    if not _uri(data.get("submittedResource")):
        problemen.append(_ontbreekt("submittedResource"))
    if not _uri(data.get("organization"), schemes=("http", "https")):
        problemen.append(_ontbreekt("organization"))
    if not isinstance(data.get("publisher"), dict):
        problemen.append(_ontbreekt("publisher"))
    else:
        if not _uri(uri):
            problemen.append(_ontbreekt("publisher.uri"))
        if not isinstance(sleutel, str) or not sleutel or "\x00" in sleutel:
            problemen.append(_ontbreekt("publisher.key"))
    status = data.get("status", STATUS_CONCEPT)
    if status not in (STATUS_CONCEPT, STATUS_INZENDBAAR):
        problemen.append(_ontbreekt("status"))
    eigen_id = data.get("@id", "")
    if eigen_id and not _uri(eigen_id):
        problemen.append(_ontbreekt("@id"))
    if problemen:
        return fouten(400, *problemen)

    gevonden = _authenticeer(uri, sleutel, data["organization"])
    if gevonden is None:
        return fouten(401, TOEGANG_GEWEIGERD)
    leverancier, bestuur = gevonden
    if eigen_id and Inzending.objects.filter(submission_uri=eigen_id).exists():
        return fouten(409, f"The given @id {eigen_id} has already been used.")
    try:
        inzending = services.registreer(
            leverancier=leverancier,
            bestuur=bestuur,
            href=data["href"],
            submitted_resource=data["submittedResource"],
            gevraagde_status=status,
            submission_uri=eigen_id,
        )
    except services.Duplicaat:
        return fouten(
            409, f"The given submittedResource <{data['submittedResource']}> has already been submitted."
        )
    return JsonResponse(
        {
            "uri": inzending.submission_uri,
            "submission": inzending.submission_uri,
            "job": inzending.job_uri,
            "links": _links(request, inzending),
        },
        status=201,
    )


@vendor_api
@require_POST
def verwijder_melding(request):
    data, fout = _lees_json(request)
    if fout:
        return fout
    uri, sleutel = _publisher(data)
    te_veel = _te_veel(request, uri if isinstance(uri, str) else f"ip:{request.META.get('REMOTE_ADDR', '')}")
    if te_veel:
        return te_veel
    problemen = [
        _ontbreekt(naam)
        for naam, ok in (
            ("submission", _uri(data.get("submission"))),
            ("organization", _uri(data.get("organization"))),
            ("publisher.uri", _uri(uri)),
            ("publisher.key", isinstance(sleutel, str) and bool(sleutel)),
        )
        if not ok
    ]
    if problemen:
        return fouten(400, *problemen)
    gevonden = _authenticeer(uri, sleutel, data["organization"])
    if gevonden is None:
        return fouten(401, TOEGANG_GEWEIGERD)
    leverancier, bestuur = gevonden
    try:
        services.verwijder(leverancier=leverancier, bestuur=bestuur, submission_uri=data["submission"])
    except services.NietGevonden:
        return fouten(404, f"Submission <{data['submission']}> not found.")
    except services.AlVerstuurd:
        return fouten(409, f"Submission <{data['submission']}> has already been sent and cannot be removed.")
    return JsonResponse({"submission": data["submission"], "status": "verwijderd"}, status=200)


def _header_leverancier(request):
    """(leverancier, None) or (None, 401/429 response) from X-Vendor-Uri and X-Vendor-Key."""
    uri = request.headers.get("X-Vendor-Uri", "")
    sleutel = request.headers.get("X-Vendor-Key", "")
    if not uri or not sleutel:
        return None, fouten(401, "Authentication missing: send the headers X-Vendor-Uri and X-Vendor-Key.")
    te_veel = _te_veel(request, uri)
    if te_veel:
        return None, te_veel
    gevonden = _authenticeer(uri, sleutel)
    if gevonden is None:
        return None, fouten(401, TOEGANG_GEWEIGERD)
    return gevonden[0], None


def _status(inzending):
    melding = inzending.melding
    if inzending.verwijderd_op or (melding and melding.verwijderd_op):
        status = "verwijderd"
    elif melding and melding.status == melding.Status.VERSTUURD:
        status = "verstuurd"
    elif inzending.status == Inzending.Status.MISLUKT:
        status = "mislukt"
    else:
        status = "concept"
    return status


JOB_STATUS = {"bezig": "busy", "geslaagd": "success", "mislukt": "failed"}


def _beschrijving(request, inzending):
    stappen = [
        {
            "index": s.index,
            "operation": s.operatie,
            "label": s.get_operatie_display(),
            "status": s.status,
            "attempts": s.poging,
            "started": s.gestart_op,
            "ended": s.beeindigd_op,
            "error": {"nl": s.fout_nl, "en": s.fout_en} if s.fout_nl else None,
        }
        for s in inzending.stappen.all()
    ]
    melding = inzending.melding
    return {
        "job": inzending.job_uri,
        "submission": inzending.submission_uri,
        "submittedResource": inzending.submitted_resource,
        "href": inzending.href,
        "organization": inzending.bestuur.uri,
        "status": _status(inzending),
        "jobStatus": JOB_STATUS[inzending.status],
        "sentDate": melding.verstuurd_op if melding else None,
        "tasks": stappen,
        "error": {"nl": inzending.fout_nl, "en": inzending.fout_en} if inzending.fout_nl else None,
        "validationErrors": inzending.verzendfouten,
        "created": inzending.aangemaakt_op,
        "modified": inzending.gewijzigd_op,
        "links": _links(request, inzending),
    }


def _toon(request, **lookup):
    leverancier, fout = _header_leverancier(request)
    if fout:
        return fout
    inzending = (
        Inzending.objects.filter(leverancier=leverancier, **lookup)
        .select_related("melding", "bestuur")
        .prefetch_related("stappen")
        .first()
    )
    if inzending is None:
        return fouten(404, "Not found.")
    return JsonResponse(_beschrijving(request, inzending))


@vendor_api
@require_GET
def job(request, job_id):
    return _toon(request, uuid=job_id)


@vendor_api
@require_GET
def submission(request, submission_id):
    return _toon(request, submission_uuid=submission_id)
