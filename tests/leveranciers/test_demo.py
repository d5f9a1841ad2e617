from leveranciers import demo
from leveranciers.models import Inzending, Leverancier
from toezicht.models import Melding


def test_demo_vendor_is_idempotent(db):
    demo.load(log=lambda *_: None)
    demo.load(log=lambda *_: None)
    leverancier = Leverancier.objects.get(uri=demo.URI)
    assert leverancier.naam == "Vanden Broele" and leverancier.besturen.count() == 2
    assert Inzending.objects.count() == 2
    assert Melding.objects.filter(leverancier=leverancier, status=Melding.Status.VERSTUURD).count() == 1
    assert Inzending.objects.filter(status=Inzending.Status.MISLUKT).count() == 1
