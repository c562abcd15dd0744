"""Who may open, edit, follow and evaluate an action plan."""

import rules

from citizenlabel.dossiers.enums import DossierState as S
from citizenlabel.dossiers.rules import (
    can_view_dossier,
    in_state,
    is_dossier_commune_member,
    is_dossier_team_member,
    proposal_is_action_plan,
)
from citizenlabel.people.rules import is_national_staff
from citizenlabel.verification.rules import results_published


@rules.predicate
def has_plan(user, dossier) -> bool:
    return hasattr(dossier, "action_plan")


plan_can_start = in_state(S.ACTION_PLAN) | (in_state(S.VERIFIED) & proposal_is_action_plan)
can_open_plan = (is_dossier_commune_member | is_dossier_team_member) & plan_can_start & ~has_plan
can_edit_plan = is_dossier_commune_member & in_state(S.ACTION_PLAN) & has_plan
can_follow_plan = is_dossier_team_member & in_state(S.ACTION_PLAN) & has_plan
can_record_measurement = (
    (is_dossier_commune_member | is_dossier_team_member) & in_state(S.ACTION_PLAN) & has_plan
)
can_evaluate_plan = is_dossier_team_member & in_state(S.ACTION_PLAN) & has_plan
can_see_plan = can_view_dossier & has_plan

# -- evaluation, re-verification, updated score --


@rules.predicate
def has_evaluation(user, dossier) -> bool:
    plan = getattr(dossier, "action_plan", None)
    return plan is not None and hasattr(plan, "evaluation")


can_see_evaluation = can_see_plan
can_record_updated_score = can_evaluate_plan & has_evaluation

# -- plan: draft, what-if, logical framework, activities --
# The draft shows the verified answers and score: the commune reads it once the results are
# published (or its plan is open); staff and the dossier's team always.
can_see_draft = (
    is_national_staff
    | is_dossier_team_member
    | (is_dossier_commune_member & (results_published | has_plan))
)

rules.add_perm("actionplans.link_draft", can_see_draft & (plan_can_start | has_plan))
rules.add_perm("actionplans.link_plan", can_see_plan)
