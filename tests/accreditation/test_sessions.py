"""Deliberation sessions, the services: convening (members, chair, secretary, agenda),
conflicts of interest and attendance. The pages are in test_session_pages.py, the votes in
test_decisions.py and test_votes.py; the builders they share are in
tests/factories/accreditation.py."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.accreditation.models import (
    Decision,
    DeliberationSession,
    Recusal,
    Vote,
    VoteRound,
)
from citizenlabel.accreditation.services.decisions import close_round, record_vote
from citizenlabel.accreditation.services.sessions import (
    add_agenda_item,
    convene_session,
    declare_conflict,
    record_attendance,
    remove_agenda_item,
)
from citizenlabel.people.enums import Role
from tests.factories import (
    CommuneFactory,
    DossierFactory,
    commune_people,
    coordination_member,
    team_member,
    user_with_role,
)
from tests.factories.accreditation import (
    committee,
    convened,
    counts,
    item_votes,
    messages_of,
    quorum_message,
    ready_dossier,
    vote_and_close,
)

pytestmark = pytest.mark.django_db


# --- convening -----------------------------------------------------------------------------


def test_convening_puts_each_dossier_on_the_agenda_with_its_proposal_as_it_stands():
    dossier = ready_dossier(rules_met=True)
    session, members, coordination = convened(dossiers=[dossier])
    item = session.agenda.get()
    final = dossier.snapshots.get(kind="final")
    assert (session.convened_by, session.chair, session.secretary) == (
        coordination,
        members[0],
        members[1],
    )
    assert sorted(session.members.values_list("user_id", flat=True)) == sorted(
        m.pk for m in members
    )
    assert (item.proposal["recommendation"], item.proposal["kind"]) == ("label", "final")
    assert (item.proposal["score"], item.proposal["snapshot"]) == (92.5, final.pk)
    rules = item.proposal["rules"]
    assert (rules["all_met"], rules["threshold"], rules["floor"], rules["score"]) == (
        True,
        70.0,
        50.0,
        92.5,
    )
    assert all(floor["met"] for floor in rules["floors"]) and rules["floors"]
    # The first vote is open on the proposal.
    assert list(item.rounds.values_list("number", "outcome", "result", "opened_by")) == [
        (1, "label", "open", coordination.pk)
    ]


def test_after_an_action_plan_the_agenda_reads_the_updated_score():
    dossier = ready_dossier(state="plan_evaluated", rules_met=True)
    session, _members, _coordination = convened(dossiers=[dossier])
    proposal = session.agenda.get().proposal
    updated = dossier.snapshots.get(kind="updated")
    assert (proposal["kind"], proposal["score"], proposal["snapshot"]) == (
        "updated",
        74.5,
        updated.pk,
    )
    assert (proposal["recommendation"], proposal["rules"]["all_met"]) == ("label", True)
    failing = ready_dossier(dossier.edition, state="plan_evaluated", rules_met=False)
    item = add_agenda_item(session=session, dossier=failing, by=coordination_member())
    assert (item.proposal["recommendation"], item.position) == ("not_labelled", 1)
    assert list(item.rounds.values_list("outcome", flat=True)) == ["not_labelled"]


BAD_SESSIONS = {
    "outsider_invited": "members",
    "quorum_too_high": "quorum",
    "other_edition": "dossiers",
    "not_ready": "dossiers",
    "no_dossier": "dossiers",
    "nobody": "members",
    "no_chair": "chair",
    "chair_not_invited": "chair",
    "secretary_not_invited": "secretary",
}


@pytest.mark.parametrize("problem", list(BAD_SESSIONS))
def test_a_bad_session_is_refused_and_nothing_is_written(problem):
    dossier = ready_dossier()
    members, dossiers, quorum = committee(2), [dossier], 2
    chair, secretary = members[0], None
    if problem == "outsider_invited":
        members.append(team_member(dossier))
    elif problem == "quorum_too_high":
        quorum = 3
    elif problem == "other_edition":
        dossiers.append(ready_dossier())
    elif problem == "not_ready":
        dossiers.append(DossierFactory(edition=dossier.edition, state="verified"))
    elif problem == "no_dossier":
        dossiers = []
    elif problem == "nobody":
        members = []
    elif problem == "no_chair":
        chair = None
    elif problem == "chair_not_invited":
        chair = user_with_role(Role.ACCREDITATION)
    else:
        secretary = user_with_role(Role.ACCREDITATION)
    session = DeliberationSession(
        edition=dossier.edition,
        date=timezone.localdate(),
        place="فاس",
        quorum=quorum,
        chair=chair,
        secretary=secretary,
    )
    before = counts()
    with pytest.raises(ValidationError) as refused:
        convene_session(
            session=session, members=members, dossiers=dossiers, by=coordination_member()
        )
    assert counts() == before
    assert list(refused.value.message_dict) == [BAD_SESSIONS[problem]]


def test_only_the_coordination_convenes():
    dossier = ready_dossier()
    members = committee(1)
    session = DeliberationSession(
        edition=dossier.edition, date=timezone.localdate(), place="x", quorum=1, chair=members[0]
    )
    for who in (
        user_with_role(Role.ACCREDITATION),
        team_member(dossier),
        commune_people(dossier)[0],
    ):
        with pytest.raises(PermissionDenied):
            convene_session(session=session, members=members, dossiers=[dossier], by=who)
    assert DeliberationSession.objects.count() == 0


def test_the_agenda_changes_until_the_first_decision():
    first = ready_dossier()
    second = ready_dossier(first.edition)
    session, members, coordination = convened(dossiers=[first])
    convene_session(session=session, members=members, dossiers=[second], by=coordination)
    assert list(session.agenda.values_list("dossier_id", flat=True)) == [second.pk]
    item = session.agenda.get()
    vote_and_close(item, {members[0]: "for", members[1]: "for"}, by=members[0])
    assert Decision.objects.get().item == item
    with pytest.raises(ValidationError) as refused:
        convene_session(session=session, members=members, dossiers=[first, second], by=coordination)
    assert messages_of(refused) == [_("This session has decisions: it can no longer be changed.")]
    with pytest.raises(ValidationError):
        remove_agenda_item(item=item, by=coordination)
    with pytest.raises(ValidationError):
        add_agenda_item(session=session, dossier=first, by=coordination)
    assert list(session.agenda.values_list("dossier_id", flat=True)) == [second.pk]


def test_a_member_who_voted_stays_invited():
    session, members, coordination = convened()
    record_vote(item=session.agenda.get(), choice="for", by=members[2])
    dossier = session.agenda.get().dossier
    with pytest.raises(ValidationError) as refused:
        convene_session(session=session, members=members[:2], dossiers=[dossier], by=coordination)
    assert refused.value.message_dict == {
        "members": [_("%(member)s has already voted: they stay invited.") % {"member": members[2]}]
    }
    assert session.members.count() == 3


# --- conflicts of interest -------------------------------------------------------------


def test_a_member_from_the_dossiers_commune_or_province_is_recused_by_the_platform():
    dossier = ready_dossier()
    neighbour = CommuneFactory(province=dossier.commune.province)
    same_commune, same_province, free, other = committee(4)
    user_with_role(Role.FOCAL_POINT, commune=dossier.commune).memberships.update(user=same_commune)
    user_with_role(Role.PRESIDENT, commune=neighbour).memberships.update(user=same_province)
    session, _members, _c = convened(
        dossiers=[dossier], members=[free, other, same_commune, same_province]
    )
    recused = dict(Recusal.objects.values_list("member__user", "reason"))
    assert sorted(recused) == sorted([same_commune.pk, same_province.pk])
    assert dossier.commune.code in recused[same_commune.pk]
    item = session.agenda.get()
    with pytest.raises(ValidationError):
        record_vote(item=item, choice="for", by=same_commune)
    record_vote(item=item, choice="for", by=free)
    assert item_votes(item) == [(free.pk, "for")]


def test_declaring_a_conflict_needs_a_reason_and_withdraws_the_members_vote():
    session, members, _coordination = convened(members=committee(4))
    item = session.agenda.get()
    record_vote(item=item, choice="against", by=members[0])
    with pytest.raises(ValidationError) as refused:
        declare_conflict(item=item, reason="  ", by=members[0])
    assert list(refused.value.message_dict) == ["reason"]
    assert item_votes(item) == [(members[0].pk, "against")]
    declare_conflict(item=item, reason="ابن عم رئيس الجماعة", by=members[0])
    assert item_votes(item) == []
    with pytest.raises(ValidationError):
        declare_conflict(item=item, reason="مرة ثانية", by=members[0])
    with pytest.raises(ValidationError) as refused:
        record_vote(item=item, choice="for", by=members[0])
    assert messages_of(refused) == [
        _("You declared a conflict of interest on this dossier: you may not vote.")
    ]
    with pytest.raises(ValidationError):  # the chair recused: the secretary records
        close_round(item=item, justification="", by=members[0])
    with pytest.raises(PermissionDenied):
        declare_conflict(item=item, reason="x", by=user_with_role(Role.ACCREDITATION))
    assert Recusal.objects.count() == 1 and Decision.objects.count() == 0
    assert VoteRound.objects.get().result == "open"


# --- attendance --------------------------------------------------------------------------


def test_attendance_is_recorded_and_sets_the_quorum():
    session, members, coordination = convened(quorum=2, present=[])
    item = session.agenda.get()
    with pytest.raises(ValidationError):
        record_vote(item=item, choice="for", by=members[0])
    seats = {seat.user_id: seat.pk for seat in session.members.all()}
    assert record_attendance(session=session, present=[seats[members[0].pk]], by=coordination) == 1
    with pytest.raises(ValidationError) as refused:
        record_vote(item=item, choice="for", by=members[0])
    assert messages_of(refused) == [quorum_message(1, 2)]
    record_attendance(session=session, present=[seats[m.pk] for m in members[:2]], by=coordination)
    record_vote(item=item, choice="for", by=members[0])
    with pytest.raises(ValidationError):  # who voted cannot be marked absent
        record_attendance(session=session, present=[seats[members[1].pk]], by=coordination)
    with pytest.raises(ValidationError):  # a seat of another session
        record_attendance(session=session, present=[seats[members[0].pk] + 100], by=coordination)
    with pytest.raises(PermissionDenied):
        record_attendance(session=session, present=[], by=members[0])
    assert sorted(session.members.filter(present=True).values_list("user_id", flat=True)) == [
        m.pk for m in members[:2]
    ]


def test_attendance_is_refused_before_the_sessions_day():
    tomorrow = timezone.localdate() + timedelta(days=1)
    session, members, coordination = convened(day=tomorrow)
    seats = list(session.members.values_list("pk", flat=True))
    with pytest.raises(ValidationError) as refused:
        record_attendance(session=session, present=seats, by=coordination)
    assert messages_of(refused) == [
        _("The session takes place on %(date)s: nothing can be recorded before then.")
        % {"date": tomorrow.isoformat()}
    ]
    assert session.members.filter(present=True).count() == 0
    with pytest.raises(ValidationError):
        record_vote(item=session.agenda.get(), choice="for", by=members[0])
    assert Vote.objects.count() == 0


def test_an_absent_chair_does_not_record_and_the_secretary_does():
    session, members, _coordination = convened(present=None, quorum=2, members=committee(3))
    seats = {s.user_id: s.pk for s in session.members.all()}
    record_attendance(
        session=session, present=[seats[m.pk] for m in members[1:]], by=session.convened_by
    )
    item = session.agenda.get()
    with pytest.raises(ValidationError):
        record_vote(item=item, choice="for", by=members[0])
    with pytest.raises(ValidationError) as refused:
        close_round(item=item, justification="", by=members[0])
    assert messages_of(refused) == [_("Only members recorded as present may record the decision.")]
    # Nobody voted: nothing outnumbers nothing, the proposal is not adopted.
    voting = close_round(item=item, justification="", by=members[1])
    assert (voting.result, voting.tally) == (
        "rejected",
        {"for": 0, "against": 0, "abstain": 0, "voters": 2, "present": 2, "casting": ""},
    )
    assert Decision.objects.count() == 0
