"""{% load loket_audit %}{% geschiedenis obj %}: the "Geschiedenis" of one object, the active bestuur's own events
(pass bestuur=... on an ABB page about a bestuur's object)."""

from django import template

from loket.audit import geschiedenis as geschiedenis_selector

register = template.Library()


@register.inclusion_tag("includes/geschiedenis.html", takes_context=True)
def geschiedenis(context, obj, bestuur=None):
    bestuur = bestuur if bestuur is not None else context.get("active_bestuur")
    return {"events": geschiedenis_selector(obj, bestuur)[:100]}
