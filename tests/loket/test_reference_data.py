from django.core.management import call_command

from loket.models import Bestuurseenheid, Bestuursorgaan, Concept


def count(label, **extra):
    return Bestuurseenheid.objects.filter(classificatie__label=label, **extra).count()


def test_all_besturen_with_2025_mergers_applied(db):
    assert Bestuurseenheid.objects.count() == 1365
    assert count("Gemeente") == 319
    assert count("Gemeente", actief=True) == 285
    assert count("Politiezone") == 129
    assert count("Hulpverleningszone") == 20
    assert count("Provincie") == 5


def test_absorbed_gemeente_is_inactive_and_points_to_its_successor(db):
    borsbeek = Bestuurseenheid.objects.get(naam="Borsbeek", classificatie__label="Gemeente")
    assert not borsbeek.actief
    assert borsbeek.opgeheven_door.naam == "Antwerpen"
    assert Bestuurseenheid.objects.get(naam="Antwerpen", classificatie__label="Gemeente").actief


def test_real_codes_and_provinces(db):
    aalst = Bestuurseenheid.objects.get(naam="Aalst", classificatie__label="OCMW")
    assert aalst.kbo == "0212237186" and aalst.ovo == "OVO002601"
    assert aalst.provincie == "Oost-Vlaanderen"
    pz = Bestuurseenheid.objects.get(naam__startswith="PZ AMOW")
    assert pz.provincie == "Vlaams-Brabant"  # derived from the municipalities in its name


def test_organen_and_codelists(db):
    aalst = Bestuurseenheid.objects.get(naam="Aalst", classificatie__label="Gemeente")
    labels = set(
        Bestuursorgaan.objects.filter(bestuurseenheid=aalst).values_list("classificatie__label", flat=True)
    )
    assert {"Gemeenteraad", "College van Burgemeester en Schepenen", "Burgemeester"} <= labels
    assert Concept.objects.filter(label="Titelvoerend").exists()


def test_loading_twice_changes_nothing(db):
    before = (Bestuurseenheid.objects.count(), Bestuursorgaan.objects.count(), Concept.objects.count())
    call_command("load_reference_data", stdout=open("/dev/null", "w"))
    assert (
        Bestuurseenheid.objects.count(),
        Bestuursorgaan.objects.count(),
        Concept.objects.count(),
    ) == before
