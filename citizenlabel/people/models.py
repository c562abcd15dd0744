from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from citizenlabel.common.fields import BilingualTextField
from citizenlabel.common.texts import translated
from citizenlabel.territory.models import Commune, Region

from .enums import COMMUNE_ROLES, TEAM_ROLES, Role


class User(AbstractUser):
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class TechnicalTeam(models.Model):
    """A technical team (فريق تقني) that follows and verifies the communes of a region."""

    name = BilingualTextField(_("name"))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region covered")
    )

    class Meta:
        verbose_name = _("technical team")
        verbose_name_plural = _("technical teams")

    def __str__(self) -> str:
        return translated(self.name)


class Membership(models.Model):
    """One role held by a user, scoped to a commune or a technical team where the role needs it.

    Committee roles are national: the role itself names the committee."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("commune")
    )
    technical_team = models.ForeignKey(
        TechnicalTeam,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("technical team"),
    )
    is_leader = models.BooleanField(_("team leader"), default=False)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "commune", "technical_team"], name="unique_membership"
            )
        ]

    def __str__(self) -> str:
        scope = self.commune or self.technical_team
        return f"{self.get_role_display()} — {scope}" if scope else self.get_role_display()

    def clean(self) -> None:
        if (self.role in COMMUNE_ROLES) != (self.commune_id is not None):
            raise ValidationError(
                {"commune": _("A commune is required for commune roles, and only for them.")}
            )
        if (self.role in TEAM_ROLES) != (self.technical_team_id is not None):
            raise ValidationError(
                {
                    "technical_team": _(
                        "A technical team is required for technical-team roles, and only for them."
                    )
                }
            )
