"""Bestuursperiodes and mandaten derived from the real bestuursorganen in tijd."""

from datetime import date

from django.core.management import call_command

from mandaten import codes
from mandaten.models import Bestuursperiode, Mandaat
from mandaten.reference import legislatuur


def test_legislatures():
    assert legislatuur(date(2024, 12, 2)) == 2025
    assert legislatuur(date(2025, 1, 2)) == 2025
    assert legislatuur(date(2019, 1, 1)) == 2019
    assert legislatuur(date(2018, 12, 3)) == 2019
    assert legislatuur(date(1971, 11, 3)) is None


def test_periodes_and_mandaten_of_aalst(aalst):
    periodes = {p.slug: (p.label, p.start, p.einde) for p in Bestuursperiode.objects.all()}
    assert periodes == {
        "2019-2024": ("2019–2024", date(2019, 1, 1), date(2024, 12, 31)),
        "2025-2030": ("2025–2030", date(2024, 12, 2), date(2030, 12, 31)),
    }
    mandaten = Mandaat.objects.for_bestuur(aalst).filter(periode__slug="2025-2030")
    per_orgaan = {(m.orgaan_in_tijd.orgaan.classificatie.label, m.bestuursfunctie.label) for m in mandaten}
    assert per_orgaan == {
        ("Gemeenteraad", "Gemeenteraadslid"),
        ("Gemeenteraad", "Voorzitter van de gemeenteraad"),
        ("College van Burgemeester en Schepenen", "Schepen"),
        ("College van Burgemeester en Schepenen", "Toegevoegde schepen"),
        ("Burgemeester", "Burgemeester"),
    }
    assert mandaten.get(bestuursfunctie__uri=codes.BURGEMEESTER).aantal_houders == 1
    assert mandaten.get(bestuursfunctie__uri=codes.SCHEPEN).aantal_houders is None


def test_reload_is_idempotent_and_keeps_what_a_bestuur_set(aalst):
    schepen = Mandaat.objects.for_bestuur(aalst).get(
        periode__slug="2025-2030", bestuursfunctie__uri=codes.SCHEPEN
    )
    schepen.aantal_houders = 8
    schepen.save()
    before = Mandaat.objects.count()
    call_command("load_reference_data", verbosity=0, stdout=open("/dev/null", "w"))
    assert Mandaat.objects.count() == before
    schepen.refresh_from_db()
    assert schepen.aantal_houders == 8 and schepen.uri.startswith("http://data.lblod.info/id/mandaten/")


def test_demo_data_loads_twice(aalst):
    from mandaten import demo
    from mandaten.models import Mandataris

    demo.load(log=lambda msg: None)
    count = Mandataris.objects.for_bestuur(aalst).count()
    demo.load(log=lambda msg: None)
    assert Mandataris.objects.for_bestuur(aalst).count() == count >= 10
