"""Every public dataset of the Loket, on one page and as a DCAT catalogue (Turtle, JSON-LD, N-Triples).

A module contributes its datasets with `<app>/opendata.py` defining `datasets()` -> [Dataset]; the core discovers
them (like `<app>/reference.py`) and never imports a module itself.
"""

import hashlib
import importlib
import importlib.util
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from . import csvexport, linkeddata
from .linkeddata import NS, A, datum, iri, tekst

CATALOGUS_PAD = "/open-data/catalogus"
CONTENT_TYPES = {"csv": csvexport.CONTENT_TYPE, **{f: v[1] for f, v in linkeddata.FORMATEN.items()}}


def bestanden(kolommen, rijen, graaf):
    """{formaat: bytes} of one dataset: its CSV and its graph in every RDF format."""
    inhoud = {"csv": csvexport.csv_bytes(kolommen, rijen)}
    for formaat in linkeddata.FORMATEN:
        inhoud[formaat] = linkeddata.serialiseer(graaf, formaat)
    return inhoud


@transaction.atomic
def bewaar_bestanden(model, basisnaam, inhoud, aantal, nu):
    """Store the new files of a dataset (an `OpenDataBestand` subclass, one row per format), under a row lock;
    the replaced files are removed after the commit. Idempotent: running it twice leaves one row per format."""
    oude_bestanden = []
    for formaat, data in inhoud.items():
        ext = linkeddata.FORMATEN[formaat][2] if formaat in linkeddata.FORMATEN else formaat
        naam = f"{basisnaam}.{ext}"
        export = model.objects.select_for_update().filter(formaat=formaat).first()
        if export is None:
            export = model(formaat=formaat)
        elif export.bestand:
            oude_bestanden.append(export.bestand.name)
        export.naam = naam
        export.grootte = len(data)
        export.mime_type = CONTENT_TYPES[formaat]
        export.sha256 = hashlib.sha256(data).hexdigest()
        export.aangemaakt_op = nu
        export.aantal = aantal
        export.bestand.save("export", ContentFile(data, name=naam), save=False)
        export.save()
    storage = model._meta.get_field("bestand").storage

    def _opruimen():
        for name in oude_bestanden:
            storage.delete(name)

    transaction.on_commit(_opruimen)


@dataclass
class Distributie:
    formaat: str  # "CSV", "Turtle", ...
    media_type: str
    url: str  # absolute path on this site
    grootte: int | None = None  # bytes, when the file exists already
    gewijzigd: object = None  # datetime


@dataclass
class Dataset:
    slug: str
    titel: str
    beschrijving: str
    pagina_url: str
    distributies: list = field(default_factory=list)
    gewijzigd: object = None  # datetime of the data's last change (or generation)
    aantal: int | None = None  # records
    eenheid: str = "rijen"


LABELS = {"csv": "CSV", **linkeddata.FORMAAT_LABELS}


def dataset_uit_bestanden(model, *, slug, titel, beschrijving, pagina_url, download_url_name, eenheid):
    """A Dataset from the stored files of an `OpenDataBestand` subclass ([] while none was generated yet)."""
    from django.urls import reverse

    bestanden = list(model.objects.order_by("formaat"))
    if not bestanden:
        return []
    distributies = [
        Distributie(
            LABELS.get(b.formaat, b.formaat),
            b.mime_type.split(";")[0],
            reverse(download_url_name, args=[b.formaat]),
            b.grootte,
            b.aangemaakt_op,
        )
        for b in bestanden
    ]
    gewijzigd = max(b.aangemaakt_op for b in bestanden)
    return [
        Dataset(slug, titel, beschrijving, pagina_url, distributies, gewijzigd, bestanden[0].aantal, eenheid)
    ]


def download(model, formaat):
    """The stored file of a dataset in one format, for everybody the same until regenerated; 404 when none."""
    from django.http import Http404
    from django.utils.cache import patch_cache_control

    from .files import download_response

    bestand = model.objects.filter(formaat=formaat).first()
    if bestand is None or not bestand.bestand:
        raise Http404
    response = download_response(bestand)
    patch_cache_control(response, public=True, max_age=600)
    return response


def licentie():
    return settings.LOKET_OPEN_DATA_LICENTIE_URL, settings.LOKET_OPEN_DATA_LICENTIE_LABEL


def datasets():
    result = []
    for config in apps.get_app_configs():
        if importlib.util.find_spec(f"{config.name}.opendata") is not None and config.name != "loket":
            result += importlib.import_module(f"{config.name}.opendata").datasets()
    return sorted(result, key=lambda d: d.titel)


def _absoluut(request, pad):
    basis = (
        settings.LOKET_BASE_URL.rstrip("/")
        if settings.LOKET_BASE_URL
        else request.build_absolute_uri("/")[:-1]
    )
    return basis + pad


def catalogus_graaf(request, lijst):
    """DCAT-AP: one dcat:Catalog, a dcat:Dataset per dataset, a dcat:Distribution per format."""
    g = linkeddata.nieuwe_graaf()
    dcat, dct = NS["dcat"], NS["dct"]
    licentie_url, licentie_label = licentie()
    catalogus = iri(_absoluut(request, CATALOGUS_PAD))
    g.add((catalogus, A, dcat.Catalog))
    g.add((catalogus, dct.title, tekst("Open data van het Loket voor Lokale Besturen", lang="nl")))
    g.add((catalogus, dct.license, iri(licentie_url)))
    g.add((iri(licentie_url), NS["skos"].prefLabel, tekst(licentie_label, lang="nl")))
    for d in lijst:
        ds = iri(_absoluut(request, f"/open-data/#{d.slug}"))
        g.add((catalogus, dcat.dataset, ds))
        g.add((ds, A, dcat.Dataset))
        g.add((ds, dct.title, tekst(d.titel, lang="nl")))
        g.add((ds, dct.description, tekst(d.beschrijving, lang="nl")))
        g.add((ds, dcat.landingPage, iri(_absoluut(request, d.pagina_url))))
        g.add((ds, dct.license, iri(licentie_url)))
        if d.gewijzigd:
            g.add((ds, dct.modified, datum(d.gewijzigd)))
        for dist in d.distributies:
            x = iri(_absoluut(request, dist.url))
            g.add((ds, dcat.distribution, x))
            g.add((x, A, dcat.Distribution))
            g.add((x, dct.title, tekst(f"{d.titel} ({dist.formaat})", lang="nl")))
            g.add((x, dct["format"], tekst(dist.formaat)))
            g.add((x, dcat.mediaType, iri(f"https://www.iana.org/assignments/media-types/{dist.media_type}")))
            g.add((x, dcat.accessURL, x))
            g.add((x, dcat.downloadURL, x))
            g.add((x, dct.license, iri(licentie_url)))
            if dist.grootte is not None:
                g.add((x, dcat.byteSize, linkeddata.geheel_getal(dist.grootte)))
            if dist.gewijzigd:
                g.add((x, dct.modified, datum(dist.gewijzigd)))
    return g
