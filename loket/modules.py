"""The module registry: the one place that names each module, its IdP role and who may use it."""

from dataclasses import dataclass, field

from django.conf import settings

ADMIN_ROLE = "LoketLB-admin"
LOKAAL_BEHEERDER_ROLE = "LoketLB-lokaalBeheerder"
ABB_LEZER_ROLE = "ABBDatabankToezicht-DatabankToezichtLezer"
ABB_EDITEUR_ROLE = "ABBDatabankToezicht-DatabankToezichtEditeur"
# The Vlaamse Belastingdienst (VLABEL): reads only sent tax regulations with MAR-code 7300/7304/7305 (toezicht/vlabel.py).
ABB_VLABEL_ROLE = "ABBDatabankToezicht-DatabankToezichtVLABEL"

# Classification labels, exactly as in the reference data (bestuurseenheid_classificatie_codes.csv).
ABB = "Agentschap Binnenlands Bestuur"
LOKALE_BESTUREN = frozenset(
    {
        "Gemeente",
        "OCMW",
        "Provincie",
        "District",
        "Autonoom gemeentebedrijf",
        "Autonoom provinciebedrijf",
        "Politiezone",
        "Hulpverleningszone",
        "Projectvereniging",
        "Dienstverlenende vereniging",
        "Opdrachthoudende vereniging",
        "Opdrachthoudende vereniging met private deelname",
        "Welzijnsvereniging",
        "OCMW vereniging",
        "Autonome verzorgingsinstelling",
        "PEVA gemeente",
        "PEVA provincie",
        "Bestuur van de eredienst",
        "Centraal bestuur van de eredienst",
        "Vlaamse gemeenschapscommissie",
        "Interlokale vereniging",
    }
)
IGS = frozenset(
    {
        "Projectvereniging",
        "Dienstverlenende vereniging",
        "Opdrachthoudende vereniging",
        "Opdrachthoudende vereniging met private deelname",
    }
)
BBC_PLICHTIG = (
    frozenset(
        {
            "Gemeente",
            "OCMW",
            "Provincie",
            "District",
            "Autonoom gemeentebedrijf",
            "Autonoom provinciebedrijf",
            "OCMW vereniging",
            "Welzijnsvereniging",
            "Politiezone",
            "Hulpverleningszone",
        }
    )
    | IGS
)
LEIDINGGEVENDEN = (
    frozenset(
        {
            "Gemeente",
            "OCMW",
            "Provincie",
            "Autonoom gemeentebedrijf",
            "Autonoom provinciebedrijf",
            "Welzijnsvereniging",
            "OCMW vereniging",
        }
    )
    | IGS
)

# DESIGN.md: who may hold the Subsidies role; each subsidiemaatregel narrows it further with its own criteria.
SUBSIDIES = (
    frozenset(
        {
            "Gemeente",
            "OCMW",
            "OCMW vereniging",
            "Autonoom gemeentebedrijf",
            "Autonoom provinciebedrijf",
            "Provincie",
            "District",
            "Politiezone",
            "Hulpverleningszone",
            "Vlaamse gemeenschapscommissie",
        }
    )
    | IGS
)


@dataclass(frozen=True)
class Module:
    code: str
    label: str
    role: str
    classificaties: frozenset
    beschrijving: str
    url_name: str = ""  # the module's start page (bestuur side)
    abb_url_name: str = ""  # the module's ABB start page, if it has one
    abb_beschrijving: str = ""  # what the module offers ABB (its dashboard tile for ABB people)
    handleiding: str = ""  # template name of the integrated handleiding
    menu: bool = True
    extra_roles: tuple = field(default=())

    def eligible(self, bestuur):
        allowed = getattr(settings, "LOKET_MODULE_CLASSIFICATIES", {}).get(self.code, self.classificaties)
        return bestuur is not None and bestuur.actief and bestuur.classificatie.label in allowed


MODULES = (
    Module(
        code="toezicht",
        label="Toezicht",
        role="LoketLB-toezichtGebruiker",
        classificaties=LOKALE_BESTUREN,
        beschrijving="Meld de publicatie van besluiten en bezorg documenten aan de toezichthoudende overheid.",
        url_name="toezicht:index",
        abb_url_name="toezicht:abb-index",
        abb_beschrijving="Behandel de meldingen die de besturen verstuurden: filter, bekijk en markeer als afgehandeld.",
        handleiding="toezicht/handleiding.html",
    ),
    Module(
        code="berichten",
        label="Berichtencentrum",
        role="LoketLB-berichtenGebruiker",
        classificaties=LOKALE_BESTUREN,
        beschrijving="Lees en beantwoord de berichten van het Agentschap Binnenlands Bestuur.",
        url_name="berichten:index",
        abb_url_name="berichten:abb-index",
        abb_beschrijving="Start gesprekken met de besturen en volg hun antwoorden en reactietermijnen op.",
        handleiding="berichten/handleiding.html",
    ),
    Module(
        code="bbcdr",
        label="BBC digitale rapportering",
        role="LoketLB-bbcdrGebruiker",
        classificaties=BBC_PLICHTIG,
        beschrijving="Bezorg de digitale rapportering van de beleids- en beheerscyclus (XML en XBRL).",
        url_name="bbcdr:index",
        abb_url_name="bbcdr:abb-index",
        abb_beschrijving="Bekijk de BBC-rapporten die de besturen verstuurden en hun levering.",
        handleiding="bbcdr/handleiding.html",
    ),
    Module(
        code="mandaten",
        label="Mandatenbeheer",
        role="LoketLB-mandaatGebruiker",
        classificaties=BBC_PLICHTIG,
        beschrijving="Beheer wie welk mandaat opneemt in de bestuursorganen van uw bestuur.",
        url_name="mandaten:index",
        handleiding="mandaten/handleiding.html",
    ),
    Module(
        code="leidinggevenden",
        label="Databank leidinggevenden",
        role="LoketLB-leidinggevendenGebruiker",
        classificaties=LEIDINGGEVENDEN,
        beschrijving="Houd de gegevens van de leidinggevende ambtenaren van uw bestuur up-to-date.",
        url_name="leidinggevenden:index",
        handleiding="leidinggevenden/handleiding.html",
    ),
    Module(
        code="subsidies",
        label="Subsidies",
        role="LoketLB-subsidies",
        classificaties=SUBSIDIES,
        beschrijving="Volg hier uw aanvragen voor subsidiemaatregelen op.",
        url_name="subsidies:index",
        abb_url_name="subsidies:abb-index",
        handleiding="subsidies/handleiding.html",
    ),
    Module(
        code="gebruikers",
        label="Gebruikers en rechten",
        role=LOKAAL_BEHEERDER_ROLE,
        classificaties=LOKALE_BESTUREN | {ABB},
        beschrijving="Bekijk wie van uw bestuur toegang heeft tot welke modules.",
        url_name="accounts:gebruikers",
        handleiding="accounts/handleiding.html",
    ),
)

MODULES_BY_CODE = {m.code: m for m in MODULES}
MODULES_BY_ROLE = {m.role: m for m in MODULES}
ABB_ROLES = (ABB_LEZER_ROLE, ABB_EDITEUR_ROLE)
KNOWN_ROLES = frozenset(MODULES_BY_ROLE) | {ADMIN_ROLE, ABB_VLABEL_ROLE, *ABB_ROLES}
ROLE_LABELS = {
    **{m.role: m.label for m in MODULES},
    ADMIN_ROLE: "Functioneel beheerder (admin)",
    ABB_LEZER_ROLE: "ABB toezicht: lezen",
    ABB_EDITEUR_ROLE: "ABB toezicht: bewerken",
    ABB_VLABEL_ROLE: "ABB toezicht: Vlaamse Belastingdienst (VLABEL)",
}


def get_module(code):
    return MODULES_BY_CODE[code]


def eligible_roles(bestuur):
    """The roles a bestuur's classification can hold: used by the mock login and to filter the claims."""
    if bestuur.is_abb:
        return [ABB_LEZER_ROLE, ABB_EDITEUR_ROLE, ABB_VLABEL_ROLE, ADMIN_ROLE, LOKAAL_BEHEERDER_ROLE]
    return [m.role for m in MODULES if m.eligible(bestuur)]
