"""The Belgian rijksregisternummer (national register number): validation, masking, protected storage.

The number is never stored in clear: a keyed hash finds duplicates and matches a search, and the mask
(birth-date part only, e.g. "85.07.30-***.**") is what pages show. Exports never include either.
"""

import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import ValidationError

MESSAGE = "rijksregisternummer is niet geldig."


def normalize(value):
    """Digits only: "85.07.30-033.61" -> "85073003361"."""
    return re.sub(r"[\s.\-/]", "", str(value or ""))


def is_valid(value):
    """Mod-97 check, for people born before and after 2000, and for bis numbers (month + 20 or + 40)."""
    digits = normalize(value)
    if not re.fullmatch(r"\d{11}", digits):
        return False
    base, check = int(digits[:9]), int(digits[9:])
    if 97 - (base % 97) != check and 97 - ((2_000_000_000 + base) % 97) != check:
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    month = month - 40 if month > 40 else month - 20 if month > 20 else month
    return 0 <= month <= 12 and 0 <= day <= 31  # 00 month/day: birth date (partly) unknown


def validate(value):
    if not is_valid(value):
        raise ValidationError(MESSAGE, code="rrn")


def mask(value):
    """Show only the birth-date part: "85.07.30-***.**"."""
    digits = normalize(value)
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}-***.**" if len(digits) == 11 else ""


def keyed_hash(value):
    """HMAC-SHA256 with a server-side key: equal numbers match, the number cannot be read back."""
    key = (settings.LOKET_RRN_HASH_KEY or f"rrn:{settings.SECRET_KEY}").encode()
    return hmac.new(key, normalize(value).encode(), hashlib.sha256).hexdigest()


_IN_TEKST = re.compile(r"(?<!\d)\d{2}[.\s]?\d{2}[.\s]?\d{2}[-.\s]?\d{3}[.\s]?\d{2}(?!\d)")


def mask_in_text(text):
    """A free text (an admin's reason, an error message) with every valid number in it replaced by its mask."""
    return _IN_TEKST.sub(lambda m: mask(m.group()) if is_valid(m.group()) else m.group(), str(text or ""))
