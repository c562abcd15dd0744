from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citizenlabel.common.fields import BilingualTextField
from citizenlabel.common.texts import translated
from citizenlabel.referential.models import Referential
from citizenlabel.territory.models import Commune

from ..enums import Phase

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def _weight(label: str, default: int) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        default=default,
        validators=[MinValueValidator(Decimal("0.01"))],
    )


class Edition(models.Model):
    """A cycle of the label. Every number the programme leaves open is a setting here."""

    name = BilingualTextField(_("name"))
    referential = models.ForeignKey(
        Referential,
        on_delete=models.PROTECT,
        related_name="editions",
        verbose_name=_("referential version"),
    )
    target_communes = models.ManyToManyField(
        Commune, blank=True, related_name="editions", verbose_name=_("target communes")
    )
    self_assessment_weeks = models.PositiveSmallIntegerField(
        _("self-assessment window (weeks)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    weight_questionnaire = _weight(_("weight of the verified questionnaire"), 70)
    weight_information_access = _weight(_("weight of access to information"), 10)
    weight_ownership = _weight(_("weight of the ownership of the process"), 10)
    weight_equality_body = _weight(_("weight of the equality body's mobilisation"), 10)
    achievement_weight = models.DecimalField(
        _("weight of the action plan's achievement in the updated score"),
        max_digits=5,
        decimal_places=2,
        default=30,
        validators=PERCENT,
    )
    label_threshold = models.DecimalField(
        _("label threshold (%)"), max_digits=5, decimal_places=2, default=70, validators=PERCENT
    )
    principle_floor = models.DecimalField(
        _("minimum per principle (%)"),
        max_digits=5,
        decimal_places=2,
        default=50,
        validators=PERCENT,
    )
    label_validity_months = models.PositiveSmallIntegerField(
        _("label validity (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    chair_casting_vote = models.BooleanField(
        _("the chair's vote decides a tie"),
        default=False,
        help_text=_(
            "When the votes for and against are equal, the proposal is rejected unless this "
            "is ticked: then the side the session's chair voted for wins."
        ),
    )
    call_opened_at = models.DateTimeField(
        _("call for candidacies opened"),
        null=True,
        blank=True,
        help_text=_("Set by open_call_for_candidacies; never by hand."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self) -> str:
        return translated(self.name)

    def component_weights(self) -> dict[str, Decimal]:
        return {
            "questionnaire": self.weight_questionnaire,
            "information_access": self.weight_information_access,
            "ownership": self.weight_ownership,
            "equality_body": self.weight_equality_body,
        }


class EditionPhase(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "phase"], name="unique_edition_phase")
        ]
        verbose_name = _("phase")
        verbose_name_plural = _("calendar")

    def __str__(self) -> str:
        return self.get_phase_display()


class EligibilityCondition(models.Model):
    """A condition of the edition's eligibility checklist."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="eligibility_conditions"
    )
    text = BilingualTextField(_("condition"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["edition", "position"]
        verbose_name = _("eligibility condition")
        verbose_name_plural = _("eligibility conditions")

    def __str__(self) -> str:
        return translated(self.text)
