"""walk.py gives a value for every kwarg of every bbcdr URL, and those URLs answer without errors."""

import pytest
from django.urls import reverse

from bbcdr.urls import urlpatterns
from tests import factories
from tests.bbcdr.factories import abb_user, bbcdr_user
from tests.bbcdr.walk import url_kwargs

pytestmark = pytest.mark.django_db


def test_walk_covers_every_url(login_as, aalst):
    kwargs = url_kwargs(aalst)
    bestuur_client = login_as(bbcdr_user(aalst), aalst)
    for pattern in urlpatterns:
        names = set(pattern.pattern.converters)
        assert names <= set(kwargs), pattern
        url = reverse(f"bbcdr:{pattern.name}", kwargs={k: kwargs[k] for k in names})
        if not pattern.name.startswith("abb-"):
            assert bestuur_client.get(url).status_code in (200, 405), url
    abb_client = login_as(abb_user(edit=True), factories.abb())
    for pattern in urlpatterns:
        if pattern.name.startswith("abb-"):
            names = set(pattern.pattern.converters)
            url = reverse(f"bbcdr:{pattern.name}", kwargs={k: kwargs[k] for k in names})
            assert abb_client.get(url).status_code in (200, 405), url
