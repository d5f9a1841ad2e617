"""The template engine of every page, mail and PDF of the Loket: Jinja2, through Django's own Jinja2 backend.

Why Jinja2: profiling showed Django's template language was the largest part of a page's cost once the data was
read (docs/performance.md, issue 15); Jinja2 compiles a template to Python once per process. All app templates
use it (`<app>/jinja2/<app>/…`, the layout and shared parts in `jinja2/`), so there is one way to write one; Django
admin and allauth keep Django's own engine for their own templates.

What a template can use besides Jinja2's own filters and tests (names kept from the Django template language
where the meaning is the same):

- ``url(name, *args, **kwargs)`` (argument-less URLs are remembered per process), ``static(path)``,
  ``csrf_input`` (from Django's backend), ``now()``.
- ``field(bound_field, hint="", wide=False)``: the one way to render a form field (jinja2/includes/field.html).
- ``filterbalk(form)``, ``sorteer_kop(label, veld)``, ``query_with(page=…)``: lists (loket/lijsten.py).
- ``geschiedenis(obj, bestuur=None, met_abb=False)``: an object's audit trail (loket/audit.py).
- Filters: ``date(format)`` / ``time`` (Django's, Dutch formats), ``default(v)`` (also for empty values, like
  Django's), ``filesize``, ``pluralize``, ``yesno``, ``linebreaks``, ``linebreaksbr``, ``floatformat``,
  ``capfirst``, ``stringformat``, ``zonder_rrn``; modules add their own with ``registreer_filter``.

Rendering a single block: ``render(request, "toezicht/bewerken.html#typevelden", …)`` renders only the block
``typevelden`` of that template (what htmx asks for), with the same context.
"""

import copy
import datetime
import decimal
import functools

import jinja2
from django.conf import settings
from django.middleware.csrf import get_token
from django.template import defaultfilters
from django.template.backends.jinja2 import Jinja2, Template
from django.templatetags.static import static as _static
from django.test.signals import template_rendered
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone
from django.utils.timezone import template_localtime
from markupsafe import Markup

from . import rrn
from .tabel import in_brussel

_FILTERS = {}
_GLOBALS = {}


def registreer_filter(name=None):
    """Decorator: a filter every template can use. A module registers its own from its AppConfig.ready (the
    environment is made at the first template, after every app is ready)."""

    def decorator(func):
        _FILTERS[name or func.__name__] = func
        return func

    return decorator


def registreer_global(name=None):
    def decorator(func):
        _GLOBALS[name or func.__name__] = func
        return func

    return decorator


# --- URLs ----------------------------------------------------------------------------------------------------
# A page asks ~25 URLs (menu, header, footer, rows) and ~8 static files; reverse() walks the resolver and the
# manifest storage hashes a name each time. The same name and arguments give the same URL for the life of the
# process (for one URLconf and script prefix; the manifest is read once), so the answers are remembered, the
# most recent 4,096 of them.


@functools.lru_cache(maxsize=4096)
def _url(name, args, kwargs, _prefix, _urlconf):
    return reverse(name, args=args or None, kwargs=dict(kwargs) or None)


@jinja2.pass_context
def url(context, name, *args, **kwargs):
    # The script prefix and URLconf of this request, read once per page (LoketTemplate.render): each read of
    # Django's thread-and-task-local values costs a few µs, and a page asks url() some twenty times.
    prefix, urlconf = context.get("_url_basis") or (get_script_prefix(), get_urlconf())
    try:
        return _url(name, args, tuple(sorted(kwargs.items())) if kwargs else (), prefix, urlconf)
    except TypeError:  # an argument that cannot be remembered (unhashable): asked each time
        return reverse(name, args=args or None, kwargs=kwargs or None)


@functools.lru_cache(maxsize=512)
def static(path):
    return _static(path)


# --- filters kept from Django's template language (same meaning, Dutch formats) --------------------------------


def _default(value, arg=""):
    """Django's `default`: the argument for any false value (Jinja2's own only replaces undefined ones)."""
    return value or arg


def _datum(v):
    return f"{v.day:02d}-{v.month:02d}-{v.year:04d}"


def _uur(v):
    return f"{v.hour:02d}:{v.minute:02d}"


# The formats the pages use, written directly (Django's date formatter takes ~15 µs a call, a detail page has ten).
_SNELLE_DATUMS = {"d-m-Y": _datum}
_SNELLE_MOMENTEN = {
    "d-m-Y": _datum,
    "d-m-Y H:i": lambda v: f"{_datum(v)} {_uur(v)}",
    "d-m-Y H:i:s": lambda v: f"{_datum(v)} {_uur(v)}:{v.second:02d}",
    "H:i": _uur,
}


def _date(value, arg=None):
    """Django's `date`, in Brussels time: Django's engine converts a moment to local time before this filter
    (`expects_localtime`), so it is done here."""
    soort = type(value)
    if soort is datetime.datetime and arg in _SNELLE_MOMENTEN:
        return _SNELLE_MOMENTEN[arg](template_localtime(value) if value.tzinfo is None else in_brussel(value))
    if soort is datetime.date and arg in _SNELLE_DATUMS:
        return _SNELLE_DATUMS[arg](value)
    return defaultfilters.date(template_localtime(value), arg)


def _time(value, arg=None):
    return defaultfilters.time(template_localtime(value), arg)


def _pluralize(value, arg="s"):
    return defaultfilters.pluralize(value, arg)


def _yesno(value, arg=None):
    return defaultfilters.yesno(value, arg)


def _linebreaks(value):
    return defaultfilters.linebreaks_filter(value, autoescape=True)


def _linebreaksbr(value):
    return defaultfilters.linebreaksbr(value, autoescape=True)


def filesize(num_bytes):
    """Bytes as "1,2 MB" (Dutch decimal comma)."""
    size = float(num_bytes or 0)
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            text = f"{size:.0f}" if unit == "bytes" else f"{size:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        size /= 1024
    return ""


def zonder_rrn(text):
    """Never a rijksregisternummer on a page, not even in a free text typed into an event's description."""
    return rrn.mask_in_text(text)


# --- forms and the audit trail -------------------------------------------------------------------------------


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


_LEGE_VELDEN = {}  # (form class, prefix, auto_id, field, hint, wide): the HTML of an empty form's field
_LEGE_VELDEN_MAX = 512


@jinja2.pass_environment
def field(env, bound_field, hint="", wide=False):
    """The one way to render a form field: label, required marker, hint, errors, aria-describedby; the control
    itself as Django renders it, made in Python (loket.lijsten.control_html).

    A form class that declares `vaste_velden = True` (its fields are the same for every instance: no choices or
    attributes set per request) gives the same HTML for a field of an empty form (unbound, no initial values of
    its own, no callable initial): that HTML is made once per process (e.g. the ABB queue's bulk form)."""
    form = bound_field.form
    sleutel = None
    if getattr(form, "vaste_velden", False) and not form.is_bound and not form.initial:
        if not callable(bound_field.field.initial):
            sleutel = (type(form), form.prefix, form.auto_id, bound_field.name, hint, wide)
            html = _LEGE_VELDEN.get(sleutel)
            if html is not None:
                return html
    html = _field(env, bound_field, hint, wide)
    if sleutel is not None and len(_LEGE_VELDEN) < _LEGE_VELDEN_MAX:
        _LEGE_VELDEN[sleutel] = html
    return html


def _field(env, bound_field, hint, wide):
    from .lijsten import control_html

    widget = bound_field.field.widget
    describedby = []
    if hint or bound_field.help_text:
        describedby.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        describedby.append(f"{bound_field.auto_id}-error")
    # This rendering's attributes, never written into the widget: a list's filter fields are shared between
    # requests (loket/filters.py), an error's aria-invalid would stay on them.
    attrs = {}
    if "class" not in widget.attrs:
        attrs["class"] = _appuniversum_klasse(widget)
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    input_type = getattr(widget, "input_type", "")
    is_choice_list = input_type in ("radio",) or widget.__class__.__name__ == "CheckboxSelectMultiple"
    if (
        is_choice_list and attrs
    ):  # Django renders each option from its widget's attributes: this form's own copy
        veld = copy.copy(bound_field.field)
        veld.widget = copy.copy(widget)
        veld.widget.attrs = {**widget.attrs, **attrs}
        bound_field.field = veld
    hint = hint or bound_field.help_text
    is_checkbox = input_type == "checkbox" and not getattr(widget, "allow_multiple_selected", False)
    if (
        not is_choice_list
    ):  # as includes/field.html writes it, made here (a template render per field: ~70 µs)
        return Markup(  # noqa: S704 (every value escaped)
            _veld_html(bound_field, control_html(bound_field, attrs), hint, wide, is_checkbox)
        )
    return Markup(  # noqa: S704 (rendered by an autoescaping template)
        env.get_template("includes/field.html").render(
            field=bound_field,
            control=None,  # a choice list renders its own options
            hint=hint,
            wide=wide,
            is_checkbox=False,
            is_choice_list=True,
        )
    )


def _veld_html(bound_field, control, hint, wide, is_checkbox):
    """includes/field.html for a checkbox or a single control (label, required marker, hint, control, error)."""
    from .tabel import escape

    auto_id = escape(bound_field.auto_id)
    hint_html = f'<span class="au-c-help-text" id="{auto_id}-hint">{escape(hint)}</span>' if hint else ""
    fout = ""
    if bound_field.errors:
        fout = (
            f'<span class="au-c-help-text au-c-help-text--error" id="{auto_id}-error">'
            f"{escape(' '.join(bound_field.errors))}</span>"
        )
    label = escape(bound_field.label)
    if is_checkbox:
        return (
            f'<div class="au-c-form-row"><label class="au-c-control au-c-control--checkbox" for="{auto_id}">'
            f'{control}<span class="au-c-control__indicator"></span>{label}</label>{hint_html}{fout}</div>'
        )
    verplicht = (
        ' <span class="au-c-pill au-c-pill--small">Verplicht</span>' if bound_field.field.required else ""
    )
    return (
        f'<div class="au-c-form-row{" loket-wide" if wide else ""}">'
        f'<label class="au-c-label{" au-c-label--error" if fout else ""}" for="{escape(bound_field.id_for_label)}">'
        f"{label}{verplicht}</label>{hint_html}{control}{fout}</div>"
    )


MAX_GEBEURTENISSEN = 100


@jinja2.pass_context
def geschiedenis(context, obj, bestuur=None, met_abb=False):
    """The one "Geschiedenis" of an object's page, from the audit trail (loket.audit.geschiedenis).

    Bestuur page: ``geschiedenis(obj)``: the active bestuur's own events about obj; with met_abb=True also what
    ABB recorded about it (a review). ABB page about a bestuur's object: ``geschiedenis(obj,
    bestuur=obj.bestuur, met_abb=True)``. Only an ABB session may look at another bestuur's events.
    """
    from .audit import geschiedenis as geschiedenis_selector

    actief = context.get("active_bestuur")
    if bestuur is None:
        bestuur = actief
    elif bestuur != actief and not getattr(actief, "is_abb", False):
        bestuur = None  # a bestuur never sees another bestuur's events
    events = geschiedenis_selector(obj, bestuur, met_abb=met_abb)[: MAX_GEBEURTENISSEN + 1]
    for event in events:
        event.door_abb = bestuur is not None and event.bestuur_id != bestuur.pk
    return Markup(  # noqa: S704 (rendered by an autoescaping template)
        context.environment.get_template("includes/geschiedenis.html").render(
            events=events[:MAX_GEBEURTENISSEN], ingekort=len(events) > MAX_GEBEURTENISSEN
        )
    )


_LOKAAL = (datetime.date, datetime.time, decimal.Decimal, float)


def _finalize(value):
    """What `{{ … }}` prints, as Django's templates print it: None as nothing, a date, time or number in the
    Dutch (Belgian) format and a moment in Brussels time. In tests (LOKET_JINJA_STRENG), a method printed without
    calling it is an error: Django's template language called it, Jinja2 does not."""
    if value is None:
        return ""
    if isinstance(value, _LOKAAL):
        return formats.localize(template_localtime(value))
    return value


def _finalize_streng(value):
    if callable(value) and not hasattr(value, "__html__") and not isinstance(value, type):
        raise TypeError(f"template prints a method without calling it: {value!r}")
    return _finalize(value)


class Leeg(jinja2.ChainableUndefined):
    """A missing value: prints nothing, is false, and so are its attributes and what calling it gives, like in
    Django's templates (`{{ melding.gewijzigd_door.get_full_name() }}` without a gewijzigd_door shows nothing)."""

    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return self


class StrengLeeg(Leeg):
    """In tests: calling a method an object does not have is a mistake in the template, not a missing value."""

    __slots__ = ()

    def __call__(self, *args, **kwargs):
        obj = self._undefined_obj
        if (
            obj is not jinja2.utils.missing
            and obj is not None
            and not isinstance(obj, (jinja2.Undefined, dict))
        ):
            self._fail_with_undefined_error()
        return self


def environment(**options):
    streng = getattr(settings, "LOKET_JINJA_STRENG", False)
    options["undefined"] = StrengLeeg if streng else Leeg  # a missing value prints nothing, as in Django's
    env = jinja2.Environment(  # noqa: S701 (autoescape: select_autoescape below, on for every .html)
        finalize=_finalize_streng if streng else _finalize,
        trim_blocks=False,
        lstrip_blocks=False,
        extensions=["jinja2.ext.loopcontrols"],
        **{
            **options,
            "autoescape": jinja2.select_autoescape(
                enabled_extensions=("html", "xml", "svg"), default_for_string=True, default=False
            ),
        },
    )
    # `x is none` is also true for a missing x, as a missing variable is None in Django's {% if %}.
    env.tests["none"] = lambda value: value is None or isinstance(value, jinja2.Undefined)
    env.globals.update(
        url=url,
        static=static,
        now=timezone.localtime,
    )
    env.filters.update(
        date=_date,
        time=_time,
        default=_default,
        d=_default,
        pluralize=_pluralize,
        yesno=_yesno,
        linebreaks=_linebreaks,
        linebreaksbr=_linebreaksbr,
        floatformat=defaultfilters.floatformat,
        filesizeformat=defaultfilters.filesizeformat,
        default_if_none=defaultfilters.default_if_none,
        capfirst=defaultfilters.capfirst,
        stringformat=defaultfilters.stringformat,
        filesize=filesize,
        zonder_rrn=zonder_rrn,
    )
    from . import lijsten  # noqa: F401  (registers the list helpers)

    env.globals.update(field=field, geschiedenis=geschiedenis)
    env.globals.update(_GLOBALS)
    env.filters.update(_FILTERS)
    return env


# --- the backend ---------------------------------------------------------------------------------------------


class LoketJinja2(Jinja2):
    """Django's Jinja2 backend with three differences that keep behaviour as it was under Django's engine:

    - the view's context wins over the context processors (Django's Jinja2 backend lets a processor overwrite
      e.g. a view's `user`);
    - `name.html#block` renders one block of the template (partial page updates);
    - `template_rendered` is sent like Django's engine does in tests, so the test client's `response.context` and
      `assertTemplateUsed` keep working.
    """

    def get_template(self, template_name):
        naam, _, blok = template_name.partition("#")
        template = super().get_template(naam)
        return LoketTemplate(template.template, self, blok or None)


class LoketTemplate(Template):
    def __init__(self, template, backend, blok=None):
        super().__init__(template, backend)
        self.blok = blok
        self.name = template.name

    def render(self, context=None, request=None):
        from django.template.backends.utils import csrf_input

        volledig = {"_url_basis": (get_script_prefix(), get_urlconf())}
        if request is not None:
            volledig["request"] = request
            volledig["csrf_input"] = _EenmaalPerAanvraag(functools.partial(csrf_input, request))
            volledig["csrf_token"] = _EenmaalPerAanvraag(functools.partial(get_token, request))
            for context_processor in self.backend.template_context_processors:
                volledig.update(context_processor(request))
        if context:
            volledig.update(context)
        if template_rendered.receivers:
            template_rendered.send(sender=self, template=self, context=_Context(volledig))
        if self.blok is None:
            return self.template.render(volledig)
        blok = self.template.blocks[self.blok]
        return "".join(blok(self.template.new_context(volledig)))


class _EenmaalPerAanvraag:
    """The CSRF field or token, made when a template first prints it and the same for every form of the page, as
    Django's own engine does (`{% csrf_token %}`). Django's Jinja2 backend makes a new masked token for every form
    that prints it (a random string each time)."""

    __slots__ = ("_maak", "_waarde")

    def __init__(self, maak):
        self._maak = maak
        self._waarde = None

    def __str__(self):
        if self._waarde is None:
            self._waarde = self._maak()
        return self._waarde

    def __html__(self):
        return str(self)  # csrf_input is already safe HTML; a token has nothing to escape


class _Context(dict):
    """What the test client stores as `response.context`: a dict that also answers `flatten()` like Django's."""

    def flatten(self):
        return dict(self)
