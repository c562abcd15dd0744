from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citizenlabel.referential.models import Field, Principle

from .dossier import Dossier


class GoodPractice(models.Model):
    """A good practice the commune reports (استمارة الممارسات الجيدة)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="good_practices")
    title = models.CharField(_("title"), max_length=200)
    principle = models.ForeignKey(
        Principle, on_delete=models.PROTECT, related_name="+", verbose_name=_("principle")
    )
    field = models.ForeignKey(
        Field,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field"),
    )
    description = models.TextField(_("description"))
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    results = models.TextField(_("results"))
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    may_publish = models.BooleanField(_("may be published on the public portal"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dossier", "started_on", "pk"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self) -> str:
        return self.title
