from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
