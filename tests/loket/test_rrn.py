import pytest
from django.core.exceptions import ValidationError

from loket import rrn
from loket.models import Persoon

# Valid numbers computed with the official mod-97 rule (fictitious people).


def check_digits(base9, after_2000=False):
    n = int(("2" if after_2000 else "") + base9)
    return f"{97 - n % 97:02d}"


@pytest.mark.parametrize(
    "base,after",
    [
        ("850730033", False),
        ("050312123", True),
        ("852730033", False),
        ("854730033", False),
        ("000000001", False),
    ],
)
def test_valid_numbers_pass(base, after):
    assert rrn.is_valid(base + check_digits(base, after))


@pytest.mark.parametrize(
    "value",
    ["", "123", "85073003300", "8507300332x", "85.13.30-033.00", "851330033" + check_digits("851330033")],
)
def test_invalid_numbers_fail_with_dutch_message(value):
    with pytest.raises(ValidationError, match="rijksregisternummer is niet geldig."):
        rrn.validate(value)


def test_mask_shows_only_birth_date():
    value = "850730033" + check_digits("850730033")
    assert rrn.mask(value) == "85.07.30-***.**"
    assert value[6:] not in rrn.mask(value)


def test_persoon_stores_no_clear_number_and_is_found_by_it(db):
    value = "850730033" + check_digits("850730033")
    persoon = Persoon(voornaam="An", achternaam="Peeters")
    persoon.set_rrn(value)
    persoon.save()
    stored = Persoon.objects.filter(pk=persoon.pk).values().get()
    assert value not in str(stored) and rrn.normalize(value) not in str(stored)
    assert list(Persoon.objects.search(value)) == [persoon]
    assert list(Persoon.objects.search("peeters an")) == [persoon]
