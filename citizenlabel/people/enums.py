from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Platform administrator")
    COORDINATION = "coordination", _("Coordination committee member")
    TECHNICAL_TEAM = "technical_team", _("Technical team member")
    ACCREDITATION = "accreditation", _("Accreditation committee member")
    FOCAL_POINT = "focal_point", _("Commune focal point")
    PRESIDENT = "president", _("Commune president")


COMMUNE_ROLES = frozenset({Role.FOCAL_POINT, Role.PRESIDENT})
TEAM_ROLES = frozenset({Role.TECHNICAL_TEAM})
