"""Content checks of the two files, against the corpus in tests/bbcdr/corpus/."""

import pytest
from django.core.exceptions import ValidationError

from bbcdr.validators import validate_xbrl, validate_xml
from tests.bbcdr.factories import corpus


def refused(validator, name, as_name=None):
    with pytest.raises(ValidationError) as exc:
        validator(corpus(name, as_name))
    return exc.value


def test_valid_xml_passes():
    f = corpus("geldig.xml")
    assert validate_xml(f).tag.endswith("Rapportering")
    assert f.content_type_sniffed in {"text/xml", "application/xml"}


def test_valid_xbrl_passes():
    assert validate_xbrl(corpus("geldig.xbrl")).tag == "{http://www.xbrl.org/2003/instance}xbrl"


def test_judged_by_content_not_extension():
    """A valid XBRL instance named .xml is accepted as XBRL; a valid XML named .xbrl is not an XBRL instance."""
    validate_xbrl(corpus("geldig.xbrl", as_name="export.xml"))
    error = refused(validate_xbrl, "geldig.xml", as_name="rapport.xbrl")
    assert "geen XBRL-instantiedocument" in error.messages[0]


@pytest.mark.parametrize(
    "name, code, words",
    [
        ("misvormd.xml", "malformed", ["niet welgevormd", "regel 5"]),
        ("leeg.xml", "empty", ["is leeg"]),
        ("xxe.xml", "xxe", ["externe entiteit", "XXE"]),
        ("billion_laughs.xml", "entities", ["entiteiten", "billion laughs"]),
        ("pdf_hernoemd.xml", "mismatch", ["komt niet overeen met de extensie .xml"]),
    ],
)
@pytest.mark.parametrize("validator", [validate_xml, validate_xbrl], ids=["xml", "xbrl"])
def test_bad_or_hostile_files_are_refused_with_a_dutch_message_naming_the_file(validator, name, code, words):
    error = refused(validator, name)
    assert error.error_list[0].code == code
    message = error.messages[0]
    assert f"«{name}»" in message
    for word in words:
        assert word in message


def test_xxe_never_reads_the_file(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("TOPGEHEIM")
    payload = corpus("xxe.xml").read().replace(b"file:///etc/passwd", secret.as_uri().encode())
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as exc:
        validate_xml(SimpleUploadedFile("xxe.xml", payload))
    assert "TOPGEHEIM" not in str(exc.value)


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("xbrl_zonder_context.xbrl", "bevat geen enkele context"),
        ("xbrl_zonder_feiten.xbrl", "bevat geen enkel feit"),
        ("xbrl_verkeerde_root.xbrl", "het hoofdelement is <xbrl> in plaats van <xbrli:xbrl>"),
        ("geldig.xml", "het hoofdelement is <Rapportering>"),
    ],
)
def test_xbrl_structure_checks(name, fragment):
    error = refused(validate_xbrl, name)
    assert any(fragment in m and f"«{name}»" in m for m in error.messages), error.messages


def test_xbrl_reports_every_problem_at_once():
    messages = refused(validate_xbrl, "xbrl_losse_verwijzingen.xbrl").messages
    assert len(messages) == 4
    joined = " ".join(messages)
    assert "link:schemaRef ontbreekt" in joined
    assert "verwijst 1 feit naar een context die niet bestaat: Exploitatieontvangsten → «BJ2024»" in joined
    assert "verwijzen 2 feiten naar een eenheid (unit) die niet bestaat" in joined
    assert "heeft 1 numeriek feit geen getal als waarde: Exploitatieuitgaven = «veel»" in joined


def test_xbrl_in_the_xml_slot_is_refused():
    error = refused(validate_xml, "geldig.xbrl")
    assert "Laad het op als XBRL-bestand" in error.messages[0]


def test_too_large_file_is_refused(settings):
    settings.LOKET_MAX_UPLOAD_BYTES = 100
    error = refused(validate_xml, "geldig.xml")
    assert "te groot" in error.messages[0] and "«geldig.xml»" in error.messages[0]
