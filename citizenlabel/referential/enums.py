from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One answer")
    MULTIPLE = "multiple", _("Several answers")


class Aggregation(models.TextChoices):
    POINTS = "points", _("Sum of points")
    PRINCIPLE_MEAN = "principle_mean", _("Mean of the principles")
