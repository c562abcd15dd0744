"""A dossier on the agenda, its page: the file, the round being voted on and its tally, the
members' votes, the chair closing the vote through the confirmation page, a second round,
a postponement — for the chair, the secretary, a member, a recused member, the
coordination."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.accreditation.enums import Outcome
from citizenlabel.accreditation.models import Decision, Label, Recusal, Vote, VoteRound
from citizenlabel.accreditation.services.decisions import record_vote
from tests.factories import DossierFactory
from tests.factories.accreditation import (
    committee,
    convened,
    counts,
    item_url,
    item_votes,
    quorum_message,
    ready_dossier,
)

pytestmark = pytest.mark.django_db


def votes_of(item, members, choices):
    for member, choice in zip(members, choices, strict=True):
        record_vote(item=item, choice=choice, by=member)


def close_vote(client, item, justification=""):
    """The chair's two steps: the confirmation page, then the confirmed POST."""
    asked = client.post(item_url(item, "decide"), {"justification": justification})
    assert asked.status_code == 200
    assert [t.name for t in asked.templates][0] == "common/confirm.html"
    done = client.post(
        item_url(item, "decide"), {"justification": justification, "confirmed": "yes"}
    )
    return asked, done


# --- the page --------------------------------------------------------------------------


def test_the_item_page_shows_the_file_the_rules_and_the_proposal(client):
    dossier = ready_dossier(rules_met=False)
    session, members, _coordination = convened(dossiers=[dossier])
    client.force_login(members[0])
    response = client.get(item_url(session.agenda.get()))
    assert response.status_code == 200
    view = response.context["view"]
    assert view.rules_met is False and view.expected == "action_plan"
    assert [row.kind for row in view.rules][:2] == ["threshold", "floor"]
    assert view.rules[0].met is False and view.rules[0].figure == 31.25
    assert view.scored == dossier.snapshots.get(kind="final")
    assert len(view.principles) == len(view.spec.principles)
    assert len(view.fields) == len(view.spec.fields)
    assert [str(o) for o in view.outcomes] == ["label", "action_plan", "withdrawal"]
    html = response.content.decode()
    assert html.count("<svg") == 2
    assert "عتبة غير مبلوغة" in html  # the coordination's justification
    assert (response.context["can_vote"], response.context["can_close"]) == (True, True)


def test_the_item_page_of_an_updated_score_shows_it_beside_the_final_one(client):
    dossier = ready_dossier(state="plan_evaluated")
    session, members, _coordination = convened(dossiers=[dossier])
    client.force_login(members[0])
    view = client.get(item_url(session.agenda.get())).context["view"]
    assert (view.kind, view.scored.kind, view.final.kind) == ("updated", "updated", "final")
    assert [str(o) for o in view.outcomes] == ["label", "not_labelled"]


def test_the_item_page_shows_the_open_round_and_its_tally(client):
    session, members, _coordination = convened(members=committee(4))
    item = session.agenda.get()
    votes_of(item, members[1:], ["for", "against", "for"])
    client.force_login(members[2])
    response = client.get(item_url(item))
    view = response.context["view"]
    assert (view.open_round.number, view.open_round.outcome) == (1, "label")
    assert (view.votes, view.voters, view.votes_cast) == (
        {"for": 2, "against": 1, "abstain": 0},
        4,
        3,
    )
    page = response.content.decode()
    assert (
        _("Round %(number)s: the vote is on “%(outcome)s”.")
        % {
            "number": 1,
            "outcome": Outcome.LABEL.label,
        }
        in page
    )
    assert [row.voted for row in view.seats] == [row.seat.user in members[1:] for row in view.seats]
    assert response.context["my_vote"].choice == "against"
    assert response.context["can_close"] is False  # the chair and the secretary only
    assert 'class="form form--wide decision-form"' not in page


def test_the_item_page_of_an_item_put_on_the_agenda_by_hand_still_reads(client):
    """An agenda item without the stored figures (older rows) shows what it has."""
    from citizenlabel.accreditation.models import AgendaItem

    session, members, _coordination = convened()
    item = AgendaItem.objects.create(
        session=session,
        dossier=DossierFactory(state="verified"),
        position=5,
        proposal={"rules": {"all_met": True}},
    )
    client.force_login(members[0])
    response = client.get(item_url(item))
    assert response.status_code == 200
    assert (response.context["view"].rules, response.context["charts"]) == ([], {})
    assert (response.context["view"].expected, response.context["view"].rounds) == ("label", [])


# --- votes -------------------------------------------------------------------------------


def test_a_member_votes_and_changes_their_vote(client):
    session, members, _coordination = convened()
    item = session.agenda.get()
    client.force_login(members[2])
    assert client.post(item_url(item, "vote"), {"choice": "against"}).status_code == 302
    assert client.post(item_url(item, "vote"), {"choice": "for"}).status_code == 302
    assert item_votes(item) == [(members[2].pk, "for")]
    response = client.get(item_url(item))
    assert response.context["my_vote"].choice == "for"
    assert response.context["view"].votes == {"for": 1, "against": 0, "abstain": 0}


def test_a_vote_without_quorum_is_refused_with_its_message(client):
    session, members, _coordination = convened(quorum=3, present=None)
    Recusal.objects.create(item=session.agenda.get(), member=session.members.last(), reason="x")
    client.force_login(members[0])
    response = client.post(item_url(session.agenda.get(), "vote"), {"choice": "for"})
    assert response.status_code == 400
    assert response.context["vote_form"].non_field_errors() == [quorum_message(2, 3)]
    assert Vote.objects.count() == 0


def test_a_recused_member_is_told_they_may_not_vote(client):
    session, members, _coordination = convened()
    item = session.agenda.get()
    client.force_login(members[2])
    response = client.post(item_url(item, "conflict"), {"reason": ""})
    assert response.status_code == 400 and Recusal.objects.count() == 0
    response = client.post(item_url(item, "conflict"), {"reason": "من نفس الإقليم"})
    assert response.status_code == 302
    response = client.get(item_url(item))
    message = _("You declared a conflict of interest on this dossier: you may not vote.")
    assert response.context["recused"] is True and response.context["can_vote"] is False
    assert message in response.content.decode()
    response = client.post(item_url(item, "vote"), {"choice": "for"})
    assert response.status_code == 400
    assert response.context["vote_form"].non_field_errors() == [message]
    assert Vote.objects.count() == 0


def test_votes_wait_for_the_sessions_day(client):
    session, members, _coordination = convened(day=timezone.localdate() + timedelta(days=2))
    item = session.agenda.get()
    client.force_login(members[0])
    response = client.get(item_url(item))
    assert (response.context["can_vote"], response.context["can_close"]) == (False, False)
    assert response.context["before_the_day"] is True
    response = client.post(item_url(item, "vote"), {"choice": "for"})
    assert response.status_code == 400
    response = client.post(item_url(item, "decide"), {"justification": "", "confirmed": "yes"})
    assert response.status_code == 400
    assert counts()[4:] == (0, 0) and item.rounds.get().result == "open"


# --- closing the vote ----------------------------------------------------------------------


def test_the_chair_closes_the_vote_after_reading_the_consequences(client):
    session, members, _coordination = convened()
    item = session.agenda.get()
    votes_of(item, members, ["for", "for", "against"])
    client.force_login(members[0])
    assert client.get(item_url(item)).context["can_close"] is True
    asked, done = close_vote(client, item)
    consequences = asked.context["consequences"]
    assert consequences.effects[0] == _(
        "The tally: %(for)s for, %(against)s against, %(abstain)s abstentions, among "
        "%(voters)s members who may vote."
    ) % {"for": 2, "against": 1, "abstain": 0, "voters": 3}
    assert consequences.action == _("Record the decision")
    assert 'name="confirmed" value="yes"' in asked.content.decode()
    assert done.status_code == 302
    decision = Decision.objects.get()
    assert (decision.outcome, decision.decided_by, decision.round.number) == (
        "label",
        members[0],
        1,
    )
    assert Label.objects.get().granted_on == timezone.localdate()
    page = client.get(item_url(item)).content.decode()
    assert 'class="decision-outcome"' in page and "decision-form" not in page


def test_the_confirmation_page_changes_nothing(client):
    session, members, _coordination = convened()
    item = session.agenda.get()
    votes_of(item, members, ["for", "for", "for"])
    client.force_login(members[1])  # the secretary
    before = counts()
    response = client.post(item_url(item, "decide"), {"justification": "نص"})
    assert response.status_code == 200
    assert counts() == before and Label.objects.count() == 0
    assert VoteRound.objects.get().result == "open"
    assert '<input type="hidden" name="justification" value="نص">' in response.content.decode()


def test_an_outcome_against_the_rules_needs_its_justification_and_comes_once(client):
    dossier = ready_dossier(rules_met=False)
    session, members, _coordination = convened(dossiers=[dossier])
    item = session.agenda.get()
    client.force_login(members[0])
    client.post(item_url(item, "new_round"), {"outcome": "label"})  # no: round 1 is open
    votes_of(item, members, ["against", "against", "for"])  # action plan, the proposal: no
    assert close_vote(client, item)[1].status_code == 302
    assert client.post(item_url(item, "new_round"), {"outcome": "label"}).status_code == 302
    votes_of(item, members, ["for", "for", "abstain"])
    # Without its justification, closing would be refused: said at once, nothing asked.
    refused = client.post(item_url(item, "decide"), {"justification": " "})
    assert refused.status_code == 400
    assert refused.context["close_form"].non_field_errors() == [
        _("This decision goes against the edition's rules: write its justification.")
    ]
    dossier.refresh_from_db()
    assert dossier.state == "verified" and Decision.objects.count() == 0
    asked, done = close_vote(client, item, "تحسن ملموس بعد الزيارة")
    against = _("This outcome goes against the edition's rules: its justification is published.")
    assert against in asked.context["consequences"].effects
    assert done.status_code == 302
    dossier.refresh_from_db()
    decision = Decision.objects.get()
    assert (dossier.state, decision.against_rules, decision.justification) == (
        "labelled",
        True,
        "تحسن ملموس بعد الزيارة",
    )
    again = client.post(item_url(item, "decide"), {"justification": "x", "confirmed": "yes"})
    assert again.status_code == 400 and Decision.objects.count() == 1


def test_a_rejected_vote_then_a_second_round_on_the_page(client):
    dossier = ready_dossier(rules_met=True)
    session, members, _coordination = convened(dossiers=[dossier])
    item = session.agenda.get()
    votes_of(item, members, ["for", "against", "against"])
    client.force_login(members[0])
    asked, done = close_vote(client, item)
    assert asked.context["consequences"].action == _("Close the vote")
    assert done.status_code == 302
    response = client.get(item_url(item))
    assert (response.context["can_reopen"], response.context["can_close"]) == (True, False)
    assert list(response.context["round_form"].fields["outcome"].choices) == [
        ("action_plan", Outcome.ACTION_PLAN.label),
        ("withdrawal", Outcome.WITHDRAWAL.label),
    ]
    forged = client.post(item_url(item, "new_round"), {"outcome": "label"})
    assert forged.status_code == 400 and list(forged.context["round_form"].errors) == ["outcome"]
    assert client.post(item_url(item, "new_round"), {"outcome": "action_plan"}).status_code == 302
    votes_of(item, members, ["for", "for", "abstain"])
    # Every rule is met: refusing the label departs from them and is justified.
    assert close_vote(client, item, "ضعف تتبع برنامج العمل")[1].status_code == 302
    assert [(r.number, r.outcome, r.result, r.tally["for"]) for r in VoteRound.objects.all()] == [
        (1, "label", "rejected", 1),
        (2, "action_plan", "adopted", 2),
    ]
    dossier.refresh_from_db()
    assert (dossier.state, Decision.objects.get().outcome) == ("action_plan", "action_plan")
    page = client.get(item_url(item)).content.decode()
    assert page.count('class="round-list"') == 1 and page.count("<li><strong>") >= 2


def test_the_chair_postpones_a_rejected_dossier(client):
    session, members, _coordination = convened()
    item = session.agenda.get()
    votes_of(item, members, ["against", "against", "for"])
    client.force_login(members[0])
    close_vote(client, item)
    assert client.post(item_url(item, "postpone")).status_code == 302
    item.refresh_from_db()
    assert (item.postponed_by, Decision.objects.count()) == (members[0], 0)
    response = client.get(item_url(item))
    assert (response.context["can_vote"], response.context["can_reopen"]) == (False, False)
    assert 'class="notice notice--pending"' in response.content.decode()
    assert client.post(item_url(item, "new_round"), {"outcome": "withdrawal"}).status_code == 400
    assert VoteRound.objects.count() == 1


def test_a_member_who_is_not_chair_or_secretary_cannot_close_or_postpone(client):
    session, members, coordination = convened()
    item = session.agenda.get()
    votes_of(item, members, ["for", "for", "for"])
    for who in (members[2], coordination):
        client.force_login(who)
        response = client.get(item_url(item))
        assert response.context["can_close"] is False
        page = response.content.decode()
        assert "decision-form" not in page and "postpone-form" not in page
        for confirmed in ("", "yes"):
            forged = {"justification": "", "confirmed": confirmed}
            assert client.post(item_url(item, "decide"), forged).status_code == 403
        assert client.post(item_url(item, "postpone")).status_code == 403
    assert (Decision.objects.count(), Label.objects.count()) == (0, 0)
    assert VoteRound.objects.get().result == "open" and item_votes(item) != []
    item.refresh_from_db()
    assert item.postponed_at is None


def test_the_coordination_neither_votes_nor_decides(client):
    session, _members, coordination = convened()
    item = session.agenda.get()
    client.force_login(coordination)
    response = client.get(item_url(item))
    assert (response.context["can_vote"], response.context["can_close"]) == (False, False)
    assert client.post(item_url(item, "vote"), {"choice": "for"}).status_code == 403
    assert client.post(item_url(item, "new_round"), {"outcome": "withdrawal"}).status_code == 403
    assert client.post(item_url(item, "postpone")).status_code == 403
    assert counts()[4:] == (0, 0) and VoteRound.objects.get().result == "open"
