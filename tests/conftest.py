import os

import pytest
from django.core.management import call_command

# The sync Playwright API runs an event loop; Django must allow ORM calls from the test thread anyway.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from loket.middleware import ACTIVE_BESTUUR_SESSION_KEY  # noqa: E402
from tests import factories  # noqa: E402


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the real reference data (1365 besturen, organen, codelists)."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0, stdout=open(os.devnull, "w"))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (login attempt counters live there)."""
    from django.core.cache import cache

    cache.clear()
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
