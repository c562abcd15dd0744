from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citizenlabel.people.models import TechnicalTeam
from citizenlabel.territory.models import Commune

from ..enums import DossierState
from .editions import Edition, EligibilityCondition


class Dossier(models.Model):
    """One commune in one edition. Its state changes only through `transition_dossier`."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="dossiers")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="dossiers")
    state = models.CharField(
        _("state"), max_length=30, choices=DossierState.choices, default=DossierState.DRAFT
    )
    technical_team = models.ForeignKey(
        TechnicalTeam,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("technical team"),
    )
    deadline = models.DateField(
        _("self-assessment deadline"),
        null=True,
        blank=True,
        help_text=_("Set when the self-assessment opens and by recorded extensions only."),
    )
    eligibility_reason = models.TextField(_("reason of the eligibility decision"), blank=True)
    return_comment = models.TextField(_("president's comment on returning the file"), blank=True)
    results_published_at = models.DateTimeField(
        _("verification results published"),
        null=True,
        blank=True,
        help_text=_("Set by publish_verification_results; never by hand."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "commune"], name="one_dossier_per_edition")
        ]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self) -> str:
        return f"{self.commune} — {self.edition}"

    @property
    def shows_deadline(self) -> bool:
        """The self-assessment deadline matters until the file is submitted, not after."""
        return self.deadline is not None and self.state in (
            DossierState.ELIGIBLE,
            DossierState.SELF_ASSESSMENT,
            DossierState.AWAITING_APPROVAL,
            DossierState.SUBMITTED,
        )

    @property
    def days_left(self) -> int | None:
        """Days until the deadline; 0 on its last day, negative once it has passed."""
        return None if self.deadline is None else (self.deadline - timezone.localdate()).days


class DossierEvent(models.Model):
    """A state change of a dossier: who, when, from, to, why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=30, choices=DossierState.choices)
    to_state = models.CharField(max_length=30, choices=DossierState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["dossier", "at", "pk"]
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class EligibilityCheck(models.Model):
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="eligibility_checks"
    )
    condition = models.ForeignKey(EligibilityCondition, on_delete=models.PROTECT)
    met = models.BooleanField(_("met"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "condition"], name="one_check_per_condition")
        ]

    def __str__(self) -> str:
        return f"{self.condition}: {self.met}"


class DeadlineExtension(models.Model):
    """A recorded extension of the self-assessment window, granted by the coordination."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="extensions")
    previous_deadline = models.DateField(_("previous deadline"), null=True)
    new_deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "granted_at"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")

    def __str__(self) -> str:
        return str(self.new_deadline)
