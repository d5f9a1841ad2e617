"""The production topology, run here as processes (deploy/local-cluster), with kills while people work.

nginx (TLS) in front of two gunicorn instances with loket.settings.production, two Celery workers and beat, a
private Redis (append-only, as in compose), moto's S3 server, the machine's PostgreSQL (a database of its own) and
the suite's OpenID Connect provider. Through nginx, with requests sessions that log in at the IdP:
a bestuur sends meldingen with a file (all the time, from a load thread), ABB handles them, ABB starts a
conversation and the bestuur replies with an attachment, the bestuur sends a BBC-DR report that is delivered to
the S3 outbox. Meanwhile: the gunicorn that served the login is SIGKILLed, a Celery worker is SIGKILLed while it
sends a mail, Redis is restarted. Afterwards every melding, bericht and file that got a success answer is in
PostgreSQL and in S3, byte for byte, and every notification mail went out exactly once.

The figures are printed (pytest -s) and written to $CLUSTER_FIGURES when set (docs/operations.md).
"""

import hashlib
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import threading
import time
import zipfile
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest
import requests
from aiosmtpd.controller import Controller

from tests.faults.conftest import Capture, free_port, wait_for
from tests.oidc.idp import AALST_OVO, default_claims, running_idp

pytestmark = [pytest.mark.cluster]

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "bbcdr" / "corpus"
BESTUUR_ROLES = ["LoketLB-toezichtGebruiker", "LoketLB-berichtenGebruiker", "LoketLB-bbcdrGebruiker"]


def _load_cluster_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("local_cluster", ROOT / "deploy" / "local_cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cluster_database_url():
    """A database of its own next to the suite's (DATABASE_URL), dropped and created for each run."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = "postgres://postgres@127.0.0.1:5432/loket"
    parts = urlsplit(base)
    name = parts.path.lstrip("/") + "_cluster"
    return parts._replace(path=f"/{name}").geturl(), parts._replace(path="/postgres").geturl(), name


def pdf(tekst):
    """A small, unique PDF (libmagic sniffs application/pdf)."""
    body = f"BT /F1 12 Tf 72 712 Td ({tekst}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj<<>>endobj\n2 0 obj<</Length "
        + str(len(body)).encode()
        + b">>stream\n"
        + body
        + b"\nendstream endobj\ntrailer<<>>\n%%EOF\n"
    )


# --- what happened, as the people at the keyboard saw it


class Ledger:
    """Every request through nginx: when, what, the answer; failures are retried once (as a person would)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []  # (t, method, path, status or error, retry_ok or None)
        self.events = {}  # name -> (t_start, t_end)
        self.meldingen = {}  # uuid -> {"datum": iso, "files": {naam: bytes}}
        self.berichten = []  # {"gesprek": uuid, "inhoud": str, "files": {naam: bytes}}
        self.bbcdr = []  # rapport uuids
        self.rapport_files = {}
        self.afgehandeld = []  # meldingen ABB marked afgehandeld
        self.refused_files = []  # sha256 of files that must not be stored (virus)

    def record(self, start, method, path, outcome, retry_ok=None):
        with self.lock:
            self.requests.append(Request(start, time.monotonic(), method, path, outcome, retry_ok))

    def failures(self):
        return [r for r in self.requests if r.failed]


class Request(NamedTuple):
    start: float
    end: float
    method: str
    path: str
    outcome: object  # the HTTP status, or the exception's name
    retry_ok: bool | None  # a failed request is pressed again once: did that succeed?

    @property
    def failed(self):
        return not isinstance(self.outcome, int) or self.outcome >= 500


class Browser:
    """A person's browser: one requests.Session (cookies), through nginx with its self-signed certificate."""

    def __init__(self, base_url, cert, ledger, name):
        self.base, self.ledger, self.name = base_url, ledger, name
        self.session = requests.Session()
        self.session.verify = cert

    def clone(self, name):
        other = Browser(self.base, self.session.verify, self.ledger, name)
        other.session.cookies.update(self.session.cookies)
        return other

    def _send(self, method, path, retry, **kwargs):
        kwargs.setdefault("timeout", 60)
        # per request: REQUESTS_CA_BUNDLE would win over the session's
        kwargs.setdefault("verify", self.session.verify)
        kwargs.setdefault("allow_redirects", False)
        headers = kwargs.pop("headers", {})
        if method == "POST":
            headers["Referer"] = f"{self.base}{path}"  # Django's CSRF check over HTTPS
            token = self.session.cookies.get("__Host-csrftoken")
            if token and isinstance(kwargs.get("data"), dict):
                kwargs["data"].setdefault("csrfmiddlewaretoken", token)
        start = time.monotonic()
        try:
            response = self.session.request(method, f"{self.base}{path}", headers=headers, **kwargs)
            outcome = response.status_code
        except requests.RequestException as exc:
            response, outcome = None, f"{type(exc).__name__}"
        if response is not None and response.status_code < 500:
            self.ledger.record(start, method, path, outcome)
            return response
        if not retry:
            self.ledger.record(start, method, path, outcome, None)
            return response
        # A failed request (the web process died under it, a bad gateway): the person presses again.
        time.sleep(0.5)
        again = self._send(method, path, retry=False, headers=headers, **kwargs)
        retry_ok = again is not None and again.status_code < 500
        # the retry was recorded as a request of its own; the first one carries how the retry went
        self.ledger.record(start, method, path, outcome, retry_ok)
        return again

    def get(self, path, retry=True, **kwargs):
        return self._send("GET", path, retry, **kwargs)

    def post(self, path, data=None, files=None, retry=True, **kwargs):
        return self._send("POST", path, retry, data=dict(data or {}), files=files, **kwargs)

    # --- logging in at the IdP, through nginx
    def login(self, idp, claims):
        idp.set_claims(**claims)
        start = time.monotonic()
        response = self.session.get(
            f"{self.base}/aanmelden/", timeout=60, verify=self.session.verify
        )  # follows portal -> IdP -> portal
        self.ledger.record(start, "GET", "/aanmelden/ (IdP login)", response.status_code)
        assert response.status_code == 200, (response.status_code, response.url, response.text[:500])
        assert "__Host-sessionid" in self.session.cookies, "no session cookie after the login"
        return response


def csrf_form_fields(html):
    return {"csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)}


def options(html, name):
    block = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert block, f"no select {name}"
    return [
        (value, unescape(re.sub(r"<[^>]+>", "", label)).strip())
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', block.group(1), re.S)
        if value
    ]


# --- the journeys


class Bestuur:
    def __init__(self, browser, ledger):
        self.browser, self.ledger = browser, ledger
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    def next_number(self):
        with self.lock:
            return next(self.counter)

    def stuur_melding(self, label="melding"):
        """Maak nieuwe melding -> fill in -> Verzenden with one PDF. Returns the uuid when it was sent."""
        b = self.browser
        n = self.next_number()
        response = b.post("/toezicht/nieuw/")
        if response is None or response.status_code != 302:
            return None
        edit_path = urlsplit(response.headers["Location"]).path
        uuid = edit_path.strip("/").split("/")[1]
        page = b.get(edit_path)
        if page is None or page.status_code != 200:
            return None
        types = dict((lbl, v) for v, lbl in options(page.text, "besluittype"))
        organen = options(page.text, "beslissingsorgaan")
        datum = (
            date.today() - timedelta(days=n)
        ).isoformat()  # one date per melding: its mail is recognisable
        naam = f"{label} {n} – besluit é.pdf"
        inhoud = pdf(f"{label} {n} {os.urandom(8).hex()}")
        data = {
            "besluittype": types["Besluitenlijst"],
            "beslissingsorgaan": organen[0][0],
            "datum_zitting": datum,
            "links": "",
            "opmerking": f"{label} {n}",
            "actie": "verzenden",
        }
        response = b.post(edit_path, data=data, files={"bestanden": (naam, inhoud, "application/pdf")})
        if response is None:
            return None
        if response.status_code == 302 and response.headers["Location"].rstrip("/").endswith(uuid):
            self.ledger.meldingen[uuid] = {"datum": datum, "files": {naam: inhoud}}
            return uuid
        if response.status_code == 302:  # "already sent": the first press went through after all
            detail = b.get(f"/toezicht/{uuid}/")
            if detail is not None and detail.status_code == 200 and "Verstuurd" in detail.text:
                self.ledger.meldingen[uuid] = {"datum": datum, "files": {naam: inhoud}}
                return uuid
        raise AssertionError(f"melding not sent: {response.status_code} {response.text[:1500]}")

    def stuur_besmet_bestand(self, inhoud):
        """Verzenden with an infected file: refused with a message, nothing stored, the melding stays a concept."""
        b = self.browser
        edit_path = urlsplit(b.post("/toezicht/nieuw/").headers["Location"]).path
        page = b.get(edit_path)
        types = {lbl: v for v, lbl in options(page.text, "besluittype")}
        data = {
            "besluittype": types["Besluitenlijst"],
            "beslissingsorgaan": options(page.text, "beslissingsorgaan")[0][0],
            "datum_zitting": date.today().isoformat(),
            "actie": "verzenden",
        }
        response = b.post(
            edit_path, data=data, files={"bestanden": ("besmet.pdf", inhoud, "application/pdf")}
        )
        assert response.status_code in (200, 400), response.status_code
        assert "besmet.pdf" in response.text and "bevat een virus" in response.text, response.text[:2000]
        self.ledger.refused_files.append(hashlib.sha256(inhoud).hexdigest())
        return {"answer": response.status_code, "message": "bevat een virus"}

    def antwoord(self, gesprek_uuid):
        b = self.browser
        page = b.get(f"/berichten/{gesprek_uuid}/")
        assert page.status_code == 200, page.status_code
        naam = f"antwoord bijlage {gesprek_uuid[:8]}.pdf"
        inhoud = pdf(f"antwoord {os.urandom(8).hex()}")
        tekst = f"Ons antwoord op {gesprek_uuid[:8]}"
        response = b.post(
            f"/berichten/{gesprek_uuid}/",
            data={"inhoud": tekst},
            files={"bijlagen": (naam, inhoud, "application/pdf")},
        )
        assert response.status_code == 302, (response.status_code, response.text[:1500])
        self.ledger.berichten.append({"gesprek": gesprek_uuid, "inhoud": tekst, "files": {naam: inhoud}})

    def stuur_bbcdr(self):
        b = self.browser
        index = b.get("/bbcdr/")
        assert index.status_code == 200
        response = b.post("/bbcdr/nieuw/")
        assert response.status_code == 302, response.status_code
        path = urlsplit(response.headers["Location"]).path
        uuid = path.strip("/").split("/")[1]
        xml, xbrl = (CORPUS / "geldig.xml").read_bytes(), (CORPUS / "geldig.xbrl").read_bytes()
        response = b.post(
            path,
            data={"actie": "bewaar"},
            files={
                "xml": ("jaarrekening.xml", xml, "application/xml"),
                "xbrl": ("jaarrekening.xbrl", xbrl, "application/xml"),
            },
        )
        assert response.status_code == 302, (response.status_code, response.text[:1500])
        response = b.post(f"{path}verstuur/")
        assert response.status_code == 302
        page = b.get(path)
        assert "Het rapport is verstuurd" in page.text, page.text[:2000]
        self.ledger.bbcdr.append(uuid)
        self.ledger.rapport_files[uuid] = {"jaarrekening.xml": xml, "jaarrekening.xbrl": xbrl}
        return uuid


class Abb:
    def __init__(self, browser, ledger):
        self.browser, self.ledger = browser, ledger

    def handel_af(self, uuid):
        response = self.browser.post(
            f"/toezicht/abb/{uuid}/afhandelen/",
            data={"opmerking": "Behandeld in de cluster-test", "zichtbaar": "on"},
        )
        assert response.status_code == 302, (response.status_code, response.text[:1500])
        self.ledger.afgehandeld.append(uuid)

    def start_gesprek(self, bestuur_naam="Aalst"):
        b = self.browser
        page = b.get("/berichten/abb/nieuw/")
        assert page.status_code == 200, page.status_code
        bestuur = next(
            v for v, label in options(page.text, "bestuur") if label.startswith(f"{bestuur_naam} (")
        )
        response = b.post(
            "/berichten/abb/nieuw/",
            data={
                "bestuur": bestuur,
                "type_communicatie": "opvraging",
                "betreft": "Opvraging in de cluster-test",
                "dossiernummer": f"CLUSTER.{os.urandom(3).hex()}",
                "reactietermijn_dagen": "30",
                "inhoud": "Graag het besluit en de bijlagen.",
            },
        )
        assert response.status_code == 302, (response.status_code, response.text[:1500])
        return urlsplit(response.headers["Location"]).path.strip("/").split("/")[-1]


class Load(threading.Thread):
    """A person who keeps working: lists, the dashboard, and a melding with a file every few requests."""

    def __init__(self, bestuur):
        super().__init__(daemon=True)
        self.bestuur = bestuur
        self.halt = threading.Event()
        self.error = None

    def run(self):
        try:
            paths = itertools.cycle(["/dashboard/", "/toezicht/", "/berichten/", "/toezicht/", "/bbcdr/"])
            i = 0
            while not self.halt.is_set():
                i += 1
                if i % 4 == 0:
                    self.bestuur.stuur_melding("last")
                else:
                    self.bestuur.browser.get(next(paths))
        except Exception as exc:  # noqa: BLE001 - reported by the test
            self.error = exc


class HoldingCapture(Capture):
    """Capture that also remembers which message it holds and from which client port it came."""

    held_content = held_peer = None

    async def handle_DATA(self, server, session, envelope):
        if self.hold is not None and not self.hold.is_set():
            self.held_content, self.held_peer = envelope.content, session.peer
        return await super().handle_DATA(server, session, envelope)


def pids_on_local_port(port):
    """The processes that own the client end of a TCP connection from this local port."""
    out = subprocess.run(["ss", "-tnpH", f"sport = :{port}"], capture_output=True, text=True).stdout
    return {int(p) for p in re.findall(r"pid=(\d+)", out)}


def mails_for(mails, datum):
    return sum(
        f"Datum zitting/besluit: {datum}" in m.content.decode(errors="replace") for m in mails.messages
    )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    for program in ("redis-server", "openssl", "ss", "node"):
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed")
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.skip("nginx is not installed: make nginx")
    if not (ROOT / "tests" / "oidc" / "node_modules" / "oidc-provider").exists():
        pytest.skip("oidc-provider is not installed: make node")
    import psycopg

    url, admin_url, name = cluster_database_url()
    try:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable: {exc}")

    mails = HoldingCapture()
    smtp = Controller(mails, hostname="127.0.0.1", port=free_port())
    smtp.start()
    module = _load_cluster_module()
    run_dir = tmp_path_factory.mktemp("cluster")
    c = module.Cluster(
        run_dir,
        url,
        duration=900,
        extra_env={
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_TIMEOUT": "30",
            # A whole worker that vanishes leaves its message unacknowledged in Redis: delivered again after the
            # visibility timeout (3600 s in production, 15 s here to keep the test short).
            "CELERY_VISIBILITY_TIMEOUT": "15",
            "CELERY_UNACKED_RESTORE_INTERVAL": "2",
            "CELERY_UNACKED_RESTORE_THROTTLE": "2",
        },
    )
    try:
        with running_idp(c.base_url) as idp:
            c.extra_env.update(
                OIDC_SERVER_URL=idp.url, OIDC_CLIENT_ID="loket-test", OIDC_CLIENT_SECRET="loket-test-secret"
            )
            c.start()
            c.idp, c.smtp, c.mails, c.module = idp, smtp, mails, module
            yield c
    finally:
        mails.release.set()
        c.stop()
        smtp.stop()
        if os.environ.get("CLUSTER_LOGS"):  # keep them (pytest keeps only its last three temporary folders)
            shutil.copytree(c.log_dir, os.environ["CLUSTER_LOGS"], dirs_exist_ok=True)
        print(f"\ncluster logs: {c.log_dir}")


def served_by(cluster, path_fragment):
    """Which gunicorn instance answered a request (each writes its own access log)."""
    hits = [
        i
        for i, _ in enumerate(cluster.web)
        if path_fragment in (cluster.log_dir / f"web{i + 1}-access.log").read_text(errors="replace")
    ]
    assert len(hits) == 1, hits
    return hits[0]


def test_the_production_topology_survives_kills(cluster):
    t_begin = time.monotonic()
    ledger = Ledger()
    figures = {
        "start_seconds": round(cluster.timings["start"], 1),
        "migrate_seconds": round(cluster.timings["migrate"], 1),
    }
    bestuur_browser = Browser(cluster.base_url, cluster.cert_file, ledger, "bestuur")
    abb_browser = Browser(cluster.base_url, cluster.cert_file, ledger, "abb")

    # --- 1. Log in through nginx at the IdP: a bestuur person and an ABB toezichthouder.
    bestuur_browser.login(
        cluster.idp,
        default_claims(sub="cluster-bestuur", vo_orgcode=AALST_OVO, abb_loketLB_rol_3d=BESTUUR_ROLES),
    )
    login_instance = served_by(cluster, "/login/callback/")
    abb_browser.login(
        cluster.idp,
        default_claims(
            sub="cluster-abb",
            rrn="85073003328",
            given_name="An",
            family_name="Toezicht",
            vo_orgcode=cluster.module.ABB_ORGCODE,
            abb_loketLB_rol_3d=["ABBDatabankToezicht-DatabankToezichtEditeur"],
        ),
    )
    bestuur = Bestuur(bestuur_browser, ledger)
    abb = Abb(abb_browser, ledger)
    assert bestuur.stuur_melding("voor") is not None

    # --- 2. A person keeps working (its own connection, the same session) while we break things.
    load = Load(Bestuur(bestuur_browser.clone("load"), ledger))
    load.bestuur.counter = bestuur.counter
    load.bestuur.lock = bestuur.lock
    load.start()
    time.sleep(4)

    # --- 3. Kill the gunicorn that served the login (master and workers at once, mid-request).
    n_before = len(ledger.requests)
    t_kill = time.monotonic()
    cluster.web[login_instance].kill()
    t_dead = time.monotonic()
    ledger.events["web_kill"] = (t_kill, None)
    # The session made by the dead instance still works on the other one.
    page = bestuur_browser.get("/dashboard/")
    assert page.status_code == 200 and "Jan Peeters" in page.text, page.status_code
    time.sleep(4)
    after_kill = [r for r in ledger.requests if r.end >= t_kill]
    first_ok = min((r.end for r in after_kill if r.start >= t_kill and not r.failed), default=None)
    # As compose's restart policy would: start it again; nginx sends it requests once fail_timeout (10 s) is over.
    access_log = cluster.log_dir / f"web{login_instance + 1}-access.log"
    lines_before = len(access_log.read_text().splitlines())
    cluster.start_web(login_instance)
    assert wait_for(lambda: cluster.web_healthy(login_instance), 90, 0.5), cluster.web[
        login_instance
    ].output()
    t_healthy = time.monotonic()
    assert wait_for(lambda: len(access_log.read_text().splitlines()) > lines_before + 1, 60, 0.5)
    figures["web_kill"] = {
        "restarted_healthy_after_s": round(t_healthy - t_kill, 1),
        "restarted_serving_again_after_s": round(time.monotonic() - t_kill, 1),
        "killed": cluster.web[login_instance].name,
        "requests_in_4s_after": len(after_kill),
        "failed_in_4s_after": sum(1 for r in after_kill if r.failed),
        "in_flight_at_kill": sum(1 for r in ledger.requests if r.start <= t_dead and r.end >= t_kill),
        "seconds_to_die": round(t_dead - t_kill, 2),
        "seconds_to_first_success": round(first_ok - t_kill, 2) if first_ok else None,
        "requests_before_kill": n_before,
    }

    # --- 4. ABB handles the meldingen; a conversation with an attachment in the reply; a BBC-DR report.
    for uuid in list(ledger.meldingen):
        abb.handel_af(uuid)
    gesprekken = [abb.start_gesprek("Aalst"), abb.start_gesprek("Aalst")]
    bestuur.antwoord(gesprekken[0])
    rapport = bestuur.stuur_bbcdr()
    if cluster.clamd_socket:  # the virus scanner (LOKET_CLAMD_ADDRESS) in the chain: a PDF that carries EICAR
        figures["clamd"] = bestuur.stuur_besmet_bestand(b"%PDF-1.4\n" + cluster.module.EICAR + b"\n%%EOF\n")
        assert "FOUND" in cluster.clamd.output()  # the scanner behind the web process said so

    # --- 5. Kill a Celery worker while it sends a notification mail (the SMTP server holds the DATA).
    cluster.mails.hold = threading.Event()
    held = bestuur.stuur_melding("werker")
    assert held is not None
    assert cluster.mails.hold.wait(60), "no notification task reached the SMTP server"
    holders = pids_on_local_port(cluster.mails.held_peer[1])
    victim_index, victim = next((i, w) for i, w in enumerate(cluster.workers) if holders & set(w.pids()))
    held_datum = re.search(rb"Datum zitting/besluit: ([0-9-]+)", cluster.mails.held_content).group(1).decode()
    assert mails_for(cluster.mails, held_datum) == 0
    # the notification tasks the victim has taken and not finished (the held one among them)
    log = victim.output(10**7)
    unfinished = set(re.findall(r"stuur_notificatie\[([0-9a-f-]+)\] received", log)) - set(
        re.findall(r"stuur_notificatie\[([0-9a-f-]+)\] succeeded", log)
    )
    assert unfinished, log[-3000:]
    t_wkill = time.monotonic()
    victim.kill()  # the worker's main process and its pool at once: its message stays unacknowledged in Redis
    t_wdead = time.monotonic()
    cluster.mails.release.set()  # the server answers 451 to a client that is gone: nothing delivered
    bestuur.antwoord(gesprekken[1])  # people go on working meanwhile
    assert wait_for(lambda: mails_for(cluster.mails, held_datum) >= 1, 120), [
        w.output() for w in cluster.workers
    ]
    figures["worker_kill"] = {
        "killed": victim.name,
        "seconds_until_other_worker_delivered": round(time.monotonic() - t_wkill, 1),
    }
    other = cluster.workers[1 - victim_index]

    def finished_by_other():  # the mail is accepted a moment before the task commits and logs its success
        return [t for t in unfinished if f"stuur_notificatie[{t}] succeeded" in other.output(10**7)]

    assert wait_for(finished_by_other, 30), (unfinished, other.output())
    figures["worker_kill"]["tasks_taken_over"] = len(finished_by_other())
    cluster.start_worker(victim_index)  # compose's restart policy

    # --- 6. Restart Redis (broker, cache, session copies) while the load goes on; the person also works while it
    # is away: pages, and a melding whose notification task cannot be queued then.
    t_redis = time.monotonic()
    cluster.redis.stop()
    assert wait_for(lambda: not cluster.module.port_open(cluster.redis_port), 10)
    for path in ("/dashboard/", "/toezicht/", "/berichten/"):
        page = bestuur_browser.get(path)  # still logged in: the session comes from PostgreSQL
        assert page.status_code == 200 and "Jan Peeters" in page.text, (path, page.status_code)
    assert bestuur.stuur_melding("zonder-redis") is not None
    t_back = time.monotonic()
    cluster.start_redis()
    away = time.monotonic() - t_redis
    time.sleep(3)
    during = [r for r in ledger.requests if r.start >= t_redis and r.end <= t_back]
    figures["redis_restart"] = {
        "seconds_away": round(away, 2),
        "requests_while_away": len(during),
        "failed_while_away": sum(1 for r in during if r.failed),
        "failed_until_3s_after": sum(1 for r in ledger.requests if r.end >= t_redis and r.failed),
    }
    assert bestuur.stuur_melding("na-redis") is not None
    load.halt.set()
    load.join(120)
    assert load.error is None, repr(load.error)

    # Work queued while Redis was away is queued again by the beat job "loket-outbox" (every 5 minutes); an
    # operator runs it at once after an outage (docs/operations.md).
    cluster.manage("dispatch_outbox", "--marge", "0")

    # --- 7. Afterwards: PostgreSQL and S3 hold everything that got a success answer, byte for byte.
    import psycopg

    s3 = cluster.s3_client()
    bucket = cluster.module.S3_BUCKET

    def s3_bytes(key):
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()

    with psycopg.connect(cluster.database_url, autocommit=True) as db:

        def all_notified():
            n = db.execute(
                "SELECT count(*) FROM toezicht_melding WHERE uuid = ANY(%s) AND notificatie_verstuurd_op IS NOT NULL",
                [list(ledger.meldingen)],
            ).fetchone()[0]
            return n == len(ledger.meldingen)

        assert wait_for(all_notified, 120, 1), "not every sent melding got its notification"
        assert wait_for(
            lambda: (
                db.execute("SELECT levering_status FROM bbcdr_rapport WHERE uuid = %s", [rapport]).fetchone()[
                    0
                ]
                == "geleverd"
            ),
            120,
            1,
        )
        time.sleep(2)
        found_meldingen = found_files = 0
        duplicates = []  # a file stored twice (a send retried after the first press died half-way): must stay empty
        for uuid, sent in ledger.meldingen.items():
            status = db.execute("SELECT status, id FROM toezicht_melding WHERE uuid = %s", [uuid]).fetchone()
            assert status and status[0] == "verstuurd", (uuid, status)
            found_meldingen += 1
            rows = db.execute(
                "SELECT naam, bestand, sha256, uuid FROM toezicht_meldingbestand WHERE melding_id = %s",
                [status[1]],
            ).fetchall()
            assert {r[0] for r in rows} == set(sent["files"]), (uuid, rows)
            if len(rows) > len(sent["files"]):
                duplicates.append(uuid)
            # Saving and sending are one transaction (toezicht/views.py): a retried send never stores a file twice.
            assert len(rows) == len(sent["files"]), ("a file stored twice", uuid, rows)
            for naam, key, sha, bestand_uuid in rows:
                assert sha == hashlib.sha256(sent["files"][naam]).hexdigest()
                assert s3_bytes(key) == sent["files"][naam], (uuid, naam)
                # and it comes back through nginx, from S3, as it went in (the person's download)
                download = bestuur_browser.get(f"/toezicht/{uuid}/bestanden/{bestand_uuid}/")
                assert download.status_code == 200 and download.content == sent["files"][naam]
            found_files += len({r[0] for r in rows})
            # every notification exactly once (the held one too)
            datum = date.fromisoformat(sent["datum"]).strftime("%d-%m-%Y")
            count = sum(
                f"Datum zitting/besluit: {datum}" in m.content.decode(errors="replace")
                for m in cluster.mails.messages
            )
            assert count == 1, (uuid, datum, count)
        handled = db.execute(
            "SELECT count(*) FROM toezicht_melding WHERE uuid = ANY(%s) AND review_status = 'afgehandeld' "
            "AND behandeld_op IS NOT NULL",
            [ledger.afgehandeld],
        ).fetchone()[0]
        assert handled == len(ledger.afgehandeld) > 0
        figures["abb_afgehandeld_sent_vs_pg"] = [len(ledger.afgehandeld), handled]
        found_berichten = 0
        for sent in ledger.berichten:
            row = db.execute(
                "SELECT b.id FROM berichten_bericht b JOIN berichten_gesprek g ON g.id = b.gesprek_id "
                "WHERE g.uuid = %s AND b.inhoud = %s",
                [sent["gesprek"], sent["inhoud"]],
            ).fetchone()
            assert row, sent["gesprek"]
            found_berichten += 1
            rows = db.execute(
                "SELECT naam, bestand FROM berichten_berichtbijlage WHERE bericht_id = %s", [row[0]]
            ).fetchall()
            assert {r[0] for r in rows} == set(sent["files"])
            for naam, key in rows:
                assert s3_bytes(key) == sent["files"][naam]
                found_files += 1
        naam, sha = db.execute(
            "SELECT pakket_naam, pakket_sha256 FROM bbcdr_rapport WHERE uuid = %s", [rapport]
        ).fetchone()
        rows = db.execute(
            "SELECT rb.naam, rb.bestand FROM bbcdr_rapportbestand rb JOIN bbcdr_rapport r ON r.id = rb.rapport_id "
            "WHERE r.uuid = %s",
            [rapport],
        ).fetchall()
        for bestand_naam, key in rows:
            assert s3_bytes(key) == ledger.rapport_files[rapport][bestand_naam]
            found_files += 1
        for sha256 in ledger.refused_files:
            for table in ("toezicht_meldingbestand", "berichten_berichtbijlage", "bbcdr_rapportbestand"):
                assert not db.execute(f"SELECT 1 FROM {table} WHERE sha256 = %s", [sha256]).fetchone()
    outbox_key = f"bbcdr-outbox/{naam}"
    zip_bytes = s3_bytes(outbox_key)
    assert hashlib.sha256(zip_bytes).hexdigest() == sha
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        contents = {archive.read(n) for n in archive.namelist()}
    assert set(ledger.rapport_files[rapport].values()) <= contents

    sent_files = (
        sum(len(m["files"]) for m in ledger.meldingen.values())
        + sum(len(b["files"]) for b in ledger.berichten)
        + 2
    )

    # --- 8. The requests: only those in flight when a process died failed, and their retry succeeded.
    failures = ledger.failures()
    # A request failed because of an event when it was under way while the event lasted: from the kill until
    # the last process of the group was gone (a connection already queued at the dying gunicorn is reset), or
    # while Redis was away.
    events = {
        "web_kill": (t_kill, t_dead),
        "worker_kill": (t_wkill, t_wdead),
        "redis_restart": (t_redis, t_redis + figures["redis_restart"]["seconds_away"]),
    }

    def cause(f):
        return next((name for name, (a, b) in events.items() if f.start <= b and f.end >= a), None)

    nginx_errors = (cluster.log_dir / "nginx-error.log").read_text(errors="replace")
    web_logs = "".join(p.read_text(errors="replace") for p in cluster.log_dir.glob("web?.log"))
    figures["redis_restart"]["tasks_left_to_the_outbox"] = web_logs.count("de outbox probeert later opnieuw")

    figures.update(
        {
            "requests": len(ledger.requests),
            "failed": [
                {
                    "in_flight_at": cause(f),
                    "method": f.method,
                    "path": f.path,
                    "answer": f.outcome,
                    "nginx": sorted(
                        set(
                            re.findall(
                                rf"\] \d+#\d+: \*\d+ ([^,]*?) while [^\n]*{re.escape(f.path)}", nginx_errors
                            )
                        )
                    ),
                    "retry_ok": f.retry_ok,
                }
                for f in failures
            ],
            "meldingen_sent": len(ledger.meldingen),
            "meldingen_found_pg": found_meldingen,
            "berichten_sent": len(ledger.berichten),
            "berichten_found_pg": found_berichten,
            "files_sent": sent_files,
            "files_found_pg_and_s3": found_files,
            "meldingen_with_a_file_stored_twice": duplicates,
            "bbcdr_outbox": outbox_key,
            "mails_accepted": len(cluster.mails.messages),
            "test_seconds": round(time.monotonic() - t_begin, 1),
        }
    )
    print("\nCLUSTER FIGURES " + json.dumps(figures, indent=1))
    if os.environ.get("CLUSTER_FIGURES"):
        Path(os.environ["CLUSTER_FIGURES"]).write_text(json.dumps(figures, indent=1))
    # Only requests in flight when a process died failed (two clients: at most two per event), and pressing
    # again succeeded.
    assert all(cause(f) for f in failures), figures["failed"]
    assert all(f.retry_ok for f in failures if f.retry_ok is not None), figures["failed"]
    assert len(failures) <= 2 * len(events), figures["failed"]
    assert found_files == sent_files
    assert figures["web_kill"]["seconds_to_first_success"] is not None
