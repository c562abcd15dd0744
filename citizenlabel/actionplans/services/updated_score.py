"""The updated score (نقطة محينة): the final score's formula on the re-verified answers,
combined with the plan's achievement rate by the edition's weight."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.services.transitions import transition_dossier
from citizenlabel.referential.scoring import ScoreResult, updated_score
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.verification.enums import SnapshotKind
from citizenlabel.verification.models import ScoreSnapshot
from citizenlabel.verification.selectors import score_of, snapshot
from citizenlabel.verification.services.scores import store_snapshot

from .. import rules as plan_rules
from ..completeness import updated_score_missing
from ..selectors import reverified_answers


@dataclass(frozen=True)
class UpdatedScore:
    result: ScoreResult  # the questionnaire on the re-verified answers
    answers: dict[str, list[str]]
    components: dict  # the final score's components, its questionnaire replaced
    overall: Fraction


def updated_score_of(dossier: Dossier, final: ScoreSnapshot, achievement_rate) -> UpdatedScore:
    """The final score's formula on the re-verified answers, with the plan's achievement."""
    spec = referential_spec(dossier.edition.referential)
    answers = reverified_answers(dossier)
    result = score_of(spec, answers)
    components = {k: Decimal(str(v)) for k, v in final.components.items()}
    components["questionnaire"] = Fraction(result.overall or 0)
    overall = updated_score(
        components,
        dossier.edition.component_weights(),
        achievement_rate,
        dossier.edition.achievement_weight,
    )
    return UpdatedScore(result, answers, components, overall)


@transaction.atomic
def record_updated_score(*, dossier: Dossier, by) -> ScoreSnapshot:
    """Store the updated score once the plan is evaluated and every targeted answer
    re-verified (or marked); the dossier returns to the accreditation committee."""
    if not plan_rules.can_evaluate_plan(by, dossier):
        raise PermissionDenied
    final = snapshot(dossier, SnapshotKind.FINAL)
    if final is None:
        raise ValidationError(_("The dossier has no final score to update."))
    if missing := updated_score_missing(dossier):
        raise ValidationError([item.message for item in missing])
    rate = dossier.action_plan.evaluation.achievement_rate
    score = updated_score_of(dossier, final, rate)
    stored = store_snapshot(
        dossier,
        SnapshotKind.UPDATED,
        score.result,
        score.answers,
        overall=score.overall,
        components={**score.components, "achievement": rate},
        by=by,
    )
    # store_snapshot keeps the four component weights only; the achievement weight is part of
    # this score too, so it is kept with it (the page reads it back, never the edition's).
    stored.weights = {**stored.weights, "achievement": float(dossier.edition.achievement_weight)}
    stored.save(update_fields=["weights"])
    transition_dossier(dossier, to=DossierState.PLAN_EVALUATED, by=by)
    return stored
