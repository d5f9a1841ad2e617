"""Writes for accounts: the membership sync that both the IdP login and the mock login use."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.middleware import (
    ACTIVE_BESTUUR_SESSION_KEY,
    IMPERSONATIE_SESSION_KEY,
    SESSIE_VERSIE_SESSION_KEY,
)
from loket import audit
from loket.access import impersonation_roles

from .models import Membership, User


@transaction.atomic
def werk_lidmaatschappen_bij(*, user, grants, bron=Membership.Bron.IDP):
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
            membership.laatste_aanmelding = timezone.now()
            membership.save(update_fields=["rollen", "bron", "laatste_aanmelding"])
        result.append(membership)
    return result


def wissel_bestuur(*, request, bestuur):
    """Make `bestuur` the active one; only a bestuur the user holds a right for. Returns True when switched."""
    if getattr(request, "impersonator", None) is not None:
        return False  # while acting as a bestuur, the switcher cannot reach another one
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
def meld_aan_via_idp(*, request, user, aanmelding):
    """At every IdP login: names and the rrn hash from the claims, memberships rewritten from the roles,
    the bestuur of vo_orgcode made active. `aanmelding` comes from accounts.claims.lees_claims."""
    nieuw = {
        "first_name": aanmelding.voornaam or user.first_name,
        "last_name": aanmelding.achternaam or user.last_name,
        "vo_id": aanmelding.vo_id or user.vo_id,
        "rrn_hash": aanmelding.rrn_hash or user.rrn_hash,
    }
    gewijzigd = [veld for veld, waarde in nieuw.items() if getattr(user, veld) != waarde]
    for veld in gewijzigd:
        setattr(user, veld, nieuw[veld])
    if gewijzigd:  # only then: a write to the users table makes kept pages with names render again
        user.save(update_fields=gewijzigd)
    memberships = werk_lidmaatschappen_bij(user=user, grants=aanmelding.grants, bron=Membership.Bron.IDP)
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


@transaction.atomic
def meld_aan_via_testaanmelding(*, request, user, bestuur, rollen):
    """The mock login (development and demo only): the same membership rows as the IdP login, audited."""
    grants = {m.bestuur: m.rollen for m in user.memberships.select_related("bestuur")}
    grants[bestuur] = rollen
    memberships = werk_lidmaatschappen_bij(user=user, grants=grants, bron=Membership.Bron.MOCK)
    audit.record(
        user=user,
        bestuur=bestuur,
        actie="accounts.aangemeld",
        omschrijving=f"Aangemeld via de testaanmelding voor {bestuur.volledige_naam}",
        na={"rollen": sorted(set(rollen)), "bron": Membership.Bron.MOCK},
    )
    return memberships


class ImpersonatieFout(Exception):
    pass


@transaction.atomic
def start_impersonatie(*, request, bestuur, rollen):
    """An ABB beheerder (LoketLB-admin) acts as `bestuur` with the chosen module rights (never admin/ABB)."""
    if getattr(request, "impersonator", None) is not None or not request.rights.is_admin:
        raise ImpersonatieFout("Alleen een functioneel beheerder kan als een bestuur werken.")
    if bestuur is None or not bestuur.actief or bestuur.is_abb:
        raise ImpersonatieFout("U kunt alleen als een actief lokaal bestuur werken.")
    toegestaan = impersonation_roles(bestuur, rollen)
    if not toegestaan:
        raise ImpersonatieFout("Kies minstens één recht dat dit bestuur kan hebben.")
    request.impersonator = request.user  # from here on this session acts as the bestuur
    audit.record(
        request=request,
        bestuur=bestuur,
        actie="accounts.impersonatie_gestart",
        omschrijving=f"{request.user.get_full_name() or request.user.username} werkt als {bestuur.volledige_naam}",
        na={"rollen": toegestaan, "beheerder_bestuur": str(request.bestuur)},
    )
    request.session[IMPERSONATIE_SESSION_KEY] = {"bestuur_id": bestuur.pk, "rollen": toegestaan}
    return toegestaan


@transaction.atomic
def stop_impersonatie(*, request):
    """Back to the beheerder's own ABB session. Returns the bestuur that was impersonated (or None)."""
    data = request.session.pop(IMPERSONATIE_SESSION_KEY, None)
    if data is None or getattr(request, "impersonator", None) is None:
        return None
    bestuur = request.bestuur
    audit.record(
        request=request,
        bestuur=bestuur,
        actie="accounts.impersonatie_gestopt",
        omschrijving=f"{request.impersonator.get_full_name() or request.impersonator.username} werkt niet meer als "
        f"{bestuur.volledige_naam}",
    )
    return bestuur


@transaction.atomic
def meld_overal_af(*, request):
    """End every session of this person, on every device (this one included): their session version goes up,
    so ActiveBestuurMiddleware logs out every session that logged in before."""
    user = request.user
    audit.record(
        request=request, actie="accounts.overal_afgemeld", omschrijving="Afgemeld op alle toestellen"
    )
    User.objects.filter(pk=user.pk).update(sessie_versie=F("sessie_versie") + 1)
    user.refresh_from_db(fields=["sessie_versie"])


def bewaar_sessie_versie(sender, request, user, **kwargs):
    """user_logged_in: this session belongs to the person's current session version."""
    if request is not None and hasattr(request, "session"):
        # From the database: the user object at hand may predate an "afmelden op alle toestellen".
        versie = User.objects.filter(pk=user.pk).values_list("sessie_versie", flat=True).first()
        request.session[SESSIE_VERSIE_SESSION_KEY] = versie or 0
