from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citizenlabel.referential.models import Question

from ..enums import Gender
from .dossier import Dossier


class Launch(models.Model):
    """The official start of the self-assessment in the commune and its information workshop."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="launch")
    official_start = models.DateField(_("official start (date of the council's decision)"))
    workshop_date = models.DateField(
        _("date of the internal information workshop"), null=True, blank=True
    )
    workshop_council_women = models.PositiveSmallIntegerField(
        _("council members, women"), default=0
    )
    workshop_council_men = models.PositiveSmallIntegerField(_("council members, men"), default=0)
    workshop_staff_women = models.PositiveSmallIntegerField(_("staff, women"), default=0)
    workshop_staff_men = models.PositiveSmallIntegerField(_("staff, men"), default=0)
    workshop_equality_women = models.PositiveSmallIntegerField(_("equality body, women"), default=0)
    workshop_equality_men = models.PositiveSmallIntegerField(_("equality body, men"), default=0)

    class Meta:
        verbose_name = _("launch of the self-assessment")

    def __str__(self) -> str:
        return str(self.dossier)


class ScheduleStep(models.Model):
    """A step of the commune's internal schedule for its self-assessment."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="schedule_steps")
    activity = models.CharField(_("activity"), max_length=200)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))

    class Meta:
        ordering = ["dossier", "starts_on", "pk"]

    def __str__(self) -> str:
        return self.activity


class TrainingAttendance(models.Model):
    """Who from the commune attended which training session on the self-assessment."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="training")
    session = models.CharField(_("training session"), max_length=200)
    session_date = models.DateField(_("date"))
    full_name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=150)
    gender = models.CharField(_("woman or man"), max_length=5, choices=Gender.choices)

    class Meta:
        ordering = ["dossier", "session_date", "pk"]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.session}"


class Answer(models.Model):
    """The commune's declared answer to one question. Verified values live beside it
    (verification app), never in place of it. `version` detects concurrent edits."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    options = models.JSONField(_("chosen options"), default=list)  # option codes
    comment = models.TextField(_("comment"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question.code}: {', '.join(self.options)}"


class Submission(models.Model):
    """What the president submitted: the answers and declared scores of that moment.

    Written once by `approve_self_assessment`; never changed afterwards."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="submissions")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    referential_code = models.CharField(max_length=30)
    referential_version = models.CharField(max_length=30)
    answers = models.JSONField()  # {question code: [option codes]}
    scores = models.JSONField()  # result_as_json of the declared answers
    overall = models.DecimalField(
        _("declared score"),
        max_digits=6,
        decimal_places=2,
        null=True,
        help_text=_("The declared overall score of the snapshot, for sorting; never by hand."),
    )

    class Meta:
        ordering = ["dossier", "-submitted_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return f"{self.dossier} {self.submitted_at:%Y-%m-%d}"
