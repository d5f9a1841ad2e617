from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone

from loket import modules
from loket.vaste_query import VasteQuery


class UserManager(DjangoUserManager):
    def voor_sessie(self, pk):
        """The person of a session, with their memberships (bestuur and classificatie) loaded in the same query:
        every page needs both (the switcher, the active bestuur, the rights). User.DoesNotExist if there is none.
        Read again on every request: nothing of the person is kept between requests."""
        rijen = _lidmaatschappen_met_persoon(pk)
        if not rijen:  # no memberships (yet): the person alone
            user = self.get(pk=pk)
            user._lidmaatschappen = []
            return user
        user = rijen[0].user
        for membership in rijen:
            membership.user = user
        user._lidmaatschappen = rijen
        return user


class User(AbstractUser):
    """A person. Their rights are Memberships, rewritten from the IdP's claims at every login.

    The rijksregisternummer (`rrn` claim) is the stable key across logins, stored only as a keyed hash.
    """

    rrn_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    vo_id = models.CharField("VO-id", max_length=100, blank=True)
    # Raised by "afmelden op alle toestellen": every session that logged in with a lower version is ended.
    sessie_versie = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    def __str__(self):
        return self.get_full_name() or self.username


class MembershipQuerySet(models.QuerySet):
    def for_bestuur(self, bestuur):
        return self.filter(bestuur=bestuur) if bestuur is not None else self.none()


class Membership(models.Model):
    """One person's roles for one bestuur, as last received from the IdP (or the mock login)."""

    class Bron(models.TextChoices):
        IDP = "idp", "Vlaamse gebruikersbeheer"
        MOCK = "mock", "Testaanmelding"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    bestuur = models.ForeignKey("loket.Bestuurseenheid", on_delete=models.CASCADE, related_name="memberships")
    # Every role string received, known or not: unknown ones are shown but grant nothing.
    rollen = models.JSONField(default=list)
    bron = models.CharField(max_length=10, choices=Bron.choices, default=Bron.IDP)
    eerste_aanmelding = models.DateTimeField(auto_now_add=True)
    # Set by the login sync only (IdP or mock login): not by any other save of the row.
    laatste_aanmelding = models.DateTimeField(default=timezone.now, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "bestuur"], name="membership_uniek")]
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"

    def __str__(self):
        return f"{self.user} – {self.bestuur}"

    @property
    def rights(self):
        from loket.access import Rights

        return Rights(self.bestuur, self.rollen)

    @property
    def role_labels(self):
        return [modules.ROLE_LABELS.get(r, f"{r} (onbekend)") for r in self.rollen]

    @property
    def rol_details(self):
        """Each role received, for "Gebruikers en rechten": label, and whether it grants anything here."""
        result = []
        for rol in self.rollen:
            module = modules.MODULES_BY_ROLE.get(rol)
            if module is not None:
                geldig = module.eligible(self.bestuur)
            else:
                geldig = rol in modules.KNOWN_ROLES and self.bestuur.is_abb
            result.append(
                {
                    "rol": rol,
                    "label": modules.ROLE_LABELS.get(rol, f"{rol} (onbekend)"),
                    "bekend": rol in modules.KNOWN_ROLES,
                    "geldig": geldig,
                }
            )
        return result


# Asked on every page: compiled to SQL once per process (loket/vaste_query.py).
_lidmaatschappen_met_persoon = VasteQuery(
    lambda user_id: Membership.objects.filter(user_id=user_id).select_related(
        "user", "bestuur__classificatie"
    )
)
