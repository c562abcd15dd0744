"""The plan's evaluation: the achievement rate, the evaluation itself and the updated score,
for every role. The page that shows them is in test_evaluation_pages.py; the
re-verification round itself is tested with the verification (tests/verification/
test_reverify.py)."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from citizenlabel.actionplans.models import Activity, PlanEvaluation
from citizenlabel.actionplans.selectors_evaluation import achievement_of
from citizenlabel.actionplans.services.updated_score import record_updated_score
from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.services.notifications import AUDIENCE
from citizenlabel.verification.models import ScoreSnapshot
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    only_the_team,
    reverify,
    team_member,
)
from tests.factories.actionplans import activity_done, evaluate_plan, evaluation_closed

pytestmark = pytest.mark.django_db


# --- the achievement rate --------------------------------------------------------------


def test_the_achievement_rate_weighs_by_budget_and_leaves_cancelled_activities_out():
    rows = [
        Activity(budget=Decimal(30000), percent_done=100, status="done"),
        Activity(budget=Decimal(10000), percent_done=50),
        Activity(budget=Decimal(50000), percent_done=0, status="cancelled"),
    ]
    # (30000 × 100 + 10000 × 50) / 40000 = 87.5; the cancelled one counts nowhere
    assert achievement_of(rows).rate == achievement_of(rows[:2]).rate
    assert (achievement_of(rows).rate, achievement_of(rows).method) == (Decimal("87.50"), "budget")
    assert achievement_of(rows).cancelled == 1


def test_without_a_budget_everywhere_the_rate_is_the_plain_mean():
    rows = [
        Activity(budget=Decimal(30000), percent_done=100),
        Activity(budget=0, percent_done=40),
        Activity(budget=0, percent_done=25),
    ]
    # (100 + 40 + 25) / 3 = 55
    assert (achievement_of(rows).rate, achievement_of(rows).method) == (Decimal("55.00"), "mean")
    assert achievement_of([Activity(status="cancelled", percent_done=80)]).rate == 0
    assert achievement_of([]).method == "none"


# --- the evaluation --------------------------------------------------------------------


def test_the_team_evaluates_with_the_computed_rate_and_history_keeps_both_versions(targeted_plan):
    dossier, member = targeted_plan
    activity_done(dossier.action_plan, 100, budget=1000)
    first = evaluate_plan(dossier, member, effects=(("institutional", "هيئة"), ("service", "شباك")))
    assert first.achievement_rate == Decimal("100.00")
    assert [(e.kind, e.text) for e in first.effects.all()] == [
        ("institutional", "هيئة"),
        ("service", "شباك"),
    ]
    activity_done(dossier.action_plan, 0, budget=1000)
    second = evaluate_plan(dossier, member, effects=(("equality", "مناصفة"),), narrative="تغير")
    assert second.pk == first.pk
    assert second.achievement_rate == Decimal("50.00")
    assert [(e.kind, e.text) for e in second.effects.all()] == [("equality", "مناصفة")]
    history = list(second.history.order_by("history_date"))
    assert [(h.narrative, h.achievement_rate, h.history_user) for h in history] == [
        ("تحسن", Decimal("100.00"), member),
        ("تغير", Decimal("50.00"), member),
    ]


@pytest.mark.parametrize("who", ["focal", "president", "coordination", "other_team"])
def test_only_the_dossiers_team_evaluates(targeted_plan, who):
    dossier, _member = targeted_plan
    focal, president = commune_people(dossier)
    people = {
        "focal": focal,
        "president": president,
        "coordination": coordination_member(),
        "other_team": team_member(dossier_in_self_assessment()),
    }
    with pytest.raises(PermissionDenied) as refused:
        evaluate_plan(dossier, people[who])
    assert str(refused.value) == only_the_team()
    assert not PlanEvaluation.objects.exists()


def test_a_bad_evaluation_is_refused_whole_and_the_effects_stay(targeted_plan):
    dossier, member = targeted_plan
    evaluate_plan(dossier, member)
    with pytest.raises(ValidationError) as refused:
        evaluate_plan(dossier, member, effects=(("nonsense", ""),), narrative="  ")
    assert refused.value.message_dict["narrative"] == [gettext("This field cannot be blank.")]
    assert refused.value.message_dict["effects"] == [
        gettext("Effect %(number)s: choose its kind.") % {"number": 1},
        gettext("Effect %(number)s: describe it.") % {"number": 1},
    ]
    evaluation = PlanEvaluation.objects.get()
    assert (evaluation.narrative, evaluation.history.count()) == ("تحسن", 1)
    assert list(evaluation.effects.values_list("text", flat=True)) == ["إحداث هيئة المساواة"]


# --- the updated score -----------------------------------------------------------------


def test_the_updated_score_equals_the_hand_computation(
    targeted_plan, django_capture_on_commit_callbacks
):
    dossier, member = targeted_plan
    plan = dossier.action_plan
    activity_done(plan, 100, budget=30000, status="done")
    activity_done(plan, 50, budget=10000)
    activity_done(plan, 0, budget=50000, status="cancelled")
    reverify(dossier, member, options=["d"])
    evaluate_plan(dossier, member)
    with django_capture_on_commit_callbacks(execute=True):
        updated = record_updated_score(dossier=dossier, by=member)
    # Weights 70/10/10/10, achievement weight 30. Referential maximum 211 points.
    # Re-verified questionnaire: 1.1.1 d = 3 × 2 = 6, 1.1.2 b + g = 3 → 100 × 9 / 211 = 4.2654
    # Final formula on it: 0.7 × 4.2654 + 0.1 × 75 + 0.1 × 50 + 0.1 × 100 = 25.4858
    # Achievement: (30000 × 100 + 10000 × 50) / 40000 = 87.5 (the cancelled one left out)
    # Updated score: 0.7 × 25.4858 + 0.3 × 87.5 = 17.8400 + 26.25 = 44.09
    assert (updated.kind, updated.questionnaire, updated.overall) == (
        "updated",
        Decimal("4.27"),
        Decimal("44.09"),
    )
    assert updated.components["achievement"] == 87.5
    assert updated.weights == {
        "questionnaire": 70.0,
        "information_access": 10.0,
        "ownership": 10.0,
        "equality_body": 10.0,
        "achievement": 30.0,
    }
    final = ScoreSnapshot.objects.get(dossier=dossier, kind="final")
    # the final score was 0.7 × 100 × 7 / 211 + 22.5 = 24.82; EQUAL rises from 7/… to 9/…
    assert final.overall == Decimal("24.82")
    assert updated.by_principle["EQUAL"] > final.by_principle["EQUAL"]
    dossier.refresh_from_db()
    assert dossier.state == DossierState.PLAN_EVALUATED
    assert len(mail.outbox) == (1 if AUDIENCE.get(DossierState.PLAN_EVALUATED) else 0)


def test_once_the_score_is_recorded_the_evaluation_is_closed(targeted_plan):
    dossier, member = targeted_plan
    evaluate_plan(dossier, member)
    reverify(dossier, member)
    record_updated_score(dossier=dossier, by=member)
    with pytest.raises(PermissionDenied) as refused:
        evaluate_plan(dossier, member, narrative="تعديل")
    assert str(refused.value) == evaluation_closed()
    with pytest.raises(PermissionDenied) as refused:
        reverify(dossier, member)
    assert str(refused.value) == evaluation_closed()
    with pytest.raises(PermissionDenied):
        record_updated_score(dossier=dossier, by=member)
    assert ScoreSnapshot.objects.filter(kind="updated").count() == 1
    assert PlanEvaluation.objects.get().narrative == "تحسن"
