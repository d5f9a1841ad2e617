import pytest

from leidinggevenden import demo
from leidinggevenden.models import ContactGegevens, Functionaris, PubliekeExport
from loket import rrn


def test_demo_numbers_are_valid_rijksregisternummers():
    for _voornaam, _achternaam, nummer in demo.PERSONEN.values():
        assert rrn.is_valid(nummer), nummer


@pytest.mark.django_db
def test_demo_data_is_idempotent_and_valid():
    demo.load(log=lambda *_: None)
    aantal = Functionaris.objects.count()
    demo.load(log=lambda *_: None)
    assert Functionaris.objects.count() == aantal == len(demo.PERIODES)
    assert ContactGegevens.objects.count() == len(demo.CONTACT)
    for f in Functionaris.objects.select_related("bestuur__classificatie", "persoon"):
        f.full_clean(validate_constraints=False)
    for c in ContactGegevens.objects.all():
        c.full_clean()
    assert PubliekeExport.objects.count() == 4
    assert {b for b in Functionaris.objects.values_list("bestuur__classificatie__label", flat=True)} == {
        "Gemeente",
        "OCMW",
        "Provincie",
    }
