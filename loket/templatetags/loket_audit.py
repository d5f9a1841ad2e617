"""The one "Geschiedenis" of an object's page, from the audit trail (loket.audit.geschiedenis).

Bestuur page:  {% load loket_audit %}{% geschiedenis obj %}
    the active bestuur's own events about obj; with met_abb=True also what ABB recorded about it (a review).
ABB page about a bestuur's object:  {% geschiedenis obj bestuur=obj.bestuur met_abb=True %}
    that bestuur's events about obj and ABB's. Only an ABB session may look at another bestuur's events.
"""

from django import template

from loket import rrn
from loket.audit import geschiedenis as geschiedenis_selector

register = template.Library()

MAX_GEBEURTENISSEN = 100


@register.inclusion_tag("includes/geschiedenis.html", takes_context=True)
def geschiedenis(context, obj, bestuur=None, met_abb=False):
    actief = context.get("active_bestuur")
    if bestuur is None:
        bestuur = actief
    elif bestuur != actief and not getattr(actief, "is_abb", False):
        bestuur = None  # a bestuur never sees another bestuur's events
    events = list(geschiedenis_selector(obj, bestuur, met_abb=met_abb)[: MAX_GEBEURTENISSEN + 1])
    for event in events:
        event.door_abb = bestuur is not None and event.bestuur_id != bestuur.pk
    return {"events": events[:MAX_GEBEURTENISSEN], "ingekort": len(events) > MAX_GEBEURTENISSEN}


@register.filter
def zonder_rrn(text):
    """Never a rijksregisternummer on a page, not even in a free text typed into an event's description."""
    return rrn.mask_in_text(text)
