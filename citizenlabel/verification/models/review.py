from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.models import Question

from ..enums import SnapshotKind


class AnswerReview(models.Model):
    """The coordination committee's study of one declared answer: flagged unsupported
    (counts 0 in the provisional score until verified) and remarks for the visit."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="reviews")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    unsupported = models.BooleanField(_("unsupported by its evidence"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    remark = models.TextField(_("remark for the visit"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "question"], name="one_review_per_answer")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.question_id}"


class ScoreSnapshot(models.Model):
    """A score as it was recorded: never edited, never recomputed.

    Written by record_provisional_score, record_final_score (and the action plan's
    updated score); every figure is set by those services, never by hand."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="snapshots")
    kind = models.CharField(_("kind"), max_length=12, choices=SnapshotKind.choices)
    overall = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True)
    questionnaire = models.DecimalField(
        _("questionnaire score"), max_digits=6, decimal_places=2, null=True
    )
    points = models.DecimalField(max_digits=10, decimal_places=3)
    maximum = models.DecimalField(max_digits=10, decimal_places=3)
    by_field = models.JSONField(default=dict)  # {field code: percent}
    by_principle = models.JSONField(default=dict)  # {principle code: percent}
    components = models.JSONField(default=dict)  # {component: score 0–100}
    weights = models.JSONField(default=dict)  # the edition's weights at that moment
    answers = models.JSONField(default=dict)  # {question code: [options]} that were scored
    referential_code = models.CharField(max_length=30)
    referential_version = models.CharField(max_length=30)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["dossier", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "kind"],
                condition=~models.Q(kind=SnapshotKind.UPDATED),
                name="one_provisional_and_one_final_score",
            )
        ]
        verbose_name = _("score snapshot")
        verbose_name_plural = _("score snapshots")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.overall}"
