"""Who convenes, votes and decides; committee members see only their sessions' dossiers."""

import rules

from citizenlabel.people.rules import is_accreditation_member, is_national_staff

can_convene_session = is_national_staff


@rules.predicate
def is_session_member(user, session) -> bool:
    return session.members.filter(user=user).exists()


can_see_session = is_national_staff | (is_accreditation_member & is_session_member)
can_vote_in_session = is_accreditation_member & is_session_member

rules.add_perm("accreditation.convene", can_convene_session)
rules.add_perm("accreditation.sit", is_accreditation_member)
