"""A commune builds its action plan from the proposed draft, in a real browser."""

from playwright.sync_api import expect

from citizenlabel.actionplans.models import ActionPlan, Indicator
from citizenlabel.people.enums import Role
from citizenlabel.referential.models import Principle
from citizenlabel.verification.models import AgreedPriority
from tests.e2e.conftest import screenshot, sign_in, sign_out, switch_language
from tests.factories import (
    PASSWORD,
    dossier_in_self_assessment,
    dossier_ready_for_plan,
    team_member,
    user_with_role,
)


def test_a_focal_point_builds_the_plan_from_the_draft(page):
    dossier, _verifier = dossier_ready_for_plan()
    principle = Principle.objects.get(referential=dossier.edition.referential, code="TRANSP")
    AgreedPriority.objects.create(
        dossier=dossier, position=1, text="نشر جدول أعمال الدورات", principle=principle
    )
    focal = user_with_role(Role.FOCAL_POINT, commune=dossier.commune)
    sign_in(page, focal.username, PASSWORD)

    # The draft, in Arabic: the agreed priority's principle first, the what-if beneath.
    page.goto(f"/dossiers/{dossier.pk}/plan/draft/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".whatif-steps li").first).to_be_visible()
    expect(page.locator(".draft-group").first.locator(".candidate--priority").first).to_be_visible()
    screenshot(page, "plan-draft-ar")
    page.locator(".draft-group").first.scroll_into_view_if_needed()
    screenshot(page, "plan-draft-candidates-ar")

    # Two ticks, and the score they would give.
    page.locator("input[type=checkbox][value='1.1.1']").check()
    page.locator("input[type=checkbox][value='1.1.2']").check()
    page.locator(".draft-form button[type=submit]").click()
    expect(page.locator(".draft-ticked [role=status]")).to_be_visible()
    expect(page.locator("input[type=checkbox][value='1.1.1']")).to_be_checked()
    expect(page.locator(".plan-open input[type=hidden][name=pick]")).to_have_count(2)
    screenshot(page, "plan-draft-ticked-ar")

    # The plan opens with the two ticked changes as expected results.
    page.locator("textarea[name=overall_objective]").fill("تعزيز الحكامة الترابية الجيدة")
    page.locator("input[name=starts_on]").fill("2027-01-01")
    page.locator("input[name=ends_on]").fill("2027-12-31")
    page.locator(".plan-open button[type=submit]").click()
    expect(page.locator(".message")).to_be_visible()
    plan = ActionPlan.objects.get(dossier=dossier)
    assert [r.targets.get().question.code for r in plan.results.all()] == ["1.1.1", "1.1.2"]

    # A specific objective, then an activity.
    page.locator(f"a[href='/dossiers/{dossier.pk}/plan/objective/new/']").click()
    page.locator("textarea[name=text]").fill("إشراك النساء في مكتب المجلس")
    page.locator(".logframe-form button[type=submit]").click()
    expect(page.locator(".logframe")).to_contain_text("إشراك النساء في مكتب المجلس")
    page.locator(f"a[href='/dossiers/{dossier.pk}/plan/activity/new/']").click()
    page.locator("input[name=title]").fill("ورشة تكوينية للمستشارات")
    page.locator("select[name=result]").select_option(index=1)
    page.locator("input[name=starts_on]").fill("2027-02-01")
    page.locator("input[name=ends_on]").fill("2027-03-15")
    page.locator("input[name=responsible]").fill("العنصر المحوري")
    page.locator("input[name=partners]").fill("جمعية النساء")
    page.locator("input[name=budget]").fill("15000")
    page.locator("input[name=percent_done]").fill("20")
    page.locator("select[name=status]").select_option("in_progress")
    screenshot(page, "plan-activity-form-ar", full_page=True)
    page.locator(".logframe-form button[type=submit]").click()
    expect(page.locator(".logframe__activity")).to_contain_text("ورشة تكوينية للمستشارات")

    # An indicator of the activity: a target equal to the baseline is refused, then fixed.
    page.locator(".logframe__activity a.logframe__add").click()
    page.locator("input[name=name]").fill("عدد المستشارات المكونات")
    page.locator("input[name=baseline]").fill("5")
    page.locator("input[name=target]").fill("5")
    page.locator("input[name=unit]").fill("مستشارة")
    page.locator("input[name=source]").fill("لوائح الحضور")
    page.locator("select[name=frequency]").select_option("quarterly")
    page.locator(".logframe-form button[type=submit]").click()
    expect(page.locator(".form-errors[role=alert]")).to_be_visible()
    expect(page.locator("#id_target_error")).to_be_visible()
    screenshot(page, "plan-indicator-refused-ar")
    assert not Indicator.objects.exists()
    page.locator("input[name=target]").fill("12")
    page.locator(".logframe-form button[type=submit]").click()
    expect(page.locator(".logframe__activity .logframe__indicator")).to_contain_text("12")
    assert Indicator.objects.get().activity.title == "ورشة تكوينية للمستشارات"
    screenshot(page, "plan-logframe-ar", full_page=True)

    # The matrix in French.
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator(".logframe__level")).to_have_count(4)
    screenshot(page, "plan-logframe-fr", full_page=True)
    switch_language(page, "ar")
    sign_out(page)

    # A member of another technical team finds nothing.
    outsider = team_member(dossier_in_self_assessment())
    sign_in(page, outsider.username, PASSWORD)
    response = page.goto(f"/dossiers/{dossier.pk}/plan/")
    assert response.status == 404
    expect(page.locator("h1")).to_be_visible()
    screenshot(page, "plan-logframe-404-ar")
