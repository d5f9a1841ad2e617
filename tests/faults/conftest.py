"""Real components for fault tests, all on loopback and owned by the test: a private redis-server (never the shared
one on 6379), an aiosmtpd SMTP server, Celery worker subprocesses against the test database and, when the suite runs
on SQLite (the README's `make test` with nothing set), a private PostgreSQL cluster for that test database: a worker
process cannot share SQLite's in-memory test database. Each is stopped by its own process id."""

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection, connections
from django.db.utils import load_backend

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout=30.0, step=0.1):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


def port_open(port):
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


class RedisServer:
    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(lambda: port_open(self.port), 10), "redis-server did not start"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None
        assert wait_for(lambda: not port_open(self.port), 10)


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    yield server
    server.stop()


def postgresql_bindir():
    """The directory of initdb/pg_ctl of the newest Debian postgresql package (or initdb on the PATH); None if absent."""
    kandidaten = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]), reverse=True
    )
    initdb = kandidaten[0] if kandidaten else shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    """A throw-away PostgreSQL cluster in a temporary directory on a free loopback port (trust authentication).

    initdb refuses to run as root: as root the cluster belongs to the `postgres` system user (Debian's package
    creates it)."""

    def __init__(self, bindir):
        self.bindir = Path(bindir)
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="loket-faults-pg-"))
        self.data = self.directory / "data"
        self.process_owner = "postgres" if os.geteuid() == 0 else None

    def _run(self, *args):
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.process_owner:
            command = ["runuser", "-u", self.process_owner, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def start(self):
        if self.process_owner:
            shutil.chown(self.directory, self.process_owner)
        result = self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"
        )
        assert result.returncode == 0, result.stderr
        options = f"-h 127.0.0.1 -p {self.port} -k {self.directory} -F -c max_connections=40"
        result = self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.directory / "log"), "-w", "start"
        )
        assert result.returncode == 0, result.stderr + self.log()
        assert wait_for(lambda: port_open(self.port), 20), self.log()

    def log(self):
        path = self.directory / "log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture(scope="module")
def postgresql_test_database(django_db_setup, django_db_blocker):
    """The test database on PostgreSQL, shared by this process and its Celery workers.

    With DATABASE_URL on PostgreSQL that is the suite's own test database. Otherwise (SQLite) a private cluster is
    started and, for the tests of one module, becomes the `default` connection of this process: migrated, with
    the reference data. The SQLite test database stays open and is the default again afterwards."""
    if connections["default"].vendor == "postgresql":
        yield connections["default"]
        return
    bindir = postgresql_bindir()
    if bindir is None:
        pytest.skip(
            "needs PostgreSQL: DATABASE_URL on PostgreSQL, or Debian's postgresql package for a private one"
        )
    server = PostgresServer(bindir)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    sqlite = connections["default"]
    settings_dict = connections.configure_settings(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "loket_faults",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": str(server.port),
                "TIME_ZONE": sqlite.settings_dict.get("TIME_ZONE"),
                "TEST": {"NAME": "test_loket_faults"},
            }
        }
    )["default"]
    postgresql = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = postgresql
    sqlite_name = sqlite.settings_dict["NAME"]
    try:
        with django_db_blocker.unblock():
            postgresql.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        # create_test_db also renames settings.DATABASES["default"], which is the SQLite connection's own dict.
        sqlite.settings_dict["NAME"] = sqlite_name
        with django_db_blocker.unblock():
            call_command("load_reference_data", verbosity=0, stdout=open(os.devnull, "w"))
        yield postgresql
    finally:
        with django_db_blocker.unblock():
            postgresql.close()
        connections["default"] = sqlite
        server.stop()


class Capture:
    """SMTP handler recording every accepted message; `hold` makes the next DATA wait (a task caught mid-send)."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.hold = None  # a threading.Event set while a DATA is held
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        if self.hold is not None and not self.hold.is_set():
            self.hold.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Tijdelijke fout"  # the client is gone by now: not accepted, not delivered
        with self.lock:
            self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtpd():
    handler = Capture()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    handler.release.set()
    controller.stop()


class Worker:
    def __init__(self, broker_url, smtp_port, log_path):
        self.broker_url, self.smtp_port, self.log_path = broker_url, smtp_port, log_path
        self.process = None

    def start(self):
        db = connection.settings_dict
        assert connection.vendor == "postgresql", (
            "a worker needs the PostgreSQL test database (postgresql_test_database)"
        )
        user = f"{db['USER']}:{db['PASSWORD']}" if db.get("PASSWORD") else db["USER"]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "loket.settings.base",
            "DATABASE_URL": f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": self.broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_VISIBILITY_TIMEOUT": "5",
            "CELERY_UNACKED_RESTORE_INTERVAL": "1",
            "CELERY_UNACKED_RESTORE_THROTTLE": "1",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp_port),
            "EMAIL_TIMEOUT": "20",
            "REDIS_URL": "",
        }
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [
                CELERY,
                "-A",
                "loket",
                "worker",
                "-P",
                "prefork",
                "-c",
                "1",
                "-l",
                "info",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"faults{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        assert wait_for(lambda: b"ready" in Path(self.log_path).read_bytes(), 60), self.output()

    def output(self):
        return Path(self.log_path).read_text(errors="replace")[-3000:]

    def pool_children(self):
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in out.split()]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                for child in self.pool_children():
                    os.kill(child, signal.SIGKILL)
                self.process.kill()
                self.process.wait(10)
        self.log.close()


@pytest.fixture
def celery_worker(tmp_path):
    workers = []

    def start(broker_url, smtp_port):
        worker = Worker(broker_url, smtp_port, tmp_path / f"worker{len(workers)}.log")
        workers.append(worker)
        worker.start()
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def broker(redis_server):
    """The test process's Celery app, pointed at the private Redis and no longer eager."""
    from loket.celery import app

    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "broker_connection_timeout")}
    app.conf.update(broker_url=redis_server.url, task_always_eager=False, broker_connection_timeout=1.0)
    app._pool = None
    app.__dict__.pop("amqp", None)
    yield redis_server
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.__dict__.pop("amqp", None)
    app.conf.update(saved)
