"""Real components for fault tests, all on loopback and owned by the test: a private redis-server (never the shared
one on 6379), an aiosmtpd SMTP server, and Celery worker subprocesses against the test database. Each is stopped by
its own process id."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

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
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
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
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "loket.settings.base",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
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
            [CELERY, "-A", "loket", "worker", "-P", "prefork", "-c", "1", "-l", "info",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"faults{os.getpid()}@%h"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
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
