"""Following an action plan in a browser: the commune records indicator measurements and the
progress of an activity on the dashboard; the timeline is drawn right to left in Arabic and
left to right in French; the technical team adds its follow-up; another team sees nothing."""

import re
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from citizenlabel.actionplans.models import Measurement
from tests.e2e.conftest import screenshot, sign_in, sign_out, switch_language
from tests.factories import (
    PASSWORD,
    CommuneFactory,
    DossierFactory,
    TechnicalTeamFactory,
    commune_people,
    dossier_with_running_plan,
    plan_activity,
    plan_indicator,
    plan_result,
    team_member,
)


@pytest.fixture
def plan(transactional_db):
    plan = dossier_with_running_plan()
    plan.dossier.commune = CommuneFactory(name={"ar": "شفشاون", "fr": "Chefchaouen"})
    plan.dossier.save()
    women = plan_result(plan, "رفع تمثيلية النساء في مكتب المجلس", position=1)
    openness = plan_result(plan, "نشر محاضر دورات المجلس للعموم", position=2)
    plan_activity(
        plan,
        title="ورشة تحسيسية لفائدة المنتخبات",
        days=(-120, -30),
        result=women,
        budget=8000,
        status="in_progress",
        percent_done=40,
    )  # late: its end passed
    plan_activity(plan, title="إعداد ميثاق الشفافية", days=(-20, 70), result=openness, budget=15000)
    plan_activity(
        plan,
        title="نشر المحاضر على الموقع",
        days=(40, 150),
        result=openness,
        responsible="الكاتب العام",
        budget=5000,
    )
    plan_indicator(
        plan, name="نسبة النساء في مكتب المجلس", baseline=10, target=30, unit="%", result=women
    )
    return plan


def bar_boxes(page):
    """The bounding box of each activity's bar on the Gantt, in the order of the rows."""
    return [bar.bounding_box() for bar in page.locator("svg.chart-gantt rect.chart-bar").all()]


def printed_page_size(page, tmp_path) -> tuple[int, int]:
    """The size in points of the first page Chromium prints, as the page's CSS asks."""
    path = tmp_path / "timeline.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout).groups()
    return round(float(width)), round(float(height))


def test_the_commune_and_its_team_follow_the_plan(page, plan, tmp_path):
    dossier = plan.dossier
    focal, _president = commune_people(dossier)
    dashboard = f"/dossiers/{dossier.pk}/plan/dashboard/"
    timeline = f"/dossiers/{dossier.pk}/plan/timeline/"
    today = timezone.localdate()

    # The focal point records two measurements of the indicator.
    sign_in(page, focal.username, PASSWORD)
    page.goto(dashboard)
    card = page.locator("article.indicator-card").first
    for days_ago, value in ((40, "14"), (5, "20")):
        card.locator("input[name=measured_on]").fill((today - timedelta(days=days_ago)).isoformat())
        card.locator("input[name=value]").fill(value)
        card.locator("input[name=note]").fill("محضر اجتماع المكتب")
        card.locator("button[type=submit]").click()
        expect(page.locator(".message--success")).to_be_visible()
        card = page.locator("article.indicator-card").first
    assert list(Measurement.objects.values_list("value", flat=True)) == [14, 20]
    # halfway from 10 to 30
    expect(card.locator(".plan-progress svg title")).to_contain_text("50")
    expect(card.locator("svg.chart-indicator circle.chart-point")).to_have_count(2)

    # It updates an activity to 60 % and sees it.
    row = page.locator("tr.progress-row").nth(1)
    row.locator("select[name$=status]").select_option("in_progress")
    row.locator("input[name$=percent_done]").fill("60")
    row.locator("button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    row = page.locator("tr.progress-row").nth(1)
    expect(row.locator(".activity-percent")).to_have_text("60 %")
    expect(row.locator(".progress-status")).to_have_class(
        "progress-status progress-status--current"
    )
    expect(page.locator(".plan-counts__item.progress-status--current dd")).to_have_text("1")
    screenshot(page, "plan-dashboard-ar", full_page=True)

    # The timeline in Arabic: time runs from the right, today marked, a late bar.
    page.goto(timeline)
    gantt = page.locator("svg.chart-gantt")
    expect(gantt).to_be_visible()
    expect(gantt.locator("line.chart-today")).to_have_count(1)
    expect(gantt.locator("rect.chart-bar-late")).to_have_count(1)
    earliest, later, _last = bar_boxes(page)
    assert earliest["x"] > later["x"]
    screenshot(page, "plan-timeline-ar", full_page=True)

    # Printed, the navigation is gone and the page is A4 landscape.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".plan-tabs")).to_be_hidden()
    expect(gantt).to_be_visible()
    assert printed_page_size(page, tmp_path) == (842, 595)
    page.emulate_media(media="screen")

    # In French the bars are mirrored.
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    earliest, later, _last = bar_boxes(page)
    assert earliest["x"] < later["x"]
    screenshot(page, "plan-timeline-fr", full_page=True)
    switch_language(page, "ar")
    sign_out(page)

    # The technical team adds a follow-up comment and a monitoring visit.
    member = team_member(dossier)
    sign_in(page, member.username, PASSWORD)
    page.goto(dashboard)
    comment = page.locator("#follow-up form")
    comment.locator("textarea[name=body]").fill("الورشة متأخرة: يجب برمجتها قبل نهاية الشهر.")
    comment.locator("button[type=submit]").click()
    expect(page.locator("#follow-up .plan-notes")).to_contain_text("الورشة متأخرة")
    visit = page.locator("#visits form")
    visit.locator("input[name=date]").fill((today - timedelta(days=1)).isoformat())
    visit.locator("textarea[name=findings]").fill("تقدم ملموس في إعداد الميثاق.")
    visit.locator("button[type=submit]").click()
    expect(page.locator("#visits .plan-notes")).to_contain_text("تقدم ملموس في إعداد الميثاق.")
    screenshot(page, "plan-follow-up-ar", full_page=True)
    sign_out(page)

    # A member of another team gets the 404 page.
    other = DossierFactory(state="action_plan", technical_team=TechnicalTeamFactory())
    outsider = team_member(other)
    sign_in(page, outsider.username, PASSWORD)
    response = page.goto(dashboard)
    assert response.status == 404
    screenshot(page, "plan-dashboard-other-team-404-ar")
