from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.models import Question

from ..enums import Component, EvidenceStatus, Recommendation, Round


class Visit(models.Model):
    """The technical team's verification visit to the commune."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="visit")
    date = models.DateField(_("date of the visit"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="visits", verbose_name=_("team members")
    )
    agenda = models.TextField(_("agenda"))
    documents = models.TextField(_("documents to prepare"), blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scheduled_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("verification visit")
        verbose_name_plural = _("verification visits")

    def __str__(self) -> str:
        return f"{self.dossier} {self.date}"


class VerifiedAnswer(models.Model):
    """What the technical team found for one answer in one round: during the visit, or
    again at the end of the action plan (re-verification). The declared answer and the
    earlier round stay as they were; `options` is this round's choice, which may differ."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="verified_answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    round = models.CharField(
        _("verification round"), max_length=14, choices=Round.choices, default=Round.VISIT
    )
    evidence_status = models.CharField(
        _("verification sources"), max_length=12, choices=EvidenceStatus.choices
    )
    options = models.JSONField(_("verified options"), default=list, blank=True)
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
                fields=["dossier", "question", "round"], name="one_verification_per_round"
            ),
            models.CheckConstraint(
                condition=~models.Q(evidence_status=EvidenceStatus.UNVERIFIABLE)
                | ~models.Q(reason=""),
                name="unverifiable_answer_has_its_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {', '.join(self.options)}"

    @property
    def could_not_verify(self) -> bool:
        return self.evidence_status == EvidenceStatus.UNVERIFIABLE


class ComponentScore(models.Model):
    """One of the three visit components, scored on its rubric (see rubrics.py)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="component_scores")
    component = models.CharField(_("component"), max_length=20, choices=Component.choices)
    level = models.PositiveSmallIntegerField(_("level"))
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Set from the rubric level by score_component; never by hand."),
    )
    justification = models.TextField(_("justification"))
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scored_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "component"], name="one_score_per_component")
        ]

    def __str__(self) -> str:
        return f"{self.get_component_display()}: {self.score}"


class Proposal(models.Model):
    """The coordination committee's proposal to the accreditation committee."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="proposal")
    recommendation = models.CharField(_("proposal"), max_length=12, choices=Recommendation.choices)
    rules = models.JSONField(default=dict)  # the edition's rules as evaluated at that moment
    justification = models.TextField(_("justification"), blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal to the accreditation committee")

    def __str__(self) -> str:
        return self.get_recommendation_display()
