"""Who may see and do what with a dossier. Outsiders get 404 (views use `dossier_for_user`)."""

import rules
from django.utils import timezone

from citizenlabel.people.enums import Role
from citizenlabel.people.rules import (
    is_commune_focal_point,
    is_commune_president,
    is_coordination_member,
    is_national_staff,
    is_technical_team_member,
)
from citizenlabel.people.selectors import roles_of

from .enums import DossierState


@rules.predicate
def is_dossier_focal_point(user, dossier) -> bool:
    return is_commune_focal_point(user, dossier.commune)


@rules.predicate
def is_dossier_president(user, dossier) -> bool:
    return is_commune_president(user, dossier.commune)


@rules.predicate
def is_dossier_team_member(user, dossier) -> bool:
    roles = roles_of(user)
    return roles.has(Role.TECHNICAL_TEAM) and dossier.technical_team_id in roles.team_ids


@rules.predicate
def is_draft(user, dossier) -> bool:
    return dossier.state == DossierState.DRAFT


@rules.predicate
def is_self_assessment_open(user, dossier) -> bool:
    """In self-assessment and before the (possibly extended) deadline, inclusive."""
    return dossier.state == DossierState.SELF_ASSESSMENT and (
        dossier.deadline is None or timezone.localdate() <= dossier.deadline
    )


@rules.predicate
def is_launchable(user, dossier) -> bool:
    return dossier.state == DossierState.ELIGIBLE or is_self_assessment_open(user, dossier)


@rules.predicate
def proposal_is_action_plan(user, dossier) -> bool:
    """The coordination proposed an action plan (verification.Proposal; "action_plan")."""
    proposal = getattr(dossier, "proposal", None)
    return proposal is not None and proposal.recommendation == "action_plan"


def in_state(*states: str):
    @rules.predicate(name=f"in_{'_or_'.join(states)}")
    def predicate(user, dossier) -> bool:
        return dossier.state in states

    return predicate


@rules.predicate
def is_on_members_agenda(user, dossier) -> bool:
    """An accreditation member sees a dossier once it is on the agenda of their session."""
    return (
        roles_of(user).has(Role.ACCREDITATION)
        and dossier.agenda_items.filter(session__members__user=user).exists()
    )


is_dossier_commune_member = is_dossier_focal_point | is_dossier_president
can_view_dossier = (
    is_dossier_commune_member | is_national_staff | is_dossier_team_member | is_on_members_agenda
)
can_edit_candidacy = is_dossier_commune_member & is_draft
can_submit_candidacy = is_dossier_president & is_draft
can_decide_eligibility = is_coordination_member & in_state(DossierState.CANDIDACY_SUBMITTED)
can_launch_self_assessment = is_dossier_commune_member & is_launchable
can_edit_self_assessment = is_dossier_commune_member & is_self_assessment_open
can_send_for_approval = is_dossier_commune_member & is_self_assessment_open
can_approve = is_dossier_president & in_state(DossierState.AWAITING_APPROVAL)
can_grant_extension = is_coordination_member & in_state(
    DossierState.ELIGIBLE, DossierState.SELF_ASSESSMENT, DossierState.AWAITING_APPROVAL
)
can_reopen_submission = is_coordination_member & in_state(DossierState.SUBMITTED)
can_ask_clarification = is_dossier_commune_member & is_launchable
can_answer_clarification = is_dossier_team_member | is_coordination_member
can_manage_editions = is_national_staff
can_use_clarification_inbox = is_national_staff | is_technical_team_member

rules.add_perm("dossiers.view_dossier", can_view_dossier)
rules.add_perm("dossiers.edit_candidacy", can_edit_candidacy)
rules.add_perm("dossiers.submit_candidacy", can_submit_candidacy)
rules.add_perm("dossiers.decide_eligibility", can_decide_eligibility)
rules.add_perm("dossiers.launch_self_assessment", can_launch_self_assessment)
rules.add_perm("dossiers.edit_self_assessment", can_edit_self_assessment)
rules.add_perm("dossiers.send_for_approval", can_send_for_approval)
rules.add_perm("dossiers.approve", can_approve)
rules.add_perm("dossiers.grant_extension", can_grant_extension)
rules.add_perm("dossiers.reopen_submission", can_reopen_submission)
rules.add_perm("dossiers.ask_clarification", can_ask_clarification)
rules.add_perm("dossiers.answer_clarification", can_answer_clarification)
rules.add_perm("dossiers.manage_editions", can_manage_editions)
rules.add_perm("dossiers.use_clarification_inbox", can_use_clarification_inbox)
