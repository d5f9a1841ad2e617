from .models import Membership


def active_membership(user, bestuur_id=None):
    """The membership of the active bestuur, or the first one that grants something."""
    memberships = Membership.objects.filter(user=user, bestuur__actief=True).select_related(
        "bestuur__classificatie"
    )
    if bestuur_id is not None:
        membership = next((m for m in memberships if m.bestuur_id == bestuur_id), None)
        if membership is not None and membership.rights:
            return membership
    return next((m for m in memberships.order_by("bestuur__naam") if m.rights), None)


def switchable_memberships(user):
    return Membership.objects.filter(user=user, bestuur__actief=True).order_by("bestuur__naam").with_rights()
