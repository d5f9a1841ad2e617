from .models import Membership


def memberships_with_rights(user):
    """The person's memberships of active besturen that grant something, by bestuur name: the switcher's list.
    Kept on the user object for the rest of the request; loaded with the person (no query of its own)."""
    if not hasattr(user, "_memberships_with_rights"):
        # A person has a few memberships: which besturen are active, and their order, are decided on those rows
        # in Python. The query then has no join filter and no ORDER BY to build (it runs on every page).
        # Loaded with the person for a session (User.objects.voor_sessie), else asked now.
        geladen = getattr(user, "_lidmaatschappen", None)
        if geladen is None:
            geladen = Membership.objects.filter(user_id=user.pk).select_related("bestuur__classificatie")
        memberships = [m for m in geladen if m.bestuur.actief and m.rights]
        memberships.sort(key=lambda m: (m.bestuur.naam, m.bestuur_id))
        user._memberships_with_rights = memberships
    return user._memberships_with_rights


def active_membership(memberships, bestuur_id=None):
    """Of those memberships, the active bestuur's, or else the first."""
    chosen = next((m for m in memberships if m.bestuur_id == bestuur_id), None)
    return chosen or (memberships[0] if memberships else None)
