import pytest
from django.urls import get_resolver, reverse

from accounts import demo as accounts_demo
from toezicht import demo
from toezicht.models import Melding

from . import walk

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent():
    accounts_demo.load(log=lambda *_: None)
    demo.load(log=lambda *_: None)
    first = Melding.objects.count()
    demo.load(log=lambda *_: None)
    assert Melding.objects.count() == first == 9
    assert Melding.objects.verstuurd().count() == 7
    assert not Melding.objects.filter(besluittype=None).exists()
    assert {m.bestuur.naam for m in Melding.objects.select_related("bestuur")} == {"Aalst", "Gent"}


def test_walk_kwargs_cover_every_toezicht_url(aalst):
    kwargs = walk.url_kwargs(aalst)
    patterns = get_resolver().url_patterns
    toezicht = next(p for p in patterns if getattr(p, "namespace", None) == "toezicht")
    for pattern in toezicht.url_patterns:
        needed = set(pattern.pattern.converters)
        assert needed <= set(kwargs), pattern.name
        reverse(f"toezicht:{pattern.name}", kwargs={k: kwargs[k] for k in needed})
