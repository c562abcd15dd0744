"""The logical framework: its services (one per write) and its pages, for every role."""

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
from citizenlabel.people.enums import Role
from citizenlabel.referential.models import Principle
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    dossier_with_plan,
    other_referential_question,
    question,
    team_member,
    user_with_role,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

JAN, JUN = datetime.date(2027, 1, 1), datetime.date(2027, 6, 30)


@pytest.fixture
def planned():
    """(plan, focal point): the plan opened with one expected result (1.1.1 → d)."""
    return dossier_with_plan()


def activity(plan, by, **fields):
    values = {
        "activity_id": None,
        "result_id": None,
        "title": "ورشة تكوينية",
        "starts_on": JAN,
        "ends_on": JUN,
        "responsible": "العنصر المحوري",
        "status": "not_started",
    }
    return services.save_activity(plan=plan, **{**values, **fields}, by=by)


def indicator(plan, by, **fields):
    values = {
        "indicator_id": None,
        "level": "overall",
        "row_id": None,
        "name": "عدد العرائض",
        "baseline": Decimal(2),
        "target": Decimal(10),
        "unit": "عريضة",
        "source": "سجل العرائض",
        "frequency": "quarterly",
    }
    return services.save_indicator(plan=plan, **{**values, **fields}, by=by)


def objective(plan, by, text="إشراك الساكنة"):
    return services.save_specific_objective(plan=plan, objective_id=None, text=text, by=by)


# --- services ----------------------------------------------------------------------------


def test_the_commune_builds_its_matrix(planned):
    plan, focal = planned
    first = objective(plan, focal)
    second = objective(plan, focal, "تحسين الخدمات")
    assert [(o.position, o.text) for o in plan.objectives.all()] == [
        (1, "إشراك الساكنة"),
        (2, "تحسين الخدمات"),
    ]
    result = plan.results.get()
    task = activity(plan, focal, result_id=result.pk, budget=Decimal(5000), percent_done=40)
    measured = indicator(plan, focal, level="activity", row_id=task.pk)
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
    task = activity(plan, focal)
    activity(plan, focal, activity_id=task.pk, percent_done=60, status="in_progress")
    measured = indicator(plan, focal)
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
        activity(plan, focal, starts_on=JUN, ends_on=JAN)
    assert error.value.message_dict == {
        "ends_on": ["The end (Jan. 1, 2027) is before the start (June 30, 2027)."]
    }
    assert not Activity.objects.exists()


def test_a_percentage_over_100_is_refused(planned):
    plan, focal = planned
    task = activity(plan, focal)
    with pytest.raises(ValidationError) as error:
        activity(plan, focal, activity_id=task.pk, percent_done=101)
    assert error.value.message_dict == {
        "percent_done": ["The percentage done must be between 0 and 100, not 101."]
    }
    assert Activity.objects.get().percent_done == 0


def test_a_target_equal_to_the_baseline_is_refused(planned):
    plan, focal = planned
    with pytest.raises(ValidationError) as error:
        indicator(plan, focal, baseline=Decimal(4), target=Decimal("4.00"))
    assert error.value.message_dict == {
        "target": ["The target (4.00) equals the baseline: an indicator measures a change."]
    }
    assert not Indicator.objects.exists()


def test_an_indicator_hangs_on_one_row_of_its_level(planned):
    plan, focal = planned
    activity(plan, focal)
    task = activity(plan, focal)  # its id is not the id of the plan's only result
    with pytest.raises(ValidationError) as error:
        indicator(plan, focal, level="result", row_id=task.pk)
    assert error.value.messages == [
        f"Expected result no. {task.pk} is not part of this action plan: nothing was changed."
    ]
    with pytest.raises(ValidationError) as error:
        indicator(plan, focal, level="specific", row_id=None)
    assert error.value.messages == ["Choose the row of the logical framework it belongs to."]
    assert not Indicator.objects.exists()


def test_forged_ids_of_another_plan_are_refused(planned):
    plan, focal = planned
    other, other_focal = dossier_with_plan()
    theirs = objective(other, other_focal)
    their_task = activity(other, other_focal)
    their_result = other.results.get()
    attempts = [
        lambda: services.save_specific_objective(
            plan=plan, objective_id=theirs.pk, text="x", by=focal
        ),
        lambda: services.delete_specific_objective(plan=plan, objective_id=theirs.pk, by=focal),
        lambda: activity(plan, focal, result_id=their_result.pk),
        lambda: activity(plan, focal, activity_id=their_task.pk),
        lambda: indicator(plan, focal, level="activity", row_id=their_task.pk),
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


def save_result(plan, by, **fields):
    principle = Principle.objects.get(referential=plan.dossier.edition.referential, code="PART")
    values = {
        "result_id": None,
        "text": "عرائض المواطنين",
        "principle_id": principle.pk,
        "objective_id": None,
        "question_ids": [],
    }
    return services.save_expected_result(plan=plan, **{**values, **fields}, by=by)


def test_a_result_targets_questions_of_the_referential_below_their_maximum(planned):
    plan, focal = planned
    first = objective(plan, focal)
    result = save_result(
        plan, focal, objective_id=first.pk, question_ids=[question(plan.dossier, "1.1.2").pk]
    )
    assert [(t.question.code, t.options) for t in result.targets.all()] == [
        ("1.1.2", ["b", "c", "d", "g"])
    ]
    assert result.objective == first and result.principle.code == "PART"
    save_result(plan, focal, result_id=result.pk, question_ids=[question(plan.dossier, "1.1.3").pk])
    assert [t.question.code for t in result.targets.all()] == ["1.1.3"]


def test_a_result_refuses_questions_of_another_referential_and_forged_principles(planned):
    plan, focal = planned
    foreign = other_referential_question()
    with pytest.raises(ValidationError) as error:
        save_result(plan, focal, question_ids=[foreign.pk])
    assert error.value.messages == [
        f"Question no. {foreign.pk} is not a question of this dossier's referential."
    ]
    with pytest.raises(ValidationError):
        save_result(plan, focal, principle_id=foreign.principle_id)
    assert plan.results.count() == 1


def test_a_deleted_result_takes_its_indicators_and_leaves_its_activities(planned):
    plan, focal = planned
    result = plan.results.get()
    task = activity(plan, focal, result_id=result.pk)
    measured = indicator(plan, focal, level="result", row_id=result.pk)
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
        objective(plan, user)
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
        activity(plan, focal)
    assert not Activity.objects.exists()


# --- pages -------------------------------------------------------------------------------


def url(plan, tail=""):
    return f"/dossiers/{plan.dossier.pk}/plan/{tail}"


def indicator_form(row="overall", **fields):
    values = {"row": row, "name": "عدد العرائض", "baseline": "2", "target": "10"}
    return {**values, "unit": "عريضة", "source": "سجل", "frequency": "yearly", **fields}


def test_the_commune_edits_the_matrix(client, planned):
    plan, focal = planned
    client.force_login(focal)
    response = client.get(url(plan))
    assert response.status_code == 200
    assert response.context["editable"] is True
    assert [row.item for row in response.context["frame"].results] == [plan.results.get()]
    assert f'href="{url(plan, "objective/new/")}"' in response.content.decode()


@pytest.mark.parametrize("who", ["team", "coordination", "president"])
def test_the_team_the_coordination_and_the_president_read_it(client, planned, who):
    plan, _focal = planned
    user = {
        "team": lambda: team_member(plan.dossier),
        "coordination": coordination_member,
        "president": lambda: user_with_role(Role.PRESIDENT, commune=plan.dossier.commune),
    }[who]()
    client.force_login(user)
    response = client.get(url(plan))
    assert response.status_code == 200
    assert response.context["editable"] is (who == "president")
    page = response.content.decode()
    assert ("objective/new/" in page) is (who == "president")


def test_insiders_who_may_not_edit_get_a_clear_refusal(client, planned):
    plan, _focal = planned
    client.force_login(team_member(plan.dossier))
    response = client.post(url(plan, "objective/new/"), {"text": "x"})
    assert response.status_code == 403
    assert "Only the commune edits its action plan" in response.content.decode()
    assert not SpecificObjective.objects.exists()


@pytest.mark.parametrize("who", ["other team", "other commune"])
def test_outsiders_get_404_everywhere(client, planned, who):
    plan, focal = planned
    task = activity(plan, focal)
    other = dossier_in_self_assessment()
    client.force_login(team_member(other) if who == "other team" else commune_people(other)[0])
    assert client.get(url(plan)).status_code == 404
    assert client.get(url(plan, "objective/new/")).status_code == 404
    assert client.post(url(plan, f"activity/{task.pk}/delete/")).status_code == 404
    assert Activity.objects.filter(pk=task.pk).exists()


def test_a_dossier_without_a_plan_has_no_logframe(client):
    dossier = dossier_in_self_assessment()
    client.force_login(team_member(dossier))
    assert client.get(f"/dossiers/{dossier.pk}/plan/").status_code == 404


def test_rows_are_added_edited_and_deleted_through_their_forms(client, planned):
    plan, focal = planned
    client.force_login(focal)
    response = client.post(url(plan, "objective/new/"), {"text": "إشراك الساكنة"})
    assert (response.status_code, response["Location"]) == (302, url(plan))
    added = SpecificObjective.objects.get()
    response = client.get(url(plan, f"assumption/new/?row=specific:{added.pk}"))
    assert response.context["form"]["row"].value() == f"specific:{added.pk}"
    client.post(url(plan, f"objective/{added.pk}/edit/"), {"text": "جديد"})
    assert SpecificObjective.objects.get().text == "جديد"
    form = client.get(url(plan, f"objective/{added.pk}/edit/")).context["form"]
    assert form["text"].value() == "جديد"
    client.post(url(plan, f"objective/{added.pk}/delete/"))
    assert not SpecificObjective.objects.exists()


def test_a_target_equal_to_the_baseline_is_refused_on_the_form(client, planned):
    plan, focal = planned
    client.force_login(focal)
    response = client.post(url(plan, "indicator/new/"), indicator_form(target="2.00"))
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "target": ["The target equals the baseline: an indicator measures a change."]
    }
    assert 'role="alert"' in response.content.decode()
    assert not Indicator.objects.exists()
    response = client.post(url(plan, "indicator/new/"), indicator_form())
    assert response.status_code == 302
    assert Indicator.objects.get().level == "overall"


def test_a_forged_row_and_a_percentage_over_100_are_refused_on_the_forms(client, planned):
    plan, focal = planned
    other, other_focal = dossier_with_plan()
    client.force_login(focal)
    forged = f"result:{other.results.get().pk}"
    response = client.post(url(plan, "indicator/new/"), indicator_form(row=forged))
    assert response.context["form"].errors == {"row": ["Choose a row of this action plan."]}
    values = {"title": "ورشة", "starts_on": "2027-01-01", "ends_on": "2027-02-01"}
    values |= {"responsible": "x", "budget": "0", "spent": "0", "status": "done"}
    response = client.post(url(plan, "activity/new/"), {**values, "percent_done": "101"})
    assert response.status_code == 422
    assert response.context["form"].errors == {"percent_done": ["A percentage cannot be over 100."]}
    assert not Indicator.objects.exists() and not Activity.objects.exists()


def test_another_plans_rows_are_not_found(client, planned):
    plan, focal = planned
    other, other_focal = dossier_with_plan()
    theirs = indicator(other, other_focal)
    client.force_login(focal)
    assert client.get(url(plan, f"indicator/{theirs.pk}/edit/")).status_code == 404
    assert client.post(url(plan, f"indicator/{theirs.pk}/delete/")).status_code == 404
    assert client.get(url(plan, "measurement/new/")).status_code == 404
    assert Indicator.objects.filter(pk=theirs.pk).exists()


def fill(plan, focal, count):
    """`count` more activities, each with its indicator, and as many objectives and results."""
    for _n in range(count):
        goal = objective(plan, focal)
        result = save_result(plan, focal, objective_id=goal.pk)
        task = activity(plan, focal, result_id=result.pk)
        indicator(plan, focal, level="activity", row_id=task.pk)
        indicator(plan, focal, level="result", row_id=result.pk)
        services.save_assumption(
            plan=plan, assumption_id=None, level="result", row_id=result.pk, text="x", by=focal
        )


def test_the_logframe_costs_the_same_queries_with_1_and_10_rows(
    client, planned, django_assert_max_num_queries
):
    plan, focal = planned
    client.force_login(focal)
    fill(plan, focal, 1)
    client.get(url(plan))
    with django_assert_max_num_queries(15) as one:
        client.get(url(plan))
    fill(plan, focal, 9)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url(plan))
    assert len(response.context["frame"].activities) == 10
