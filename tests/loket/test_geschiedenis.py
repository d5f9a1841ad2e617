"""The shared geschiedenis(obj) of every page: scoping (own events; ABB's only about an own object; another bestuur's
only for an ABB session), the ABB mark, the cap, and no rijksregisternummer ever."""

from datetime import date

import pytest
from django.template import engines

from loket import audit, rrn
from tests import factories
from tests.leidinggevenden.factories import FunctionarisFactory

pytestmark = pytest.mark.django_db


def render(obj, active_bestuur, args=""):
    template = engines["jinja2"].from_string("{{ geschiedenis(obj" + args + ") }}")
    return template.render({"obj": obj, "active_bestuur": active_bestuur, "ander": obj.bestuur})


@pytest.fixture
def functionaris(aalst):
    return FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1))


@pytest.fixture
def events(aalst, gent, functionaris):
    audit.record(bestuur=aalst, actie="a", obj=functionaris, omschrijving="Eigen event")
    audit.record(bestuur=factories.abb(), actie="b", obj=functionaris, omschrijving="ABB-event")
    audit.record(bestuur=gent, actie="c", obj=functionaris, omschrijving="Gents event")
    audit.record(bestuur=None, actie="d", obj=functionaris, omschrijving="Zonder bestuur")


def test_bestuur_sees_its_own_events_only(aalst, functionaris, events):
    html = render(functionaris, aalst)
    assert "Eigen event" in html
    assert "ABB-event" not in html and "Gents event" not in html and "Zonder bestuur" not in html


def test_met_abb_adds_abbs_events_about_an_own_object_only(aalst, gent, functionaris, events):
    html = render(functionaris, aalst, ", met_abb=True")
    assert "Eigen event" in html and "ABB-event" in html and "(Agentschap Binnenlands Bestuur)" in html
    assert "Gents event" not in html and "Zonder bestuur" not in html
    # About an object that is not Gent's own, Gent gets its own (wrongly scoped) events but never ABB's.
    assert [e.omschrijving for e in audit.geschiedenis(functionaris, gent, met_abb=True)] == ["Gents event"]


def test_another_bestuurs_history_only_for_an_abb_session(aalst, gent, functionaris, events):
    assert "Eigen event" not in render(
        functionaris, gent, ", bestuur=ander"
    )  # Gent asks for Aalst's: nothing
    assert "Nog geen geschiedenis." in render(functionaris, None, ", bestuur=ander")
    html = render(functionaris, factories.abb(), ", bestuur=ander, met_abb=True")
    assert "Eigen event" in html and "ABB-event" in html
    assert "Gents event" not in html and "Zonder bestuur" not in html


def test_newest_first_capped_with_a_note(aalst, functionaris, monkeypatch):
    from loket import jinja

    monkeypatch.setattr(jinja, "MAX_GEBEURTENISSEN", 3)
    for i in range(5):
        audit.record(bestuur=aalst, actie="a", obj=functionaris, omschrijving=f"Event {i}")
    html = render(functionaris, aalst)
    assert html.index("Event 4") < html.index("Event 3") < html.index("Event 2")
    assert "Event 1" not in html and "Alleen de 3 meest recente gebeurtenissen worden getoond." in html


def test_a_rijksregisternummer_in_a_description_is_masked(aalst, functionaris):
    audit.record(
        bestuur=aalst,
        actie="a",
        obj=functionaris,
        omschrijving="Reden: 85.07.30-033.28, ook 85073003328; KBO 0207.451.227; ref 12345678901",
    )
    html = render(functionaris, aalst)
    assert "85.07.30-***.**" in html and "033.28" not in html and "85073003328" not in html
    assert "0207.451.227" in html and "12345678901" in html  # not a valid number: left alone


def test_mask_in_text():
    assert rrn.mask_in_text("a 85073003328 b") == "a 85.07.30-***.** b"
    assert rrn.mask_in_text("850730033281") == "850730033281"  # twelve digits: not a number of this kind
    assert rrn.mask_in_text("") == "" and rrn.mask_in_text(None) == ""
