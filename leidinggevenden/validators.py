"""Belgian contact data: telephone numbers and postcodes."""

import re

from django.core.exceptions import ValidationError

TELEFOON_MESSAGE = "Geef een geldig Belgisch telefoonnummer op, bijvoorbeeld 053 77 93 00 of +32 53 77 93 00."
POSTCODE_MESSAGE = "Geef een geldige Belgische postcode op: 4 cijfers, bijvoorbeeld 9300."

_SCHEIDING = re.compile(r"[\s./\-()]")


def normaliseer_telefoon(value):
    """'053 77 93 00' / '+32 (0)53 77.93.00' / '0032 53 779300' -> '+3253779300'; None when not Belgian."""
    text = _SCHEIDING.sub("", str(value or ""))
    if text.startswith("+320"):  # "+32 (0)53 ..."
        text = "+32" + text[4:]
    if text.startswith("0032"):
        text = "+32" + text[4:]
    elif text.startswith("0"):
        text = "+32" + text[1:]
    # Belgian numbers: 8 digits (landlines: zone + number) or 9 digits (mobile, 4xx) after the country code.
    if re.fullmatch(r"\+32[1-9]\d{7}", text) or re.fullmatch(r"\+324\d{8}", text):
        return text
    return None


def validate_telefoon(value):
    if value and normaliseer_telefoon(value) is None:
        raise ValidationError(TELEFOON_MESSAGE, code="telefoon")


def validate_postcode(value):
    if value and not re.fullmatch(r"[1-9]\d{3}", str(value).strip()):
        raise ValidationError(POSTCODE_MESSAGE, code="postcode")
