"""Table rows of the long lists, rendered in Python.

A list page shows 25–50 rows of 7–9 cells. Through the template engine every cell costs a variable lookup, a
filter (dates) and often a `{% url %}`; that was most of a list page's time (docs/performance.md). A list declares
its columns once as functions of a row that return text (escaped here) or `html(...)` output (already safe), and
its template writes `{{ rijen }}` inside `<tbody>`; the header stays in the template with `{% sorteer_kop %}`.

`escape` and `html` are Django's `conditional_escape` and `format_html` without their lazy-string wrappers (a page of
rows calls them hundreds of times): the same output, every value escaped by `html.escape` unless it is already
safe (has `__html__`).

    KOLOMMEN = (lambda m: m.besluittype or "–", lambda m: datum(m.datum_zitting), ...)
    rijen_html(page_obj, KOLOMMEN)
"""

import datetime
from html import escape as _html_escape
from uuid import UUID

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from .referentie import per_release

_LEEG = "–"
_LEEG_HTML = SafeString(_LEEG)
_VOORBEELD = "00000000-0000-0000-0000-000000000000"


def escape(waarde):
    """conditional_escape: a safe value (`__html__`) as it is, anything else str() and escaped as Django does."""
    soort = type(waarde)
    if soort is str:
        return _html_escape(waarde)
    if soort is SafeString:
        return waarde
    if soort is UUID:  # hex digits and dashes
        return str(waarde)
    if hasattr(waarde, "__html__"):
        return waarde.__html__()
    return _html_escape(str(waarde))


def html(opmaak, *waarden):
    """format_html with positional arguments: the arguments escaped, the result safe."""
    return SafeString(opmaak.format(*[escape(w) for w in waarden]))


def in_brussel(moment):
    """The moment in the site's time zone (TIME_ZONE, Europe/Brussels; the Loket never activates another): as
    timezone.localtime, without reading the active time zone from a thread-and-task local for every cell."""
    return moment.astimezone(timezone.get_default_timezone())


def datum(waarde):
    """dd-mm-jjjj (DESIGN: every date shown so), or – when empty; a moment as its day in Europe/Brussels. Digits
    and dashes: safe as HTML as it is."""
    if not waarde:
        return _LEEG_HTML
    if isinstance(waarde, datetime.datetime) and timezone.is_aware(waarde):
        waarde = in_brussel(waarde)
    return SafeString(f"{waarde.day:02d}-{waarde.month:02d}-{waarde.year}")


def datumtijd(waarde):
    """dd-mm-jjjj uu:mm in Europe/Brussels, or – when empty (safe as HTML as it is)."""
    if not waarde:
        return _LEEG_HTML
    lokaal = in_brussel(waarde)
    return SafeString(
        f"{lokaal.day:02d}-{lokaal.month:02d}-{lokaal.year} {lokaal.hour:02d}:{lokaal.minute:02d}"
    )


@per_release
def _url_delen(url_name):
    voorbeeld = reverse(url_name, args=[_VOORBEELD])
    voor, _, na = voorbeeld.partition(_VOORBEELD)
    return voor, na


def object_url(url_name, uuid):
    """reverse(url_name, args=[uuid]) for a URL whose only argument is a uuid, without a reverse per row."""
    voor, na = _url_delen(url_name)
    return f"{voor}{uuid}{na}"


@per_release
def _url_delen_html(url_name):
    return tuple(_html_escape(deel) for deel in _url_delen(url_name))


def link(url_name, uuid, tekst, verborgen=""):
    """<a> to an object, with optional text for screen readers only (which row the link is about)."""
    extra = f'<span class="au-u-hidden-visually"> {escape(verborgen)}</span>' if verborgen else ""
    voor, na = _url_delen_html(url_name)  # the URL's fixed parts escaped once; the uuid's own text escaped
    return SafeString(  # every value escaped
        f'<a class="au-c-link" href="{voor}{escape(uuid)}{na}">{escape(tekst)}{extra}</a>'
    )


def cellen(waarden):
    """Texts a list shows on many rows (reference labels: names of besturen, types), escaped once as the rows
    would escape them (– when empty): kept per release by the module that shows them."""
    return tuple(SafeString(_html_escape(waarde) if waarde else _LEEG) for waarde in waarden)


def pil(tekst, soort=""):
    """An Appuniversum status pill: soort "", "success", "warning", "error"."""
    klasse = f"au-c-pill au-c-pill--{soort}" if soort else "au-c-pill"
    return html('<span class="{}">{}</span>', klasse, tekst)


def rijen_html(rijen, kolommen, rij_attributen=None):
    """<tr> per row, <td> per column; a column's value is escaped unless it is already safe. `rij_attributen(rij)`
    may give the <tr> attributes (a dict; values escaped)."""
    delen = []
    for rij in rijen:
        attrs = rij_attributen(rij) if rij_attributen else None
        if attrs:
            delen.append("<tr" + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items() if v) + "><td>")
        else:
            delen.append("<tr><td>")
        cellen = [kolom(rij) for kolom in kolommen]
        for i, waarde in enumerate(cellen):
            if type(waarde) is not SafeString:
                cellen[i] = _LEEG if waarde is None or waarde == "" else escape(waarde)
        delen.append("</td><td>".join(cellen))
        delen.append("</td></tr>")
    return SafeString("".join(delen))  # every cell escaped by escape()
