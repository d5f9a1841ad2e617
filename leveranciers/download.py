"""Download the published decision page (href) without trusting it.

- only http and https; at most LOKET_VENDOR_DOWNLOAD_MAX_REDIRECTS redirects, each checked like the first URL;
- every address the name resolves to must be public (no loopback, private, link-local, multicast, reserved):
  the connection is made to the address that was checked (no second DNS lookup an attacker could answer
  differently). LOKET_VENDOR_DOWNLOAD_ALLOW_PRIVATE (tests, development) lifts this; production forces it off;
- connect and read timeouts, a size cap while reading, and only an HTML page (text/html, application/xhtml+xml).
Errors are `DownloadFout` with a Dutch and an English message and whether trying again may help.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "LoketLokaleBesturen/1.0 (automatische melding)"


class DownloadFout(Exception):
    def __init__(self, nl, en, *, tijdelijk):
        super().__init__(en)
        self.nl, self.en, self.tijdelijk = nl, en, tijdelijk


@dataclass
class Pagina:
    url: str
    inhoud: bytes
    content_type: str


def _adres(host, port):
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise DownloadFout(
            f"De servernaam {host} bestaat niet of is niet bereikbaar.",
            f"The host name {host} could not be resolved.",
            tijdelijk=True,
        ) from exc
    adressen = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not getattr(settings, "LOKET_VENDOR_DOWNLOAD_ALLOW_PRIVATE", False):
        for ip in adressen:
            if not ip.is_global or ip.is_multicast:
                raise DownloadFout(
                    f"De publicatie staat op een intern adres ({host}) en wordt niet opgehaald.",
                    f"The publication is on a non-public address ({host}) and is not fetched.",
                    tijdelijk=False,
                )
    return str(adressen[0])


def _een_verzoek(url):
    delen = urlsplit(url)
    if delen.scheme not in ("http", "https") or not delen.hostname:
        raise DownloadFout(
            "De link (href) moet beginnen met http:// of https://.",
            "The href must be an http:// or https:// URL.",
            tijdelijk=False,
        )
    port = delen.port or (443 if delen.scheme == "https" else 80)
    ip = _adres(delen.hostname, port)
    timeout = urllib3.Timeout(
        connect=settings.LOKET_VENDOR_DOWNLOAD_CONNECT_TIMEOUT,
        read=settings.LOKET_VENDOR_DOWNLOAD_READ_TIMEOUT,
    )
    kwargs = {"timeout": timeout, "retries": False, "maxsize": 1}
    if delen.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            ip, port, server_hostname=delen.hostname, assert_hostname=delen.hostname, **kwargs
        )
    else:
        pool = urllib3.HTTPConnectionPool(ip, port, **kwargs)
    pad = delen.path or "/"
    if delen.query:
        pad += "?" + delen.query
    host_header = delen.hostname if delen.port is None else f"{delen.hostname}:{delen.port}"
    try:
        return pool.urlopen(
            "GET",
            pad,
            headers={
                "Host": host_header,
                "Accept": "text/html, application/xhtml+xml",
                "User-Agent": USER_AGENT,
            },
            redirect=False,
            preload_content=False,
        ), pool
    except urllib3.exceptions.HTTPError as exc:
        pool.close()
        raise DownloadFout(
            f"De publicatie kon niet opgehaald worden: {type(exc).__name__}.",
            f"The publication could not be fetched: {type(exc).__name__}.",
            tijdelijk=True,
        ) from exc


def haal_op(url):
    """The page at `url` (following checked redirects) or DownloadFout."""
    for _ in range(settings.LOKET_VENDOR_DOWNLOAD_MAX_REDIRECTS + 1):
        antwoord, pool = _een_verzoek(url)
        try:
            if antwoord.status in (301, 302, 303, 307, 308) and antwoord.headers.get("Location"):
                url = urljoin(url, antwoord.headers["Location"])
                continue
            if antwoord.status >= 500 or antwoord.status == 429:
                raise DownloadFout(
                    f"De server van de publicatie antwoordde met fout {antwoord.status}.",
                    f"The publication's server answered {antwoord.status}.",
                    tijdelijk=True,
                )
            if antwoord.status != 200:
                raise DownloadFout(
                    f"De publicatie werd niet gevonden (HTTP {antwoord.status}).",
                    f"The publication was not found (HTTP {antwoord.status}).",
                    tijdelijk=antwoord.status in (404, 408),
                )
            soort = antwoord.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if soort not in HTML_TYPES:
                raise DownloadFout(
                    f"De publicatie is geen HTML-pagina (Content-Type {soort or 'onbekend'}).",
                    f"The publication is not an HTML page (Content-Type {soort or 'unknown'}).",
                    tijdelijk=False,
                )
            return Pagina(url=url, inhoud=_lees(antwoord), content_type=soort)
        finally:
            antwoord.release_conn()
            pool.close()
    raise DownloadFout(
        "De publicatie verwijst te vaak door.", "Too many redirects for the publication.", tijdelijk=False
    )


def _lees(antwoord):
    grens = settings.LOKET_VENDOR_DOWNLOAD_MAX_BYTES
    lengte = antwoord.headers.get("Content-Length")
    if lengte and lengte.isdigit() and int(lengte) > grens:
        raise _te_groot(grens)
    delen, totaal = [], 0
    try:
        for stuk in antwoord.stream(64 * 1024):
            totaal += len(stuk)
            if totaal > grens:
                raise _te_groot(grens)
            delen.append(stuk)
    except urllib3.exceptions.HTTPError as exc:
        raise DownloadFout(
            f"Het ophalen van de publicatie werd onderbroken: {type(exc).__name__}.",
            f"Fetching the publication was interrupted: {type(exc).__name__}.",
            tijdelijk=True,
        ) from exc
    return b"".join(delen)


def _te_groot(grens):
    return DownloadFout(
        f"De publicatie is groter dan {grens // (1024 * 1024)} MB.",
        f"The publication is larger than {grens // (1024 * 1024)} MB.",
        tijdelijk=False,
    )
