"""An extra column of the URL walk (tests/test_url_access.py): the rijksregisternummer crawl over every page,
download and export. (The admin-impersonating column is a "who" of the matrix in tests/test_url_access.py.)

Rijksregisternummer: every person in the walk gets a (valid, distinct) number; then every URL is opened by
anonymous visitors, the rightful bestuur person and ABB/admin, downloads and exports included. The number never
appears (in any notation) in a response or a log line; the mask never appears on a public page or in a public
export.
"""

import logging

from loket.access import access_rule
from loket.models import Persoon
from tests.test_url_access import OWN_PATTERNS, as_user, url_of


def valid_rrns(n):
    out = []
    for seq in range(1, n + 1):
        base = int(f"850730{seq:03d}")
        out.append(f"{base:09d}{97 - base % 97:02d}")
    return out


def notations(digits):
    return {
        digits,
        f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}",
        f"{digits[:6]}-{digits[6:9]}.{digits[9:]}",
        f"{digits[:6]} {digits[6:9]} {digits[9:]}",
        digits[6:],  # the part the mask hides, on its own
    }


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_rijksregisternummer_never_leaks(client, walk, caplog):
    caplog.set_level(logging.DEBUG)
    personen = list(Persoon.objects.all())
    assert personen, "the walk should create persons (mandaten, leidinggevenden)"
    secrets = {}
    for persoon, nummer in zip(personen, valid_rrns(len(personen)), strict=True):
        persoon.set_rrn(nummer)
        persoon.save()
        secrets[nummer] = persoon.rrn_masker
    from leidinggevenden.tasks import genereer_exports

    genereer_exports()  # the public downloads (CSV, Turtle, JSON-LD) exist, so the crawl opens them too
    forbidden = {n.encode() for digits in secrets for n in notations(digits) if len(n) >= 5}
    masks = {m.encode() for m in secrets.values()}
    viewers = {
        "anonymous": None,
        "bestuur": (walk["rightful"], walk["aalst"]),
        "abb": (walk["abb_editeur"], None),
    }
    leaks, opened = [], 0
    for name, pattern in OWN_PATTERNS:
        rule = access_rule(pattern.callback)
        url = url_of(name, pattern, walk["kwargs"])
        for who, viewer in viewers.items():
            if viewer is None:
                client.logout()
            else:
                as_user(client, *viewer)
            response = client.get(url)
            if response.status_code != 200:
                continue
            opened += 1
            content = body(response)
            leaks += [f"{who} {url}: number" for n in forbidden if n in content]
            if rule.kind == "public":
                leaks += [f"{who} {url}: mask on a public page/export" for m in masks if m in content]
    logs = caplog.text.encode()
    leaks += ["logs: number" for n in forbidden if n in logs]
    print(f"rrn crawl: {opened} pages/downloads/exports opened, {len(personen)} persons")
    assert opened > 60
    assert not leaks, "\n".join(sorted(set(leaks)))
