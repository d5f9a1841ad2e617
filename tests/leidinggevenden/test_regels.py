"""Domain rules: functions per classification, the real codes, rijksregisternummer, periods, contact data."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from leidinggevenden import functies
from leidinggevenden.functies import Status
from leidinggevenden.models import ContactGegevens, Functionaris
from leidinggevenden.validators import normaliseer_telefoon, validate_postcode, validate_telefoon
from loket import rrn
from loket.models import Bestuurseenheid, Concept

from .factories import FunctionarisFactory, PersoonFactory, rrn_nummer

DIRECTEURS = {
    "Algemeen directeur",
    "Adjunct-algemeen directeur",
    "Financieel directeur",
    "Adjunct-financieel directeur",
}


def labels(bestuur):
    return {f.label for f in functies.functies_voor(bestuur)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "classificatie,verwacht",
    [
        ("Gemeente", DIRECTEURS),
        ("OCMW", DIRECTEURS),
        ("Provincie", {"Griffier", "Financieel beheerder"}),
        ("Autonoom gemeentebedrijf", {"Leidend ambtenaar"}),
        ("Autonoom provinciebedrijf", {"Leidend ambtenaar"}),
        ("Welzijnsvereniging", {"Leidend ambtenaar"}),
        ("Projectvereniging", {"Leidend ambtenaar"}),
        ("Dienstverlenende vereniging", {"Leidend ambtenaar"}),
        ("Opdrachthoudende vereniging", {"Leidend ambtenaar"}),
        ("Politiezone", set()),
        ("Hulpverleningszone", set()),
        ("District", set()),
        ("Agentschap Binnenlands Bestuur", set()),
    ],
)
def test_functies_per_classificatie(classificatie, verwacht):
    bestuur = Bestuurseenheid.objects.filter(classificatie__label=classificatie, actief=True).first()
    assert bestuur is not None, classificatie
    assert labels(bestuur) == verwacht


def test_ocmw_vereniging_heeft_leidend_ambtenaar():
    assert functies.PER_CLASSIFICATIE["OCMW vereniging"] == (functies.LEIDEND_AMBTENAAR,)


def test_module_eligibility_matches_the_classifications_with_functions():
    from loket.modules import LEIDINGGEVENDEN

    assert set(functies.PER_CLASSIFICATIE) == set(LEIDINGGEVENDEN)


@pytest.mark.django_db
def test_codes_are_the_real_reference_codes():
    for functie in functies.ALLE_FUNCTIES:
        assert Concept.objects.filter(uri=functie.uri).exists(), functie
    for uri in functies.STATUS_URI.values():
        assert Concept.objects.filter(uri=uri, lijst__icontains="FunctionarisStatusCode").exists(), uri
    aangesteld = Concept.objects.filter(uri=functies.STATUS_URI[Status.AANGESTELD]).first()
    assert aangesteld.label == "aangesteld"


@pytest.mark.django_db
def test_the_real_bestuursorganen_carry_the_function_classifications(aalst):
    uris = set(aalst.organen.values_list("classificatie__uri", flat=True))
    assert functies.ALGEMEEN_DIRECTEUR.orgaan_classificatie_uri in uris


# --- rijksregisternummer ------------------------------------------------------------------------------

geboortedata = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


def _nummer(geboorte, volgnummer, maand_offset=0):
    base = f"{geboorte:%y}{geboorte.month + maand_offset:02d}{geboorte:%d}{volgnummer:03d}"
    check = 97 - int(("2" if geboorte.year >= 2000 else "") + base) % 97
    return base + f"{check:02d}"


@given(geboortedata, st.integers(1, 998), st.sampled_from([0, 20, 40]))
def test_rrn_valid_before_and_after_2000_and_bis(geboorte, volgnummer, offset):
    nummer = _nummer(geboorte, volgnummer, offset)
    assert rrn.is_valid(nummer)
    assert rrn.is_valid(f"{nummer[:2]}.{nummer[2:4]}.{nummer[4:6]}-{nummer[6:9]}.{nummer[9:]}")


@given(geboortedata, st.integers(1, 998), st.integers(1, 96))
def test_rrn_with_wrong_check_digits_is_refused(geboorte, volgnummer, delta):
    nummer = _nummer(geboorte, volgnummer)
    fout = nummer[:9] + f"{(int(nummer[9:]) + delta - 1) % 97 + 1:02d}"
    base = int(nummer[:9])
    if 97 - base % 97 == int(fout[9:]) or 97 - (2_000_000_000 + base) % 97 == int(fout[9:]):
        return  # the other century's check digits: legitimately valid
    with pytest.raises(ValidationError, match="rijksregisternummer is niet geldig."):
        rrn.validate(fout)


@given(geboortedata, st.integers(1, 998))
def test_mask_keeps_only_the_birth_date_part(geboorte, volgnummer):
    nummer = _nummer(geboorte, volgnummer)
    masker = rrn.mask(nummer)
    assert masker.endswith("-***.**")
    assert nummer[6:] not in masker.replace(".", "").replace("-", "")


def test_known_examples():
    assert rrn.is_valid(rrn_nummer("850730", 33))
    assert rrn.is_valid(rrn_nummer("010615", 88, na_2000=True))  # born in 2001
    assert not rrn.is_valid(rrn_nummer("010615", 88, na_2000=False)[:9] + "00")
    assert rrn.is_valid(rrn_nummer("852730", 33))  # bis number, gender unknown
    assert rrn.is_valid(rrn_nummer("854730", 33))  # bis number, gender known
    assert not rrn.is_valid("85073003300")
    assert not rrn.is_valid("8507300336")


# --- periods and status -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_einde_must_be_after_start(aalst):
    f = FunctionarisFactory.build(
        bestuur=aalst, persoon=PersoonFactory(), start=date(2020, 1, 1), einde=date(2020, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        f.full_clean(validate_constraints=False)
    assert exc.value.message_dict["einde"] == ["De einddatum moet na de startdatum liggen."]


@pytest.mark.django_db
def test_database_refuses_einde_before_start(aalst):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        FunctionarisFactory(bestuur=aalst, start=date(2020, 1, 2), einde=date(2020, 1, 1))


@pytest.mark.django_db
def test_leidend_ambtenaar_only_aangesteld():
    agb = Bestuurseenheid.objects.filter(classificatie__label="Autonoom gemeentebedrijf", actief=True).first()
    f = FunctionarisFactory.build(
        bestuur=agb,
        functie=functies.LEIDEND_AMBTENAAR.code,
        persoon=PersoonFactory(),
        status=Status.WAARNEMEND,
    )
    with pytest.raises(ValidationError) as exc:
        f.full_clean(validate_constraints=False)
    assert "kan enkel aangesteld zijn" in exc.value.message_dict["status"][0]
    f.status = Status.AANGESTELD
    f.full_clean(validate_constraints=False)


@pytest.mark.django_db
def test_function_must_belong_to_the_classification(aalst):
    f = FunctionarisFactory.build(bestuur=aalst, functie=functies.GRIFFIER.code, persoon=PersoonFactory())
    with pytest.raises(ValidationError) as exc:
        f.full_clean(validate_constraints=False)
    assert "functie" in exc.value.message_dict


@pytest.mark.django_db
def test_current_excludes_ended_and_future(aalst):
    vandaag = date.today()
    huidig = FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1))
    FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1), einde=date(2020, 1, 1))
    FunctionarisFactory(bestuur=aalst, start=date(vandaag.year + 1, 1, 1))
    laatste_dag = FunctionarisFactory(bestuur=aalst, start=date(2019, 1, 1), einde=vandaag)
    assert set(Functionaris.objects.for_bestuur(aalst).huidig()) == {huidig, laatste_dag}


@pytest.mark.django_db
def test_for_bestuur_scopes(aalst, gent):
    FunctionarisFactory(bestuur=aalst)
    assert Functionaris.objects.for_bestuur(gent).count() == 0
    assert Functionaris.objects.for_bestuur(None).count() == 0


# --- contact data -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nummer,genormaliseerd",
    [
        ("053 77 93 00", "+3253779300"),
        ("+32 53 77 93 00", "+3253779300"),
        ("+32 (0)53 77.93.00", "+3253779300"),
        ("0032 53 779300", "+3253779300"),
        ("02/123.45.67", "+3221234567"),
        ("0470 12 34 56", "+32470123456"),
        ("+32 470 12 34 56", "+32470123456"),
    ],
)
def test_belgian_phone_numbers_accepted(nummer, genormaliseerd):
    validate_telefoon(nummer)
    assert normaliseer_telefoon(nummer) == genormaliseerd


@pytest.mark.parametrize(
    "nummer", ["12345", "+31 20 123 4567", "053 77 93 0", "abc", "0470 12 34 56 7", "+32 0"]
)
def test_other_phone_numbers_refused(nummer):
    with pytest.raises(ValidationError, match="Belgisch telefoonnummer"):
        validate_telefoon(nummer)


@pytest.mark.parametrize(
    "postcode,ok",
    [("9300", True), ("1000", True), ("0999", False), ("930", False), ("93000", False), ("ABCD", False)],
)
def test_postcode(postcode, ok):
    if ok:
        validate_postcode(postcode)
    else:
        with pytest.raises(ValidationError, match="4 cijfers"):
            validate_postcode(postcode)


@pytest.mark.django_db
def test_address_is_all_or_nothing(aalst):
    c = ContactGegevens(bestuur=aalst, functie=functies.ALGEMEEN_DIRECTEUR.code, straat="Grote Markt")
    with pytest.raises(ValidationError) as exc:
        c.full_clean()
    assert set(exc.value.message_dict) == {"huisnummer", "postcode", "gemeente"}
    c.huisnummer, c.postcode, c.gemeente, c.bus = "3", "9300", "Aalst", "b"
    c.full_clean()
    assert c.adres == "Grote Markt 3 bus b, 9300 Aalst"
