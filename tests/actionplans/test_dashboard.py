from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from citizenlabel.actionplans.models import FollowUpComment, Measurement, MonitoringVisit
from citizenlabel.actionplans.selectors_dashboard import progress_toward_target
from tests.factories import (
    UserFactory,
    commune_people,
    coordination_member,
    dossier_with_running_plan,
    plan_activity,
    plan_indicator,
    team_member,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def ar(message: str) -> str:
    """The message as the pages show it: in Arabic, the default language."""
    with translation.override("ar"):
        return gettext(message)


@pytest.mark.parametrize(
    ("baseline", "target", "value", "expected"),
    [
        (2, 10, 6, 50.0),
        (2, 10, 2, 0.0),
        (2, 10, 14, 100.0),  # beyond the target: clamped
        (2, 10, 0, 0.0),  # below the baseline: clamped
        (40, 10, 25, 50.0),  # a target below the baseline: a fall is progress
        (40, 10, 50, 0.0),
        (40, 10, 5, 100.0),
        (5, 5, 7, None),  # no way from the baseline to the target
    ],
)
def test_progress_toward_the_target(baseline, target, value, expected):
    assert progress_toward_target(Decimal(baseline), Decimal(target), Decimal(value)) == expected


@pytest.fixture
def plan():
    plan = dossier_with_running_plan()
    indicator = plan_indicator(plan, baseline=2, target=10)
    Measurement.objects.create(
        indicator=indicator,
        measured_on=TODAY() - timedelta(days=30),
        value=6,
        recorded_by=UserFactory(),
    )
    plan_activity(plan, title="ورشة", days=(-20, 20), budget=4000, spent=1000)
    return plan


def url(plan, name="dashboard", *args):
    return reverse(f"actionplans:{name}", args=[plan.dossier.pk, *args])


def page_of(client, user, plan):
    client.force_login(user)
    return client.get(url(plan))


def test_the_commune_sees_indicators_progress_activities_and_budget(client, plan):
    focal, _president = commune_people(plan.dossier)
    response = page_of(client, focal, plan)
    html = response.content.decode()
    assert response.status_code == 200
    card = response.context["cards"][0]
    assert card["view"].progress == 50.0
    assert 'class="chart chart-indicator"' in html and 'class="chart-target"' in html
    assert 'class="chart chart-progress"' in html
    assert response.context["board"].timeline.counts["late"] == 1  # 0 % done at half-time
    assert response.context["board"].budget_percent == 25.0
    assert f'action="{url(plan, "record_measurement")}"' in html
    assert f'action="{url(plan, "add_comment")}"' not in html  # the team's forms only


def test_the_team_may_record_and_follow_but_not_update_activities(client, plan):
    html = page_of(client, team_member(plan.dossier), plan).content.decode()
    assert f'action="{url(plan, "record_measurement")}"' in html
    assert f'action="{url(plan, "add_comment")}"' in html
    assert f'action="{url(plan, "add_visit")}"' in html
    assert "/progress/" not in html


def test_the_coordination_reads_without_forms(client, plan):
    response = page_of(client, coordination_member(), plan)
    assert response.status_code == 200
    assert '<form method="post" action="/dossiers/' not in response.content.decode()


@pytest.mark.parametrize("who", ["other team", "other commune"])
def test_outsiders_get_404_on_every_address(client, plan, who):
    other = dossier_with_running_plan().dossier
    user = team_member(other) if who == "other team" else commune_people(other)[0]
    activity = plan.activities.get()
    assert page_of(client, user, plan).status_code == 404
    for name, args in (
        ("record_measurement", []),
        ("activity_progress", [activity.pk]),
        ("add_comment", []),
        ("add_visit", []),
    ):
        assert client.post(url(plan, name, *args), {}).status_code == 404
    assert Measurement.objects.count() == 1


# --- measurements ---


def post_measurement(client, plan, indicator_id, **data):
    values = {"indicator": indicator_id, "measured_on": TODAY().isoformat(), "value": "7.5"}
    return client.post(url(plan, "record_measurement"), {**values, **data})


def test_the_focal_point_records_a_measurement(client, plan):
    focal, _president = commune_people(plan.dossier)
    client.force_login(focal)
    indicator = plan.indicators.get()
    response = post_measurement(client, plan, indicator.pk, note="محضر الدورة")
    assert response.status_code == 302
    assert response["Location"] == f"{url(plan)}#indicator-{indicator.pk}"
    latest = indicator.measurements.last()
    assert (latest.value, latest.note, latest.recorded_by) == (
        Decimal("7.50"),
        "محضر الدورة",
        focal,
    )
    assert latest.history.get().history_user == focal


UNKNOWN = (
    "A measurement for an unknown indicator: this indicator is not one of this plan's "
    "indicators. Nothing was recorded."
)


@pytest.mark.parametrize("forged", ["other plan", "missing", "not a number", "empty"])
def test_a_measurement_for_an_unknown_indicator_is_refused(client, plan, forged):
    other = plan_indicator(dossier_with_running_plan())
    indicator_id = {"other plan": other.pk, "missing": 99999, "not a number": "x", "empty": ""}
    client.force_login(commune_people(plan.dossier)[0])
    response = post_measurement(client, plan, indicator_id[forged])
    assert response.status_code == 400
    errors = response.context["orphan_form"].errors["indicator"]
    message = (
        UNKNOWN
        if forged != "empty"
        else ("A measurement for an unknown indicator: choose an indicator.")
    )
    assert errors == [ar(message)]
    assert 'role="alert"' in response.content.decode()
    assert Measurement.objects.count() == 1


def test_a_measurement_dated_outside_the_plan_is_refused(client, plan):
    client.force_login(team_member(plan.dossier))
    indicator = plan.indicators.get()
    before = (plan.starts_on - timedelta(days=1)).isoformat()
    response = post_measurement(client, plan, indicator.pk, measured_on=before)
    assert response.status_code == 400
    form = response.context["cards"][0]["form"]
    with translation.override("ar"):
        dates = {"start": date_format(plan.starts_on, "SHORT_DATE_FORMAT")}
        dates["end"] = date_format(plan.ends_on, "SHORT_DATE_FORMAT")
    period = ar("The date must fall within the plan's period, from %(start)s to %(end)s.")
    assert form.errors["measured_on"] == [period % dates]
    assert Measurement.objects.count() == 1


def test_the_coordination_may_not_record_a_measurement(client, plan):
    client.force_login(coordination_member())
    response = post_measurement(client, plan, plan.indicators.get().pk)
    assert response.status_code == 403
    assert response.context["error"] == ar(
        "Measurements are recorded by the commune and its technical team while the plan runs."
    )
    assert Measurement.objects.count() == 1


# --- activities ---


def post_progress(client, plan, activity, **data):
    prefix = f"activity-{activity.pk}-"
    values = {"status": "in_progress", "percent_done": "60", "spent": "1500"} | data
    return client.post(
        url(plan, "activity_progress", activity.pk), {prefix + k: v for k, v in values.items()}
    )


def test_the_commune_updates_an_activity_from_the_dashboard(client, plan):
    client.force_login(commune_people(plan.dossier)[1])
    activity = plan.activities.get()
    response = post_progress(client, plan, activity)
    assert response["Location"] == f"{url(plan)}#activity-{activity.pk}"
    activity.refresh_from_db()
    assert (activity.status, activity.percent_done, activity.spent) == (
        "in_progress",
        60,
        Decimal("1500.00"),
    )


def test_a_percentage_over_100_is_refused(client, plan):
    client.force_login(commune_people(plan.dossier)[0])
    activity = plan.activities.get()
    response = post_progress(client, plan, activity, percent_done="120")
    assert response.status_code == 400
    form = response.context["activities"][0]["form"]
    assert form.errors["percent_done"] == [ar("The percentage done must be between 0 and 100.")]
    activity.refresh_from_db()
    assert activity.percent_done == 0


def test_the_team_may_not_update_an_activity(client, plan):
    client.force_login(team_member(plan.dossier))
    activity = plan.activities.get()
    response = post_progress(client, plan, activity)
    assert response.status_code == 403
    assert response.context["error"] == ar(
        "Only the commune updates its activities, while the plan is open."
    )
    activity.refresh_from_db()
    assert activity.status == "not_started"


def test_an_activity_of_another_plan_is_not_found(client, plan):
    client.force_login(commune_people(plan.dossier)[0])
    foreign = plan_activity(dossier_with_running_plan())
    assert post_progress(client, plan, foreign).status_code == 404
    foreign.refresh_from_db()
    assert foreign.percent_done == 0


# --- follow-up ---


def test_the_team_adds_a_comment_and_a_visit(client, plan):
    member = team_member(plan.dossier)
    client.force_login(member)
    response = client.post(url(plan, "add_comment"), {"body": "يجب تسريع الورشة"})
    assert response["Location"] == f"{url(plan)}#follow-up"
    day = (TODAY() - timedelta(days=2)).isoformat()
    response = client.post(url(plan, "add_visit"), {"date": day, "findings": "تقدم ملموس"})
    assert response["Location"] == f"{url(plan)}#visits"
    html = client.get(url(plan)).content.decode()
    assert "يجب تسريع الورشة" in html and "تقدم ملموس" in html


def test_the_commune_may_not_write_the_teams_follow_up(client, plan):
    client.force_login(commune_people(plan.dossier)[0])
    response = client.post(url(plan, "add_comment"), {"body": "…"})
    assert response.status_code == 403
    response = client.post(url(plan, "add_visit"), {"date": TODAY().isoformat(), "findings": "…"})
    assert response.status_code == 403
    assert FollowUpComment.objects.count() == MonitoringVisit.objects.count() == 0


def test_an_empty_comment_is_refused_with_its_field(client, plan):
    client.force_login(team_member(plan.dossier))
    response = client.post(url(plan, "add_comment"), {"body": ""})
    assert response.status_code == 400
    assert response.context["comment_form"].errors == {"body": [ar("This field is required.")]}


# --- cost ---


def fill(plan, indicators: int, measurements: int) -> None:
    recorder = UserFactory()
    for index in range(indicators):
        indicator = plan_indicator(plan, name=f"مؤشر {index}")
        Measurement.objects.bulk_create(
            Measurement(
                indicator=indicator,
                measured_on=plan.starts_on + timedelta(days=day),
                value=day,
                recorded_by=recorder,
            )
            for day in range(measurements)
        )
        plan_activity(plan, title=f"نشاط {index}", days=(-index, 30))


def test_the_dashboard_costs_the_same_queries_with_1_and_10_indicators(
    client, django_assert_max_num_queries
):
    small, large = dossier_with_running_plan(), dossier_with_running_plan()
    fill(small, 1, 1)
    fill(large, 10, 10)
    counts = []
    for plan in (small, large):
        FollowUpComment.objects.create(plan=plan, author=UserFactory(), body="…")
        client.force_login(team_member(plan.dossier))
        client.get(url(plan))
        with django_assert_max_num_queries(15) as captured:
            assert client.get(url(plan)).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
