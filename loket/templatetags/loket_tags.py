from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as _django_url
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


def _appuniversum_klasse(widget):
    """The design system's class for a control, so every form looks the same without each form setting it."""
    input_type = getattr(widget, "input_type", "")
    if input_type in ("checkbox", "radio"):
        return "au-c-control__input"
    if widget.__class__.__name__ in ("Select", "SelectMultiple", "NullBooleanSelect"):
        return "au-c-select"
    if widget.__class__.__name__ == "Textarea":
        return "au-c-textarea"
    return "au-c-input"


@register.inclusion_tag("includes/field.html")
def field(bound_field, hint="", wide=False):
    """The one way to render a form field: label, required marker, hint, errors, aria-describedby."""
    widget = bound_field.field.widget
    describedby = []
    if hint or bound_field.help_text:
        describedby.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        describedby.append(f"{bound_field.auto_id}-error")
    attrs = widget.attrs
    attrs.setdefault("class", _appuniversum_klasse(widget))
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    input_type = getattr(widget, "input_type", "")
    return {
        "field": bound_field,
        "hint": hint or bound_field.help_text,
        "wide": wide,
        "is_checkbox": input_type == "checkbox" and not getattr(widget, "allow_multiple_selected", False),
        "is_choice_list": input_type in ("radio",) or widget.__class__.__name__ == "CheckboxSelectMultiple",
    }


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (sorting, paging keep the filters)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"


@register.filter
def filesize(num_bytes):
    """Bytes as "1,2 MB" (Dutch decimal comma)."""
    size = float(num_bytes or 0)
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            text = f"{size:.0f}" if unit == "bytes" else f"{size:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        size /= 1024
    return ""


# --- Lists: the filter bar and the sortable column header, rendered in Python -------------------------------
# A list page renders a dozen filter controls and seven headers on every request; through a template per field
# and per widget that was most of the page's time (docs/performance.md). These produce the same HTML as
# includes/field.html and the widgets would, with every value escaped.


def _attrs(attrs):
    parts = []
    for key, value in attrs.items():
        if value is True:
            parts.append(f" {key}")
        elif value not in (None, False):
            parts.append(f' {key}="{escape(value)}"')
    return "".join(parts)


def _control(bound_field, attrs):
    widget = bound_field.field.widget
    context = widget.get_context(bound_field.html_name, bound_field.value(), {**widget.attrs, **attrs})[
        "widget"
    ]
    if getattr(widget, "input_type", "") == "select":  # Select, SelectMultiple (checkboxes and radios: below)
        parts = [
            f'<select name="{escape(context["name"])}"{_attrs(context["attrs"])}>'
        ]  # attrs hold "multiple"
        for groep, opties, _index in context["optgroups"]:
            if groep is not None:
                parts.append(f'<optgroup label="{escape(groep)}">')
            for optie in opties:
                waarde = "" if optie["value"] is None else str(optie["value"])
                parts.append(
                    f'<option value="{escape(waarde)}"{" selected" if optie["selected"] else ""}>'
                    f"{escape(optie['label'])}</option>"
                )
            if groep is not None:
                parts.append("</optgroup>")
        parts.append("</select>")
        return "".join(parts)
    if context.get("type") in ("text", "search", "date", "hidden", "number", "email"):
        waarde = context.get("value")
        value = "" if waarde in (None, "") else f' value="{escape(waarde)}"'
        return f'<input type="{context["type"]}" name="{escape(context["name"])}"{value}{_attrs(context["attrs"])}>'
    return str(bound_field.as_widget(attrs=attrs))  # anything else: Django's own rendering


@register.simple_tag
def filterbalk(form):
    """The controls of a list's filter form (django-filter), each as label + control (+ error), like
    includes/field.html renders them; hidden fields (the sort) as they are."""
    parts = []
    for bf in form:
        attrs = {"id": bf.auto_id} if bf.auto_id else {}
        if bf.is_hidden:
            parts.append(_control(bf, attrs))
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
            f'for="{bf.id_for_label}">{escape(bf.label)}</label>{_control(bf, attrs)}{fout}</div>'
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


@register.simple_tag(takes_context=True)
def sorteer_kop(context, label, veld, parameter="sorteer"):
    """A sortable column header: a link that toggles the sort (kept filters, first page), aria-sort on the
    current column and the direction for screen readers."""
    request = context["request"]
    huidig = request.GET.get(parameter, "")
    if huidig == veld:
        richting, volgende, pijl = "ascending", f"-{veld}", " ▲"
    elif huidig == f"-{veld}":
        richting, volgende, pijl = "descending", veld, " ▼"
    else:
        richting, volgende, pijl = "", veld, ""
    query = request.GET.copy()
    query.pop("page", None)
    query[parameter] = volgende
    aria = f' aria-sort="{richting}"' if richting else ""
    lees = "aflopend" if richting == "ascending" else "oplopend"
    return mark_safe(  # noqa: S308 (label and query escaped)
        f'<th scope="col"{aria}><a class="au-c-link loket-sort" href="?{escape(query.urlencode())}">{escape(label)}'
        f'<span class="au-u-hidden-visually">, sorteer {lees}</span>{pijl}</a></th>'
    )


# --- {% url %} without arguments, remembered --------------------------------------------------------------
# The layout alone asks ~20 argument-less URLs per page (menu, header, footer); reverse() walks the resolver each
# time. The same name gives the same URL for the life of the process (for one URLconf and script prefix), so the
# result is remembered. URLs with arguments, and `as var`, go through Django's tag unchanged.


class _OnthoudURLNode(URLNode):
    _onthouden = {}

    def render(self, context):
        if self.args or self.kwargs or self.asvar:
            return super().render(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        sleutel = (self.view_name.resolve(context), current_app, get_script_prefix(), get_urlconf())
        try:
            return self._onthouden[sleutel]
        except KeyError:
            url = super().render(context)
            self._onthouden[sleutel] = url
            return url


@register.tag
def url(parser, token):
    node = _django_url(parser, token)
    node.__class__ = _OnthoudURLNode
    return node
