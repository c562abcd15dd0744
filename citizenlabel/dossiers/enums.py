from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """The 13 rows of the programme's timeline (الجدولة الزمنية), in order."""

    CALL_FOR_CANDIDACIES = "call", _("Call for candidacies")
    CANDIDACY = "candidacy", _("Commune candidacy")
    ELIGIBILITY = "eligibility", _("Study of candidacies and eligibility")
    TRAINING = "training", _("Training on self-assessment")
    SELF_ASSESSMENT = "self_assessment", _("Carrying out the self-assessment")
    FILE_STUDY = "file_study", _("Study of self-assessment files")
    VERIFICATION = "verification", _("Verification")
    RESULTS = "results", _("Publication of verification results")
    FIRST_DELIBERATION = "deliberation_1", _("Accreditation committee deliberation")
    PLAN_LAUNCH = "plan_launch", _("Launch of the action plan")
    PLAN_EVALUATION = "plan_evaluation", _("Evaluation of the action plan")
    SECOND_DELIBERATION = "deliberation_2", _("Second accreditation committee deliberation")
    NEXT_CALL = "next_call", _("Call for candidacies of the next edition")


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Candidacy in preparation")
    CANDIDACY_SUBMITTED = "candidacy_submitted", _("Candidacy submitted")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment in progress")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the president's approval")
    SUBMITTED = "submitted", _("Submitted")
    PROVISIONALLY_SCORED = "provisionally_scored", _("Provisionally scored")
    VERIFICATION = "verification", _("Verification")
    VERIFIED = "verified", _("Verified")
    LABELLED = "labelled", _("Labelled")
    ACTION_PLAN = "action_plan", _("Action plan")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    PLAN_EVALUATED = "plan_evaluated", _("Action plan evaluated")
    NOT_LABELLED = "not_labelled", _("Not labelled")


# States in which the commune may still change its candidacy or its self-assessment.
CANDIDACY_EDITABLE = frozenset({DossierState.DRAFT})
SELF_ASSESSMENT_EDITABLE = frozenset({DossierState.ELIGIBLE, DossierState.SELF_ASSESSMENT})


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")


class MemberKind(models.TextChoices):
    COUNCIL = "council", _("Council member")
    STAFF = "staff", _("Staff")


class ClarificationStatus(models.TextChoices):
    OPEN = "open", _("Awaiting an answer")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
