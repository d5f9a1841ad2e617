"""The vendor API under load: POST /melding under wrk beside the floor (ratio), and the time from POST to
Verstuurd with a real Celery worker. Production settings, gunicorn, PostgreSQL, Redis (own database number).

    .venv/bin/python bench/vendor.py --database-url postgres://postgres@127.0.0.1:5432/loket_vendor_bench

The database needs the reference data (manage.py migrate && manage.py load_reference_data). Loopback only; every
process it starts is stopped by its PID at the end. Figures: docs/performance.md ("Vendor API").
"""

import argparse
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TMP = Path(tempfile.gettempdir())
sys.path.insert(0, str(ROOT))

from bench.run import wait_until_up, wrk  # noqa: E402

SETUP = """
import json, django
django.setup()
from leveranciers import services
from leveranciers.models import Leverancier
from loket.models import Bestuurseenheid
from toezicht.models import BesluitType
aalst = Bestuurseenheid.objects.get(naam="Aalst", classificatie__label="Gemeente", actief=True)
lev = Leverancier.objects.filter(uri="http://data.lblod.info/vendors/bench").first()
if lev is None:
    lev, key = services.maak_leverancier(naam="Bench", uri="http://data.lblod.info/vendors/bench")
else:
    lev, key = services.vernieuw_sleutel(leverancier=lev)
services.voeg_bestuur_toe(leverancier=lev, bestuur=aalst)
orgaan = aalst.organen.filter(naam__istartswith="Gemeenteraad").order_by("naam").first()
print(json.dumps({"vendor": lev.uri, "key": key, "org": aalst.uri, "orgaan": orgaan.uri,
                  "type": BesluitType.objects.get(label="Besluitenlijst").uri}))
"""


def pagina(resource, info):
    return f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Besluitenlijst</title></head>
<body prefix="besluit: http://data.vlaanderen.be/ns/besluit# eli: http://data.europa.eu/eli/ontology#
 prov: http://www.w3.org/ns/prov# xsd: http://www.w3.org/2001/XMLSchema#">
<div resource="http://data.lblod.info/id/zittingen/bench" typeof="besluit:Zitting">
<span property="prov:startedAtTime" datatype="xsd:dateTime" content="2026-11-20T19:00:00+01:00">20-11-2026</span>
<div property="besluit:heeftBesluitenlijst" resource="{resource}" typeof="{info["type"]}">
<span property="eli:passed_by" resource="{info["orgaan"]}">Gemeenteraad</span></div></div></body></html>""".encode()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/loket_vendor_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=18766)
    parser.add_argument("--meldingen", type=int, default=20, help="meldingen timed from POST to Verstuurd")
    args = parser.parse_args()

    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings_vendor",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "CACHE_URL": args.redis_url,
            "LOKET_VENDOR_RATE_LIMIT": "0",
            "PYTHONPATH": str(ROOT),
            "DJANGO_STATIC_ROOT": str(TMP / "loket-vendor-bench-static"),
            "DJANGO_MEDIA_ROOT": str(TMP / "loket-vendor-bench-media"),
        }
    )
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    subprocess.run([PY, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"], env=env, check=True)
    info = json.loads(
        subprocess.run([PY, "-c", SETUP], env=env, check=True, capture_output=True, text=True).stdout
    )

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = pagina("https://bench.example.org" + self.path, info)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    pages = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    page_base = f"http://127.0.0.1:{pages.server_address[1]}"
    base = f"http://127.0.0.1:{args.port}"
    procs = []
    log = open(TMP / "loket-vendor-bench.log", "w")  # noqa: SIM115
    procs.append(
        subprocess.Popen(
            [
                str(Path(PY).parent / "gunicorn"),
                "loket.wsgi:application",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--workers",
                str(args.workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    )
    try:
        wait_until_up(base)
        wenv = {
            **env,
            "BENCH_DIR": str(ROOT / "bench"),
            "MELDING_HREF": page_base + "/besluit.html",
            "MELDING_ORG": info["org"],
            "MELDING_VENDOR": info["vendor"],
            "MELDING_KEY": info["key"],
        }
        os.environ.update({k: v for k, v in wenv.items() if k.startswith(("MELDING_", "BENCH_"))})
        os.environ["MELDING_RUN"] = secrets.token_hex(4)
        wrk_post(base, args, 3)  # warm-up: each gunicorn worker verifies the key with argon2 once
        rondes = []
        for ronde in range(args.rounds):
            floor = wrk(base + "/bench/floor/", "", args, args.duration)
            os.environ["MELDING_RUN"] = secrets.token_hex(4)
            melding = wrk_post(base, args)
            rondes.append((floor, melding))
            print(
                f"round {ronde + 1}: floor {floor['rps']:.0f} req/s p50 {floor['p50_ms']:.1f} ms | POST /melding "
                f"{melding['rps']:.0f} req/s p50 {melding['p50_ms']:.1f} ms p95 {melding['p95_ms']:.1f} ms "
                f"non-2xx {melding['errors_status']} | x floor {floor['rps'] / max(melding['rps'], 0.1):.2f}"
            )
        ratio = statistics.median(f["rps"] / m["rps"] for f, m in rondes)
        print(
            f"median: floor {statistics.median(f['rps'] for f, _ in rondes):.0f} req/s, POST /melding "
            f"{statistics.median(m['rps'] for _, m in rondes):.0f} req/s, p95 "
            f"{statistics.median(m['p95_ms'] for _, m in rondes):.1f} ms, x floor {ratio:.2f}"
        )

        # POST -> Verstuurd with a real worker (the queue left by wrk is dropped first).
        redis.Redis.from_url(args.redis_url).delete("celery")
        procs.append(
            subprocess.Popen(
                [
                    str(Path(PY).parent / "celery"),
                    "-A",
                    "loket",
                    "worker",
                    "--concurrency",
                    "2",
                    "--loglevel",
                    "WARNING",
                ],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        time.sleep(4)
        run = secrets.token_hex(4)
        tijden = [post_en_wacht(base, page_base, info, f"{run}/{i}") for i in range(args.meldingen + 2)][2:]
        print(
            f"POST -> Verstuurd, one melding at a time after 2 warm-up ones ({len(tijden)} sent, 1 worker, "
            f"concurrency 2): p50 {statistics.median(tijden):.0f} ms, max {max(tijden):.0f} ms"
        )
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(p.pid, signal.SIGKILL)
        pages.shutdown()


def post_en_wacht(base, page_base, info, naam):
    """POST one Inzendbaar melding and poll its job (GET, the vendor's key) until it is verstuurd: ms."""
    body = json.dumps(
        {
            "href": f"{page_base}/lat/{naam}",
            "submittedResource": f"https://bench.example.org/lat/{naam}",
            "organization": info["org"],
            "publisher": {"uri": info["vendor"], "key": info["key"]},
            "status": "http://lblod.data.gift/concepts/f6330856-e261-430f-b949-8e510d20d0ff",
        }
    ).encode()
    req = urllib.request.Request(base + "/melding", body, {"Content-Type": "application/json"})  # noqa: S310
    t0 = time.monotonic()
    with urllib.request.urlopen(req, timeout=30) as r:  # noqa: S310 (loopback)
        job = json.loads(r.read())["links"]["job"]
    headers = {"X-Vendor-Uri": info["vendor"], "X-Vendor-Key": info["key"]}
    while time.monotonic() - t0 < 120:
        with urllib.request.urlopen(urllib.request.Request(job, headers=headers), timeout=30) as r:  # noqa: S310
            status = json.loads(r.read())
        if status["status"] == "verstuurd":
            return (time.monotonic() - t0) * 1000
        if status["jobStatus"] == "failed":
            raise SystemExit(f"job failed: {status['error']}")
        time.sleep(0.05)
    raise SystemExit("not sent within 120 s")


def wrk_post(base, args, duration=None):
    cmd = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration or args.duration}s",
        "--timeout",
        "30s",
        "-s",
        str(ROOT / "bench" / "melding.lua"),
        base + "/melding",
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise SystemExit(f"no result from wrk:\n{out}")


if __name__ == "__main__":
    main()
