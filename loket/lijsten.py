"""Lists: the filter bar, the sortable column header and paging links, rendered in Python for the templates.

A list page renders a dozen filter controls and seven headers on every request; through a template per field and
per widget that was most of the page's time (docs/performance.md). These produce the same HTML as
includes/field.html and Django's widgets would, with every value escaped. Rows: loket/tabel.py.
"""

import threading
from urllib.parse import urlencode

import jinja2
from django.utils.choices import BaseChoiceIterator
from markupsafe import Markup

from .filters import waarden_sleutel
from .jinja import registreer_global
from .tabel import escape  # Django's escaping (&quot;, &#x27;), so the HTML is the same as its widgets'


@registreer_global()
@jinja2.pass_context
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (sorting, paging keep the filters): as QueryDict's
    copy, pop and [key] = value would give it; the same call twice in a page is answered once."""
    request = context["request"]
    bewaard = request.__dict__.setdefault("_loket_query_with", {})
    sleutel = tuple(kwargs.items())
    try:
        return bewaard[sleutel]
    except (KeyError, TypeError):
        pass
    paren = []
    for k, waarden in request.GET.lists():
        if k not in kwargs:
            paren.extend((k, v) for v in waarden)
        elif kwargs[k] not in (None, ""):
            paren.append((k, kwargs[k]))
    paren.extend((k, v) for k, v in kwargs.items() if k not in request.GET and v not in (None, ""))
    antwoord = "?" + urlencode(paren) if paren else "?"
    try:
        bewaard[sleutel] = antwoord
    except TypeError:
        pass
    return antwoord


def _attrs(attrs):
    """Django's widgets/attrs.html: False left out, True as a bare attribute, anything else as text."""
    parts = []
    for key, value in attrs.items():
        if value is True:
            parts.append(f" {key}")
        elif value is not False:
            parts.append(f' {key}="{escape(value)}"')
    return "".join(parts)


def select_html(widget, name, value, attrs):
    """The HTML of Django's Select and SelectMultiple (options, optgroups, the selected value(s)), made straight from
    the widget's choices: Django builds a dict per option (optgroups, create_option) before its template runs,
    which for a list of types or besturen is most of a filter bar's time. The options' HTML is made once per widget
    whose choices are fixed (the filter bars' fields are made once per process, loket/filters.py)."""
    attrs = {**widget.attrs, **attrs}
    meerdere = widget.allow_multiple_selected
    if meerdere:
        attrs["multiple"] = True
    gekozen = widget.format_value(value)
    begin = f'<select name="{escape(name)}"{_attrs(attrs)}>'
    opties = _opties(widget)
    if opties is None:  # optgroups
        return begin + "".join(_opties_met_groepen(widget.choices, gekozen, meerdere)) + "</select>"
    posities, html, alles, html_gekozen = opties
    if meerdere:
        kies = sorted({i for g in gekozen for i in posities.get(g, ())})
    else:
        kies = [min(posities[g][0] for g in gekozen if g in posities)] if posities.keys() & gekozen else []
    if not kies:
        return begin + alles + "</select>"
    delen, vorige = [begin], 0
    for i in kies:
        delen.extend(html[vorige:i])
        delen.append(html_gekozen[i])
        vorige = i + 1
    delen.extend(html[vorige:])
    delen.append("</select>")
    return "".join(delen)


def _opties(widget):
    """({value: its positions}, [option HTML], all options' HTML, [option HTML, selected]) of the widget's choices,
    or None if they hold optgroups. Kept on the widget while its choices are the same fixed list (a list or tuple,
    or django-filter's iterator over one), made per call otherwise (choices read when iterated)."""
    keuzes = widget.choices
    bewaard = widget.__dict__.get("_loket_opties")
    if bewaard is not None and bewaard[0] is keuzes:
        return bewaard[1]
    posities, html, html_gekozen = {}, [], []
    for waarde, label in keuzes:
        if isinstance(label, (list, tuple)):
            return None
        optie = "" if waarde is None else str(waarde)
        posities.setdefault(optie, []).append(len(html))
        html.append(f'<option value="{escape(optie)}">{escape(label)}</option>')
        html_gekozen.append(f'<option value="{escape(optie)}" selected>{escape(label)}</option>')
    opties = (posities, html, "".join(html), html_gekozen)
    bron = getattr(keuzes, "choices", None) if isinstance(keuzes, BaseChoiceIterator) else keuzes
    if isinstance(bron, (list, tuple)):
        widget.__dict__["_loket_opties"] = (keuzes, opties)
    return opties


def _opties_met_groepen(keuzes, gekozen, meerdere):
    al_gekozen = False
    for waarde, label in keuzes:
        groep = isinstance(label, (list, tuple))
        if groep:
            yield f'<optgroup label="{escape("" if waarde is None else waarde)}">'
        for optie, tekst in label if groep else ((waarde, label),):
            optie = "" if optie is None else str(optie)
            kies = (meerdere or not al_gekozen) and optie in gekozen
            al_gekozen |= kies
            yield f'<option value="{escape(optie)}"{" selected" if kies else ""}>{escape(tekst)}</option>'
        if groep:
            yield "</optgroup>"


# Widgets whose template is Django's input.html (<input type=… name=… value=… attrs>) and nothing more.
_INPUT_SJABLONEN = {
    f"django/forms/widgets/{naam}.html"
    for naam in (
        "input",
        "text",
        "search",
        "email",
        "url",
        "number",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "tel",
        "color",
        "checkbox",
    )
}


def control_html(bound_field, attrs=None):
    """What `str(bound_field)` gives (BoundField.as_widget: required, disabled, aria-*, the id; the widget's value),
    for inputs, checkboxes, textareas and selects made here in Python instead of by Django's form renderer (a
    template per widget: ~0.3 ms a field); other widgets by Django. tests/loket/test_tabel.py compares both."""
    widget = bound_field.field.widget
    if bound_field.field.localize:
        widget.is_localized = True
    attrs = bound_field.build_widget_attrs(attrs or {}, widget)
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    naam, waarde = bound_field.html_name, bound_field.value()
    sjabloon = widget.template_name
    if sjabloon == "django/forms/widgets/select.html":
        return select_html(widget, naam, waarde, attrs)
    if sjabloon in _INPUT_SJABLONEN or sjabloon == "django/forms/widgets/textarea.html":
        context = widget.get_context(naam, waarde, attrs)["widget"]
        if sjabloon != "django/forms/widgets/textarea.html":
            value = "" if context["value"] is None else f' value="{escape(context["value"])}"'
            return f'<input type="{context["type"]}" name="{escape(naam)}"{value}{_attrs(context["attrs"])}>'
        tekst = escape(context["value"]) if context["value"] else ""
        return f'<textarea name="{escape(naam)}"{_attrs(context["attrs"])}>\n{tekst}</textarea>'
    return str(widget.render(name=naam, value=waarde, attrs=attrs, renderer=bound_field.form.renderer))


_BALKEN = {}  # (form class, the form's values): the filter bar's HTML, oldest first
_BALKEN_MAX = 512
_BALKEN_LOCK = threading.Lock()


@registreer_global()
def filterbalk(form):
    """The controls of a list's filter form (django-filter), each as label + control (+ error), like
    includes/field.html renders them; hidden fields (the sort) as they are.

    A form class made once for its choices (loket/filters.py) gives the same HTML for the same values: that HTML
    is kept (a few hundred, the most recent), keyed by the class and the values of the form's own fields (not the
    page), and made again for any other values."""
    sleutel = waarden_sleutel(form)
    if sleutel is not None:
        html = _BALKEN.get(sleutel)
        if html is None:
            html = _BALKEN[sleutel] = _filterbalk(form)
            if len(_BALKEN) > _BALKEN_MAX:
                with _BALKEN_LOCK:
                    for oud in list(_BALKEN)[: len(_BALKEN) - _BALKEN_MAX]:
                        _BALKEN.pop(oud, None)
        return html
    return _filterbalk(form)


def _filterbalk(form):
    parts = []
    for bf in form:
        attrs = {"id": bf.auto_id} if bf.auto_id else {}
        if bf.is_hidden:
            parts.append(control_html(bf, attrs))
            continue
        fout = ""
        if bf.errors:
            attrs.update({"aria-describedby": f"{bf.auto_id}-error", "aria-invalid": "true"})
            fout = (
                f'<span class="au-c-help-text au-c-help-text--error" id="{bf.auto_id}-error">'
                f"{escape(' '.join(bf.errors))}</span>"
            )
        parts.append(
            f'<div class="au-c-form-row"><label class="au-c-label{" au-c-label--error" if fout else ""}" '
            f'for="{bf.id_for_label}">{escape(bf.label)}</label>{control_html(bf, attrs)}{fout}</div>'
        )
    return Markup("".join(parts))  # noqa: S704 (every value above is escaped)


@registreer_global()
@jinja2.pass_context
def sorteer_kop(context, label, veld, parameter="sorteer"):
    """A sortable column header: a link that toggles the sort (kept filters, first page), aria-sort on the
    current column and the direction for screen readers. Made once per process for the same query (a list's
    headers on every view of it; at most _KOPPEN_MAX kept, then the memo starts again)."""
    request = context["request"]
    huidig = request.GET.get(parameter, "")
    voor, na = _filters_zonder(request, parameter)
    if len(voor) + len(na) > _KOPPEN_QUERY_MAX:  # a long query (a long search text): made, not kept
        return _sorteer_kop(label, veld, parameter, huidig, voor, na)
    sleutel = (label, veld, parameter, huidig, voor, na)
    kop = _KOPPEN.get(sleutel)
    if kop is None:
        kop = _sorteer_kop(label, veld, parameter, huidig, voor, na)
        if len(_KOPPEN) >= _KOPPEN_MAX:
            _KOPPEN.clear()
        _KOPPEN[sleutel] = kop
    return kop


_KOPPEN = {}  # (label, field, parameter, its value, the query around it): the header's HTML
_KOPPEN_MAX = 4096  # headers kept per process (each at most a few hundred bytes of query)
_KOPPEN_QUERY_MAX = 300


def _sorteer_kop(label, veld, parameter, huidig, voor, na):
    if huidig == veld:
        richting, volgende, pijl = "ascending", f"-{veld}", " ▲"
    elif huidig == f"-{veld}":
        richting, volgende, pijl = "descending", veld, " ▼"
    else:
        richting, volgende, pijl = "", veld, ""
    query = "&".join(deel for deel in (voor, urlencode([(parameter, volgende)]), na) if deel)
    aria = f' aria-sort="{richting}"' if richting else ""
    lees = "aflopend" if richting == "ascending" else "oplopend"
    return Markup(  # noqa: S704 (label and query escaped)
        f'<th scope="col"{aria}><a class="au-c-link loket-sort" href="?{escape(query)}">{escape(label)}'
        f'<span class="au-u-hidden-visually">, sorteer {lees}</span>{pijl}</a></th>'
    )


def _filters_zonder(request, parameter):
    """The query string without the page (and its cursor), encoded on both sides of the sort parameter's place (its
    first place, or last): the same for every header of a list, worked out once per request. As QueryDict's copy,
    pop("page") and [parameter] = … would give it."""
    bewaard = getattr(request, "_loket_sorteer_basis", None)
    if bewaard is None or bewaard[0] != parameter:
        voor, na, gezien = [], [], False
        for k, waarden in request.GET.lists():
            if k == parameter:
                gezien = True  # its value: the header's
            elif k not in ("page", "na"):  # a new sort starts on the first page
                (na if gezien else voor).extend((k, v) for v in waarden)
        bewaard = request._loket_sorteer_basis = (parameter, (urlencode(voor), urlencode(na)))
    return bewaard[1]
