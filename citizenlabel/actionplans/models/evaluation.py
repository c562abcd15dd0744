from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.models import Question
from citizenlabel.verification.enums import EvidenceStatus

from ..enums import EffectKind
from .plan import ActionPlan


class PlanEvaluation(models.Model):
    """The evaluation at the end of the plan: what was done, what it changed."""

    plan = models.OneToOneField(ActionPlan, on_delete=models.CASCADE, related_name="evaluation")
    activities_summary = models.TextField(_("activities carried out"))
    results_obtained = models.TextField(_("results obtained"))
    narrative = models.TextField(_("effects and changes: narrative"))
    achievement_rate = models.DecimalField(
        _("achievement rate (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Computed from the activities by evaluate_action_plan; never by hand."),
    )
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    evaluated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return str(self.plan)


class Effect(models.Model):
    """A structured effect or change produced by the plan."""

    evaluation = models.ForeignKey(PlanEvaluation, on_delete=models.CASCADE, related_name="effects")
    kind = models.CharField(_("kind of effect"), max_length=15, choices=EffectKind.choices)
    text = models.TextField(_("effect"))

    class Meta:
        ordering = ["evaluation", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ReverifiedAnswer(models.Model):
    """The team's re-verification of an answer the plan targeted: the third value kept
    beside the declared and the verified ones, never in their place."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="reverified_answers"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    evidence_status = models.CharField(
        _("verification sources"), max_length=12, choices=EvidenceStatus.choices
    )
    options = models.JSONField(_("re-verified options"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    version = models.PositiveIntegerField(default=1)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "question"], name="one_reverification_per_answer"
            ),
            models.CheckConstraint(
                condition=~models.Q(evidence_status=EvidenceStatus.UNVERIFIABLE)
                | ~models.Q(reason=""),
                name="unverifiable_reverification_has_its_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {', '.join(self.options)}"

    @property
    def could_not_verify(self) -> bool:
        return self.evidence_status == EvidenceStatus.UNVERIFIABLE
