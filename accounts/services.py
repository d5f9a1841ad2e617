"""Writes for accounts: the membership sync that both the IdP login and the mock login use."""

from django.db import transaction

from loket import audit
from loket.middleware import ACTIVE_BESTUUR_SESSION_KEY

from .models import Membership


@transaction.atomic
def sync_memberships(*, user, grants, bron=Membership.Bron.IDP):
    """Make the user's memberships exactly `grants` ({bestuur: [roles]}): rights no longer granted are gone.

    Returns the memberships that now exist.
    """
    Membership.objects.filter(user=user).exclude(bestuur__in=list(grants)).delete()
    result = []
    for bestuur, roles in grants.items():
        membership, created = Membership.objects.get_or_create(
            user=user, bestuur=bestuur, defaults={"rollen": sorted(set(roles)), "bron": bron}
        )
        if not created:
            membership.rollen = sorted(set(roles))
            membership.bron = bron
            membership.save(update_fields=["rollen", "bron", "laatste_aanmelding"])
        result.append(membership)
    return result


def switch_bestuur(*, request, bestuur):
    """Make `bestuur` the active one; only a bestuur the user holds a right for. Returns True when switched."""
    membership = Membership.objects.filter(user=request.user, bestuur=bestuur, bestuur__actief=True).first()
    if membership is None or not membership.rights:
        return False
    request.session[ACTIVE_BESTUUR_SESSION_KEY] = bestuur.pk
    audit.record(
        request=request,
        bestuur=bestuur,
        actie="accounts.bestuur_gewisseld",
        omschrijving=f"Gewisseld naar {bestuur}",
    )
    return True


@transaction.atomic
def aanmelden_via_idp(*, request, user, aanmelding):
    """At every IdP login: names and the rrn hash from the claims, memberships rewritten from the roles,
    the bestuur of vo_orgcode made active. `aanmelding` comes from accounts.claims.lees_claims."""
    user.first_name = aanmelding.voornaam or user.first_name
    user.last_name = aanmelding.achternaam or user.last_name
    user.vo_id = aanmelding.vo_id or user.vo_id
    if aanmelding.rrn_hash and user.rrn_hash != aanmelding.rrn_hash:
        user.rrn_hash = aanmelding.rrn_hash
    user.save(update_fields=["first_name", "last_name", "vo_id", "rrn_hash"])
    memberships = sync_memberships(user=user, grants=aanmelding.grants, bron=Membership.Bron.IDP)
    request.session[ACTIVE_BESTUUR_SESSION_KEY] = aanmelding.bestuur.pk
    audit.record(
        user=user,
        bestuur=aanmelding.bestuur,
        actie="accounts.aangemeld",
        omschrijving=f"Aangemeld via de Vlaamse overheid voor {aanmelding.bestuur.volledige_naam}",
        na={
            "orgcode": aanmelding.orgcode,
            "rollen": {b.volledige_naam: sorted(r) for b, r in aanmelding.grants.items()},
            "genegeerd": aanmelding.genegeerd,
        },
    )
    return memberships
