import pytest
from django.core.management import call_command

from subsidies import selectors
from subsidies.models import Aanvraag, Reeks
from tests import factories


@pytest.mark.django_db
def test_demo_data_open_labelled_reeksen_idempotent(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    demo = Reeks.objects.filter(bron_id__startswith="demo-")
    assert demo.count() == 2 and all("demogegevens" in r.titel for r in demo)
    aalst = factories.bestuur("Aalst")
    titels = {r.maatregel.titel for r in selectors.beschikbare_reeksen(aalst)}
    assert {"Beurs Lokaal Bestuurlijk Talent", "Safe(r) spaces verbinden en versterken"} <= titels
    assert Aanvraag.objects.filter(reeks__in=demo).count() == 2
