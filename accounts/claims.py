"""The government IdP's claims -> who logs in, for which bestuur, with which roles (or why not).

ACM/IDM (scope `openid rrn vo profile abb_loketLB`) sends:
- `vo_orgcode`: OVO or KBO code of the organisation the person chose when logging in;
- `abb_loketLB_rol_3d`: the Loket roles, each `<rol>:<orgcode>`; a value without `:<orgcode>` belongs to
  `vo_orgcode`;
- `abb_databanktoezicht_rol_3d`: the ABB supervision roles (DatabankToezichtLezer / Editeur / VLABEL), same form;
- `given_name`, `family_name`, `vo_id` and `rrn` (the rijksregisternummer: only its keyed hash is kept).

Nothing here writes: `lees_claims` returns an `Aanmelding` or raises `Weigering`.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from loket import rrn as rrn_util
from loket.access import Rights
from loket.models import Bestuurseenheid

ROLLEN_CLAIM = "abb_loketLB_rol_3d"
TOEZICHT_ROLLEN_CLAIM = "abb_databanktoezicht_rol_3d"
ROL_CLAIMS = (ROLLEN_CLAIM, TOEZICHT_ROLLEN_CLAIM)
ORGCODE_CLAIM = "vo_orgcode"
VERBORGEN = "(verborgen)"


class Weigering(Exception):  # noqa: N818 - a refusal, not an error of the portal
    """The IdP vouched for the person, but the Loket does not let them in."""

    ORGANISATIE_ONBEKEND = "organisatie-onbekend"
    ORGANISATIE_OPGEHEVEN = "organisatie-opgeheven"
    GEEN_ROL = "geen-rol"

    def __init__(self, reden, *, orgcode="", bestuur=None):
        super().__init__(reden)
        self.reden = reden
        self.orgcode = orgcode
        self.bestuur = bestuur


@dataclass
class Aanmelding:
    orgcode: str
    bestuur: Bestuurseenheid  # the bestuur of vo_orgcode: active after login
    grants: dict = field(default_factory=dict)  # {Bestuurseenheid: [role strings, known or not]}
    rrn_hash: str | None = None
    voornaam: str = ""
    achternaam: str = ""
    vo_id: str = ""
    genegeerd: list = field(default_factory=list)  # role values whose organisation is unknown or inactive


def veilige_claims(claims):
    """The claims as they may be logged or audited: never the rijksregisternummer in clear."""
    safe = {k: v for k, v in (claims or {}).items() if k not in {"at_hash", "nonce", "c_hash"}}
    if safe.get("rrn"):
        safe["rrn"] = VERBORGEN
    return safe


def _as_list(value):
    if not value:
        return []
    if isinstance(value, str):
        return [v for v in re.split(r"[\s,]+", value) if v]
    return [str(v) for v in value if v]


def vind_bestuur(orgcode):
    """The bestuur an OVO or KBO code names (an active one first), or None.

    LOKET_OIDC_ORGCODES ({code: bestuur uuid}) covers organisations whose code the reference data lack
    (the Agentschap Binnenlands Bestuur itself has neither an OVO nor a KBO number there).
    """
    code = (orgcode or "").strip()
    if not code:
        return None
    besturen = Bestuurseenheid.objects.select_related("classificatie", "opgeheven_door__classificatie")
    aliases = {k.upper(): v for k, v in getattr(settings, "LOKET_OIDC_ORGCODES", {}).items()}
    if code.upper() in aliases:
        return besturen.filter(uuid=aliases[code.upper()]).first()
    lookup = Q(ovo__iexact=code)
    kbo = re.sub(r"[\s.]", "", code)
    if re.fullmatch(r"\d{9,10}", kbo):
        lookup |= Q(kbo=kbo.zfill(10))
    return besturen.filter(lookup).order_by("-actief", "pk").first()


def lees_claims(claims):
    """Parse the claims. Raises Weigering: organisation unknown or merged away, or no Loket right at all."""
    orgcode = str(claims.get(ORGCODE_CLAIM) or "").strip()
    bestuur = vind_bestuur(orgcode)
    if bestuur is None:
        raise Weigering(Weigering.ORGANISATIE_ONBEKEND, orgcode=orgcode)
    if not bestuur.actief:
        raise Weigering(Weigering.ORGANISATIE_OPGEHEVEN, orgcode=orgcode, bestuur=bestuur)

    grants, genegeerd, cache = {}, [], {orgcode.upper(): bestuur}
    for value in [v for claim in ROL_CLAIMS for v in _as_list(claims.get(claim))]:
        rol, sep, code = value.partition(":")
        code = code.strip() if sep else orgcode
        if not rol:
            continue
        if code.upper() not in cache:
            cache[code.upper()] = vind_bestuur(code)
        target = cache[code.upper()]
        if target is None or not target.actief:
            genegeerd.append(value)
            continue
        grants.setdefault(target, [])
        if rol not in grants[target]:
            grants[target].append(rol)

    if not any(Rights(b, roles) for b, roles in grants.items()):
        raise Weigering(Weigering.GEEN_ROL, orgcode=orgcode, bestuur=bestuur)

    rrn = claims.get("rrn")
    return Aanmelding(
        orgcode=orgcode,
        bestuur=bestuur,
        grants=grants,
        rrn_hash=rrn_util.keyed_hash(rrn) if rrn else (claims.get("rrn_hash") or None),
        voornaam=str(claims.get("given_name") or "")[:150],
        achternaam=str(claims.get("family_name") or "")[:150],
        vo_id=str(claims.get("vo_id") or "")[:100],
        genegeerd=genegeerd,
    )


def claims_van(sociallogin):
    """allauth keeps the decoded id_token and the userinfo response; userinfo wins where both have a claim."""
    data = sociallogin.account.extra_data or {}
    if "userinfo" in data or "id_token" in data:
        return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
    return dict(data)


def verberg_rrn(extra_data):
    """allauth keeps the claims in SocialAccount.extra_data: replace the rrn there by its keyed hash (in place)."""
    for claims in (extra_data, extra_data.get("userinfo"), extra_data.get("id_token")):
        if isinstance(claims, dict) and claims.get("rrn"):
            claims["rrn_hash"] = rrn_util.keyed_hash(claims.pop("rrn"))
    return extra_data
