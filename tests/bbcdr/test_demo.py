import pytest

from bbcdr import demo
from bbcdr.models import Rapport

pytestmark = pytest.mark.django_db


def test_demo_data_is_valid_and_idempotent(django_capture_on_commit_callbacks, tmp_path):
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(log=lambda msg: None)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(log=lambda msg: None)
    assert Rapport.objects.count() == 4
    for gemeente in ("Aalst", "Gent"):
        rapporten = Rapport.objects.filter(bestuur__naam=gemeente, bestuur__classificatie__label="Gemeente")
        concept = rapporten.get(status=Rapport.Status.CONCEPT)
        sent = rapporten.get(status=Rapport.Status.VERSTUURD)
        assert concept.bestanden.count() == 1
        assert sent.bestanden.count() == 2
        assert sent.levering_status == Rapport.Levering.GELEVERD
        assert (tmp_path / "outbox" / sent.pakket_naam).exists()
