"""The verification visit in a browser, on a tablet: a technical-team member verifies the
answers on site, scores the three components on their rubrics and records the diagnosis;
a member of another team gets the 404 page."""

import pytest
from playwright.sync_api import expect

from citizenlabel.verification.models import (
    AgreedPriority,
    AnswerReview,
    ComponentScore,
    DiagnosisParticipant,
    DiagnosisPoint,
    VerifiedAnswer,
)
from tests.e2e.conftest import score_the_components, screenshot, sign_in, switch_language
from tests.factories import (
    PASSWORD,
    coordination_member,
    dossier_in_self_assessment,
    evidence_file,
    question,
    team_member,
    verification_dossier,
)

TABLET = {"width": 1024, "height": 768}


@pytest.fixture
def visit(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    dossier, verifier = verification_dossier()
    evidence_file(dossier, "1.1.1", "محضر الدورة.pdf")
    AnswerReview.objects.create(
        dossier=dossier,
        question=question(dossier, "1.1.1"),
        unsupported=True,
        reason="المحضر غير موقع",
        remark="اطلبوا النسخة الموقعة",
        reviewed_by=coordination_member(),
    )
    return dossier, verifier


def verify_on_site(page, dossier):
    first, second = question(dossier, "1.1.1"), question(dossier, "1.1.2")
    page.goto(f"/dossiers/{dossier.pk}/verify/")
    card = page.locator(f"#vq-{first.pk}")
    expect(card.locator("input[name=options][value=d]")).to_be_checked()  # the declared one
    expect(card.locator(".evidence__list a")).to_have_text("محضر الدورة.pdf")
    expect(card.locator(".review-note")).to_contain_text("اطلبوا النسخة الموقعة")
    card.locator(f"label[for='es-{first.pk}-insufficient']").click()
    expect(card.locator(".form-errors")).to_be_visible()  # a reason is needed now
    card.locator(f"label[for='vo-{first.pk}-c']").click()
    card.locator("textarea[name=reason]").fill("المحضر غير موقع: عضوتان فقط ثابتتان")
    card.locator("textarea[name=reason]").blur()
    expect(card.locator(".saved--now")).to_be_visible()
    expect(card.locator(".tag--differs")).to_be_visible()
    expect(page.locator(".verify-tabs a.is-current .verify-tabs__count")).to_contain_text("1 / 18")
    other = page.locator(f"#vq-{second.pk}")
    other.locator(f"label[for='es-{second.pk}-seen']").click()
    expect(other.locator(".saved--now")).to_be_visible()
    expect(page.locator(".verify-tabs a.is-current .verify-tabs__count")).to_contain_text("2 / 18")
    screenshot(page, "verify-tablet-ar")
    page.reload()
    card = page.locator(f"#vq-{first.pk}")
    expect(card.locator("input[name=options][value=c]")).to_be_checked()
    expect(card.locator("input[name=evidence_status][value=insufficient]")).to_be_checked()
    expect(card.locator("textarea[name=reason]")).to_have_value(
        "المحضر غير موقع: عضوتان فقط ثابتتان"
    )
    card.scroll_into_view_if_needed()
    screenshot(page, "verify-card-tablet-ar")


def record_diagnosis(page, dossier):
    principles = list(dossier.edition.referential.principles.order_by("position"))
    page.goto(f"/dossiers/{dossier.pk}/diagnosis/")
    page.locator("select[name=points-0-principle]").select_option(str(principles[1].pk))
    page.locator("select[name=points-0-kind]").select_option("strength")
    page.locator("textarea[name=points-0-text]").fill("هيئة المساواة تشتغل بانتظام")
    page.locator("select[name=points-1-principle]").select_option(str(principles[4].pk))
    page.locator("select[name=points-1-kind]").select_option("weakness")
    page.locator("textarea[name=points-1-text]").fill("لا تقارير لتتبع برنامج العمل")
    for row, (name, category, gender) in enumerate(
        (("فاطمة الزهراء", "equality_body", "woman"), ("محمد", "staff", "man"))
    ):
        page.locator(f"input[name=participants-{row}-full_name]").fill(name)
        page.locator(f"select[name=participants-{row}-category]").select_option(category)
        page.locator(f"select[name=participants-{row}-gender]").select_option(gender)
    page.locator("textarea[name=priorities-0-text]").fill("نشر تقارير التتبع في كل دورة")
    page.locator("select[name=priorities-0-principle]").select_option(str(principles[4].pk))
    screenshot(page, "diagnosis-form-tablet-ar", full_page=True)
    page.locator("form.diagnosis-form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()


def test_a_team_member_verifies_scores_and_records_the_diagnosis_on_a_tablet(page, visit):
    dossier, verifier = visit
    page.set_viewport_size(TABLET)
    sign_in(page, verifier.username, PASSWORD)
    verify_on_site(page, dossier)
    verified = VerifiedAnswer.objects.get(question__code="1.1.1")
    assert (verified.options, verified.evidence_status) == (["c"], "insufficient")
    assert dossier.answers.get(question__code="1.1.1").options == ["d"]  # declared untouched

    score_the_components(page, dossier)
    screenshot(page, "components-tablet-ar", full_page=True)
    assert dict(ComponentScore.objects.values_list("component", "level")) == {
        "information_access": 3,
        "ownership": 2,
        "equality_body": 4,
    }

    record_diagnosis(page, dossier)
    assert list(DiagnosisPoint.objects.values_list("kind", flat=True)) == [
        "strength",
        "weakness",
    ]
    assert DiagnosisParticipant.objects.count() == 2
    assert list(AgreedPriority.objects.values_list("position", "text")) == [
        (1, "نشر تقارير التتبع في كل دورة")
    ]

    # The same pages in French, left to right.
    page.goto(f"/dossiers/{dossier.pk}/components/")
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#component-ownership input[value='2']")).to_be_checked()
    screenshot(page, "components-tablet-fr")
    page.goto(f"/dossiers/{dossier.pk}/verify/F1/")
    screenshot(page, "verify-tablet-fr")
    switch_language(page, "ar")

    # On a phone the declared and verified values stack.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/dossiers/{dossier.pk}/verify/F1/")
    screenshot(page, "verify-phone-ar")

    # The coordination reads the diagnosis, without a form.
    page.set_viewport_size(TABLET)
    page.locator(".sign-out button").click()
    sign_in(page, coordination_member().username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/diagnosis/")
    expect(page.locator("form.diagnosis-form")).to_have_count(0)
    expect(page.locator(".diagnosis-table")).to_contain_text("لا تقارير لتتبع برنامج العمل")
    expect(page.locator("ol.priorities li")).to_have_count(1)
    screenshot(page, "diagnosis-read-ar", full_page=True)


def test_a_member_of_another_team_gets_the_404_page(page, visit):
    dossier, _verifier = visit
    stranger = team_member(dossier_in_self_assessment())
    sign_in(page, stranger.username, PASSWORD)
    for path in ("verify/", "verify/F1/", "components/", "diagnosis/"):
        response = page.goto(f"/dossiers/{dossier.pk}/{path}")
        assert response.status == 404
    screenshot(page, "verify-other-team-404-ar")
    assert VerifiedAnswer.objects.count() == 0
