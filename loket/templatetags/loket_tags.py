from django import template

register = template.Library()


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
