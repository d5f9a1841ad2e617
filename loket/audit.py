"""Named business events ("melding verstuurd", "bericht gelezen"). Services call `record` inside their
transaction, so an event exists exactly when its write does."""

from .models import AuditEvent


def record(*, request=None, user=None, bestuur=None, actie, obj=None, omschrijving="", voor=None, na=None):
    if request is not None:
        user = user or request.user
        bestuur = bestuur or getattr(request, "bestuur", None)
        namens = getattr(request, "impersonator", None)
    else:
        namens = None
    user = user if user is not None and getattr(user, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        gebruiker=user,
        gebruiker_naam=user.get_full_name() if user else "",
        namens=namens,
        bestuur=bestuur,
        actie=actie,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        omschrijving=omschrijving[:500],
        voor=voor,
        na=na,
    )
