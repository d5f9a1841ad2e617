"""Property-based tests (hypothesis) for the validators behind the forms: whatever is typed, a validator answers
with a Dutch ValidationError or a clean value — never an exception — and markup is escaped, never executed."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from berichten.models import validate_adressen
from leidinggevenden import functies
from leidinggevenden.forms import PeriodeForm
from leidinggevenden.validators import (
    POSTCODE_MESSAGE,
    TELEFOON_MESSAGE,
    normaliseer_telefoon,
    validate_postcode,
    validate_telefoon,
)
from loket import rrn
from tests import factories
from tests.toezicht.factories import verstuurde_melding
from toezicht import services as toezicht_services

HOSTILE_TEXT = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "javascript:alert(1)",
            "</textarea><script>alert(1)</script>",
            "{{ 7*7 }}",
            "{% debug %}",
            "' OR 1=1 --",
            "\x00\r\n\t",
            "<svg/onload=alert(1)>",
            "&lt;script&gt;",
            "\u202e\u200b",
            '=HYPERLINK("http://x")',
        ]
    ),
    st.builds(lambda a, b: a + "<script>alert('x')</script>" + b, st.text(max_size=20), st.text(max_size=20)),
)


# ---------------------------------------------------------------- rijksregisternummer


@st.composite
def valid_rrn(draw):
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)))
    seq = draw(st.integers(min_value=1, max_value=998))
    base = int(f"{born:%y%m%d}{seq:03d}")
    check = 97 - (((2_000_000_000 if born.year >= 2000 else 0) + base) % 97)
    digits = f"{base:09d}{check:02d}"
    style = draw(st.sampled_from(["plain", "dotted", "spaced"]))
    if style == "dotted":
        return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}"
    return f"{digits[:6]} {digits[6:]}" if style == "spaced" else digits


@given(valid_rrn())
def test_rrn_valid_numbers_pass_and_are_masked(value):
    assert rrn.is_valid(value)
    rrn.validate(value)
    masked = rrn.mask(value)
    assert re.fullmatch(r"\d\d\.\d\d\.\d\d-\*\*\*\.\*\*", masked)
    assert rrn.normalize(value)[6:] not in masked
    assert rrn.keyed_hash(value) == rrn.keyed_hash(rrn.normalize(value)) and rrn.normalize(value) not in (
        rrn.keyed_hash(value)
    )


@given(HOSTILE_TEXT)
def test_rrn_anything_else_gets_the_dutch_message(value):
    if rrn.is_valid(value):
        return
    with pytest.raises(ValidationError) as exc:
        rrn.validate(value)
    assert exc.value.messages == ["rijksregisternummer is niet geldig."]


@given(valid_rrn(), st.integers(min_value=0, max_value=10))
def test_rrn_changing_the_check_digits_is_caught(value, position):
    digits = rrn.normalize(value)
    wrong = digits[:9] + f"{(int(digits[9:]) + 1 + position) % 100:02d}"
    other_century_check = 97 - ((2_000_000_000 + int(digits[:9])) % 97)
    same_century_check = 97 - (int(digits[:9]) % 97)
    if int(wrong[9:]) not in (other_century_check, same_century_check):
        assert not rrn.is_valid(wrong)


# ---------------------------------------------------------------- Belgian phone and postcode


@st.composite
def belgian_phone(draw):
    mobile = draw(st.booleans())
    national = (
        "4" + draw(st.text("0123456789", min_size=8, max_size=8))
        if mobile
        else draw(st.sampled_from("123456789")) + draw(st.text("0123456789", min_size=7, max_size=7))
    )
    prefix = draw(st.sampled_from(["0", "+32 ", "0032 ", "+32 (0)"]))
    sep = draw(st.sampled_from(["", " ", ".", "/", "-"]))
    body = sep.join(national[i : i + 2] for i in range(0, len(national), 2))
    return prefix + body, "+32" + national


@given(belgian_phone())
def test_belgian_phone_numbers_normalise(pair):
    typed, expected = pair
    assert normaliseer_telefoon(typed) == expected
    validate_telefoon(typed)


@given(HOSTILE_TEXT)
def test_phone_never_crashes_and_never_keeps_markup(value):
    normalised = normaliseer_telefoon(value)
    if normalised is None:
        if value:
            with pytest.raises(ValidationError, match=re.escape(TELEFOON_MESSAGE)):
                validate_telefoon(value)
    else:
        assert re.fullmatch(r"\+32\d{8,9}", normalised)


@given(st.integers(min_value=1000, max_value=9999))
def test_postcodes_pass(code):
    validate_postcode(str(code))


@given(HOSTILE_TEXT)
def test_postcode_refuses_everything_else_in_dutch(value):
    if re.fullmatch(r"[1-9]\d{3}", value.strip()) or not value:
        return
    with pytest.raises(ValidationError, match=re.escape(POSTCODE_MESSAGE)):
        validate_postcode(value)


# ---------------------------------------------------------------- e-mail and links


@given(st.lists(HOSTILE_TEXT | st.emails(), min_size=1, max_size=4))
def test_email_addresses_never_allow_header_injection(adressen):
    try:
        validate_adressen(adressen)
    except ValidationError as exc:
        assert exc.messages and exc.messages[0].startswith("Geen geldig e-mailadres")
        return
    for adres in adressen:
        assert "@" in adres and not set(adres) & set('\r\n\x00<>" ,;')


@given(st.lists(HOSTILE_TEXT, min_size=1, max_size=3))
def test_links_only_web_or_ftp_without_spaces(links):
    assert len(toezicht_services.link_fouten(links)) == sum(
        bool(toezicht_services.link_fouten([x])) for x in links
    )
    for link in links:
        fouten = toezicht_services.link_fouten([link])
        if fouten:
            assert len(fouten) == 1 and "is geen geldige link" in fouten[0]
            assert "\x00" not in fouten[0]  # the message shows a NUL (any control character) as U+FFFD
        else:
            assert re.match(r"(?i)^(https?|s?ftp)://", link) and not re.search(r"[\s\x00-\x1f\x7f]", link)


def test_a_nul_byte_in_a_link_is_refused():
    [fout] = toezicht_services.link_fouten(["https://www.aalst.be/a\x00b"])
    assert fout.startswith("«https://www.aalst.be/a\ufffdb» is geen geldige link") and "stuurtekens" in fout


@given(
    st.sampled_from(["javascript:alert(1)", "data:text/html,<script>", "vbscript:x", "file:///etc/passwd"])
)
def test_dangerous_link_schemes_are_refused(link):
    assert toezicht_services.link_fouten([link])


# ---------------------------------------------------------------- dates


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(start=HOSTILE_TEXT | st.dates().map(str), einde=HOSTILE_TEXT | st.dates().map(str))
def test_period_dates_validate_in_dutch(start, einde):
    form = PeriodeForm(
        {"start": start, "einde": einde, "status": "aangesteld"}, functie=functies.ALGEMEEN_DIRECTEUR
    )
    if form.is_valid():
        data = form.cleaned_data
        assert data["einde"] is None or data["einde"] > data["start"]
    else:
        for messages in form.errors.values():
            for message in messages:
                assert re.search(r"(?i)geef|geldige|datum|moet|verplicht|kies", message), message


# ---------------------------------------------------------------- free text with markup in a rendered page


@pytest.mark.django_db
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=HOSTILE_TEXT.filter(lambda t: "\x00" not in t))
def test_free_text_is_escaped_in_the_page(text, client, aalst):
    user = factories.user_with_rights(aalst, "toezicht")
    from accounts.middleware import ACTIVE_BESTUUR_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[ACTIVE_BESTUUR_SESSION_KEY] = aalst.pk
    session.save()
    melding = verstuurde_melding(aalst, opmerking=text)
    response = client.get(reverse("toezicht:detail", args=[melding.uuid]))
    assert response.status_code == 200
    html = response.content.decode()
    for payload in ("<script>alert", "<img src=x", "<svg/onload", "</textarea><script>"):
        if payload in text:
            assert payload not in html
    assert "{% debug %}" not in text or "sys.path" not in html
    if "{{ 7*7 }}" in text:
        assert "{{ 7*7 }}" in html
