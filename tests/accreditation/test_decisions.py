from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from citizenlabel.accreditation.models import (
    AgendaItem,
    Decision,
    DeliberationSession,
    Label,
    Recusal,
    SessionMember,
)
from citizenlabel.accreditation.services.decisions import add_months, decide, record_vote
from citizenlabel.people.enums import Role
from tests.factories import DossierFactory, commune_people, coordination_member, user_with_role

pytestmark = pytest.mark.django_db


def commune_people_of(dossier):
    from citizenlabel.people.models import Membership

    memberships = Membership.objects.filter(commune=dossier.commune).order_by("role")
    roles = {m.role: m.user for m in memberships}
    return roles[Role.FOCAL_POINT], roles[Role.PRESIDENT]


def session_with_item(*, rules_met: bool, quorum=2, present=3):
    dossier = DossierFactory(state="verified")
    commune_people(dossier)
    session = DeliberationSession.objects.create(
        edition=dossier.edition,
        date=date(2027, 3, 15),
        place="الرباط",
        quorum=quorum,
        convened_by=coordination_member(),
    )
    seats = [
        SessionMember.objects.create(
            session=session, user=user_with_role(Role.ACCREDITATION), present=index < present
        )
        for index in range(3)
    ]
    item = AgendaItem.objects.create(
        session=session,
        dossier=dossier,
        proposal={"recommendation": "label", "rules": {"all_met": rules_met}},
    )
    return item, seats


def test_a_label_is_granted_after_votes_with_the_editions_validity(
    django_capture_on_commit_callbacks,
):
    item, seats = session_with_item(rules_met=True)
    for seat in seats:
        record_vote(item=item, choice="for", by=seat.user)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(item=item, outcome="label", justification="", by=seats[0].user)
    assert decision.votes == {"for": 3, "against": 0, "abstain": 0, "present": 3}
    item.dossier.refresh_from_db()
    assert item.dossier.state == "labelled"
    label = Label.objects.get()
    assert (label.granted_on, label.valid_until, label.status) == (
        date(2027, 3, 15),
        date(2029, 3, 15),
        "active",
    )
    assert label.code.startswith("LCC-") and len(label.code) == 18
    focal, president = commune_people_of(item.dossier)
    [letter] = [m for m in mail.outbox if focal.email in m.to]
    assert sorted(letter.to) == sorted([focal.email, president.email])
    assert label.code in letter.body


def test_votes_need_the_quorum_and_a_present_non_recused_member():
    item, seats = session_with_item(rules_met=True, quorum=3, present=2)
    with translation.override("en"), pytest.raises(ValidationError, match="quorum"):
        record_vote(item=item, choice="for", by=seats[0].user)
    with pytest.raises(ValidationError):
        record_vote(item=item, choice="for", by=seats[2].user)  # absent
    item2, seats2 = session_with_item(rules_met=True)
    Recusal.objects.create(item=item2, member=seats2[1], reason="من نفس الإقليم")
    with pytest.raises(ValidationError):
        record_vote(item=item2, choice="for", by=seats2[1].user)
    assert item2.votes.count() == 0


def test_a_decision_against_the_rules_needs_a_justification_and_comes_once():
    item, seats = session_with_item(rules_met=False)
    with pytest.raises(ValidationError):
        decide(item=item, outcome="label", justification=" ", by=seats[0].user)
    assert Decision.objects.count() == 0
    decision = decide(item=item, outcome="label", justification="تحسن ملموس", by=seats[0].user)
    assert decision.against_rules is True
    with pytest.raises(ValidationError):
        decide(item=item, outcome="withdrawal", justification="", by=seats[0].user)
    assert Decision.objects.count() == 1 and Label.objects.count() == 1


def test_an_action_plan_decision_moves_the_dossier_and_grants_nothing():
    item, seats = session_with_item(rules_met=False)
    decide(item=item, outcome="action_plan", justification="", by=seats[0].user)
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
