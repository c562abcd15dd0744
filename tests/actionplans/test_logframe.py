"""The logical framework's services (one per write), for every role; its pages are in
test_logframe_pages.py."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from citizenlabel.actionplans.models import (
    Activity,
    Assumption,
    ExpectedResult,
    Indicator,
    SpecificObjective,
)
from citizenlabel.actionplans.services import logframe as services
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    dossier_with_plan,
    other_referential_question,
    question,
    team_member,
)
from tests.factories.actionplans import add_activity, add_indicator, add_objective, add_result

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

JAN, JUN = datetime.date(2027, 1, 1), datetime.date(2027, 6, 30)


# --- services ----------------------------------------------------------------------------


def test_the_commune_builds_its_matrix(planned):
    plan, focal = planned
    first = add_objective(plan, focal)
    second = add_objective(plan, focal, "تحسين الخدمات")
    assert [(o.position, o.text) for o in plan.objectives.all()] == [
        (1, "إشراك الساكنة"),
        (2, "تحسين الخدمات"),
    ]
    result = plan.results.get()
    task = add_activity(plan, focal, result_id=result.pk, budget=Decimal(5000), percent_done=40)
    measured = add_indicator(plan, focal, level="activity", row_id=task.pk)
    risk = services.save_assumption(
        plan=plan, assumption_id=None, level="specific", row_id=second.pk, text="التزام", by=focal
    )
    assert (task.result, task.budget, task.percent_done) == (result, 5000, 40)
    assert (measured.level, measured.activity, measured.objective) == ("activity", task, None)
    assert (risk.level, risk.objective) == ("specific", second)
    services.save_specific_objective(plan=plan, objective_id=first.pk, text="جديد", by=focal)
    assert SpecificObjective.objects.get(pk=first.pk).text == "جديد"


def test_every_change_of_an_activity_and_an_indicator_is_recorded_with_its_author(planned):
    plan, focal = planned
    task = add_activity(plan, focal)
    add_activity(plan, focal, activity_id=task.pk, percent_done=60, status="in_progress")
    measured = add_indicator(plan, focal)
    services.delete_indicator(plan=plan, indicator_id=measured.pk, by=focal)
    history = task.history.order_by("history_date")
    assert [(h.percent_done, h.history_user) for h in history] == [(0, focal), (60, focal)]
    assert [(h.history_type, h.history_user) for h in measured.history.all()] == [
        ("-", focal),
        ("+", focal),
    ]


def test_an_activity_ending_before_it_starts_is_refused(planned):
    plan, focal = planned
    with pytest.raises(ValidationError) as error:
        add_activity(plan, focal, starts_on=JUN, ends_on=JAN)
    assert error.value.message_dict == {
        "ends_on": ["The end (Jan. 1, 2027) is before the start (June 30, 2027)."]
    }
    assert not Activity.objects.exists()


def test_a_percentage_over_100_is_refused(planned):
    plan, focal = planned
    task = add_activity(plan, focal)
    with pytest.raises(ValidationError) as error:
        add_activity(plan, focal, activity_id=task.pk, percent_done=101)
    assert error.value.message_dict == {
        "percent_done": ["The percentage done must be between 0 and 100, not 101."]
    }
    assert Activity.objects.get().percent_done == 0


def test_a_target_equal_to_the_baseline_is_refused(planned):
    plan, focal = planned
    with pytest.raises(ValidationError) as error:
        add_indicator(plan, focal, baseline=Decimal(4), target=Decimal("4.00"))
    assert error.value.message_dict == {
        "target": ["The target (4.00) equals the baseline: an indicator measures a change."]
    }
    assert not Indicator.objects.exists()


def test_an_indicator_hangs_on_one_row_of_its_level(planned):
    plan, focal = planned
    add_activity(plan, focal)
    task = add_activity(plan, focal)  # its id is not the id of the plan's only result
    with pytest.raises(ValidationError) as error:
        add_indicator(plan, focal, level="result", row_id=task.pk)
    assert error.value.messages == [
        f"Expected result no. {task.pk} is not part of this action plan: nothing was changed."
    ]
    with pytest.raises(ValidationError) as error:
        add_indicator(plan, focal, level="specific", row_id=None)
    assert error.value.messages == ["Choose the row of the logical framework it belongs to."]
    assert not Indicator.objects.exists()


def test_forged_ids_of_another_plan_are_refused(planned):
    plan, focal = planned
    other, other_focal = dossier_with_plan()
    theirs = add_objective(other, other_focal)
    their_task = add_activity(other, other_focal)
    their_result = other.results.get()
    attempts = [
        lambda: services.save_specific_objective(
            plan=plan, objective_id=theirs.pk, text="x", by=focal
        ),
        lambda: services.delete_specific_objective(plan=plan, objective_id=theirs.pk, by=focal),
        lambda: add_activity(plan, focal, result_id=their_result.pk),
        lambda: add_activity(plan, focal, activity_id=their_task.pk),
        lambda: add_indicator(plan, focal, level="activity", row_id=their_task.pk),
        lambda: services.save_assumption(
            plan=plan,
            assumption_id=None,
            level="result",
            row_id=their_result.pk,
            text="x",
            by=focal,
        ),
        lambda: services.delete_activity(plan=plan, activity_id=their_task.pk, by=focal),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    assert SpecificObjective.objects.get(pk=theirs.pk).text == "إشراك الساكنة"
    assert Activity.objects.filter(plan=plan).count() == 0
    assert Activity.objects.get(pk=their_task.pk).title == "ورشة تكوينية"
    assert not Indicator.objects.exists() and not Assumption.objects.exists()


def test_a_result_targets_questions_of_the_referential_below_their_maximum(planned):
    plan, focal = planned
    first = add_objective(plan, focal)
    result = add_result(
        plan, focal, objective_id=first.pk, question_ids=[question(plan.dossier, "1.1.2").pk]
    )
    assert [(t.question.code, t.options) for t in result.targets.all()] == [
        ("1.1.2", ["b", "c", "d", "g"])
    ]
    assert result.objective == first and result.principle.code == "PART"
    add_result(plan, focal, result_id=result.pk, question_ids=[question(plan.dossier, "1.1.3").pk])
    assert [t.question.code for t in result.targets.all()] == ["1.1.3"]


def test_a_result_refuses_questions_of_another_referential_and_forged_principles(planned):
    plan, focal = planned
    foreign = other_referential_question()
    with pytest.raises(ValidationError) as error:
        add_result(plan, focal, question_ids=[foreign.pk])
    assert error.value.messages == [
        f"Question no. {foreign.pk} is not a question of this dossier's referential."
    ]
    with pytest.raises(ValidationError):
        add_result(plan, focal, principle_id=foreign.principle_id)
    assert plan.results.count() == 1


def test_a_deleted_result_takes_its_indicators_and_leaves_its_activities(planned):
    plan, focal = planned
    result = plan.results.get()
    task = add_activity(plan, focal, result_id=result.pk)
    measured = add_indicator(plan, focal, level="result", row_id=result.pk)
    services.delete_expected_result(plan=plan, result_id=result.pk, by=focal)
    assert not ExpectedResult.objects.exists()
    assert Activity.objects.get(pk=task.pk).result is None
    assert measured.history.first().history_type == "-"


def test_the_plan_period_and_overall_objective_are_edited(planned):
    plan, focal = planned
    services.update_action_plan(
        plan=plan, overall_objective="هدف عام", starts_on=JAN, ends_on=JUN, by=focal
    )
    plan.refresh_from_db()
    assert (plan.overall_objective, plan.ends_on) == ("هدف عام", JUN)
    with pytest.raises(ValidationError):
        services.update_action_plan(
            plan=plan, overall_objective="x", starts_on=JUN, ends_on=JAN, by=focal
        )
    plan.refresh_from_db()
    assert plan.overall_objective == "هدف عام"


@pytest.mark.parametrize("who", ["team", "coordination", "other commune"])
def test_only_the_commune_edits(planned, who):
    plan, _focal = planned
    user = {
        "team": lambda: team_member(plan.dossier),
        "coordination": coordination_member,
        "other commune": lambda: commune_people(dossier_in_self_assessment())[0],
    }[who]()
    with pytest.raises(PermissionDenied) as error:
        add_objective(plan, user)
    assert str(error.value) == (
        "Only the commune edits its action plan, while the dossier is in “action plan”. "
        "Nothing was changed."
    )
    assert not SpecificObjective.objects.exists()


def test_nothing_is_edited_once_the_plan_is_evaluated(planned):
    plan, focal = planned
    plan.dossier.state = "plan_evaluated"
    plan.dossier.save()
    with pytest.raises(PermissionDenied):
        add_activity(plan, focal)
    assert not Activity.objects.exists()
