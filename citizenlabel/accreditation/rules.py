"""Who convenes, votes and decides; committee members see only their sessions' dossiers."""

import rules
from django.utils import timezone

from citizenlabel.dossiers.rules import is_dossier_commune_member
from citizenlabel.people.enums import COMMUNE_ROLES
from citizenlabel.people.rules import is_accreditation_member, is_national_staff
from citizenlabel.people.selectors import roles_of

from .enums import LabelStatus

can_convene_session = is_national_staff


@rules.predicate
def is_session_member(user, session) -> bool:
    return session.members.filter(user=user).exists()


can_see_session = is_national_staff | (is_accreditation_member & is_session_member)
can_vote_in_session = is_accreditation_member & is_session_member

rules.add_perm("accreditation.convene", can_convene_session)
rules.add_perm("accreditation.sit", is_accreditation_member)

# -- labels, certificates, public verification, revocation, renewal --


@rules.predicate
def is_label_commune_member(user, label) -> bool:
    """The focal points and the president of the labelled commune."""
    roles = roles_of(user)
    return any(roles.holds_for_commune(role, label.commune_id) for role in COMMUNE_ROLES)


@rules.predicate
def is_commune_member_anywhere(user) -> bool:
    return any(roles_of(user).communes.get(role) for role in COMMUNE_ROLES)


@rules.predicate
def is_label_active(user, label) -> bool:
    return label.status == LabelStatus.ACTIVE


can_list_labels = is_national_staff | is_accreditation_member | is_commune_member_anywhere
can_view_label = is_national_staff | is_accreditation_member | is_label_commune_member
can_revoke_labels = is_national_staff
can_revoke_label = can_revoke_labels & is_label_active

rules.add_perm("accreditation.list_labels", can_list_labels)
rules.add_perm("accreditation.view_label", can_view_label)
rules.add_perm("accreditation.revoke_label", can_revoke_label)

# -- sessions, agenda, attendance, votes, decisions, minutes --
# The item predicates read the session's seats, recusals and decision through `.all()` and
# the reverse one-to-one, so a page that prefetched them asks the database nothing more.


def seat_of(user, item):
    """The user's seat in the item's session, or None."""
    return next((m for m in item.session.members.all() if m.user_id == user.pk), None)


@rules.predicate
def session_has_decision(user, session) -> bool:
    return session.agenda.filter(decision__isnull=False).exists()


@rules.predicate
def is_item_session_member(user, item) -> bool:
    return seat_of(user, item) is not None


@rules.predicate
def is_present_at_item(user, item) -> bool:
    seat = seat_of(user, item)
    return seat is not None and seat.present


@rules.predicate
def is_recused_from_item(user, item) -> bool:
    seat = seat_of(user, item)
    return seat is not None and any(r.member_id == seat.pk for r in item.recusals.all())


@rules.predicate
def item_is_decided(user, item) -> bool:
    return hasattr(item, "decision")


@rules.predicate
def session_day_has_come(user, session) -> bool:
    """Attendance, votes and decisions are taken on the session's day or after."""
    return timezone.localdate() >= session.date


@rules.predicate
def item_day_has_come(user, item) -> bool:
    return session_day_has_come(user, item.session)


@rules.predicate
def item_is_postponed(user, item) -> bool:
    return item.postponed_at is not None


@rules.predicate
def is_item_recorder(user, item) -> bool:
    """The session's chair or secretary: they record the outcome of each vote."""
    return user.pk is not None and user.pk in (item.session.chair_id, item.session.secretary_id)


@rules.predicate
def can_see_item_session(user, item) -> bool:
    return can_see_session(user, item.session)


@rules.predicate
def is_item_commune_member(user, item) -> bool:
    return is_dossier_commune_member(user, item.dossier)


can_list_sessions = can_convene_session | is_accreditation_member
can_change_session = can_convene_session & ~session_has_decision
can_record_attendance = can_convene_session & ~session_has_decision & session_day_has_come
is_item_sitter = is_accreditation_member & is_item_session_member
can_declare_conflict = is_item_sitter & ~item_is_decided & ~is_recused_from_item
can_vote_on_item = (
    is_item_sitter
    & is_present_at_item
    & ~is_recused_from_item
    & ~item_is_decided
    & ~item_is_postponed
    & item_day_has_come
)
can_decide_item = can_vote_on_item & is_item_recorder
can_read_decision_letter = item_is_decided & (can_see_item_session | is_item_commune_member)
