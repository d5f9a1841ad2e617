import os

import pytest
from django.core.management import call_command

# The sync Playwright API runs an event loop; Django must allow ORM calls from the test thread anyway.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY  # noqa: E402
from tests import factories  # noqa: E402


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the real reference data (1365 besturen, organen, codelists)."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0, stdout=open(os.devnull, "w"))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (login attempt counters live there), also its values kept in the
    process (loket.cache.OokInProces)."""
    from django.core.cache import cache

    from loket.cache import OokInProces

    cache.clear()
    OokInProces.vergeet()
    yield


@pytest.fixture
def reference_data(transactional_db):
    """For transactional tests (live server, browser): the flush between tests empties the tables."""
    from loket.models import Bestuurseenheid

    if not Bestuurseenheid.objects.exists():
        call_command("load_reference_data", stdout=open(os.devnull, "w"))


@pytest.fixture
def aalst(db):
    return factories.bestuur("Aalst")


@pytest.fixture
def gent(db):
    return factories.bestuur("Gent")


@pytest.fixture
def login_as(client):
    """login_as(user, bestuur): log the test client in with `bestuur` as the active bestuur."""

    def _login(user, bestuur=None):
        client.force_login(user)
        if bestuur is not None:
            session = client.session
            session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
            session.save()
        return client

    return _login


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": ["--disable-gpu", "--disable-quic"],
    }


# --- a private ClamAV daemon (RECIPES.md §9): uploads are scanned in the tests that ask for `virusscan` -----------
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.fixture(scope="session")
def clamd(tmp_path_factory):
    """clamd (Debian's clamav-daemon, installed by `make test`) with a test signature database of our own: the
    EICAR file by its MD5 (sigtool) and the EICAR string anywhere in a file (so also inside an XML or a zip).
    Yields the socket path; stopped by its PID at the end of the session."""
    import shutil
    import subprocess
    import time

    if not shutil.which("clamd") and not os.path.exists("/usr/sbin/clamd"):
        pytest.fail("clamd ontbreekt: `make test` installeert clamav-daemon (apt-get install clamav-daemon)")
    root = tmp_path_factory.mktemp("clamd")
    db = root / "db"
    db.mkdir()
    (root / "eicar.txt").write_bytes(EICAR)
    hdb = subprocess.run(["sigtool", "--md5", str(root / "eicar.txt")], capture_output=True, check=True)
    (db / "test.hdb").write_bytes(hdb.stdout)
    (db / "test.ndb").write_text(f"Loket.Test.EICAR:0:*:{EICAR.hex()}\n")
    socket_path = root / "clamd.sock"
    (root / "clamd.conf").write_text(
        f"Foreground yes\nDatabaseDirectory {db}\nLocalSocket {socket_path}\nStreamMaxLength 200M\n"
        f"MaxFileSize 200M\nLogFile {root / 'clamd.log'}\nPidFile {root / 'clamd.pid'}\n"
    )
    clamd_bin = shutil.which("clamd") or "/usr/sbin/clamd"
    proc = subprocess.Popen(
        [clamd_bin, "-c", str(root / "clamd.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    from clamav_client.clamd import ClamdUnixSocket

    deadline = time.monotonic() + 60
    while True:
        try:
            if ClamdUnixSocket(path=str(socket_path), timeout=2).ping() == "PONG":
                break
        except Exception:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log = (root / "clamd.log").read_text() if (root / "clamd.log").exists() else ""
                pytest.fail(f"clamd startte niet: {log[-2000:]}")
            time.sleep(0.1)
    yield str(socket_path)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def virusscan(clamd, settings):
    """Scanning on, against the private clamd, for this test."""
    settings.LOKET_CLAMD_ADDRESS = clamd
    return clamd
