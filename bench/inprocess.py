"""Server time of one request per page, in-process, without load: what rendering a page costs (docs/performance.md).

    DATABASE_URL=postgres://…/loket_bench_1m .venv/bin/python bench/inprocess.py            # table of medians
    DATABASE_URL=… .venv/bin/python bench/inprocess.py --profile "ABB queue, filtered"       # pyinstrument profile
    DATABASE_URL=… .venv/bin/python bench/inprocess.py --sql "mandatarissen list"   # queries, EXPLAIN of the slowest

Each page is requested through Django's test client with the production settings (bench.settings) and the same
sessions and URLs as bench/run.py; the first requests warm the process, then --requests are timed: the server time
(wall clock, includes waiting for PostgreSQL) and the CPU time of this Python process (what rendering costs; less
sensitive to other load on the machine). Every request
is rendered for the request (there are no copies of pages for logged-in people); the public pages are asked with
a session cookie so that they are rendered too, not served from the anonymous visitors' cache.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--profile", help="name of one page: print a pyinstrument profile of it instead")
    parser.add_argument(
        "--cpu-profile",
        help="name of one page: cProfile with the process CPU clock (waiting for PostgreSQL not counted)",
    )
    parser.add_argument(
        "--sql",
        help="name of one page: print its queries with their time, and EXPLAIN (ANALYZE, BUFFERS) of the slowest",
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-inprocess-" + "x" * 50)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")
    os.environ.setdefault("LOKET_VIRUS_SCAN_DISABLED", "true")
    os.environ.setdefault("DJANGO_STATIC_ROOT", str(Path(tempfile.gettempdir()) / "loket-bench-static"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.run import pages
    from bench.setup_sessions import prepare

    info = prepare()
    import loket.wsgi  # noqa: F401 (as a web process starts: the URLs and templates loaded, the heap frozen)

    clients = {}
    for wie in ("bestuur", "abb", None):
        client = Client(HTTP_HOST="127.0.0.1")
        if wie:
            client.cookies[info["cookie"]] = info[wie]
        else:  # a session cookie (of no session): the public page is rendered, not taken from the cache
            client.cookies[info["cookie"]] = "geen-sessie"
        clients[wie] = client

    rows = []
    for naam, path, wie in pages(info):
        gekozen = args.profile or args.cpu_profile or args.sql
        if gekozen and naam != gekozen:
            continue
        client = clients[wie] if wie or "publiek" not in path else clients[None]
        for _ in range(args.warmup):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
            for _ in range(args.requests):
                client.get(path)
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
            return
        if args.cpu_profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for _ in range(args.requests):
                client.get(path)
            profiler.disable()
            stats = pstats.Stats(profiler).strip_dirs().sort_stats(os.environ.get("BENCH_SORT", "cumulative"))
            stats.print_stats(int(os.environ.get("BENCH_REGELS", "60")))
            return
        if args.sql:
            print_sql(client, path, connection)
            return
        tijden, cpu = [], []
        for _ in range(args.requests):
            reset_queries()
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            cpu.append((time.process_time() - start_cpu) * 1000)
            tijden.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        rows.append(
            (naam, statistics.median(tijden), statistics.median(cpu), min(cpu), len(ctx.captured_queries))
        )
    print(f"{info['meldingen']:,} meldingen; {args.requests} requests per page, medians")
    print("| Page | server time (ms) | Python CPU (ms) | Python CPU, fastest (ms) | queries |")
    print("|---|---:|---:|---:|---:|")
    for naam, med, cpu_med, cpu_min, queries in rows:
        print(f"| {naam} | {med:.1f} | {cpu_med:.1f} | {cpu_min:.1f} | {queries} |")


def print_sql(client, path, connection, explain=3):
    """The queries of one request with PostgreSQL's time for each (run again: warm), then EXPLAIN (ANALYZE,
    BUFFERS) of the `explain` slowest."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    gemeten = []
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                print(f"     -  {sql[:200]}")
                continue
            start = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            ms = (time.perf_counter() - start) * 1000
            gemeten.append((ms, sql))
            print(f"{ms:6.2f}  {sql[:400]}")
        for ms, sql in sorted(gemeten, reverse=True)[:explain]:
            print(f"\n--- {ms:.2f} ms\n{sql}\n")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)  # noqa: S608 (the ORM's own SQL)
            print("\n".join(r[0] for r in cursor.fetchall()))


if __name__ == "__main__":
    main()
