"""Load test: N simulated people (threads) doing mixed journeys, uploads included, against gunicorn with the
production settings on loopback. Reports requests, status codes, latencies, and the lost-writes check (sent
meldingen and answers counted in the database before and after vs. the successes the clients saw).

    .venv/bin/python bench/load_test.py --users 50 --duration 300          # the documented run (5 minutes)
    .venv/bin/python bench/load_test.py --users 5 --duration 20            # a quick look

Journeys (picked at random, think time 0.5–2 s between pages):
  browse   dashboard, toezicht list, a melding, berichten inbox
  melding  new concept -> edit page -> save with a PDF -> send (a sent melding is one write)
  antwoord open a conversation -> answer with a PDF attachment (one write)
  weigering upload an ELF disguised as PDF (must be refused with a Dutch message, nothing stored)
  abb      the ABB queue and its filters (ABB lezer)
Needs a database with reference data: `DATABASE_URL=... manage.py migrate && manage.py load_reference_data`.
"""

import argparse
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 120
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def environment(args):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "loket.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": args.database_url,
            "DJANGO_MEDIA_ROOT": args.media_root,
            "DJANGO_STATIC_ROOT": args.static_root,
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.pop("REDIS_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.status = Counter()
        self.latency = []
        self.errors = []
        self.writes = Counter()
        self.journeys = Counter()

    def record(self, label, response, started):
        with self.lock:
            self.status[response.status_code] += 1
            self.latency.append(time.monotonic() - started)
            if response.status_code >= 500:
                self.errors.append(f"{label}: {response.status_code}")


class Person:
    """One simulated person: their own cookies (set by hand: the production cookies are Secure and __Host-,
    the proxy header tells Django the request came in over HTTPS as behind nginx)."""

    def __init__(self, base, cookie_name, sessie, stats):
        self.base, self.stats = base, stats
        self.http = requests.Session()
        self.cookies = {cookie_name: sessie}
        self.headers = {"X-Forwarded-Proto": "https", "Referer": base.replace("http://", "https://") + "/"}

    def request(self, method, path, label, **kwargs):
        headers = {**self.headers, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        started = time.monotonic()
        try:
            response = self.http.request(
                method, self.base + path, headers=headers, allow_redirects=False, timeout=120, **kwargs
            )
        except requests.RequestException as exc:
            with self.stats.lock:
                self.stats.status["verbinding"] += 1
                self.stats.errors.append(f"{label}: {exc}")
            return None
        for name, value in response.cookies.items():
            self.cookies[name] = value
        self.stats.record(label, response, started)
        return response

    def token(self, response):
        match = TOKEN.search(response.text) if response is not None else None
        return match.group(1) if match else ""


def browse(p, info, stats):
    for path in ("/dashboard/", "/toezicht/", "/berichten/", "/toezicht/?status=verstuurd&page=2"):
        p.request("GET", path, "browse")
        time.sleep(random.uniform(0.2, 0.8))


def melding(p, info, stats):
    page = p.request("GET", "/toezicht/", "melding-lijst")
    r = p.request("POST", "/toezicht/nieuw/", "melding-nieuw", data={"csrfmiddlewaretoken": p.token(page)})
    if r is None or r.status_code != 302:
        return
    edit = r.headers["Location"]
    page = p.request("GET", edit, "melding-bewerken")
    data = {
        "csrfmiddlewaretoken": p.token(page),
        "besluittype": info["besluittype"],
        "beslissingsorgaan": info["orgaan"],
        "datum_zitting": "2026-10-01",
        "links": "",
        "opmerking": "Belastingtest",
    }
    time.sleep(random.uniform(0.5, 1.5))
    r = p.request(
        "POST",
        edit,
        "melding-bewaar",
        data={**data, "actie": "bewaar"},
        files={"bestanden": ("besluitenlijst.pdf", PDF, "application/pdf")},
    )
    if r is None or r.status_code != 302:
        return
    r = p.request("POST", edit, "melding-verzenden", data={**data, "actie": "verzenden"})
    if r is not None and r.status_code == 302 and "/bewerken/" not in r.headers.get("Location", ""):
        with stats.lock:
            stats.writes["meldingen"] += 1
        p.request("GET", r.headers["Location"], "melding-detail")


def antwoord(p, info, stats, gesprek):
    page = p.request("GET", f"/berichten/{gesprek}/", "gesprek")
    time.sleep(random.uniform(0.5, 1.5))
    r = p.request(
        "POST",
        f"/berichten/{gesprek}/",
        "antwoord",
        data={"csrfmiddlewaretoken": p.token(page), "inhoud": "Ons antwoord, zie bijlage."},
        files={"bijlagen": ("antwoord.pdf", PDF, "application/pdf")},
    )
    if r is not None and r.status_code == 302:
        with stats.lock:
            stats.writes["antwoorden"] += 1


def weigering(p, info, stats, gesprek):
    page = p.request("GET", f"/berichten/{gesprek}/", "gesprek")
    r = p.request(
        "POST",
        f"/berichten/{gesprek}/",
        "weigering",
        data={"csrfmiddlewaretoken": p.token(page), "inhoud": "Met een programma"},
        files={"bijlagen": ("besluit.pdf", ELF, "application/pdf")},
    )
    if r is not None and not (r.status_code in (200, 400) and "wordt niet aanvaard" in r.text):
        with stats.lock:
            stats.errors.append(f"weigering: {r.status_code} without the Dutch refusal")


def abb(p, info, stats):
    for path in ("/toezicht/abb/", "/toezicht/abb/?review_status=te_behandelen", "/berichten/abb/"):
        p.request("GET", path, "abb")
        time.sleep(random.uniform(0.2, 0.8))


def run_person(i, base, info, stats, deadline):
    gebruiker = info["gebruikers"][i % len(info["gebruikers"])]
    bestuur = Person(base, info["cookie"], gebruiker["sessie"], stats)
    abb_person = Person(base, info["cookie"], info["abb"], stats)
    rng = random.Random(i)
    while time.monotonic() < deadline:
        journey = rng.choices(["browse", "melding", "antwoord", "weigering", "abb"], [35, 25, 20, 5, 15])[0]
        with stats.lock:
            stats.journeys[journey] += 1
        if journey == "browse":
            browse(bestuur, info, stats)
        elif journey == "melding":
            melding(bestuur, info, stats)
        elif journey == "antwoord":
            antwoord(bestuur, info, stats, gebruiker["gesprek"])
        elif journey == "weigering":
            weigering(bestuur, info, stats, gebruiker["gesprek"])
        else:
            abb(abb_person, info, stats)
        time.sleep(rng.uniform(0.5, 2.0))


def counts(env):
    out = subprocess.run(
        [PY, "-m", "bench.load_setup", "counts"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/loket_reliability")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=300)
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn sync workers (the Dockerfile uses 3)"
    )
    parser.add_argument("--port", type=int, default=8781)
    parser.add_argument("--media-root", default=str(Path(tempfile.gettempdir()) / "loket-load-media"))
    parser.add_argument("--static-root", default=str(Path(tempfile.gettempdir()) / "loket-load-static"))
    args = parser.parse_args()
    env = environment(args)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    info = json.loads(
        subprocess.run(
            [PY, "-m", "bench.load_setup", str(args.users)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    base = f"http://127.0.0.1:{args.port}"
    log_path = Path(args.media_root).parent / "loket-load-gunicorn.log"
    log = open(log_path, "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "loket.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "120",
            "--max-requests",
            "2000",
            "--max-requests-jitter",
            "200",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stats = Stats()
    try:
        for _ in range(300):
            try:
                if (
                    requests.get(base + "/", timeout=2, headers={"X-Forwarded-Proto": "https"}).status_code
                    < 500
                ):
                    break
            except requests.RequestException:
                time.sleep(0.2)
        started = time.monotonic()
        deadline = started + args.duration
        threads = [
            threading.Thread(target=run_person, args=(i, base, info, stats, deadline), daemon=True)
            for i in range(args.users)
        ]
        for t in threads:
            t.start()
            time.sleep(0.05)
        for t in threads:
            t.join(args.duration + 300)
        elapsed = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    after = counts(env)
    lat = sorted(stats.latency)
    total = len(lat)
    five = sum(v for k, v in stats.status.items() if isinstance(k, int) and k >= 500)
    lost_meldingen = stats.writes["meldingen"] - (after["verstuurd"] - info["verstuurd"])
    lost_antwoorden = stats.writes["antwoorden"] - (after["antwoorden"] - info["antwoorden"])
    result = {
        "users": args.users,
        "duration_s": round(elapsed),
        "workers": args.workers,
        "requests": total,
        "rps": round(total / elapsed, 1),
        "status": {str(k): v for k, v in sorted(stats.status.items(), key=str)},
        "5xx": five,
        "p50_ms": round(statistics.median(lat) * 1000) if lat else None,
        "p95_ms": round(lat[int(total * 0.95)] * 1000) if lat else None,
        "p99_ms": round(lat[int(total * 0.99)] * 1000) if lat else None,
        "journeys": dict(stats.journeys),
        "writes_seen_by_clients": dict(stats.writes),
        "db_delta": {
            "verstuurd": after["verstuurd"] - info["verstuurd"],
            "antwoorden": after["antwoorden"] - info["antwoorden"],
        },
        "lost_writes": lost_meldingen + lost_antwoorden,
        "sent_without_file_or_link": after["half"],
        "errors": stats.errors[:20],
        "nproc": os.cpu_count(),
    }
    print(json.dumps(result, indent=2))
    ok = (
        five == 0
        and result["lost_writes"] == 0
        and not stats.errors
        and stats.status.get("verbinding", 0) == 0
    )
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
