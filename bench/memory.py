"""Peak extra RSS of one gunicorn worker (production settings) while it (1) receives a 1 GB upload on the Toezicht
edit form and (2) streams the full ABB queue as CSV. Peak RSS is the kernel's VmHWM of the worker, reset through
/proc/<pid>/clear_refs before each step; "extra" = peak minus the RSS just before the request.

    .venv/bin/python bench/memory.py [--size-mb 1024]

The upload file is sparse-free random-ish bytes written to a temporary file and removed afterwards.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.run import PY, ROOT, environment, wait_until_up  # noqa: E402


def status(pid, key):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) // 1024  # MB
    return 0


def worker_of(master, timeout=30):
    deadline = time.monotonic() + timeout
    while True:  # on a busy machine the master may answer before its worker shows
        out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
        if out or time.monotonic() > deadline:
            return int(out[0])
        time.sleep(0.2)


def measure(worker, fn):
    Path(f"/proc/{worker}/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    before = status(worker, "VmRSS")
    t = time.monotonic()
    fn()
    return {
        "rss_before_mb": before,
        "peak_mb": status(worker, "VmHWM"),
        "seconds": round(time.monotonic() - t, 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/loket_bench")
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--media-root", default=str(Path(tempfile.gettempdir()) / "loket-bench-media"))
    parser.add_argument("--static-root", default=str(Path(tempfile.gettempdir()) / "loket-bench-static"))
    parser.add_argument("--no-redis", action="store_true")
    args = parser.parse_args()
    env = environment(args)
    env["LOKET_MAX_UPLOAD_BYTES"] = str((args.size_mb + 16) * 1024 * 1024)  # accept the big file
    env["FILE_UPLOAD_TEMP_DIR"] = tempfile.gettempdir()
    subprocess.run(
        [PY, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT
    )
    info = json.loads(
        subprocess.run(
            [PY, "-m", "bench.setup_sessions"], env=env, cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
    )
    bestuur = f"{info['cookie']}={info['bestuur']}"
    abb = f"{info['cookie']}={info['abb']}"
    concept = subprocess.run(
        [
            PY,
            "-c",
            "import django;django.setup();from toezicht.models import Melding;from loket.models import "
            "Bestuurseenheid as B;from accounts.models import User;b=B.objects.get(naam='Aalst',"
            "classificatie__label='Gemeente',actief=True);print(Melding.objects.create(bestuur=b).uuid)",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "loket.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "1",
            "--timeout",
            "600",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    groot = Path(tempfile.mkdtemp()) / "groot-besluit.pdf"
    try:
        wait_until_up(base)
        worker = worker_of(server.pid)
        with open(groot, "wb") as f:
            f.write(b"%PDF-1.4\n")
            blok = os.urandom(1024 * 1024)
            for _ in range(args.size_mb):
                f.write(blok)
        url = f"{base}/toezicht/{concept}/bewerken/"
        jar = Path(groot.parent) / "jar"
        page = subprocess.run(
            ["curl", "-s", "-c", str(jar), "-H", f"Cookie: {bestuur}", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        csrf = [ln.split("\t")[-1] for ln in jar.read_text().splitlines() if "csrftoken" in ln][0]
        cookie = f"{bestuur}; __Host-csrftoken={csrf}"

        def upload():
            out = subprocess.run(
                [
                    "curl",
                    "-s",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code}",
                    "-H",
                    f"Cookie: {cookie}",
                    "-H",
                    f"Referer: {url}",
                    "-F",
                    f"csrfmiddlewaretoken={token}",
                    "-F",
                    "actie=bewaar",
                    "-F",
                    f"bestanden=@{groot};type=application/pdf",
                    url,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            print("upload HTTP", out)

        def export():
            out = subprocess.run(
                [
                    "curl",
                    "-s",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code} %{size_download}",
                    "-H",
                    f"Cookie: {abb}",
                    f"{base}/toezicht/abb/export/",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            print("export HTTP, bytes", out)

        resultaat = {
            "meldingen": info["meldingen"],
            "upload_mb": args.size_mb,
            "upload": measure(worker, upload),
            "csv_export": measure(worker, export),
        }
        for stap in ("upload", "csv_export"):
            resultaat[stap]["extra_mb"] = resultaat[stap]["peak_mb"] - resultaat[stap]["rss_before_mb"]
        print(json.dumps(resultaat, indent=1))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        for p in groot.parent.iterdir():
            p.unlink()
        groot.parent.rmdir()


if __name__ == "__main__":
    main()
