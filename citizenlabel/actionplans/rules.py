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
can_reverify = is_dossier_team_member & in_state(S.ACTION_PLAN) & has_plan
can_see_plan = can_view_dossier & has_plan
