import pytest

from berichten import demo
from berichten.models import BerichtBijlage, Gesprek

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_lived_in(aalst, gent):
    demo.load(log=lambda *_: None)
    demo.load(log=lambda *_: None)
    assert Gesprek.objects.for_bestuur(aalst).count() == 3
    assert Gesprek.objects.for_bestuur(gent).count() == 2
    assert Gesprek.objects.te_laat().filter(bestuur=aalst).count() == 1
    assert Gesprek.objects.filter(gelezen_door_bestuur=False).count() == 2
    bijlage = BerichtBijlage.objects.first()
    assert bijlage.bestand.open("rb").read(5) == b"%PDF-"
