import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citizenlabel.actionplans.models import Activity
from citizenlabel.actionplans.selectors_dashboard import (
    expected_percent,
    plan_timeline,
    progress_status,
)
from citizenlabel.people.enums import Role
from tests.factories import (
    DossierFactory,
    commune_people,
    coordination_member,
    dossier_with_running_plan,
    plan_activity,
    plan_result,
    team_member,
    user_with_role,
)

pytestmark = pytest.mark.django_db
DAY = date(2026, 5, 11)


def activity(start: int, end: int, status="not_started", percent=0) -> Activity:
    """An unsaved activity from DAY + start to DAY + end (days)."""
    return Activity(
        title="…",
        starts_on=DAY + timedelta(days=start),
        ends_on=DAY + timedelta(days=end),
        status=status,
        percent_done=percent,
    )


def test_the_expected_progress_is_the_share_of_days_elapsed():
    assert expected_percent(activity(0, 9), DAY) == 0
    assert expected_percent(activity(-5, 4), DAY) == 50
    assert expected_percent(activity(-10, -1), DAY) == 100
    assert expected_percent(activity(3, 9), DAY) == 0


@pytest.mark.parametrize(
    ("start", "end", "status", "percent", "expected"),
    [
        (-30, -1, "done", 100, "done"),
        (-30, -1, "in_progress", 90, "late"),  # its end passed before it was done
        (-30, -1, "not_started", 0, "late"),
        (-9, 10, "in_progress", 10, "late"),  # 45 % of its days gone, 10 % done
        (-9, 10, "in_progress", 30, "current"),  # behind, but within the margin
        (-9, 10, "not_started", 0, "late"),
        (-1, 10, "not_started", 0, "planned"),
        (5, 10, "not_started", 0, "planned"),
        (0, 10, "in_progress", 5, "current"),
        (-30, -1, "cancelled", 0, "cancelled"),
    ],
)
def test_the_status_of_an_activity_on_the_timeline(start, end, status, percent, expected):
    assert progress_status(activity(start, end, status, percent), DAY) == expected


def test_activities_are_grouped_and_numbered_by_expected_result():
    plan = dossier_with_running_plan()
    first, second = (
        plan_result(plan, position=1),
        plan_result(plan, "نشر محاضر الدورات", position=2),
    )
    plan_activity(plan, title="بدون نتيجة", days=(-40, -20))
    plan_activity(plan, title="ب", days=(5, 9), result=second)
    plan_activity(plan, title="أ2", days=(3, 9), result=first)
    plan_activity(plan, title="أ1", days=(-2, 9), result=first)
    timeline = plan_timeline(plan, timezone.localdate())
    assert [
        (g.number, [(r.number, r.activity.title) for r in g.rows]) for g in timeline.groups
    ] == [
        (1, [("1.1", "أ1"), ("1.2", "أ2")]),
        (2, [("2.1", "ب")]),
        (None, [("1", "بدون نتيجة")]),
    ]
    assert timeline.counts == {"done": 0, "current": 0, "late": 1, "planned": 3, "cancelled": 0}


# --- the page ---


def timeline_page(client, user, plan, language="ar"):
    client.force_login(user)
    client.cookies["django_language"] = language
    return client.get(reverse("actionplans:timeline", args=[plan.dossier.pk]))


def bars(html: str) -> list[tuple[str, float]]:
    """(status, x) of each bar of the Gantt, in the order of the rows."""
    found = re.findall(r'<rect x="([\d.]+)"[^>]*class="chart-bar chart-bar-(\w+)"', html)
    return [(status, float(x)) for x, status in found]


@pytest.fixture
def plan():
    plan = dossier_with_running_plan()
    result = plan_result(plan)
    plan_activity(plan, title="ورشة التكوين", days=(-60, -10), result=result, budget=12000)
    plan_activity(plan, title="إعداد الميثاق", days=(-5, 40), status="in_progress", percent_done=20)
    plan_activity(plan, title="نشر المحاضر", days=(20, 80), responsible="الكاتب العام")
    return plan


def test_the_commune_sees_the_gantt_right_to_left_in_arabic(client, plan):
    focal, _president = commune_people(plan.dossier)
    response = timeline_page(client, focal, plan)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="chart chart-gantt"' in html
    assert 'class="chart-today"' in html
    statuses = bars(html)
    assert [s for s, _x in statuses] == ["late", "current", "planned"]
    assert statuses[0][1] > statuses[1][1] > statuses[2][1]  # time runs from the right
    assert "1.1" in html and "ورشة التكوين" in html and "الكاتب العام" in html
    assert '<td class="num"><bdi dir="ltr">12000,00</bdi></td>' in html


def test_the_gantt_runs_left_to_right_in_french(client, plan):
    response = timeline_page(client, team_member(plan.dossier), plan, "fr")
    statuses = bars(response.content.decode())
    assert statuses[0][1] < statuses[1][1] < statuses[2][1]
    assert 'dir="ltr"' in response.content.decode()


def test_the_table_lists_each_activity_with_its_duration_and_status(client, plan):
    response = timeline_page(client, coordination_member(), plan, "fr")
    rows = response.context["timeline"].rows
    assert [(r.number, r.duration_days, r.progress) for r in rows] == [
        ("1.1", 51, "late"),
        ("1", 46, "current"),
        ("2", 61, "planned"),
    ]
    assert '<span class="progress-status progress-status--late">' in response.content.decode()


@pytest.mark.parametrize("who", ["other team", "other commune", "no role", "accreditation"])
def test_outsiders_get_404(client, plan, who):
    other = dossier_with_running_plan().dossier
    user = {
        "other team": lambda: team_member(other),
        "other commune": lambda: commune_people(other)[0],
        "no role": lambda: user_with_role(Role.FOCAL_POINT, commune=DossierFactory().commune),
        "accreditation": lambda: user_with_role(Role.ACCREDITATION),
    }[who]()
    assert timeline_page(client, user, plan).status_code == 404


def test_a_dossier_without_a_plan_has_no_timeline(client):
    dossier = DossierFactory(state="verified")
    focal, _president = commune_people(dossier)
    client.force_login(focal)
    assert client.get(reverse("actionplans:timeline", args=[dossier.pk])).status_code == 404


def test_the_timeline_costs_the_same_queries_with_1_and_10_activities(
    client, django_assert_max_num_queries
):
    plan = dossier_with_running_plan()
    focal, _president = commune_people(plan.dossier)
    result = plan_result(plan)
    plan_activity(plan, result=result)
    url = reverse("actionplans:timeline", args=[plan.dossier.pk])
    client.force_login(focal)
    client.get(url)  # the session is warm
    with django_assert_max_num_queries(11) as one:
        client.get(url)
    for index in range(9):
        plan_activity(plan, title=f"نشاط {index}", days=(index, 40), result=plan_result(plan))
    with django_assert_max_num_queries(11) as ten:
        client.get(url)
    assert len(one.captured_queries) == len(ten.captured_queries)
