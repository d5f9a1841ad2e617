from .models import Membership


def memberships_with_rights(user):
    """The person's memberships of active besturen that grant something, by bestuur name: the switcher's list.
    Kept on the user object for the rest of the request: one query per request."""
    if not hasattr(user, "_memberships_with_rights"):
        user._memberships_with_rights = (
            Membership.objects.filter(user=user, bestuur__actief=True).order_by("bestuur__naam").with_rights()
        )
    return user._memberships_with_rights


def active_membership(memberships, bestuur_id=None):
    """Of those memberships, the active bestuur's, or else the first."""
    chosen = next((m for m in memberships if m.bestuur_id == bestuur_id), None)
    return chosen or (memberships[0] if memberships else None)
