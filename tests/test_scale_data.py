"""The production-sized data generator (manage.py generate_scale_data), run small: what CI keeps working."""

import io

import pytest
from django.core.management import call_command

from berichten.models import Bericht, Gesprek
from leidinggevenden.models import Functionaris
from loket import modules
from mandaten.models import Mandataris
from toezicht.models import Melding, MeldingBestand


@pytest.mark.django_db
def test_generator_small_run():
    err = io.StringIO()
    call_command(
        "generate_scale_data",
        "--meldingen=60",
        "--bestanden-per-melding=2",
        "--gesprekken=10",
        "--berichten=30",
        "--geen-analyze",
        stdout=io.StringIO(),
        stderr=err,
    )
    assert Melding.objects.count() == 60
    assert MeldingBestand.objects.count() == 120
    assert Gesprek.objects.count() == 10
    assert Bericht.objects.count() >= 30
    assert Functionaris.objects.exists() and Mandataris.objects.exists()
    assert "meldingen" in err.getvalue() and "100%" in err.getvalue()  # the progress bar

    toezicht = modules.get_module("toezicht")
    for melding in Melding.objects.select_related("bestuur__classificatie", "beslissingsorgaan"):
        assert toezicht.eligible(melding.bestuur)
        assert melding.beslissingsorgaan.bestuurseenheid_id == melding.bestuur_id
        assert (melding.verstuurd_op is None) == melding.is_concept
    for gesprek in Gesprek.objects.select_related("melding"):
        assert gesprek.melding is None or gesprek.melding.bestuur_id == gesprek.bestuur_id
        assert gesprek.laatste_bericht_op == gesprek.berichten.order_by("-verzonden_op").first().verzonden_op

    # The sequences continue after the explicit ids: the ORM can still insert.
    melding = Melding.objects.create(bestuur=Melding.objects.first().bestuur)
    assert melding.pk > max(Melding.objects.exclude(pk=melding.pk).values_list("pk", flat=True))
