from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .plan import ActionPlan, Indicator


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "measured_on", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.measured_on}: {self.value}"


class FollowUpComment(models.Model):
    """The technical team's follow-up comments on the plan."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-at"]

    def __str__(self) -> str:
        return self.body[:60]


class MonitoringVisit(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="monitoring_visits")
    date = models.DateField(_("date of the visit"))
    findings = models.TextField(_("findings"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["plan", "-date"]

    def __str__(self) -> str:
        return str(self.date)
