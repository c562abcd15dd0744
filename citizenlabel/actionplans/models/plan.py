from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.models import Principle, Question

from ..enums import ActivityStatus, Frequency, Level


class ActionPlan(models.Model):
    """The logical framework's top: the overall objective and the plan's period."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="action_plan")
    overall_objective = models.TextField(_("overall objective"))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return str(self.dossier)


class SpecificObjective(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField(_("specific objective"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ExpectedResult(models.Model):
    """An expected result, linked to the referential questions (and so principles) it
    improves through its ResultTarget rows."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="results")
    objective = models.ForeignKey(
        SpecificObjective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("specific objective"),
    )
    text = models.TextField(_("expected result"))
    principle = models.ForeignKey(
        Principle, on_delete=models.PROTECT, related_name="+", verbose_name=_("principle")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ResultTarget(models.Model):
    """“Reach option X of question 3.1.4”: what the result should change in the answers."""

    result = models.ForeignKey(ExpectedResult, on_delete=models.CASCADE, related_name="targets")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    options = models.JSONField(_("option(s) to reach"), default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["result", "question"], name="one_target_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question_id} → {', '.join(self.options)}"


class Activity(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="activities")
    result = models.ForeignKey(
        ExpectedResult,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("expected result"),
    )
    title = models.CharField(_("activity"), max_length=300)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    responsible = models.CharField(_("responsible person"), max_length=150)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    means = models.TextField(_("means"), blank=True)
    budget = models.DecimalField(
        _("budget (MAD)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(Decimal(0))],
    )
    spent = models.DecimalField(
        _("budget used (MAD)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(Decimal(0))],
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ActivityStatus.choices,
        default=ActivityStatus.NOT_STARTED,
    )
    percent_done = models.PositiveSmallIntegerField(
        _("percentage done"), default=0, validators=[MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "starts_on", "position", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """An indicator of one row of the logical framework, with its baseline and target."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="indicators")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    objective = models.ForeignKey(
        SpecificObjective,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
    )
    result = models.ForeignKey(
        ExpectedResult, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=300)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=50)
    source = models.CharField(_("source of verification"), max_length=300)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "level", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Assumption(models.Model):
    """An assumption or a risk of one row of the logical framework."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="assumptions")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    objective = models.ForeignKey(
        SpecificObjective,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assumptions",
    )
    result = models.ForeignKey(
        ExpectedResult, on_delete=models.CASCADE, null=True, blank=True, related_name="assumptions"
    )
    text = models.TextField(_("assumption or risk"))

    class Meta:
        ordering = ["plan", "level", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
