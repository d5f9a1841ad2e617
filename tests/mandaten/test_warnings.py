"""Suspicious data gives warnings, not errors."""

from datetime import date

from mandaten import codes, selectors, services

from . import factories as f

TODAY = date(2026, 5, 1)


def warnings(bestuur):
    return selectors.waarschuwingen(bestuur, f.periode(), today=TODAY)


def test_no_warnings_for_normal_data(aalst):
    f.MandatarisFactory(bestuur=aalst, mandaat=f.mandaat(aalst, codes.BURGEMEESTER))
    f.MandatarisFactory(bestuur=aalst)
    assert warnings(aalst) == []


def test_two_active_burgemeesters(aalst):
    burgemeester = f.mandaat(aalst, codes.BURGEMEESTER)
    f.MandatarisFactory(
        bestuur=aalst, mandaat=burgemeester, persoon=f.PersoonFactory(voornaam="A", achternaam="Een")
    )
    f.MandatarisFactory(
        bestuur=aalst, mandaat=burgemeester, persoon=f.PersoonFactory(voornaam="B", achternaam="Twee")
    )
    assert warnings(aalst) == ["Er zijn 2 actieve burgemeesters op 01-05-2026: A Een, B Twee."]


def test_verhinderd_burgemeester_and_waarnemend_replacement_is_fine(aalst):
    burgemeester = f.mandaat(aalst, codes.BURGEMEESTER)
    f.MandatarisFactory(bestuur=aalst, mandaat=burgemeester, status=f.status(codes.VERHINDERD))
    f.MandatarisFactory(bestuur=aalst, mandaat=burgemeester, status=f.status(codes.WAARNEMEND))
    assert warnings(aalst) == []


def test_ended_burgemeester_does_not_count(aalst):
    burgemeester = f.mandaat(aalst, codes.BURGEMEESTER)
    f.MandatarisFactory(bestuur=aalst, mandaat=burgemeester, einde=date(2025, 6, 30))
    f.MandatarisFactory(bestuur=aalst, mandaat=burgemeester, start=date(2025, 7, 1))
    assert warnings(aalst) == []


def test_more_schepenen_than_allowed(aalst):
    schepen = f.mandaat(aalst, codes.SCHEPEN)
    for _ in range(3):
        f.MandatarisFactory(bestuur=aalst, mandaat=schepen)
    assert warnings(aalst) == []  # the number is not known yet
    services.wijzig_aantal_houders(request=None, mandaat=schepen, aantal_houders=2)
    assert warnings(aalst) == [
        "Er zijn 3 actieve mandatarissen met het mandaat Schepen in College van Burgemeester en Schepenen Aalst, "
        "terwijl dit mandaat er maximaal 2 heeft."
    ]


def test_same_person_twice_in_one_orgaan(aalst):
    persoon = f.PersoonFactory(voornaam="Dubbel", achternaam="Lid")
    f.MandatarisFactory(bestuur=aalst, persoon=persoon)
    f.MandatarisFactory(bestuur=aalst, persoon=persoon, start=date(2025, 3, 1))
    assert warnings(aalst) == ["Dubbel Lid heeft 2 actieve mandaten in Gemeenteraad Aalst."]


def test_voorzitter_who_is_also_member_is_fine(aalst):
    persoon = f.PersoonFactory()
    f.MandatarisFactory(bestuur=aalst, persoon=persoon)
    f.MandatarisFactory(
        bestuur=aalst, persoon=persoon, mandaat=f.mandaat(aalst, codes.VOORZITTER_GEMEENTERAAD)
    )
    assert warnings(aalst) == []


def test_warnings_are_per_bestuur(aalst, gent):
    burgemeester = f.mandaat(gent, codes.BURGEMEESTER)
    f.MandatarisFactory(bestuur=gent, mandaat=burgemeester)
    f.MandatarisFactory(bestuur=gent, mandaat=burgemeester)
    assert warnings(aalst) == [] and len(warnings(gent)) == 1


def test_same_rangorde_twice(aalst):
    schepen = f.mandaat(aalst, codes.SCHEPEN)
    f.MandatarisFactory(bestuur=aalst, mandaat=schepen, rangorde=1)
    f.MandatarisFactory(bestuur=aalst, mandaat=schepen, rangorde=1)
    f.MandatarisFactory(bestuur=aalst, mandaat=schepen, rangorde=2)
    assert warnings(aalst) == ["2 actieve mandatarissen hebben de rangorde eerste schepen."]
