"""The evaluation at the end of the plan and the re-verification of the answers it targeted.
The declared and verified answers are only read: the re-verified value is kept beside them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from citizenlabel.common.problems import InvalidInput, Problem
from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.models import Answer, Dossier
from citizenlabel.dossiers.rules import is_dossier_team_member
from citizenlabel.referential.models import Question
from citizenlabel.referential.scoring import question_answer_problems
from citizenlabel.referential.selectors import question_spec
from citizenlabel.verification.enums import EvidenceStatus
from citizenlabel.verification.models import VerifiedAnswer

from .. import rules as plan_rules
from ..enums import EffectKind
from ..models import ActionPlan, Effect, PlanEvaluation, ResultTarget, ReverifiedAnswer
from ..selectors_evaluation import differs, plan_achievement


class StaleReverification(Exception):
    """Someone saved this re-verification since the form was loaded; nothing was written.
    `current` is None only when the form claimed a version that never existed."""

    def __init__(self, current: ReverifiedAnswer | None):
        self.current = current
        super().__init__(f"re-verification at version {getattr(current, 'version', 0)}")


def not_open_message(user, dossier: Dossier) -> str:
    """Why this user cannot evaluate or re-verify this dossier now."""
    if not is_dossier_team_member(user, dossier):
        return _(
            "Only the dossier's technical team evaluates the plan and re-verifies the answers: "
            "nothing was changed."
        )
    if dossier.state == DossierState.PLAN_EVALUATED:
        return _("The updated score is recorded: the evaluation is closed and nothing was changed.")
    return _("The plan is not open for evaluation: nothing was changed.")


def _check(predicate, by, dossier: Dossier) -> None:
    if not predicate(by, dossier):
        raise PermissionDenied(not_open_message(by, dossier))


# --- the evaluation ---------------------------------------------------------------------


def _effect_problems(effects: list[Effect]) -> dict[str, list[str]]:
    errors: list[str] = []
    for number, effect in enumerate(effects, start=1):
        if effect.kind not in EffectKind.values:
            errors.append(_("Effect %(number)s: choose its kind.") % {"number": number})
        if not (effect.text or "").strip():
            errors.append(_("Effect %(number)s: describe it.") % {"number": number})
    return {"effects": errors} if errors else {}


@transaction.atomic
def evaluate_action_plan(
    *,
    plan: ActionPlan,
    activities_summary: str,
    results_obtained: str,
    narrative: str,
    effects: list[Effect],
    by,
) -> PlanEvaluation:
    """Store (or update) the evaluation with the achievement rate computed from the
    activities, and replace its structured effects. History keeps every version."""
    dossier = Dossier.objects.select_for_update().get(pk=plan.dossier_id)
    _check(plan_rules.can_evaluate_plan, by, dossier)
    evaluation = PlanEvaluation.objects.filter(plan=plan).first() or PlanEvaluation(plan=plan)
    evaluation.activities_summary = activities_summary.strip()
    evaluation.results_obtained = results_obtained.strip()
    evaluation.narrative = narrative.strip()
    evaluation.achievement_rate = plan_achievement(plan).rate  # never typed by anyone
    evaluation.evaluated_by = by
    evaluation._history_user = by
    errors = _effect_problems(effects)
    try:
        evaluation.full_clean()
    except ValidationError as invalid:
        errors = {**invalid.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    evaluation.save()
    evaluation.effects.all().delete()
    for effect in effects:
        effect.evaluation, effect.text = evaluation, effect.text.strip()
        effect.full_clean()
    Effect.objects.bulk_create(effects)
    return evaluation


# --- the re-verification ----------------------------------------------------------------


def verified_options(dossier: Dossier, question: Question) -> list[str]:
    """The verified value; an answer the team did not verify kept its declared one."""
    verified = VerifiedAnswer.objects.filter(dossier=dossier, question=question).first()
    if verified is not None:
        return list(verified.options)
    declared = Answer.objects.filter(dossier=dossier, question=question).first()
    return list(declared.options) if declared else []


def _problems(question, evidence_status, options, reason, verified) -> list[Problem]:
    place = _('question "%(code)s"') % {"code": question.code}
    if evidence_status == EvidenceStatus.UNVERIFIABLE:
        if reason:
            return []
        return [Problem(place, _("Say why this answer could not be re-verified."))]
    problems = []
    if evidence_status not in EvidenceStatus.values:
        message = _("Say whether the verification sources were seen, missing or insufficient.")
        problems.append(Problem(place, message))
    if not options:
        return [*problems, Problem(place, _("Choose the re-verified option."))]
    spec = question_spec(question)
    value = options if spec.kind == "multiple" or len(options) > 1 else options[0]
    if option_problems := question_answer_problems(spec, value):  # options not the question's
        return [*problems, *option_problems]
    if differs(options, verified) and not reason:
        message = _("Give the reason: the re-verified answer differs from the verified one.")
        problems.append(Problem(place, message))
    return problems


def _check_targeted(dossier: Dossier, question: Question) -> None:
    if question.referential_id != dossier.edition.referential_id:
        raise PermissionDenied(_("This question is not in the referential of this edition."))
    if not ResultTarget.objects.filter(result__plan__dossier=dossier, question=question).exists():
        place = _('question "%(code)s"') % {"code": question.code}
        message = _("The action plan does not target this question: it is not re-verified.")
        raise InvalidInput([Problem(place, message)])


@transaction.atomic
def record_reverified_answer(
    *,
    dossier: Dossier,
    question: Question,
    evidence_status: str,
    options: list[str],
    reason: str,
    seen_version: int,
    by,
) -> ReverifiedAnswer:
    """Save the team's re-verification if nobody saved it since `seen_version` (0: never).
    Marked "could not be verified", it keeps its reason and no option; the verified value
    then stands. The declared and verified answers are only read."""
    _check(plan_rules.can_reverify, by, dossier)
    _check_targeted(dossier, question)
    reason = reason.strip()
    verified = verified_options(dossier, question)
    if problems := _problems(question, evidence_status, options, reason, verified):
        raise InvalidInput(problems)
    if evidence_status == EvidenceStatus.UNVERIFIABLE:
        options = []
    row = (
        ReverifiedAnswer.objects.select_for_update()
        .filter(dossier=dossier, question=question)
        .first()
    )
    if (row.version if row else 0) != seen_version:
        raise StaleReverification(row)
    row = row or ReverifiedAnswer(dossier=dossier, question=question, version=0)
    row.evidence_status, row.options, row.reason = evidence_status, list(options), reason
    row.verified_by, row.version = by, row.version + 1
    row._history_user = by
    row.full_clean(validate_unique=False, validate_constraints=False)  # the lock above
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # a first re-verification saved at the same moment by someone else
        raise StaleReverification(
            ReverifiedAnswer.objects.filter(dossier=dossier, question=question).first()
        ) from None
    return row
