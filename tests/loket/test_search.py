import pytest

from loket.models import Bestuurseenheid
from loket.search import text_search, words


def namen(text):
    qs = Bestuurseenheid.objects.filter(classificatie__label="Gemeente", actief=True)
    return set(text_search(qs, ["naam", "classificatie__label"], text).values_list("naam", flat=True))


def test_every_word_must_match_as_a_prefix(db):
    assert "Aalst" in namen("aal")
    assert namen("aalst gemeente") == {"Aalst"}
    assert "Aalter" not in namen("aalst")


@pytest.mark.parametrize("hostile", ["'", "a & | !", ":*", "\\", "aal') OR 1=1 --", "<script>"])
def test_operators_and_quotes_are_plain_text(db, hostile):
    namen(hostile)  # no database error, whatever is typed


def test_empty_search_changes_nothing(db):
    assert len(namen("  ")) == 285
    assert words("  ,; ") == []
