"""A loopback web server that serves published decision pages (with RDFa), and a vendor with a key."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from leveranciers import services
from leveranciers.models import STATUS_INZENDBAAR
from tests import factories


class Publicaties:
    """path -> list of answers (status, content type, body, headers); the last one repeats."""

    def __init__(self):
        self.paginas = {}
        self.verzoeken = []

    def zet(self, pad, *antwoorden):
        self.paginas[pad] = list(antwoorden)

    def antwoord(self, pad):
        self.verzoeken.append(pad)
        antwoorden = self.paginas.get(pad)
        if not antwoorden:
            return 404, "text/plain", b"niet gevonden", {}
        return antwoorden.pop(0) if len(antwoorden) > 1 else antwoorden[0]


@pytest.fixture
def publicaties():
    pub = Publicaties()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            status, soort, body, headers = pub.antwoord(self.path)
            self.send_response(status)
            self.send_header("Content-Type", soort)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pub.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield pub
    server.shutdown()
    server.server_close()


def besluitpagina(
    *,
    resource,
    orgaan_uri="",
    type_uri="",
    zitting="2026-11-20T19:00:00+01:00",
    publicatie="2026-11-22",
    extra="",
):
    """A published besluitenlijst as a vendor's software renders it: RDFa in the lblod besluit vocabulary."""
    orgaan = (
        f'<span property="eli:passed_by" resource="{orgaan_uri}">Gemeenteraad</span>' if orgaan_uri else ""
    )
    soort = f' typeof="{type_uri}"' if type_uri else ""
    start = (
        f'<span property="prov:startedAtTime" datatype="xsd:dateTime" content="{zitting}">20 november 2026</span>'
        if zitting
        else ""
    )
    pub = (
        f'<span property="eli:date_publication" datatype="xsd:date" content="{publicatie}">22-11-2026</span>'
        if publicatie
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Besluitenlijst gemeenteraad</title></head>
<body prefix="besluit: http://data.vlaanderen.be/ns/besluit# eli: http://data.europa.eu/eli/ontology#
 prov: http://www.w3.org/ns/prov# xsd: http://www.w3.org/2001/XMLSchema#
 lblodBesluit: http://lblod.data.gift/vocabularies/besluit/ schema: http://schema.org/">
<div resource="http://data.lblod.info/id/zittingen/test-1" typeof="besluit:Zitting">
  <h1>Zitting van de gemeenteraad {start}</h1>
  <div property="besluit:heeftBesluitenlijst" resource="{resource}"{soort}>
    <h2>Besluitenlijst</h2> {orgaan} {pub} {extra}
    <p>Punt 1: goedgekeurd.</p>
  </div>
</div>
</body></html>""".encode()


@pytest.fixture
def leverancier(aalst):
    lev, sleutel = services.maak_leverancier(
        naam="Notulensoft", uri="http://data.lblod.info/vendors/test-notulensoft"
    )
    services.voeg_bestuur_toe(leverancier=lev, bestuur=aalst)
    lev.sleutel = sleutel
    return lev


@pytest.fixture
def gemeenteraad(aalst):
    return aalst.organen.filter(naam__istartswith="Gemeenteraad").order_by("naam").first()


@pytest.fixture
def besluitenlijst():
    from toezicht.models import BesluitType

    return BesluitType.objects.get(label="Besluitenlijst")


def melding_body(leverancier, bestuur, *, href, resource, status=STATUS_INZENDBAAR, **extra):
    return {
        "href": href,
        "submittedResource": resource,
        "organization": bestuur.uri,
        "publisher": {"uri": leverancier.uri, "key": leverancier.sleutel},
        "status": status,
        **extra,
    }


@pytest.fixture
def abb_editeur(db):
    from loket import modules

    return factories.user_with_rights(factories.abb(), roles=[modules.ABB_EDITEUR_ROLE, modules.ADMIN_ROLE])
