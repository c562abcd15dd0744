from django.db import models
from django.utils.translation import gettext_lazy as _

from citizenlabel.common.fields import BilingualTextField
from citizenlabel.common.texts import translated

from .enums import CommuneKind, ProvinceKind


class Region(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = BilingualTextField(_("name"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return translated(self.name)


class Province(models.Model):
    """A province or a prefecture (عمالة / إقليم)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("region")
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ProvinceKind.choices)
    name = BilingualTextField(_("name"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("province or prefecture")
        verbose_name_plural = _("provinces and prefectures")

    def __str__(self) -> str:
        return translated(self.name)


class Commune(models.Model):
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = BilingualTextField(_("name"))
    kind = models.CharField(_("urban or rural"), max_length=5, choices=CommuneKind.choices)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return translated(self.name)
