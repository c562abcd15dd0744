"""The dossier's state machine: one table, one function that changes a state."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from citizenlabel.people.rules import is_accreditation_member, is_coordination_member

from .. import rules as dossier_rules
from ..enums import DossierState as S
from ..models import Dossier, DossierEvent
from . import notifications

# (from, to) -> who may make that move. A move absent from this table is impossible.
TRANSITIONS = {
    (S.DRAFT, S.CANDIDACY_SUBMITTED): dossier_rules.is_dossier_president,
    (S.CANDIDACY_SUBMITTED, S.ELIGIBLE): is_coordination_member,
    (S.CANDIDACY_SUBMITTED, S.INELIGIBLE): is_coordination_member,
    (S.ELIGIBLE, S.SELF_ASSESSMENT): dossier_rules.is_dossier_commune_member,
    (S.SELF_ASSESSMENT, S.AWAITING_APPROVAL): dossier_rules.is_dossier_commune_member,
    (S.AWAITING_APPROVAL, S.SELF_ASSESSMENT): dossier_rules.is_dossier_president,
    (S.AWAITING_APPROVAL, S.SUBMITTED): dossier_rules.is_dossier_president,
    (S.SUBMITTED, S.SELF_ASSESSMENT): is_coordination_member,  # a recorded reopening
    (S.SUBMITTED, S.PROVISIONALLY_SCORED): is_coordination_member,
    (S.PROVISIONALLY_SCORED, S.VERIFICATION): is_coordination_member,  # the visit is scheduled
    (S.VERIFICATION, S.VERIFIED): dossier_rules.is_dossier_team_member,  # the final score
    # The plan may open on the coordination's proposal, before the committee's decision.
    (S.VERIFIED, S.ACTION_PLAN): (
        (dossier_rules.is_dossier_commune_member | dossier_rules.is_dossier_team_member)
        & dossier_rules.proposal_is_action_plan
    )
    | is_accreditation_member,
    (S.ACTION_PLAN, S.PLAN_EVALUATED): dossier_rules.is_dossier_team_member,  # updated score
    # The accreditation committee's decisions (accreditation.services.decisions.decide).
    (S.VERIFIED, S.LABELLED): is_accreditation_member,
    (S.VERIFIED, S.WITHDRAWN): is_accreditation_member,
    (S.PLAN_EVALUATED, S.LABELLED): is_accreditation_member,
    (S.PLAN_EVALUATED, S.NOT_LABELLED): is_accreditation_member,
}


class TransitionRefused(PermissionDenied):
    pass


@transaction.atomic
def transition_dossier(dossier: Dossier, *, to: str, by, note: str = "") -> DossierEvent:
    """Move the dossier to `to` if the table allows it for `by`; record it; notify."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    rule = TRANSITIONS.get((locked.state, to))
    if rule is None or not rule.test(by, locked):
        message = _("This dossier cannot go from “%(source)s” to “%(target)s”.")
        raise TransitionRefused(message % {"source": S(locked.state).label, "target": S(to).label})
    event = DossierEvent.objects.create(
        dossier=locked, from_state=locked.state, to_state=to, by=by, note=note
    )
    locked.state = to
    locked.save(update_fields=["state"])
    dossier.state = to
    notifications.notify_transition(event)
    return event
