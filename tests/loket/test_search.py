"""loket.search.text_search: every result is asserted, so a search that returned every row (or none) fails."""

import pytest
from django.db import connection

from loket.models import Bestuurseenheid
from loket.search import text_search, words

ALLE_GEMEENTEN = 285


def gemeenten():
    return Bestuurseenheid.objects.filter(classificatie__label="Gemeente", actief=True)


def namen(text):
    return set(
        text_search(gemeenten(), ["naam", "classificatie__label"], text).values_list("naam", flat=True)
    )


def test_every_word_must_match_as_a_prefix(db):
    gevonden = namen("aal")
    if connection.vendor == "postgresql":  # full-text search: a word prefix
        assert gevonden == {"Aalst", "Aalter"}
    else:  # the portable fallback: a part of the name
        assert gevonden == {"Aalst", "Aalter", "Haaltert", "Roosdaal", "Zutendaal"}
    assert namen("aalst") == {"Aalst"}
    assert namen("aalst gemeente") == {"Aalst"}  # every word, over both fields
    assert namen("sint niklaas") == {"Sint-Niklaas"}
    assert namen("gent") == {"Gent"}
    assert namen("aalst gent") == set()
    assert namen("bestaat niet") == set()


@pytest.mark.parametrize(
    "hostile, zelfde_als",
    [
        ("'", ""),  # nothing to search: every row, as an empty search
        (":*", ""),
        ("\\", ""),
        ("a & | !", "a"),  # the operators are dropped, the word stays
        ("aal') OR 1=1 --", "aal or 1 1"),  # the quote, the parenthesis and the comment are plain text
        ("<script>", "script"),
    ],
)
def test_operators_and_quotes_are_plain_text(db, hostile, zelfde_als):
    assert namen(hostile) == namen(zelfde_als)
    if zelfde_als:
        assert len(namen(hostile)) < ALLE_GEMEENTEN


def test_injection_finds_nothing(db):
    assert namen("aal') OR 1=1 --") == set() and namen("<script>") == set()


def test_empty_search_changes_nothing(db):
    assert len(namen("  ")) == ALLE_GEMEENTEN == gemeenten().count()
    assert words("  ,; ") == []
