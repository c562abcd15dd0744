"""The participatory diagnosis made with the commune during the visit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from citizenlabel.dossiers.enums import Gender
from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.models import Principle

from ..enums import DiagnosisKind, ParticipantCategory


class DiagnosisPoint(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="diagnosis")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("strength or weakness"), max_length=10, choices=DiagnosisKind.choices)
    text = models.TextField(_("finding"))

    class Meta:
        ordering = ["dossier", "principle__position", "kind", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class DiagnosisParticipant(models.Model):
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="diagnosis_participants"
    )
    full_name = models.CharField(_("name"), max_length=150)
    category = models.CharField(_("category"), max_length=15, choices=ParticipantCategory.choices)
    gender = models.CharField(_("woman or man"), max_length=5, choices=Gender.choices)

    class Meta:
        ordering = ["dossier", "pk"]

    def __str__(self) -> str:
        return self.full_name


class AgreedPriority(models.Model):
    """A priority agreed with the commune; the action plan starts from these."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("priority"))
    principle = models.ForeignKey(
        Principle, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
