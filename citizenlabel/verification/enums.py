from django.db import models
from django.utils.translation import gettext_lazy as _


class SnapshotKind(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional score")
    FINAL = "final", _("Final score")
    UPDATED = "updated", _("Updated score")


class EvidenceStatus(models.TextChoices):
    SEEN = "seen", _("Seen")
    MISSING = "missing", _("Missing")
    INSUFFICIENT = "insufficient", _("Insufficient")
    # No value could be established on site (the office closed, the records elsewhere…):
    # kept with its reason, never with options; the answer then earns no points.
    UNVERIFIABLE = "unverifiable", _("Could not be verified")


class Round(models.TextChoices):
    """When an answer is verified: during the visit, then again at the end of an action plan
    for the answers the plan targeted. Declared → verified → re-verified, never overwritten."""

    VISIT = "visit", _("Verification visit")
    REVERIFICATION = "reverification", _("Re-verification")


class Component(models.TextChoices):
    """The three components of the final score scored on a rubric during the visit."""

    INFORMATION_ACCESS = (
        "information_access",
        _("Access to information during the visit and quality of the answers"),
    )
    OWNERSHIP = "ownership", _("The commune's ownership of the process")
    EQUALITY_BODY = (
        "equality_body",
        _("Mobilisation of the equality, equal-opportunity and gender body"),
    )


class DiagnosisKind(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    WEAKNESS = "weakness", _("Weakness")


class ParticipantCategory(models.TextChoices):
    COUNCIL = "council", _("Council member")
    STAFF = "staff", _("Staff")
    EQUALITY_BODY = "equality_body", _("Equality body")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    CITIZEN = "citizen", _("Citizen")


class Recommendation(models.TextChoices):
    LABEL = "label", _("Grant the label")
    ACTION_PLAN = "action_plan", _("Action plan")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
