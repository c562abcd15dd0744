"""The whole journey in a browser, in Arabic, for a second commune: its action plan is built,
followed and evaluated, its updated score recorded and a second deliberation labels it.

Only the cast (users, the technical team) and the dossier up to its verification are written
with factories and services; every state change of the journey is made on the pages, as its
user would make it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from citizenlabel.accreditation.models import Decision, DeliberationSession, Label
from citizenlabel.actionplans.models import ActionPlan, Measurement
from citizenlabel.dossiers.models import Dossier
from citizenlabel.people.enums import Role
from citizenlabel.people.models import User
from citizenlabel.territory.models import Commune
from citizenlabel.verification.models import ScoreSnapshot, VerifiedAnswer
from tests.e2e.conftest import (
    as_user,
    cast_of,
    close_the_vote,
    convene,
    expect_state,
    person,
    screenshot,
    sign_in,
    vote,
)
from tests.factories import PASSWORD, dossier_ready_for_plan, question

# --- the second commune: the action plan, its updated score, a second deliberation --------


@pytest.fixture
def second_commune(transactional_db):
    """Verified through the services, an action plan proposed, the results published."""
    dossier, verifier = dossier_ready_for_plan()
    Commune.objects.filter(pk=dossier.commune_id).update(name={"ar": "وزان", "fr": "Ouezzane"})
    User.objects.filter(pk=verifier.pk).update(first_name="رشيد", last_name="الإدريسي")
    dossier.refresh_from_db()
    return dossier, cast_of(dossier.technical_team, verifier)


def open_the_plan(page: Page, dossier: Dossier) -> ActionPlan:
    """From the draft: 1.1.1 ticked, the plan open over this year, today inside it."""
    today = timezone.localdate()
    page.goto(f"/dossiers/{dossier.pk}/plan/draft/")
    page.locator("input[type=checkbox][value='1.1.1']").check()
    page.locator(".draft-form button[type=submit]").click()
    expect(page.locator(".plan-open input[type=hidden][name=pick]")).to_have_count(1)
    page.locator("textarea[name=overall_objective]").fill("رفع تمثيلية النساء في مناصب المسؤولية")
    page.locator("input[name=starts_on]").fill((today - timedelta(days=60)).isoformat())
    page.locator("input[name=ends_on]").fill((today + timedelta(days=300)).isoformat())
    page.locator(".plan-open button[type=submit]").click()
    expect_state(page, dossier, "action_plan")
    plan = ActionPlan.objects.get(dossier=dossier)
    assert [r.targets.get().options for r in plan.results.all()] == [["d"]]
    return plan


def add_activity_and_indicator(page: Page, dossier: Dossier) -> None:
    today = timezone.localdate()
    page.locator(f"a[href='/dossiers/{dossier.pk}/plan/activity/new/']").click()
    page.locator("input[name=title]").fill("انتخاب مستشارة في مكتب المجلس")
    page.locator("select[name=result]").select_option(index=1)
    page.locator("input[name=starts_on]").fill((today - timedelta(days=30)).isoformat())
    page.locator("input[name=ends_on]").fill((today + timedelta(days=30)).isoformat())
    page.locator("input[name=responsible]").fill("رئيس الجماعة")
    page.locator("input[name=budget]").fill("10000")
    page.locator("input[name=percent_done]").fill("40")
    page.locator("select[name=status]").select_option("in_progress")
    page.locator(".logframe-form button[type=submit]").click()
    expect(page.locator(".logframe__activity")).to_contain_text("انتخاب مستشارة في مكتب المجلس")
    page.locator(".logframe__activity a.logframe__add").click()
    page.locator("input[name=name]").fill("عدد المستشارات في مناصب المسؤولية")
    page.locator("input[name=baseline]").fill("4")
    page.locator("input[name=target]").fill("5")
    page.locator("input[name=unit]").fill("مستشارة")
    page.locator("input[name=source]").fill("محضر انتخاب المكتب")
    page.locator("select[name=frequency]").select_option("quarterly")
    page.locator(".logframe-form button[type=submit]").click()
    expect(page.locator(".logframe__activity .logframe__indicator")).to_contain_text("5")


def follow_the_plan(page: Page, dossier: Dossier) -> None:
    """A measurement that reaches the target; the activity done."""
    page.goto(f"/dossiers/{dossier.pk}/plan/dashboard/")
    card = page.locator("article.indicator-card").first
    card.locator("input[name=measured_on]").fill(timezone.localdate().isoformat())
    card.locator("input[name=value]").fill("5")
    card.locator("input[name=note]").fill("محضر انتخاب المكتب")
    card.locator("button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert list(Measurement.objects.values_list("value", flat=True)) == [5]
    row = page.locator("tr.progress-row").first
    row.locator("select[name$=status]").select_option("done")
    row.locator("input[name$=percent_done]").fill("100")
    row.locator("button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()


def evaluate_the_plan(page: Page, dossier: Dossier) -> None:
    target = question(dossier, "1.1.1")
    card = f"#rv-{target.pk}"
    page.goto(f"/dossiers/{dossier.pk}/plan/evaluation/")
    # The card saves on change: the verified option is preselected, then d needs its reason.
    page.locator(f"#es-{target.pk}-seen").check()
    expect(page.locator(f"{card}.verify-card--done")).to_be_visible()
    page.locator(f"#vo-{target.pk}-d").check()
    expect(page.locator(f"{card} .form-errors")).to_be_visible()
    page.locator(f"#reason-{target.pk}").fill("محضر انتخاب المكتب يثبت خمس مستشارات")
    page.locator(f"#reason-{target.pk}").blur()
    expect(page.locator(f"{card} .form-errors")).to_have_count(0)
    expect(page.locator(f"{card} .tag--differs")).to_be_visible()
    reverified = VerifiedAnswer.objects.get(dossier=dossier, round="reverification")
    assert reverified.options == ["d"]
    page.locator("textarea[name=activities_summary]").fill("انتخبت مستشارة في مكتب المجلس.")
    page.locator("textarea[name=results_obtained]").fill("خمس مستشارات في مناصب المسؤولية.")
    page.locator("select[name=effects-0-kind]").select_option("equality")
    page.locator("textarea[name=effects-0-text]").fill("مستشارة تترأس لجنة دائمة")
    page.locator("textarea[name=narrative]").fill("النساء حاضرات في قرار المجلس.")
    page.locator(".evaluation-form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    page.locator(".updated-score-form button").click()
    expect_state(page, dossier, "plan_evaluated")


def test_a_second_commune_goes_through_an_action_plan_to_its_updated_score_and_a_second_deliberation(  # noqa: E501
    page, second_commune
):
    dossier, cast = second_commune
    focal = person("خديجة", "الوزاني", Role.FOCAL_POINT, commune=dossier.commune)
    first_day, second_day = timezone.localdate() - timedelta(days=1), timezone.localdate()

    # A first session: the committee follows the proposal, an action plan.
    sign_in(page, cast.coordination.username, PASSWORD)
    first = convene(page, dossier, cast.committee, first_day)
    for member in cast.committee:
        vote(page, first, member, "for")
    close_the_vote(page)
    expect_state(page, dossier, "action_plan")

    # The focal point opens the plan from the draft, fills it and follows it.
    as_user(page, focal)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    open_the_plan(page, dossier)
    add_activity_and_indicator(page, dossier)
    follow_the_plan(page, dossier)
    screenshot(page, "journey-6-plan-dashboard-ar", full_page=True)

    # The team member re-verifies the targeted answer, evaluates, records the updated score.
    as_user(page, cast.verifier)
    evaluate_the_plan(page, dossier)
    updated = ScoreSnapshot.objects.get(dossier=dossier, kind="updated")
    # Re-verified 1.1.1 = d: 3 × 2 + 3 = 9 of 211; components 75 / 50 / 100; achievement 100:
    # 0.7 × (0.7 × 100 × 9 / 211 + 22.5) + 0.3 × 100 = 47.84.
    assert (str(updated.overall), updated.components["achievement"]) == ("47.84", 100.0)
    expect(page.locator("#updated-score-figure")).to_contain_text("47,84")
    screenshot(page, "journey-7-updated-score-ar", full_page=True)

    # A second session: the rules call for "not labelled", and the committee adopts it.
    as_user(page, cast.coordination)
    second = convene(page, dossier, cast.committee, second_day)
    for member, choice in zip(cast.committee, ("for", "for", "abstain"), strict=True):
        vote(page, second, member, choice)
    expect(page.locator(".rules-summary")).to_have_class(re.compile("is-unmet"))
    close_the_vote(page)
    expect_state(page, dossier, "not_labelled")
    screenshot(page, "journey-8-second-decision-ar", full_page=True)
    decisions = Decision.objects.filter(item__dossier=dossier).order_by("item__session__date")
    assert [(d.outcome, d.against_rules) for d in decisions] == [
        ("action_plan", False),
        ("not_labelled", False),
    ]
    assert decisions[1].votes == {
        "for": 2,
        "against": 0,
        "abstain": 1,
        "voters": 3,
        "present": 3,
        "casting": "",
    }
    assert DeliberationSession.objects.count() == 2
    assert not Label.objects.filter(dossier=dossier).exists()
