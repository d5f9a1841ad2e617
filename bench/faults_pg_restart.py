"""Fault: PostgreSQL restarted under load, on a private cluster (never the shared one on 5432).

    .venv/bin/python bench/faults_pg_restart.py            # about 1 minute; needs root (pg_createcluster)

1. creates (or reuses) cluster 15/faults on 127.0.0.1:5440 with trust auth for loopback, a database with the
   reference data, and gunicorn (production settings, 3 workers) on 127.0.0.1:8782 against it;
2. 10 simulated people send meldingen (new -> save with a PDF -> send) and browse, in a loop;
3. after --before seconds the cluster is stopped (fast), stays down --down seconds, and is started again;
4. the load goes on for --after seconds.
Checks: during the outage every error is the static Dutch 500 page ("Er ging iets mis"), no traceback, no
connection dropped; from 3 s after the restart on: 0 5xx (CONN_HEALTH_CHECKS replaces dead connections); in the
database every melding a client saw as sent is sent, and no sent melding lacks its audit event or its file/link
(services are atomic). The cluster is dropped at the end (--keep to keep it).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load_test import PDF, Person, environment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
VERSION, CLUSTER = "15", "faults"


def sh(*cmd, check=True, **kw):
    return subprocess.run(cmd, check=check, capture_output=True, text=True, **kw)


def ensure_cluster(port):
    if CLUSTER not in sh("pg_lsclusters", "-h").stdout.split():
        sh("pg_createcluster", VERSION, CLUSTER, "-p", str(port))
        hba = Path(f"/etc/postgresql/{VERSION}/{CLUSTER}/pg_hba.conf")
        hba.write_text("local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n")
    sh("pg_ctlcluster", VERSION, CLUSTER, "start", check=False)


class Log:
    def __init__(self):
        self.lock = threading.Lock()
        self.events = []  # (t, label, status, is_static_500)
        self.sent = []  # melding edit URLs the client saw sent

    def add(self, t, label, status, ok_page):
        with self.lock:
            self.events.append((t, label, status, ok_page))


def journey(p, info, log, t0, deadline):
    while time.monotonic() < deadline:
        for method, path, kwargs in [("GET", "/toezicht/", {}), ("GET", "/dashboard/", {})]:
            r = p.request(method, path, "browse", **kwargs)
            log.add(
                time.monotonic() - t0,
                "browse",
                r.status_code if r is not None else "verbinding",
                r is None
                or r.status_code < 500
                or ("Er ging iets mis" in r.text and "Traceback" not in r.text),
            )
        page = p.request("GET", "/toezicht/", "lijst")
        r = p.request("POST", "/toezicht/nieuw/", "nieuw", data={"csrfmiddlewaretoken": p.token(page)})
        if r is None or r.status_code != 302:
            if r is not None:
                log.add(
                    time.monotonic() - t0,
                    "nieuw",
                    r.status_code,
                    r.status_code < 500 or "Er ging iets mis" in r.text,
                )
            time.sleep(0.3)
            continue
        edit = r.headers["Location"]
        page = p.request("GET", edit, "bewerken")
        data = {
            "csrfmiddlewaretoken": p.token(page),
            "besluittype": info["besluittype"],
            "beslissingsorgaan": info["orgaan"],
            "datum_zitting": "2026-10-01",
            "links": "",
            "opmerking": "",
        }
        r = p.request(
            "POST",
            edit,
            "bewaar",
            data={**data, "actie": "bewaar"},
            files={"bestanden": ("besluit.pdf", PDF, "application/pdf")},
        )
        if r is not None:
            log.add(
                time.monotonic() - t0,
                "bewaar",
                r.status_code,
                r.status_code < 500 or "Er ging iets mis" in r.text,
            )
        r = p.request("POST", edit, "verzenden", data={**data, "actie": "verzenden"})
        if r is not None:
            log.add(
                time.monotonic() - t0,
                "verzenden",
                r.status_code,
                r.status_code < 500 or "Er ging iets mis" in r.text,
            )
            if r.status_code == 302 and "/bewerken/" not in r.headers.get("Location", ""):
                with log.lock:
                    log.sent.append(edit.split("/")[2])
        time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pg-port", type=int, default=5440)
    parser.add_argument("--port", type=int, default=8782)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--before", type=int, default=15)
    parser.add_argument("--down", type=int, default=5)
    parser.add_argument("--after", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    ensure_cluster(args.pg_port)
    args.database_url = f"postgres://postgres@127.0.0.1:{args.pg_port}/loket_faults"
    args.media_root = str(Path(tempfile.gettempdir()) / "loket-faults-media")
    args.static_root = str(Path(tempfile.gettempdir()) / "loket-load-static")
    env = environment(args)
    env["DATABASE_CONN_MAX_AGE"] = "60"
    sh("createdb", "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres", "loket_faults", check=False)
    for cmd in (["migrate", "-v0"], ["load_reference_data", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([PY, "manage.py", *cmd], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    info = json.loads(sh(PY, "-m", "bench.load_setup", str(args.users), env=env, cwd=ROOT).stdout)
    base = f"http://127.0.0.1:{args.port}"
    server_log = open(Path(tempfile.gettempdir()) / "loket-faults-gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "loket.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "3",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log = Log()
    try:
        for _ in range(100):
            try:
                requests.get(base + "/", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.2)
        from bench.load_test import Stats

        t0 = time.monotonic()
        deadline = t0 + args.before + args.down + args.after
        people = [Person(base, info["cookie"], u["sessie"], Stats()) for u in info["gebruikers"]]
        threads = [
            threading.Thread(target=journey, args=(p, info, log, t0, deadline), daemon=True) for p in people
        ]
        for t in threads:
            t.start()
        time.sleep(args.before)
        down_at = time.monotonic() - t0
        sh("pg_ctlcluster", VERSION, CLUSTER, "stop", "-m", "fast")
        time.sleep(args.down)
        sh("pg_ctlcluster", VERSION, CLUSTER, "start")
        up_at = time.monotonic() - t0
        for t in threads:
            t.join(args.after + 120)
    finally:
        os.killpg(server.pid, 15)
        server.wait(30)
    check = (
        "import json,django;django.setup();"
        "from toezicht.models import Melding;from loket.models import AuditEvent;"
        "sent=Melding.objects.filter(status='verstuurd');"
        "ids=set(map(str,sent.values_list('uuid',flat=True)));"
        "geen_audit=sum(1 for m in sent if not AuditEvent.objects.filter(actie='toezicht.melding.verstuurd',object_id=str(m.pk)).exists());"
        "half=sent.filter(bestanden__isnull=True,links=[]).count();"
        "print(json.dumps({'sent':len(ids),'ids':sorted(ids),'zonder_audit':geen_audit,'zonder_bestand_of_link':half}))"
    )
    db = json.loads(sh(PY, "-c", check, env=env, cwd=ROOT).stdout)
    during = [e for e in log.events if down_at <= e[0] <= up_at + 3]
    after = [e for e in log.events if e[0] > up_at + 3]
    result = {
        "requests_logged": len(log.events),
        "outage_s": round(up_at - down_at, 1),
        "during": dict(Counter(str(e[2]) for e in during)),
        "during_not_static_500": sum(1 for e in during if not e[3]),
        "after": dict(Counter(str(e[2]) for e in after)),
        "after_5xx": sum(1 for e in after if isinstance(e[2], int) and e[2] >= 500),
        "sent_seen_by_clients": len(log.sent),
        "sent_in_db": db["sent"],
        "seen_but_missing": len(set(log.sent) - set(db["ids"])),
        "sent_without_audit": db["zonder_audit"],
        "sent_without_file_or_link": db["zonder_bestand_of_link"],
    }
    print(json.dumps(result, indent=2))
    if not args.keep:
        sh("pg_dropcluster", VERSION, CLUSTER, "--stop", check=False)
    ok = (
        result["during_not_static_500"] == 0
        and result["after_5xx"] == 0
        and result["seen_but_missing"] == 0
        and result["sent_without_audit"] == 0
        and result["sent_without_file_or_link"] == 0
    )
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
