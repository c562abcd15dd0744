"""The evaluation at the end of the plan. Its answers are re-verified by the verification's
re-verification round (verification/services/verify.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citizenlabel.dossiers.models import Dossier
from citizenlabel.verification.services.verify import evaluation_closed_message

from .. import rules as plan_rules
from ..enums import EffectKind
from ..models import ActionPlan, Effect, PlanEvaluation
from ..selectors_evaluation import plan_achievement


def _check(predicate, by, dossier: Dossier) -> None:
    if not predicate(by, dossier):
        raise PermissionDenied(evaluation_closed_message(by, dossier))


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
