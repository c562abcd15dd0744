from django.db import models
from django.utils.translation import gettext_lazy as _


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Outcome(models.TextChoices):
    LABEL = "label", _("Label granted")
    ACTION_PLAN = "action_plan", _("Action plan")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    NOT_LABELLED = "not_labelled", _("Not labelled")


class RoundResult(models.TextChoices):
    OPEN = "open", _("Voting")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


class LabelStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    RENEWED = "renewed", _("Renewed")
    REVOKED = "revoked", _("Revoked")
