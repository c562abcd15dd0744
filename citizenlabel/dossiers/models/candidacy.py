from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..enums import Gender, MemberKind
from .dossier import Dossier
from .files import DossierFile


class Candidacy(models.Model):
    """The commune's candidacy: the council's decision to join and its contact details."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="candidacy")
    council_session = models.CharField(_("council session"), max_length=200)
    deliberation_number = models.CharField(_("deliberation number"), max_length=50)
    deliberation_date = models.DateField(_("deliberation date"))
    deliberation_file = models.ForeignKey(
        DossierFile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed deliberation (PDF)"),
    )
    address = models.CharField(_("address"), max_length=300)
    phone = models.CharField(_("phone"), max_length=30)
    email = models.EmailField(_("email"))
    website = models.URLField(_("website"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")

    def __str__(self) -> str:
        return str(self.dossier)


class FocalPointMember(models.Model):
    """A member of the commune's focal-point team (العنصر المحوري)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="focal_team")
    full_name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=150)
    kind = models.CharField(_("council member or staff"), max_length=10, choices=MemberKind.choices)
    gender = models.CharField(_("woman or man"), max_length=5, choices=Gender.choices)
    is_opposition = models.BooleanField(_("from the opposition"), default=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["dossier", "position", "pk"]
        verbose_name = _("focal-point team member")
        verbose_name_plural = _("focal-point team")

    def __str__(self) -> str:
        return self.full_name
