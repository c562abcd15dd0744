"""The coordination committee in a browser: an edition, its calendar, the candidacies."""

import re
from datetime import date

import pytest
from django.utils import translation
from playwright.sync_api import expect

from citizenlabel.demo.dossiers import demo_calendar
from citizenlabel.dossiers.enums import Phase
from citizenlabel.dossiers.models import Candidacy, Dossier, Edition, EligibilityCondition
from citizenlabel.people.enums import Role
from tests.e2e.conftest import screenshot, sign_in, switch_language
from tests.factories import (
    PASSWORD,
    CommuneFactory,
    EditionFactory,
    TechnicalTeamFactory,
    default_referential,
    user_with_role,
)


@pytest.fixture
def member(transactional_db):
    default_referential()
    return user_with_role(Role.COORDINATION)


def test_a_member_creates_an_edition_opens_the_call_and_reads_its_calendar(page, member):
    commune = CommuneFactory(name={"ar": "وزان", "fr": "Ouezzane"})
    focal = user_with_role(Role.FOCAL_POINT, commune=commune)
    sign_in(page, member.username, PASSWORD)
    page.goto("/editions/")
    page.get_by_role("link", name="نسخة جديدة").click()
    page.locator("input[name=name_ar]").fill("نسخة 2027")
    page.locator("input[name=name_fr]").fill("Édition 2027")
    for phase in demo_calendar(date.today()):
        page.locator(f"input[name={phase.phase}_start]").fill(phase.starts_on.isoformat())
        page.locator(f"input[name={phase.phase}_end]").fill(phase.ends_on.isoformat())
    page.locator("select[name=target_communes]").select_option(str(commune.pk))
    page.locator("textarea[name=conditions_ar]").fill("مداولة المجلس")
    page.locator("textarea[name=conditions_fr]").fill("Délibération du conseil")
    page.locator("input[name=label_threshold]").fill("150")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert Edition.objects.count() == 0
    page.locator("input[name=label_threshold]").fill("70")
    screenshot(page, "edition-form-ar")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("نسخة 2027")
    page.locator("form[action$='/open-call/'] button").click()
    expect(page.locator(".message--success")).to_contain_text("1")
    assert Edition.objects.get().call_opened_at is not None
    screenshot(page, "edition-detail-ar")

    page.get_by_role("link", name="الجدولة الزمنية").click()
    expect(page.locator("figure.chart svg")).to_be_visible()
    expect(page.locator("tr.is-current-row")).to_have_count(1)
    screenshot(page, "calendar-ar")
    switch_language(page, "fr")
    with translation.override("fr"):
        current = str(Phase.SELF_ASSESSMENT.label)
    expect(page.locator("tr.is-current-row th")).to_have_text(current)
    assert current != "Carrying out the self-assessment"  # really in French
    screenshot(page, "calendar-fr")
    assert focal.email  # the focal point was the one notified


def test_a_member_finds_a_candidacy_in_the_inbox_and_declares_it_eligible(page, member):
    edition = EditionFactory(name={"ar": "نسخة 2026", "fr": "Édition 2026"})
    EligibilityCondition.objects.create(
        edition=edition, text={"ar": "مداولة المجلس", "fr": "Délibération"}
    )
    team = TechnicalTeamFactory(name={"ar": "الفريق التقني للشمال", "fr": "Équipe du Nord"})
    dossier = Dossier.objects.create(
        edition=edition,
        state="candidacy_submitted",
        commune=CommuneFactory(name={"ar": "مرتيل", "fr": "Martil"}),
    )
    Candidacy.objects.create(
        dossier=dossier,
        council_session="دورة فبراير",
        deliberation_number="3/2026",
        deliberation_date=date(2026, 2, 3),
        address="مرتيل",
        phone="0539",
        email="m@c.ma",
    )
    sign_in(page, member.username, PASSWORD)
    page.goto("/coordination/candidacies/")
    expect(page.locator("table tbody tr")).to_have_count(1)
    screenshot(page, "inbox-ar")
    page.get_by_role("link", name="مرتيل").click()
    page.locator("input[type=checkbox][name^=met_]").check()
    page.locator("input[name=decision][value=eligible]").check()
    page.locator("select[name=technical_team]").select_option(str(team.pk))
    screenshot(page, "eligibility-ar", full_page=True)
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".state")).to_have_class(re.compile("state--eligible"))
    dossier.refresh_from_db()
    assert (dossier.state, dossier.technical_team) == ("eligible", team)
    switch_language(page, "fr")
    page.goto("/coordination/candidacies/?state=eligible")
    expect(page.locator("table tbody tr")).to_contain_text("Martil")
