from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from citizenlabel.accreditation.models import (
    AgendaItem,
    Decision,
    DeliberationSession,
    Label,
    Recusal,
    SessionMember,
    VoteRound,
)
from citizenlabel.accreditation.services.decisions import (
    add_months,
    close_round,
    open_first_round,
    open_round,
    other_outcomes,
    postpone_item,
    record_vote,
)
from citizenlabel.people.enums import Role
from tests.factories import DossierFactory, commune_people, coordination_member, user_with_role

pytestmark = pytest.mark.django_db


def commune_people_of(dossier):
    from citizenlabel.people.models import Membership

    memberships = Membership.objects.filter(commune=dossier.commune).order_by("role")
    roles = {m.role: m.user for m in memberships}
    return roles[Role.FOCAL_POINT], roles[Role.PRESIDENT]


def session_with_item(
    *, rules_met: bool, quorum=2, present=3, members=3, day=None, casting=False, proposal="label"
):
    """A session held today (or on `day`) with `members` seats, the first `present` present;
    the first member chairs it and the second is its secretary."""
    dossier = DossierFactory(state="verified")
    commune_people(dossier)
    dossier.edition.chair_casting_vote = casting
    dossier.edition.save(update_fields=["chair_casting_vote"])
    users = [user_with_role(Role.ACCREDITATION) for _ in range(members)]
    session = DeliberationSession.objects.create(
        edition=dossier.edition,
        date=day or timezone.localdate(),
        place="الرباط",
        quorum=quorum,
        convened_by=coordination_member(),
        chair=users[0],
        secretary=users[1] if members > 1 else None,
    )
    seats = [
        SessionMember.objects.create(session=session, user=user, present=index < present)
        for index, user in enumerate(users)
    ]
    item = AgendaItem.objects.create(
        session=session,
        dossier=dossier,
        proposal={"recommendation": proposal, "rules": {"all_met": rules_met}},
    )
    open_first_round(item, session.convened_by)
    return item, seats


def vote_all(item, seats, choices):
    for seat, choice in zip(seats, choices, strict=False):
        record_vote(item=item, choice=choice, by=seat.user)


def test_an_adopted_proposal_is_the_decision_and_grants_the_label_today(
    django_capture_on_commit_callbacks,
):
    item, seats = session_with_item(rules_met=True)
    vote_all(item, seats, ["for", "for", "against"])
    with django_capture_on_commit_callbacks(execute=True):
        voting = close_round(item=item, justification="", by=seats[0].user)
    assert (voting.result, voting.tally) == (
        "adopted",
        {"for": 2, "against": 1, "abstain": 0, "voters": 3, "present": 3, "casting": ""},
    )
    decision = Decision.objects.get()
    assert (decision.outcome, decision.round, decision.votes["for"]) == ("label", voting, 2)
    item.dossier.refresh_from_db()
    assert item.dossier.state == "labelled"
    label = Label.objects.get()
    today = timezone.localdate()
    assert (label.granted_on, label.valid_until, label.status) == (
        today,
        add_months(today, 24),
        "active",
    )
    focal, president = commune_people_of(item.dossier)
    [letter] = [m for m in mail.outbox if focal.email in m.to]
    assert sorted(letter.to) == sorted([focal.email, president.email])
    assert label.code in letter.body


def test_a_rejected_proposal_records_no_decision_and_changes_nothing():
    item, seats = session_with_item(rules_met=True)
    vote_all(item, seats, ["for", "against", "against"])
    voting = close_round(item=item, justification="", by=seats[0].user)
    assert (voting.result, voting.tally["for"], voting.tally["against"]) == ("rejected", 1, 2)
    assert Decision.objects.count() == Label.objects.count() == 0
    item.dossier.refresh_from_db()
    assert item.dossier.state == "verified"
    with pytest.raises(ValidationError):  # the round is closed: no more votes on it
        record_vote(item=item, choice="for", by=seats[1].user)


def test_a_tie_rejects_unless_the_chairs_vote_decides():
    item, seats = session_with_item(rules_met=True, members=4, present=4)
    vote_all(item, seats, ["for", "for", "against", "against"])
    assert close_round(item=item, justification="", by=seats[0].user).result == "rejected"

    item, seats = session_with_item(rules_met=True, members=4, present=4, casting=True)
    vote_all(item, seats, ["for", "against", "for", "against"])
    voting = close_round(item=item, justification="", by=seats[0].user)
    assert (voting.result, voting.tally["casting"]) == ("adopted", "for")
    assert Decision.objects.get().outcome == "label"

    item, seats = session_with_item(rules_met=True, members=4, present=4, casting=True)
    vote_all(item, seats, ["against", "for", "for", "against"])  # the chair votes against
    assert close_round(item=item, justification="", by=seats[0].user).result == "rejected"


def test_a_second_round_on_another_outcome_is_kept_with_its_own_tally():
    item, seats = session_with_item(rules_met=False, proposal="label")
    vote_all(item, seats, ["against", "against", "for"])
    close_round(item=item, justification="", by=seats[0].user)
    assert [str(o) for o in other_outcomes(item)] == ["action_plan", "withdrawal"]
    with pytest.raises(ValidationError):  # a rejected outcome is not voted on again
        open_round(item=item, outcome="label", by=seats[0].user)
    with pytest.raises(PermissionDenied):  # only the chair or the secretary
        open_round(item=item, outcome="action_plan", by=seats[2].user)
    second = open_round(item=item, outcome="action_plan", by=seats[1].user)
    vote_all(item, seats, ["for", "for", "abstain"])
    close_round(item=item, justification="", by=seats[1].user)
    second.refresh_from_db()
    assert [(r.number, r.outcome, r.result) for r in VoteRound.objects.order_by("number")] == [
        (1, "label", "rejected"),
        (2, "action_plan", "adopted"),
    ]
    assert second.tally["abstain"] == 1
    item.dossier.refresh_from_db()
    assert (item.dossier.state, Decision.objects.get().round) == ("action_plan", second)


def test_an_adopted_outcome_against_the_rules_needs_a_justification():
    item, seats = session_with_item(rules_met=False, proposal="label")
    vote_all(item, seats, ["for", "for", "for"])
    with pytest.raises(ValidationError, match="justification|تعليل"):
        close_round(item=item, justification=" ", by=seats[0].user)
    assert Decision.objects.count() == 0
    assert VoteRound.objects.get().result == "open"  # nothing half-written
    close_round(item=item, justification="تحسن ملموس", by=seats[0].user)
    decision = Decision.objects.get()
    assert (decision.against_rules, decision.justification) == (True, "تحسن ملموس")
    with pytest.raises(ValidationError):
        close_round(item=item, justification="", by=seats[0].user)
    assert Decision.objects.count() == Label.objects.count() == 1


def test_only_the_chair_or_the_secretary_records_and_never_when_recused():
    item, seats = session_with_item(rules_met=True)
    vote_all(item, seats, ["for", "for", "for"])
    with pytest.raises(PermissionDenied):
        close_round(item=item, justification="", by=seats[2].user)
    with pytest.raises(PermissionDenied):
        close_round(item=item, justification="", by=coordination_member())
    Recusal.objects.create(item=item, member=seats[0], reason="من نفس الجماعة")
    with pytest.raises(ValidationError):
        close_round(item=item, justification="", by=seats[0].user)
    assert Decision.objects.count() == 0
    voting = close_round(item=item, justification="", by=seats[1].user)
    assert (voting.result, voting.tally["for"], voting.tally["voters"]) == ("adopted", 2, 2)


def test_recused_members_do_not_count_towards_the_quorum():
    item, seats = session_with_item(rules_met=True, quorum=3, present=3)
    Recusal.objects.create(item=item, member=seats[2], reason="من نفس الإقليم")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        record_vote(item=item, choice="for", by=seats[0].user)
    assert "2 members present may vote on this dossier (recusals excluded), 3 needed" in str(
        refused.value
    )
    with pytest.raises(ValidationError):
        record_vote(item=item, choice="for", by=seats[2].user)
    assert VoteRound.objects.get().votes.count() == 0


def test_an_absent_member_does_not_vote():
    item, seats = session_with_item(rules_met=True, present=2)
    with pytest.raises(ValidationError):
        record_vote(item=item, choice="for", by=seats[2].user)
    with pytest.raises(PermissionDenied):
        record_vote(item=item, choice="for", by=user_with_role(Role.ACCREDITATION))


def test_nothing_is_recorded_before_the_sessions_day():
    item, seats = session_with_item(rules_met=True, day=timezone.localdate() + timedelta(days=3))
    with translation.override("en"), pytest.raises(ValidationError, match="before then"):
        record_vote(item=item, choice="for", by=seats[0].user)
    with pytest.raises(ValidationError):
        close_round(item=item, justification="", by=seats[0].user)
    with pytest.raises(ValidationError):
        postpone_item(item=item, by=seats[0].user)
    assert VoteRound.objects.get().votes.count() == Decision.objects.count() == 0


def test_the_chair_postpones_a_rejected_dossier_and_the_item_is_closed():
    item, seats = session_with_item(rules_met=True)
    vote_all(item, seats, ["for", "against", "against"])
    with pytest.raises(ValidationError):  # a vote with ballots is closed before postponing
        postpone_item(item=item, by=seats[0].user)
    close_round(item=item, justification="", by=seats[0].user)
    postpone_item(item=item, by=seats[0].user)
    item.refresh_from_db()
    assert item.postponed_at is not None and item.postponed_by == seats[0].user
    with pytest.raises(ValidationError):
        open_round(item=item, outcome="action_plan", by=seats[0].user)
    item.dossier.refresh_from_db()
    assert (item.dossier.state, Decision.objects.count()) == ("verified", 0)


def test_an_action_plan_decision_moves_the_dossier_and_grants_nothing():
    item, seats = session_with_item(rules_met=False, proposal="action_plan")
    vote_all(item, seats, ["for", "for", "abstain"])
    close_round(item=item, justification="", by=seats[0].user)
    item.dossier.refresh_from_db()
    assert item.dossier.state == "action_plan"
    assert Label.objects.count() == 0


def test_committee_members_see_only_their_agendas_dossiers():
    from citizenlabel.dossiers.selectors import dossiers_for_user

    item, seats = session_with_item(rules_met=True)
    other = DossierFactory(state="verified")
    assert list(dossiers_for_user(seats[0].user)) == [item.dossier]
    assert other not in dossiers_for_user(user_with_role(Role.ACCREDITATION))


def test_add_months_keeps_the_day_or_the_months_last_day():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 29), 24) == date(2028, 11, 29)
