from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The rows of the logical framework (الإطار المنطقي)."""

    OVERALL = "overall", _("Overall objective")
    SPECIFIC = "specific", _("Specific objective")
    RESULT = "result", _("Expected result")
    ACTIVITY = "activity", _("Activity")


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Every six months")
    YEARLY = "yearly", _("Yearly")
    END = "end", _("At the end of the plan")


class EffectKind(models.TextChoices):
    INSTITUTIONAL = "institutional", _("Institutional change")
    SERVICE = "service", _("Better public service")
    PARTICIPATION = "participation", _("More participation of citizens")
    EQUALITY = "equality", _("More equality between women and men")
    OTHER = "other", _("Other effect")
