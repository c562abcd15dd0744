from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvinceKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")


class CommuneKind(models.TextChoices):
    URBAN = "urban", _("Urban")
    RURAL = "rural", _("Rural")
