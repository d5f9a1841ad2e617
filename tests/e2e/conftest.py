import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def browser_login(live_server):
    """browser_login(page, user, bestuur): a logged-in browser session without going through a login form."""

    def _login(page, user, bestuur=None):
        client = Client()
        client.force_login(user)
        if bestuur is not None:
            session = client.session
            session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
            session.save()
        page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
        return page

    return _login


def assert_accessible(page):
    """axe-core, WCAG 2.1 A and AA rules: zero violations on the page as it is now."""
    results = Axe().run(page, options=WCAG_AA)
    violations = results.response["violations"]
    assert not violations, results.generate_report()
