"""Benchmark: the production-shaped server (gunicorn, production settings, PostgreSQL) under wrk, side by side
with the framework floor. See docs/performance.md.

    .venv/bin/python bench/run.py --label 10k                # full run (about 2 minutes)
    .venv/bin/python bench/run.py --quick                    # CI: seconds, only checks that everything answers

Only loopback addresses; every wrk run is bounded (--duration). Needs `wrk` (Debian: apt-get install wrk) and a
database that holds reference data + generated data (manage.py generate_scale_data).
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def environment(args):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            # No clamd on the benchmark machine: pages are measured, not uploads (bench/memory.py says so).
            "LOKET_VIRUS_SCAN_DISABLED": "true",
            "DATABASE_URL": args.database_url,
            "DJANGO_MEDIA_ROOT": args.media_root,
            "DJANGO_STATIC_ROOT": args.static_root,
            "PYTHONPATH": str(ROOT),
        }
    )
    if args.no_redis:
        env.pop("REDIS_URL", None)
        env.pop("CACHE_URL", None)
    else:  # as in production: sessions (read through the cache) and the public pages' cache in Redis
        redis_url = getattr(args, "redis_url", None) or os.environ.get(
            "REDIS_URL", "redis://127.0.0.1:6379/0"
        )
        env["REDIS_URL"] = redis_url
        env["CACHE_URL"] = redis_url.rstrip("/0123456789") + "/5"
    return env


def pages(info):
    """(name, url path, which session) in the order of the table."""
    diep = info["diepe_pagina"]
    return [
        ("floor (bare Django view)", "/bench/floor/", None),
        ("dashboard", "/dashboard/", "bestuur"),
        ("toezicht list, page 1", "/toezicht/", "bestuur"),
        (
            f"toezicht list, filtered, page {diep}",
            # as "Volgende" links it: the page number and the cursor of the page before (keyset)
            f"/toezicht/?status=verstuurd&page={diep}&na={quote(info.get('diepe_cursor', ''))}",
            "bestuur",
        ),
        ("melding detail", f"/toezicht/{info['melding']}/", "bestuur"),
        (
            "ABB queue, filtered",
            "/toezicht/abb/?provincie=Oost-Vlaanderen&review_status=te_behandelen&verstuurd_van=2022-01-01",
            "abb",
        ),
        ("berichten inbox", "/berichten/", "bestuur"),
        ("ABB melding detail", f"/toezicht/abb/{info['melding']}/", "abb"),
        ("leidinggevenden beheer", "/leidinggevenden/", "bestuur"),
        ("mandatarissen list", "/mandaten/mandatarissen/", "bestuur"),
        ("public leidinggevenden page", f"/leidinggevenden/publiek/besturen/{info['aalst']}/", None),
        ("public mandaten page", f"/mandaten/publiek/{info['aalst']}/", None),
    ]


def wait_until_up(base, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/bench/floor/", timeout=2) as r:  # noqa: S310 (loopback)
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def check(base, path, cookie):
    req = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    opener = urllib.request.build_opener(NoRedirect)
    with opener.open(req, timeout=30) as r:
        body = r.read()
        if r.status != 200:
            raise SystemExit(f"{path}: HTTP {r.status}")
        return len(body)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise SystemExit(f"{req.full_url}: redirected ({code}) to {newurl}")


def wrk(url, cookie, args, duration):
    cmd = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration}s",
        "--timeout",
        "30s",
        "-s",
        str(ROOT / "bench" / "report.lua"),
        url,
    ]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise SystemExit(f"no result from wrk:\n{out}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/loket_bench")
    parser.add_argument("--label", default="run")
    parser.add_argument("--duration", type=int, default=10, help="seconds of measurement per page")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all pages; medians are reported")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn sync workers (the Dockerfile uses 3)"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--media-root", default=str(Path(tempfile.gettempdir()) / "loket-bench-media"))
    parser.add_argument("--static-root", default=str(Path(tempfile.gettempdir()) / "loket-bench-static"))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument("--no-redis", action="store_true", help="no Redis: local-memory cache per worker")
    parser.add_argument("--quick", action="store_true", help="CI: 1 s per page, 4 connections")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args()
    if args.quick:
        args.duration, args.warmup, args.connections, args.threads, args.rounds = 1, 0, 4, 1, 1
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install -y wrk)")

    env = environment(args)
    if (
        "CACHE_URL" in env
    ):  # the benchmark's own Redis database: no sessions or public pages from an earlier run or database
        import redis

        redis.Redis.from_url(env["CACHE_URL"]).flushdb()
    manage = [PY, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    info = json.loads(
        subprocess.run(
            [PY, "-m", "bench.setup_sessions"], env=env, check=True, cwd=ROOT, capture_output=True, text=True
        ).stdout
    )
    cookies = {
        "bestuur": f"{info['cookie']}={info['bestuur']}; {info['csrf_cookie']}",
        "abb": f"{info['cookie']}={info['abb']}; {info['csrf_cookie']}",
        None: "",
    }
    base = f"http://127.0.0.1:{args.port}"
    Path(args.out).mkdir(parents=True, exist_ok=True)
    log = open(Path(args.out) / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
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
    rounds = []  # per round: one measurement per page, the floor first
    try:
        wait_until_up(base)
        for ronde in range(args.rounds):
            metingen = []
            for naam, path, wie in pages(info):
                size = check(base, path, cookies[wie])
                if args.warmup and ronde == 0:
                    wrk(base + path, cookies[wie], args, args.warmup)
                r = wrk(base + path, cookies[wie], args, args.duration)
                r.update({"page": naam, "path": path, "bytes": size})
                r["ratio"] = round(r["rps"] / metingen[0]["rps"], 3) if metingen else 1.0
                metingen.append(r)
                print(
                    f"[{ronde + 1}/{args.rounds}] {naam:<42} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms  "
                    f"p95 {r['p95_ms']:7.1f} ms  x floor {r['ratio']:.2f}",
                    flush=True,
                )
            rounds.append(metingen)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()

    # The machine's speed drifts (shared cores): each page is compared with the floor of its own round, and the
    # median over the rounds is reported.
    results = []
    for i, eerste in enumerate(rounds[0]):
        per_ronde = [ronde[i] for ronde in rounds]
        r = dict(eerste)
        for veld in ("rps", "p50_ms", "p95_ms", "p99_ms", "ratio"):
            if veld in r:
                r[veld] = statistics.median(m[veld] for m in per_ronde)
        for veld in ("errors_status", "errors_socket"):
            r[veld] = sum(m[veld] for m in per_ronde)
        r["rounds"] = [{k: m[k] for k in ("rps", "p50_ms", "p95_ms", "ratio")} for m in per_ronde]
        results.append(r)
    errors = sum(r["errors_status"] + r["errors_socket"] for r in results)
    print()
    print(
        f"{info['meldingen']:,} meldingen; {args.workers} gunicorn workers; wrk -c{args.connections} "
        f"-t{args.threads} -d{args.duration}s; {args.rounds} rounds (medians); nproc {os.cpu_count()}"
    )
    print("| Page | req/s | p50 (ms) | p95 (ms) | x floor |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['page']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['ratio']:.2f} |")
    if not args.quick:
        meta = {
            "label": args.label,
            "meldingen": info["meldingen"],
            "workers": args.workers,
            "rounds": args.rounds,
            "connections": args.connections,
            "duration": args.duration,
            "nproc": os.cpu_count(),
        }
        (Path(args.out) / f"{args.label}.json").write_text(json.dumps({**meta, "results": results}, indent=1))
    if errors:
        raise SystemExit(f"{errors} failed requests")


if __name__ == "__main__":
    main()
