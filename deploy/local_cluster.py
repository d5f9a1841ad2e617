"""The production topology of docker-compose.yml as plain processes on loopback (no container engine needed).

    deploy/local-cluster [--duration SECONDS] [--database-url URL] [--run-dir DIR] [--test-idp]

starts, each bound to 127.0.0.1 on a free port:
  redis-server (private, append-only file like compose) · moto_server (S3) · clamd (when the portal has the
  LOKET_CLAMD_ADDRESS setting) · the migrate job once (migrate, load_reference_data, collectstatic) ·
  2 × gunicorn with loket.settings.production · 2 × celery worker · 1 × celery beat · nginx with deploy/nginx.conf
  (TLS, self-signed) in front of the two gunicorns · optionally the suite's OpenID Connect provider (--test-idp).
The app processes get the environment variables of docker-compose.yml (same names). Every process runs in its
own process group under `timeout`, so nothing outlives --duration (plus a margin) even if this script is killed;
`stop()` ends them by their PIDs. The fault test tests/cluster/test_cluster.py drives it (docs/operations.md).
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # loket.healthcheck
BIN = (
    ROOT / ".venv" / "bin" if (ROOT / ".venv" / "bin" / "gunicorn").exists() else Path(sys.executable).parent
)
S3_BUCKET = "loket-bestanden"  # as docker-compose.yml
S3_KEY, S3_SECRET = "loket-cluster", "loket-cluster-secret"
ABB_ORGCODE = "OVO-ABB-CLUSTER"  # LOKET_OIDC_ORGCODES alias: ABB has no OVO code in the reference data
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port, host="127.0.0.1"):
    with socket.socket() as s:
        s.settimeout(0.3)
        return s.connect_ex((host, port)) == 0


def wait_for(predicate, timeout=30.0, step=0.1):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


def running(pid):
    """True while the process exists and is not a zombie (dead, waiting for its parent to collect it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError, ProcessLookupError):
        return False


def fill_template(text, values):
    """${NAME} -> value for the names given; every other $ (nginx's own variables) stays as it is."""
    return re.sub(r"\$\{([A-Z0-9_]+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def clamd_setting_exists():
    return any("LOKET_CLAMD_ADDRESS" in p.read_text() for p in (ROOT / "loket" / "settings").glob("*.py"))


class Process:
    """One program in its own process group (PGID = its PID), bounded by `timeout`, logging to a file."""

    def __init__(self, name, argv, env, log_dir, limit):
        self.name, self.argv, self.env, self.limit = name, argv, env, limit
        self.log_path = Path(log_dir) / f"{name}.log"
        self.popen = None

    def start(self):
        log = open(self.log_path, "ab")
        self.popen = subprocess.Popen(
            ["timeout", "--kill-after=10", str(int(self.limit)), *self.argv],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        return self

    @property
    def pid(self):
        return self.popen.pid if self.popen else None

    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def pids(self):
        """Every process of the group (timeout, the program, its workers)."""
        if not self.alive():
            return []
        out = subprocess.run(["pgrep", "-g", str(self.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def signal(self, sig):
        if self.alive():
            try:
                os.killpg(self.pid, sig)
            except ProcessLookupError:
                pass

    def kill(self):
        """SIGKILL the whole group at once: the program and its workers die together, mid-request/mid-task.
        Returns when every process of the group is gone."""
        pids = self.pids()
        self.signal(signal.SIGKILL)
        if self.popen:
            self.popen.wait(10)
        wait_for(lambda: not any(running(pid) for pid in pids), 10, 0.02)

    def stop(self, grace=15):
        if not self.alive():
            return
        self.signal(signal.SIGTERM)
        try:
            self.popen.wait(grace)
        except subprocess.TimeoutExpired:
            self.kill()
        # a worker the program left behind (same group) goes too
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def output(self, tail=4000):
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except FileNotFoundError:
            return ""


class Cluster:
    def __init__(self, run_dir, database_url, *, web=2, workers=2, duration=900, extra_env=None):
        self.run_dir = Path(run_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.run_dir.chmod(0o755)  # nginx workers (user nobody) read nothing here, but must traverse it
        self.log_dir = self.run_dir / "logs"
        self.log_dir.mkdir(exist_ok=True)
        self.database_url = database_url
        self.limit = duration + 60
        self.extra_env = dict(extra_env or {})
        self.https_port, self.http_port = free_port(), free_port()
        self.web_ports = [free_port() for _ in range(web)]
        self.redis_port, self.s3_port = free_port(), free_port()
        self.n_workers = workers
        self.web, self.workers, self.beat = [], [], None
        self.redis = self.s3 = self.clamd = self.nginx = None
        self.clamd_socket = None
        self.secret_key = secrets.token_urlsafe(60)
        self.rrn_key = secrets.token_urlsafe(32)
        self.timings = {}

    # --- addresses
    @property
    def base_url(self):
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def cert_file(self):
        return str(self.run_dir / "certs" / "fullchain.pem")

    @property
    def s3_endpoint(self):
        return f"http://127.0.0.1:{self.s3_port}"

    @property
    def redis_url(self):
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def app_env(self):
        """The environment of every app process: docker-compose.yml's x-app variables, with local values."""
        env = {
            "PATH": f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOME": os.environ.get("HOME", "/root"),
            "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",
            # --- the names of docker-compose.yml
            "DJANGO_SETTINGS_MODULE": "loket.settings.production",
            "DJANGO_SECRET_KEY": self.secret_key,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_CSRF_TRUSTED_ORIGINS": self.base_url,
            "LOKET_TRUSTED_PROXIES": "1",
            "LOKET_RRN_HASH_KEY": self.rrn_key,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "S3_BUCKET": S3_BUCKET,
            "S3_ENDPOINT_URL": self.s3_endpoint,
            "S3_ACCESS_KEY_ID": S3_KEY,
            "S3_SECRET_ACCESS_KEY": S3_SECRET,
            "S3_REGION": "eu-west-1",
            "EMAIL_HOST": "",
            "EMAIL_PORT": "25",
            "OIDC_SERVER_URL": "",
            "OIDC_CLIENT_ID": "",
            "OIDC_CLIENT_SECRET": "",
            "LOKET_OIDC_ORGCODES": "",
            "LOKET_BASE_URL": self.base_url,
            "CELERY_VISIBILITY_TIMEOUT": "3600",
            # --- local only: where collectstatic writes (the image has it at build time)
            "DJANGO_STATIC_ROOT": str(self.run_dir / "static"),
        }
        if clamd_setting_exists():  # the production settings refuse to start without a scanner
            env["LOKET_CLAMD_ADDRESS"] = str(self.run_dir / "clamd.sock")
        env.update(self.extra_env)
        return env

    def _process(self, name, argv, env=None):
        return Process(name, argv, env or self.app_env(), self.log_dir, self.limit)

    def manage(self, *args, timeout=600):
        started = time.monotonic()
        result = subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.app_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)}: {result.stdout[-2000:]}{result.stderr[-3000:]}")
        return result.stdout, time.monotonic() - started

    # --- the tiers
    def start_redis(self):
        (self.run_dir / "redis").mkdir(exist_ok=True)
        # As in compose: append-only, so queued tasks survive a restart.
        self.redis = self._process(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--protected-mode",
                "yes",
                "--dir",
                str(self.run_dir / "redis"),
                "--appendonly",
                "yes",
                "--save",
                "",
            ],
        ).start()
        if not wait_for(lambda: port_open(self.redis_port), 15):
            raise RuntimeError(f"redis-server did not start: {self.redis.output()}")

    def restart_redis(self, down=0.0):
        """Stop Redis (SIGTERM: it writes its append-only file), leave it away `down` seconds, start it again on
        the same port. Returns the seconds it was away."""
        started = time.monotonic()
        self.redis.stop()
        wait_for(lambda: not port_open(self.redis_port), 10)
        time.sleep(down)
        self.start_redis()
        return time.monotonic() - started

    def start_s3(self):
        self.s3 = self._process("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.s3_port)])
        self.s3.start()
        if not wait_for(lambda: port_open(self.s3_port), 30):
            raise RuntimeError(f"moto_server did not start: {self.s3.output()}")
        # the compose file's createbucket job
        s3 = self.s3_client()
        s3.create_bucket(Bucket=S3_BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})

    def s3_client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            region_name="eu-west-1",
            aws_access_key_id=S3_KEY,
            aws_secret_access_key=S3_SECRET,
            config=Config(s3={"addressing_style": "path"}),
        )

    def start_clamd(self):
        """ClamAV with a one-signature test database: the machine cannot download real signatures. The signature is
        a body signature of the EICAR test string, so any file that contains it (a PDF too) is found."""
        if not clamd_setting_exists():
            return False
        if not (shutil.which("clamd") or Path("/usr/sbin/clamd").exists()):
            raise RuntimeError("clamd is not installed: make clamav (apt-get install clamav-daemon)")
        db = self.run_dir / "clamav"
        db.mkdir(exist_ok=True)
        (db / "loket-test.ndb").write_text(f"Loket-Test-EICAR:0:*:{EICAR.hex()}\n")
        self.clamd_socket = self.run_dir / "clamd.sock"
        conf = self.run_dir / "clamd.conf"
        conf.write_text(
            f"Foreground yes\nDatabaseDirectory {db}\nLocalSocket {self.clamd_socket}\n"
            "StreamMaxLength 200M\nMaxFileSize 200M\nMaxScanSize 400M\n"
        )
        self.clamd = self._process(
            "clamd", [shutil.which("clamd") or "/usr/sbin/clamd", "-c", str(conf)]
        ).start()
        if not wait_for(self.clamd_socket.exists, 60):
            raise RuntimeError(f"clamd did not start: {self.clamd.output()}")
        return True

    def migrate(self):
        """The compose file's migrate job, once: migrations, reference data; and collectstatic (the image's
        build step)."""
        started = time.monotonic()
        self.manage("migrate", "--noinput")
        self.manage("load_reference_data")
        self.manage("collectstatic", "--noinput", "-v0")
        self.timings["migrate"] = time.monotonic() - started

    def abb_uuid(self):
        import psycopg

        with psycopg.connect(self.database_url) as conn:
            row = conn.execute(
                "SELECT uuid FROM loket_bestuurseenheid WHERE naam = %s", ["Agentschap Binnenlands Bestuur"]
            ).fetchone()
        return str(row[0]) if row else ""

    def start_web(self, index):
        port = self.web_ports[index]
        process = self._process(
            f"web{index + 1}",
            # As the Dockerfile's CMD, on loopback and with 2 workers (this machine has 2 cores).
            [
                str(BIN / "gunicorn"),
                "loket.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--max-requests",
                "2000",
                "--max-requests-jitter",
                "200",
                "--timeout",
                "120",
                "--access-logfile",
                str(self.log_dir / f"web{index + 1}-access.log"),
            ],
        )
        if index < len(self.web):
            self.web[index] = process
        else:
            self.web.append(process)
        return process.start()

    def web_healthy(self, index):
        from loket.healthcheck import check

        return check(self.web_ports[index], timeout=2, server_name=self.app_env()["DJANGO_ALLOWED_HOSTS"])

    def start_worker(self, index):
        process = self._process(
            f"worker{index + 1}",
            [
                str(BIN / "celery"),
                "-A",
                "loket",
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
                "-n",
                f"worker{index + 1}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
        )
        if index < len(self.workers):
            self.workers[index] = process
        else:
            self.workers.append(process)
        return process.start()

    def worker_ready(self, index):
        return (
            b"ready." in self.workers[index].log_path.read_bytes()
            if self.workers[index].log_path.exists()
            else False
        )

    def start_beat(self):
        self.beat = self._process(
            "beat",
            [
                str(BIN / "celery"),
                "-A",
                "loket",
                "beat",
                "--loglevel=INFO",
                "--schedule",
                str(self.run_dir / "celerybeat-schedule"),
            ],
        ).start()

    def make_cert(self):
        certs = self.run_dir / "certs"
        certs.mkdir(exist_ok=True)
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                str(certs / "privkey.pem"),
                "-out",
                str(certs / "fullchain.pem"),
            ],
            check=True,
            capture_output=True,
        )

    def nginx_values(self):
        return {
            "LOKET_NGINX_UPSTREAMS": " ".join(
                f"server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in self.web_ports
            ),
            "LOKET_NGINX_HTTP_LISTEN": f"127.0.0.1:{self.http_port}",
            "LOKET_NGINX_HTTPS_LISTEN": f"127.0.0.1:{self.https_port}",
            "LOKET_NGINX_CERT_DIR": str(self.run_dir / "certs"),
            "LOKET_NGINX_ACCESS_LOG": f"{self.log_dir / 'nginx-access.log'} loket",
        }

    def start_nginx(self):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        conf_dir = self.run_dir / "nginx"
        conf_dir.mkdir(exist_ok=True)
        site = fill_template((ROOT / "deploy" / "nginx.conf").read_text(), self.nginx_values())
        (conf_dir / "default.conf").write_text(site)
        # The main file the nginx image brings; here with every path inside the run directory.
        (conf_dir / "nginx.conf").write_text(
            f"""daemon off;
worker_processes 1;
pid {conf_dir}/nginx.pid;
error_log {self.log_dir}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {conf_dir}/client_body;
    proxy_temp_path {conf_dir}/proxy;
    fastcgi_temp_path {conf_dir}/fastcgi;
    uwsgi_temp_path {conf_dir}/uwsgi;
    scgi_temp_path {conf_dir}/scgi;
    include {conf_dir}/default.conf;
}}
"""
        )
        test = subprocess.run(
            [
                nginx,
                "-t",
                "-p",
                str(conf_dir),
                "-c",
                str(conf_dir / "nginx.conf"),
                "-e",
                str(self.log_dir / "nginx-error.log"),
            ],
            capture_output=True,
            text=True,
        )
        if test.returncode != 0:
            raise RuntimeError(f"nginx -t: {test.stderr}")
        self.nginx = self._process(
            "nginx",
            [
                nginx,
                "-p",
                str(conf_dir),
                "-c",
                str(conf_dir / "nginx.conf"),
                "-e",
                str(self.log_dir / "nginx-error.log"),
            ],
            env={"PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/bin")},
        ).start()
        if not wait_for(lambda: port_open(self.https_port), 15):
            raise RuntimeError(f"nginx did not start: {self.nginx.output()}")

    def start(self):
        if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
            raise RuntimeError("nginx is not installed: make nginx (apt-get install nginx)")
        t0 = time.monotonic()
        self.make_cert()
        self.start_redis()
        self.start_s3()
        if self.start_clamd():
            self.timings["clamd"] = time.monotonic() - t0
        self.migrate()
        if not self.extra_env.get("LOKET_OIDC_ORGCODES"):
            self.extra_env["LOKET_OIDC_ORGCODES"] = f"{ABB_ORGCODE}={self.abb_uuid()}"
        for index in range(len(self.web_ports)):
            self.start_web(index)
        for index in range(self.n_workers):
            self.start_worker(index)
        self.start_beat()
        for index, process in enumerate(self.web):
            if not wait_for(lambda i=index: self.web_healthy(i), 90, 0.5):
                raise RuntimeError(f"{process.name} is not healthy: {process.output()}")
        for index, process in enumerate(self.workers):
            if not wait_for(lambda i=index: self.worker_ready(i), 90, 0.5):
                raise RuntimeError(f"{process.name} is not ready: {process.output()}")
        self.start_nginx()
        self.timings["start"] = time.monotonic() - t0
        return self

    def processes(self):
        return [
            p for p in [self.nginx, *self.web, self.beat, *self.workers, self.clamd, self.s3, self.redis] if p
        ]

    def stop(self):
        for process in self.processes():  # front to back: nothing new comes in while the rest stops
            process.stop()

    def describe(self):
        lines = [f"{p.name:<8} pid {p.pid:<7} log {p.log_path}" for p in self.processes()]
        return "\n".join(
            [
                f"Loket (nginx, TLS, self-signed): {self.base_url}/",
                f"web:    {', '.join(f'127.0.0.1:{p}' for p in self.web_ports)}",
                f"redis:  {self.redis_url}   S3 (moto): {self.s3_endpoint} bucket {S3_BUCKET}",
                f"db:     {redact(self.database_url)}",
                *lines,
            ]
        )


def redact(url):
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def start_test_idp(cluster, claims_file):
    """The suite's OpenID Connect provider (tests/oidc/provider.mjs) for the portal behind nginx."""
    import json

    port = free_port()
    Path(claims_file).write_text(
        json.dumps(
            {
                "sub": "cluster-jan",
                "given_name": "Jan",
                "family_name": "Peeters",
                "rrn": "93051822361",
                "vo_id": "vo-id-jan",
                "vo_orgcode": "OVO001992",  # Gemeente Aalst
                "abb_loketLB_rol_3d": [
                    "LoketLB-toezichtGebruiker",
                    "LoketLB-berichtenGebruiker",
                    "LoketLB-bbcdrGebruiker",
                ],
            }
        )
    )
    process = cluster._process(
        "idp",
        ["node", str(ROOT / "tests" / "oidc" / "provider.mjs")],
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "OIDC_PORT": str(port),
            "RP_BASES": cluster.base_url,
            "RP_PROVIDER_ID": "acmidm",
            "OIDC_CLAIMS_FILE": str(claims_file),
        },
    ).start()
    if not wait_for(lambda: port_open(port), 20):
        raise RuntimeError(f"the test IdP did not start: {process.output()}")
    cluster.extra_env.update(
        OIDC_SERVER_URL=f"http://127.0.0.1:{port}",
        OIDC_CLIENT_ID="loket-test",
        OIDC_CLIENT_SECRET="loket-test-secret",
    )
    return process


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duration", type=int, default=900, help="seconds to run before stopping (default 900)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loket_cluster"),
        help="a dedicated PostgreSQL database (migrated here); default $CLUSTER_DATABASE_URL or loket_cluster",
    )
    parser.add_argument("--run-dir", help="logs, sockets, certificate (default: a new temporary directory)")
    parser.add_argument("--test-idp", action="store_true", help="log in through the suite's test IdP (Aalst)")
    args = parser.parse_args(argv)
    run_dir = Path(args.run_dir or tempfile.mkdtemp(prefix="loket-cluster-"))
    cluster = Cluster(run_dir, args.database_url, duration=args.duration)
    idp = None
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    try:
        if args.test_idp:
            idp = start_test_idp(cluster, run_dir / "idp-claims.json")
        cluster.start()
        print(cluster.describe(), flush=True)
        if idp:
            print(
                f"idp      pid {idp.pid:<7} {cluster.extra_env['OIDC_SERVER_URL']} (claims: {run_dir / 'idp-claims.json'})"
            )
        print(
            f"Started in {cluster.timings['start']:.1f} s; stops after {args.duration} s or Ctrl-C.",
            flush=True,
        )
        end = time.monotonic() + args.duration
        while time.monotonic() < end and not stopping:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
        if idp:
            idp.stop()
        print("Stopped.", flush=True)


if __name__ == "__main__":
    main()
