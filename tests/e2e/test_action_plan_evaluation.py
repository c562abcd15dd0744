"""The evaluation of an action plan in a browser: the team re-verifies a targeted answer,
evaluates the plan and produces the updated score; the commune reads it in French; another
team gets the 404 page."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from citizenlabel.actionplans.models import (
    Activity,
    ExpectedResult,
    Indicator,
    Measurement,
    ResultTarget,
)
from citizenlabel.dossiers.models import Dossier, DossierFile
from citizenlabel.referential.models import Question
from citizenlabel.verification.models import ScoreSnapshot, VerifiedAnswer
from tests.e2e.conftest import screenshot, sign_in, sign_out, switch_language
from tests.factories import (
    PASSWORD,
    CommuneFactory,
    commune_people,
    dossier_in_self_assessment,
    dossier_with_plan_to_evaluate,
    team_member,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def evidence(dossier, question, by):
    stored = DossierFile(
        dossier=dossier,
        purpose=DossierFile.Purpose.EVIDENCE,
        question=question,
        original_name="محضر انتخاب المكتب.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
        uploaded_by=by,
    )
    stored.file.save("upload", ContentFile(PDF), save=False)
    stored.save()


def plan_rows(dossier, member):
    """One expected result aiming at 1.1.1 = d, its indicator and two activities."""
    plan = dossier.action_plan
    question = Question.objects.get(referential=dossier.edition.referential, code="1.1.1")
    result = ExpectedResult.objects.create(
        plan=plan, text="رفع عدد المستشارات في مناصب المسؤولية", principle=question.principle
    )
    ResultTarget.objects.create(result=result, question=question, options=["d"])
    indicator = Indicator.objects.create(
        plan=plan,
        level="result",
        result=result,
        name="عدد المستشارات في مناصب المسؤولية",
        baseline=3,
        target=5,
        unit="مستشارة",
        source="محضر الانتخاب",
        frequency="end",
    )
    Measurement.objects.create(
        indicator=indicator, measured_on=plan.ends_on, value=5, recorded_by=member
    )
    common = {
        "plan": plan,
        "result": result,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "responsible": "رئيس الجماعة",
    }
    Activity.objects.create(
        title="تعديل النظام الداخلي للمجلس", budget=30000, status="done", percent_done=100, **common
    )
    Activity.objects.create(
        title="تكوين المستشارات في التدبير",
        budget=10000,
        status="in_progress",
        percent_done=50,
        **common,
    )
    Activity.objects.create(
        title="دراسة حول المناصفة", budget=50000, status="cancelled", percent_done=0, **common
    )
    evidence(dossier, question, member)
    return question


@pytest.fixture
def planned(transactional_db):
    dossier, member = dossier_with_plan_to_evaluate(
        commune=CommuneFactory(name={"ar": "وزان", "fr": "Ouezzane"})
    )
    return dossier, member, plan_rows(dossier, member)


def test_the_team_evaluates_and_the_commune_reads_the_updated_score(page, planned):
    dossier, member, question = planned
    url = f"/dossiers/{dossier.pk}/plan/evaluation/"
    card = f"#rv-{question.pk}"

    # The team member re-verifies the targeted answer to the better option, with a reason.
    sign_in(page, member.username, PASSWORD)
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".achievement .score-big")).to_contain_text("87,50")
    screenshot(page, "evaluation-team-before-ar", full_page=True)
    # The card saves on change, as on the visit: the verified option c is preselected.
    page.locator(f"#es-{question.pk}-seen").check()
    expect(page.locator(f"{card}.verify-card--done")).to_be_visible()
    page.locator(f"#vo-{question.pk}-d").check()
    expect(page.locator(f"{card} .form-errors")).to_be_visible()  # the reason is required
    page.locator(f"#reason-{question.pk}").fill("محضر انتخاب المكتب يثبت خمس مستشارات")
    page.locator(f"#reason-{question.pk}").blur()
    expect(page.locator(f"{card} .tag--differs")).to_be_visible()
    expect(page.locator(f"{card} .form-errors")).to_have_count(0)
    reverified = VerifiedAnswer.objects.get(dossier=dossier, round="reverification")
    assert (reverified.options, reverified.version) == (["d"], 2)
    screenshot(page, "evaluation-reverified-ar", full_page=True)

    # The evaluation: the summaries, two effects and the narrative.
    page.locator("textarea[name=activities_summary]").fill("عدل النظام الداخلي وكونت المستشارات.")
    page.locator("textarea[name=results_obtained]").fill("خمس مستشارات في مناصب المسؤولية.")
    page.locator("select[name=effects-0-kind]").select_option("institutional")
    page.locator("textarea[name=effects-0-text]").fill("نظام داخلي يضمن تمثيلية النساء")
    page.locator("select[name=effects-1-kind]").select_option("equality")
    page.locator("textarea[name=effects-1-text]").fill("مستشارات يترأسن لجانا دائمة")
    page.locator("textarea[name=narrative]").fill("تغيرت ممارسة المجلس: النساء حاضرات في القرار.")
    page.locator(".evaluation-form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()

    # The updated score: recorded once, read from its snapshot.
    page.locator(".updated-score-form button").click()
    expect(page.locator(".message--success")).to_be_visible()
    updated = ScoreSnapshot.objects.get(dossier=dossier, kind="updated")
    # 0.7 × (0.7 × 100 × 9 / 211 + 22.5) + 0.3 × 87.5 = 44.09 (see tests/actionplans)
    assert str(updated.overall) == "44.09"
    assert Dossier.objects.get(pk=dossier.pk).state == "plan_evaluated"
    expect(page.locator("#updated-score-figure")).to_contain_text("44,09")
    expect(page.locator(".breakdown-table tbody tr")).to_have_count(5)
    expect(page.locator("#updated-score svg.chart")).to_have_count(1)
    expect(page.locator(".updated-score-form")).to_have_count(0)
    screenshot(page, "evaluation-updated-score-ar", full_page=True)
    sign_out(page)

    # The commune's focal point reads it in French.
    focal, _president = commune_people(dossier)
    sign_in(page, focal.username, PASSWORD)
    page.goto(url)
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#updated-score-figure")).to_contain_text("44,09")
    expect(page.locator(f"{card} .verify-form[hx-post]")).to_have_count(0)
    expect(page.locator(f"{card} .verify-form fieldset[disabled]")).to_have_count(2)
    expect(page.locator(".evaluation-form")).to_have_count(0)
    expect(page.locator(".effects-list li")).to_have_count(2)
    screenshot(page, "evaluation-commune-fr", full_page=True)
    switch_language(page, "ar")
    sign_out(page)

    # A member of another team gets the 404 page.
    outsider = team_member(dossier_in_self_assessment())
    sign_in(page, outsider.username, PASSWORD)
    response = page.goto(url)
    assert response.status == 404
    screenshot(page, "evaluation-other-team-404-ar")
