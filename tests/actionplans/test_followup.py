from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from citizenlabel.actionplans.models import FollowUpComment, Measurement, MonitoringVisit
from citizenlabel.actionplans.services.followup import (
    add_follow_up_comment,
    record_measurement,
    record_monitoring_visit,
    update_activity_progress,
)
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_with_running_plan,
    plan_activity,
    plan_indicator,
    team_member,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


TODAY = timezone.localdate


def measure(indicator, by, *, days_ago=1, value="4.5", note=" بعد الدورة "):
    return record_measurement(
        indicator=indicator,
        measured_on=TODAY() - timedelta(days=days_ago),
        value=Decimal(value),
        note=note,
        by=by,
    )


# --- measurements ---


def test_it_records_a_measurement_by_the_commune_or_its_team_with_history():
    plan = dossier_with_running_plan()
    indicator = plan_indicator(plan)
    focal, _president = commune_people(plan.dossier)
    member = team_member(plan.dossier)
    first = measure(indicator, focal, days_ago=20)
    second = measure(indicator, member, days_ago=2, value="6")
    assert [(m.value, m.recorded_by) for m in indicator.measurements.all()] == [
        (Decimal("4.50"), focal),
        (Decimal("6.00"), member),
    ]
    assert first.note == "بعد الدورة"
    assert [h.history_user for h in second.history.all()] == [member]


@pytest.mark.parametrize(
    ("days_ago", "message"),
    [
        (200, "The date must fall within the plan's period"),  # before the plan started
        (-1, "The date cannot be later than today."),
    ],
)
def test_it_refuses_a_date_outside_the_plan_or_in_the_future(days_ago, message):
    plan = dossier_with_running_plan()
    focal, _president = commune_people(plan.dossier)
    with pytest.raises(ValidationError) as refused:
        measure(plan_indicator(plan), focal, days_ago=days_ago)
    assert refused.value.message_dict["measured_on"][0].startswith(message)
    assert Measurement.objects.count() == 0


def test_it_refuses_a_measurement_for_an_unknown_indicator():
    plan = dossier_with_running_plan()
    focal, _president = commune_people(plan.dossier)
    with pytest.raises(ValidationError) as refused:
        measure(None, focal)
    assert refused.value.message_dict == {
        "indicator": ["A measurement for an unknown indicator cannot be recorded."]
    }


def test_only_the_plans_commune_and_team_record_measurements_while_it_runs():
    plan = dossier_with_running_plan()
    indicator = plan_indicator(plan)
    outsiders = [
        coordination_member(),
        team_member(dossier_with_running_plan().dossier),
        commune_people(dossier_with_running_plan().dossier)[0],
    ]
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            measure(indicator, user)
    plan.dossier.state = "plan_evaluated"
    plan.dossier.save()
    with pytest.raises(PermissionDenied):
        measure(indicator, commune_people(plan.dossier)[0])
    assert Measurement.objects.count() == 0


# --- activities ---


def test_the_commune_updates_an_activitys_progress_with_history():
    plan = dossier_with_running_plan()
    activity = plan_activity(plan, budget=5000)
    _focal, president = commune_people(plan.dossier)
    update_activity_progress(
        activity=activity, status="in_progress", percent_done=60, spent=Decimal(1200), by=president
    )
    activity.refresh_from_db()
    assert (activity.status, activity.percent_done, activity.spent) == (
        "in_progress",
        60,
        Decimal("1200.00"),
    )
    latest = activity.history.first()
    assert (latest.history_user, latest.percent_done) == (president, 60)
    assert activity.history.last().percent_done == 0  # the creation is kept


def test_done_means_one_hundred_percent():
    plan = dossier_with_running_plan()
    activity = plan_activity(plan)
    focal, _president = commune_people(plan.dossier)
    update_activity_progress(activity=activity, status="done", percent_done=40, by=focal)
    activity.refresh_from_db()
    assert (activity.status, activity.percent_done) == ("done", 100)


@pytest.mark.parametrize(
    ("status", "percent", "spent", "field", "message"),
    [
        (
            "in_progress",
            120,
            None,
            "percent_done",
            "The percentage done must be between 0 and 100.",
        ),
        ("in_progress", -5, None, "percent_done", "The percentage done must be between 0 and 100."),
        (
            "not_started",
            30,
            None,
            "status",
            "An activity that has not started cannot be partly done.",
        ),
        ("finished", 30, None, "status", "Choose one of the statuses offered."),
        (
            "in_progress",
            30,
            Decimal(-1),
            "spent",
            "Ensure this value is greater than or equal to 0.",
        ),
    ],
)
def test_it_refuses_a_bad_progress_and_changes_nothing(status, percent, spent, field, message):
    plan = dossier_with_running_plan()
    activity = plan_activity(plan)
    focal, _president = commune_people(plan.dossier)
    with pytest.raises(ValidationError) as refused:
        update_activity_progress(
            activity=activity, status=status, percent_done=percent, spent=spent, by=focal
        )
    assert refused.value.message_dict[field] == [message]
    activity.refresh_from_db()
    assert (activity.status, activity.percent_done, activity.spent) == ("not_started", 0, 0)
    assert activity.history.count() == 1


def test_only_the_commune_updates_activities():
    plan = dossier_with_running_plan()
    activity = plan_activity(plan)
    for user in (team_member(plan.dossier), coordination_member()):
        with pytest.raises(PermissionDenied) as refused:
            update_activity_progress(activity=activity, status="done", percent_done=100, by=user)
        assert str(refused.value) == (
            "Only the commune updates its activities, while the plan is open."
        )
    activity.refresh_from_db()
    assert activity.status == "not_started"


# --- the technical team's follow-up ---


def test_the_team_adds_follow_up_comments_and_monitoring_visits():
    plan = dossier_with_running_plan()
    member = team_member(plan.dossier)
    comment = add_follow_up_comment(plan=plan, body="  تأخر في الورشة الثانية ", by=member)
    visit = record_monitoring_visit(
        plan=plan, date=TODAY() - timedelta(days=3), findings="تقدم جيد في التكوين", by=member
    )
    assert (comment.body, comment.author) == ("تأخر في الورشة الثانية", member)
    assert (visit.findings, visit.recorded_by) == ("تقدم جيد في التكوين", member)


def test_the_commune_and_other_teams_do_not_write_follow_up():
    plan = dossier_with_running_plan()
    focal, _president = commune_people(plan.dossier)
    for user in (focal, team_member(dossier_with_running_plan().dossier), coordination_member()):
        with pytest.raises(PermissionDenied):
            add_follow_up_comment(plan=plan, body="…", by=user)
        with pytest.raises(PermissionDenied):
            record_monitoring_visit(plan=plan, date=TODAY(), findings="…", by=user)
    assert FollowUpComment.objects.count() == MonitoringVisit.objects.count() == 0


def test_empty_follow_up_and_visits_out_of_the_plan_are_refused():
    plan = dossier_with_running_plan()
    member = team_member(plan.dossier)
    with pytest.raises(ValidationError) as refused:
        add_follow_up_comment(plan=plan, body="   ", by=member)
    assert list(refused.value.message_dict) == ["body"]
    with pytest.raises(ValidationError) as refused:
        record_monitoring_visit(
            plan=plan, date=TODAY() + timedelta(days=2), findings="…", by=member
        )
    assert list(refused.value.message_dict) == ["date"]
    assert FollowUpComment.objects.count() == MonitoringVisit.objects.count() == 0
