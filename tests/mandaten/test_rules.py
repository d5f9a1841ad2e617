"""The mandataris rules: period bounds, status, rangorde, beleidsdomeinen, fractie (services refuse, in Dutch)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from loket.models import AuditEvent
from mandaten import codes, services

from . import factories as f


def aanmaken(bestuur, functie=codes.GEMEENTERAADSLID, **kwargs):
    data = {
        "request": None,
        "bestuur": bestuur,
        "persoon": f.PersoonFactory(),
        "mandaat": f.mandaat(bestuur, functie),
        "start": date(2025, 1, 2),
        "status": f.status(),
    }
    data.update(kwargs)
    return services.maak_mandataris(**data)


def fouten(exc_info):
    return exc_info.value.message_dict


def test_schepen_with_rangorde_beleidsdomeinen_and_fractie_is_saved_and_audited(aalst):
    fractie = f.FractieFactory(bestuur=aalst)
    m = aanmaken(
        aalst, codes.SCHEPEN, rangorde=1, fractie=fractie, beleidsdomeinen=[f.beleidsdomein("Cultuur")]
    )
    assert m.rangorde_label == "Eerste schepen"
    assert [d.label for d in m.beleidsdomeinen.all()] == ["Cultuur"]
    event = AuditEvent.objects.for_object(m).get()
    assert event.actie == "mandaten.mandataris.aangemaakt" and event.bestuur == aalst
    assert event.na["beleidsdomeinen"] == ["Cultuur"]


@pytest.mark.parametrize("start", [date(2024, 12, 1), date(2031, 1, 1)])
def test_start_outside_the_period_is_refused(aalst, start):
    with pytest.raises(ValidationError) as exc:
        aanmaken(aalst, start=start)
    assert fouten(exc)["start"] == [
        "De startdatum moet binnen de bestuursperiode 2025–2030 liggen (02-12-2024 tot 31-12-2030)."
    ]


def test_first_day_of_the_period_is_allowed(aalst):
    assert aanmaken(aalst, start=date(2024, 12, 2)).pk


def test_einde_must_follow_start(aalst):
    with pytest.raises(ValidationError) as exc:
        aanmaken(aalst, start=date(2025, 3, 1), einde=date(2025, 3, 1))
    assert fouten(exc)["einde"] == ["De einddatum moet na de startdatum liggen."]


def test_titelvoerend_only_for_burgemeester(aalst):
    with pytest.raises(ValidationError) as exc:
        aanmaken(aalst, codes.SCHEPEN, status=f.status(codes.TITELVOEREND))
    assert fouten(exc)["status"] == ["De status Titelvoerend kan enkel voor een burgemeester."]
    assert aanmaken(aalst, codes.BURGEMEESTER, status=f.status(codes.TITELVOEREND)).pk


def test_rangorde_only_for_schepenen(aalst):
    with pytest.raises(ValidationError) as exc:
        aanmaken(aalst, codes.GEMEENTERAADSLID, rangorde=2)
    assert fouten(exc)["rangorde"] == ["Een rangorde kan enkel voor een schepen."]


def test_beleidsdomeinen_only_for_schepenen_and_burgemeester(aalst):
    with pytest.raises(ValidationError) as exc:
        aanmaken(aalst, codes.GEMEENTERAADSLID, beleidsdomeinen=[f.beleidsdomein("Sport")])
    assert fouten(exc)["beleidsdomeinen"] == [
        "Beleidsdomeinen kunnen enkel voor een schepen of een burgemeester."
    ]
    assert aanmaken(aalst, codes.BURGEMEESTER, beleidsdomeinen=[f.beleidsdomein("Veiligheid")]).pk


def test_several_errors_at_once(aalst):
    with pytest.raises(ValidationError) as exc:
        aanmaken(aalst, start=date(2020, 1, 1), status=f.status(codes.TITELVOEREND), rangorde=1)
    assert set(fouten(exc)) == {"start", "status", "rangorde"}


def test_fractie_of_another_bestuur_or_period_is_refused(aalst, gent):
    with pytest.raises(ValidationError) as exc:
        aanmaken(aalst, fractie=f.FractieFactory(bestuur=gent))
    assert "fractie" in fouten(exc)
    with pytest.raises(ValidationError):
        aanmaken(aalst, fractie=f.FractieFactory(bestuur=aalst, periode=f.periode("2019-2024")))


def test_mandaat_of_another_bestuur_is_refused(aalst, gent):
    with pytest.raises(ValidationError) as exc:
        aanmaken(aalst, mandaat=f.mandaat(gent))
    assert fouten(exc)["mandaat"] == ["Kies een mandaat van uw eigen bestuur."]


def test_end_a_mandate(aalst):
    m = aanmaken(aalst)
    services.beeindig_mandataris(request=None, mandataris=m, einde=date(2026, 6, 30))
    m.refresh_from_db()
    assert m.einde == date(2026, 6, 30)
    assert AuditEvent.objects.for_object(m).filter(actie="mandaten.mandataris.beeindigd").exists()
    with pytest.raises(ValidationError):
        services.beeindig_mandataris(request=None, mandataris=m, einde=date(2024, 12, 31))


def test_wijzigen_keeps_rules_and_audits_before_and_after(aalst):
    m = aanmaken(aalst, codes.SCHEPEN, rangorde=1)
    services.wijzig_mandataris(request=None, mandataris=m, rangorde=3)
    event = AuditEvent.objects.for_object(m).get(actie="mandaten.mandataris.gewijzigd")
    assert (event.voor["rangorde"], event.na["rangorde"]) == (1, 3)
    with pytest.raises(ValidationError):
        services.wijzig_mandataris(request=None, mandataris=m, mandaat=f.mandaat(aalst), rangorde=3)


def test_persoon_no_duplicate_rijksregisternummer(db):
    p = services.maak_persoon(request=None, voornaam="An", achternaam="Peeters", rrn="85.07.30-033.28")
    assert p.rrn_masker == "85.07.30-***.**"
    with pytest.raises(ValidationError) as exc:
        services.maak_persoon(request=None, voornaam="Anna", achternaam="Peeters", rrn="85073003328")
    assert "rrn" in fouten(exc)


def test_fractie_name_unique_per_bestuur_and_period(aalst, gent):
    services.maak_fractie(
        request=None, bestuur=aalst, periode=f.periode(), naam="Groen", fractietype=f.fractietype()
    )
    with pytest.raises(ValidationError):
        services.maak_fractie(
            request=None, bestuur=aalst, periode=f.periode(), naam="Groen", fractietype=f.fractietype()
        )
    services.maak_fractie(
        request=None, bestuur=gent, periode=f.periode(), naam="Groen", fractietype=f.fractietype()
    )


def test_new_beleidsdomein_is_offered_only_to_its_bestuur(aalst, gent):
    from mandaten import selectors

    concept = services.voeg_beleidsdomein_toe(request=None, bestuur=aalst, label="Carnavalsstoet")
    assert concept in selectors.beleidsdomeinen(aalst)
    assert concept not in selectors.beleidsdomeinen(gent)
    assert selectors.beleidsdomeinen(gent).filter(label="Cultuur").exists()
    with pytest.raises(ValidationError):
        services.voeg_beleidsdomein_toe(request=None, bestuur=gent, label="cultuur")
    m = aanmaken(aalst, codes.SCHEPEN, beleidsdomeinen=[concept])
    assert list(m.beleidsdomeinen.all()) == [concept]
