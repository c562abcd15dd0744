"""Who may review, verify and score a dossier. The team sees only its own dossiers."""

import rules
from django.utils import timezone

from citizenlabel.dossiers.enums import DossierState as S
from citizenlabel.dossiers.rules import (
    can_view_dossier,
    in_state,
    is_dossier_commune_member,
    is_dossier_team_member,
    is_on_members_agenda,
)
from citizenlabel.people.rules import is_coordination_member, is_national_staff


@rules.predicate
def results_published(user, dossier) -> bool:
    return dossier.results_published_at is not None


@rules.predicate
def has_visit(user, dossier) -> bool:
    return hasattr(dossier, "visit")


@rules.predicate
def visit_day_reached(user, dossier) -> bool:
    """Nothing found on a visit is recorded before the visit's day."""
    visit = getattr(dossier, "visit", None)
    return visit is not None and timezone.localdate() >= visit.date


@rules.predicate
def has_action_plan(user, dossier) -> bool:
    return hasattr(dossier, "action_plan")


can_manage_teams = is_national_staff
can_review_answers = is_coordination_member & in_state(S.SUBMITTED)
can_record_provisional_score = is_coordination_member & in_state(S.SUBMITTED)
can_assign_team = is_coordination_member & in_state(
    S.SUBMITTED, S.PROVISIONALLY_SCORED, S.VERIFICATION
)
can_schedule_visit = is_coordination_member & in_state(S.PROVISIONALLY_SCORED, S.VERIFICATION)
can_verify = is_dossier_team_member & in_state(S.VERIFICATION) & has_visit & visit_day_reached
can_record_final_score = can_verify
# The re-verification round: the assigned team, while the plan is evaluated.
can_reverify = is_dossier_team_member & in_state(S.ACTION_PLAN) & has_action_plan
can_see_reverification = can_view_dossier & has_action_plan  # read on the plan's evaluation
can_publish_results = is_coordination_member & in_state(S.VERIFIED) & ~results_published
can_prepare_proposal = is_coordination_member & in_state(S.VERIFIED)
can_see_verification = (
    is_national_staff
    | is_dossier_team_member
    | is_on_members_agenda  # the accreditation committee reads the file it deliberates on
    | (is_dossier_commune_member & results_published)
)

rules.add_perm("verification.manage_teams", can_manage_teams)
rules.add_perm("verification.review", is_coordination_member)

# -- teams, review inbox, study, provisional score, visit --
# The study is the coordination's work on the file: its team reads it, the commune does not.
can_use_review_inbox = is_national_staff
can_see_study = is_national_staff | is_dossier_team_member
can_see_visit = is_national_staff | is_dossier_team_member | is_dossier_commune_member

rules.add_perm("verification.use_review_inbox", can_use_review_inbox)
rules.add_perm("verification.view_study", can_see_study)
rules.add_perm("verification.view_visit", can_see_visit)

# -- final score, report, publication, proposal --
# The proposal is the committees' business: the commune does not read it, the team does.
can_see_proposal = is_national_staff | is_dossier_team_member
# The dossier overview links to these pages only once there is something to read on them.
verification_started = in_state(
    S.VERIFICATION,
    S.VERIFIED,
    S.LABELLED,
    S.ACTION_PLAN,
    S.WITHDRAWN,
    S.PLAN_EVALUATED,
    S.NOT_LABELLED,
)
final_score_recorded = in_state(
    S.VERIFIED, S.LABELLED, S.ACTION_PLAN, S.WITHDRAWN, S.PLAN_EVALUATED, S.NOT_LABELLED
)

rules.add_perm("verification.see_results", can_see_verification)
rules.add_perm("verification.record_final_score", can_record_final_score)
rules.add_perm("verification.publish_results", can_publish_results)
rules.add_perm("verification.see_proposal", can_see_proposal)
rules.add_perm("verification.prepare_proposal", can_prepare_proposal)
rules.add_perm("verification.link_results", can_see_verification & verification_started)
rules.add_perm("verification.link_proposal", can_see_proposal & final_score_recorded)

# -- on-site verification, components, diagnosis --
# The coordination's review notes are internal: the team reads them, the commune does not.
can_see_review_notes = is_national_staff | is_dossier_team_member

rules.add_perm("verification.verify", can_verify)
