"""The commune's journey in a browser, as its focal point and its president would walk it."""

import re

import pytest
from playwright.sync_api import expect

from citizenlabel.dossiers.models import Answer, Dossier, DossierFile, EligibilityCondition
from citizenlabel.dossiers.services.candidacy import decide_eligibility
from citizenlabel.people.enums import Role
from tests.e2e.conftest import screenshot, sign_in, sign_out, switch_language
from tests.factories import (
    PASSWORD,
    CommuneFactory,
    EditionFactory,
    TechnicalTeamFactory,
    coordination_member,
    user_with_role,
)

PDF = {
    "name": "مداولة.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
}
TEXT = {"name": "ملاحظات.pdf", "mimeType": "application/pdf", "buffer": b"just some text"}


@pytest.fixture
def commune(transactional_db):
    commune = CommuneFactory(name={"ar": "شفشاون", "fr": "Chefchaouen"})
    edition = EditionFactory(name={"ar": "نسخة 2026", "fr": "Édition 2026"})
    edition.target_communes.set([commune])
    EligibilityCondition.objects.create(edition=edition, text={"ar": "مداولة المجلس"})
    return commune


def test_focal_point_and_president_take_the_commune_to_submission(page, commune):
    focal = user_with_role(Role.FOCAL_POINT, commune=commune)
    president = user_with_role(Role.PRESIDENT, commune=commune)

    # The focal point applies and fills the candidacy.
    sign_in(page, focal.username, PASSWORD)
    page.locator(".site-nav a[href='/dossiers/']").click()
    page.locator(".inline-form button").click()
    page.get_by_label("دورة المجلس").fill("الدورة العادية لشهر فبراير 2026")
    page.get_by_label("رقم المداولة").fill("12/2026")
    page.get_by_label("تاريخ المداولة").fill("2026-02-10")
    page.locator("input[name=deliberation]").set_input_files(PDF)
    page.get_by_label("العنوان").fill("مقر الجماعة، شارع الحسن الثاني")
    page.locator("input[name=phone]").fill("0539000000")
    page.locator("input[name=email]").fill("contact@chefchaouen.ma")
    page.locator("input[name=team-0-full_name]").fill("فاطمة الزهراء")
    page.locator("input[name=team-0-function]").fill("نائبة الرئيس")
    page.locator("select[name=team-0-kind]").select_option("council")
    page.locator("select[name=team-0-gender]").select_option("woman")
    screenshot(page, "candidacy-ar", full_page=True)
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    dossier = Dossier.objects.get(commune=commune)
    sign_out(page)

    # The president submits it.
    sign_in(page, president.username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/candidacy/")
    page.locator(f"form[action='/dossiers/{dossier.pk}/candidacy/submit/'] button").click()
    expect(page.locator(".state")).to_have_class(re.compile("state--candidacy_submitted"))
    sign_out(page)

    dossier.refresh_from_db()
    checks = {c.pk: (True, "") for c in dossier.edition.eligibility_conditions.all()}
    decide_eligibility(
        dossier=dossier,
        checks=checks,
        eligible=True,
        reason="",
        technical_team=TechnicalTeamFactory(),
        by=coordination_member(),
    )

    # The focal point launches the self-assessment and answers, on change.
    sign_in(page, focal.username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/launch/")
    page.locator("input[name=official_start]").fill("2026-11-20")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".state")).to_have_class(re.compile("state--self_assessment"))
    page.goto(f"/dossiers/{dossier.pk}/questionnaire/F1/")
    card = page.locator("article.answer-card").first
    card.locator("input[name=options]").nth(2).check()
    expect(card.locator(".saved--now")).to_be_visible()
    page.reload()
    card = page.locator("article.answer-card").first
    expect(card.locator("input[name=options]").nth(2)).to_be_checked()
    expect(page.locator(".score-big").first).not_to_have_text("—")

    # Evidence: a PDF is accepted, a text file in disguise is refused.
    card.locator("input[type=file]").set_input_files(PDF)
    card.locator(".evidence__upload button").click()
    card = page.locator("article.answer-card").first
    expect(card.locator(".evidence__list a")).to_have_text("مداولة.pdf")
    card.locator("input[type=file]").set_input_files(TEXT)
    card.locator(".evidence__upload button").click()
    card = page.locator("article.answer-card").first
    expect(card.locator(".form-errors")).to_contain_text("ملاحظات.pdf")
    screenshot(page, "questionnaire-ar")
    assert DossierFile.objects.filter(dossier=dossier, purpose="evidence").count() == 1
    assert Answer.objects.get(dossier=dossier).options == ["c"]

    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(
        page.locator("article.answer-card").first.locator("input[name=options]").nth(2)
    ).to_be_checked()
    screenshot(page, "questionnaire-fr")
    switch_language(page, "ar")

    page.goto(f"/dossiers/{dossier.pk}/approval/")
    page.locator(f"form[action='/dossiers/{dossier.pk}/approval/send/'] button").click()
    expect(page.locator(".state")).to_have_class(re.compile("state--awaiting_approval"))
    sign_out(page)

    # The president approves: the file is submitted and locked.
    sign_in(page, president.username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/approval/")
    page.locator("input[name=confirm]").check()
    page.locator(f"form[action='/dossiers/{dossier.pk}/approval/approve/'] button").click()
    expect(page.locator(".state")).to_have_class(re.compile("state--submitted"))
    screenshot(page, "approval-ar")
    page.goto(f"/dossiers/{dossier.pk}/questionnaire/F1/")
    expect(page.locator("fieldset.options input[name=options]").first).to_be_disabled()
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
    assert dossier.submissions.get().answers == {"1.1.1": ["c"]}


def test_two_people_editing_the_same_answer_see_a_conflict(page, browser, commune, live_server):
    from datetime import timedelta

    from django.utils import timezone

    edition = commune.editions.get()
    dossier = Dossier.objects.create(
        edition=edition,
        commune=commune,
        state="self_assessment",
        deadline=timezone.localdate() + timedelta(days=20),
    )
    focal = user_with_role(Role.FOCAL_POINT, commune=commune)
    president = user_with_role(Role.PRESIDENT, commune=commune)
    other = browser.new_context(base_url=live_server.url).new_page()
    url = f"/dossiers/{dossier.pk}/questionnaire/F1/"
    for who, tab in ((focal, page), (president, other)):
        sign_in(tab, who.username, PASSWORD)
        tab.goto(url)
    page.locator("article.answer-card").first.locator("input[name=options]").nth(1).check()
    expect(page.locator("article.answer-card").first.locator(".saved--now")).to_be_visible()
    other.locator("article.answer-card").first.locator("input[name=options]").nth(3).check()
    conflict = other.locator("article.answer-card").first.locator(".conflict")
    expect(conflict).to_be_visible()
    screenshot(other, "conflict-ar")
    assert Answer.objects.get(dossier=dossier).options == ["b"]
    other.context.close()


def test_an_answer_made_offline_is_saved_when_the_connection_returns(page, commune):
    from datetime import timedelta

    from django.utils import timezone

    dossier = Dossier.objects.create(
        edition=commune.editions.get(),
        commune=commune,
        state="self_assessment",
        deadline=timezone.localdate() + timedelta(days=20),
    )
    focal = user_with_role(Role.FOCAL_POINT, commune=commune)
    sign_in(page, focal.username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/questionnaire/F1/")
    card = page.locator("article.answer-card").first
    page.context.set_offline(True)
    card.locator("input[name=options]").nth(3).check()
    expect(card.locator(".offline-note")).to_be_visible()
    assert not Answer.objects.filter(dossier=dossier).exists()
    page.context.set_offline(False)
    expect(page.locator("article.answer-card").first.locator(".saved--now")).to_be_visible()
    assert Answer.objects.get(dossier=dossier).options == ["d"]
