"""The type dossier offered depends on the bestuur's classification and on the rules valid today (real codelist)."""

from datetime import date

import pytest

from tests import factories
from toezicht.models import BesluitType
from toezicht.selectors import besluittypes_voor

pytestmark = pytest.mark.django_db


def labels(bestuur, today=None):
    return set(besluittypes_voor(bestuur, today).values_list("label", flat=True))


def test_the_codelist_is_loaded():
    assert BesluitType.objects.count() == 149
    assert BesluitType.objects.get(label="Belastingreglement").met_belasting
    assert BesluitType.objects.get(label="Kohierbelasting").met_belasting
    assert BesluitType.objects.get(label="Jaarrekening").met_rapportjaar
    assert BesluitType.objects.get(label="Politiereglement").met_publicatie
    assert not BesluitType.objects.get(label="Besluitenlijst").met_publicatie


def test_politiezone_gets_besluitenlijst_but_no_belastingreglement():
    pz = factories.bestuur("PZ Aalst: Aalst", "Politiezone")
    offered = labels(pz)
    assert "Besluitenlijst" in offered
    assert "Belastingreglement" not in offered
    assert offered == {"Besluitenlijst"}


def test_agb_gets_retributies():
    agb = factories.bestuur("AGB Erfgoed Gent", "Autonoom gemeentebedrijf")
    offered = labels(agb)
    assert "Besluit AGB/APB over retributies" in offered
    assert "Belastingreglement" not in offered
    assert len(offered) == 7


def test_gemeente_gets_eredienst_types_valid_today(aalst):
    offered = labels(aalst)
    assert {"Belastingreglement", "Besluitenlijst", "Schorsing beslissing eredienstbesturen"} <= offered
    # "Advies samenvoeging" and "Verslag lokale betrokkenheid" stopped on 01-04-2023: history only.
    assert "Advies samenvoeging eredienstbesturen" not in offered
    assert "Verslag lokale betrokkenheid eredienstbesturen" not in offered
    assert len(offered) == 53


def test_rule_validity_follows_the_date(aalst):
    in_2022 = labels(aalst, date(2022, 6, 1))
    assert "Advies samenvoeging eredienstbesturen" in in_2022
    assert "Verslag lokale betrokkenheid eredienstbesturen" in in_2022
    # validFrom 2023-10-31: not yet offered in 2022
    assert "Aanvraag desaffectatie presbyteria/kerken" not in in_2022
    assert "Aanvraag desaffectatie presbyteria/kerken" in labels(aalst, date(2024, 1, 1))


def test_loading_again_changes_nothing():
    from django.conf import settings

    from toezicht import reference

    before = BesluitType.objects.count()
    reference.load(settings.LOKET_REFERENCE_DATA_DIR, log=lambda *_: None)
    assert BesluitType.objects.count() == before
