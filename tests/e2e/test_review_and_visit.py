"""The coordination committee in a browser: the review inbox, a team assigned, the study of a
file with an answer flagged, the provisional score, the visit; then who may see what."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from citizenlabel.dossiers.models import Dossier
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership
from citizenlabel.referential.models import Question
from citizenlabel.verification.models import ScoreSnapshot, Visit
from tests.e2e.conftest import confirm, screenshot, sign_in, sign_out, switch_language
from tests.factories import (
    PASSWORD,
    CommuneFactory,
    TechnicalTeamFactory,
    UserFactory,
    coordination_member,
    default_referential,
    evidence_file,
    submitted_dossier,
    user_with_role,
)


@pytest.fixture
def setting(transactional_db):
    default_referential()
    commune = CommuneFactory(name={"ar": "مرتيل", "fr": "Martil"})
    dossier = submitted_dossier(commune=commune, technical_team=None, comment="محضر الدورة")
    evidence_file(dossier, "1.1.1", name="محضر الدورة.pdf")
    team = TechnicalTeamFactory(name={"ar": "فريق الشمال", "fr": "Équipe du Nord"})
    visitor = UserFactory(first_name="سعاد", last_name="الإدريسي")
    Membership.objects.create(
        user=visitor, role=Role.TECHNICAL_TEAM, technical_team=team, is_leader=True
    )
    return dossier, team, visitor


def test_a_coordination_member_reviews_scores_and_schedules_the_visit(page, setting):
    dossier, team, visitor = setting
    member = coordination_member()
    sign_in(page, member.username, PASSWORD)

    # The inbox: the submitted dossier, given to the northern team.
    page.goto("/review/")
    row = page.locator(f"#dossier-{dossier.pk}")
    expect(row).to_contain_text("مرتيل")
    row.locator("select[name=team]").select_option(str(team.pk))
    screenshot(page, "review-inbox-ar")
    row.locator("button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    dossier.refresh_from_db()
    assert dossier.technical_team == team

    # The study: answer 1.1.1 is flagged unsupported, with its reason.
    page.locator(f"#dossier-{dossier.pk} th a").first.click()
    expect(page.locator("#study-summary .study-summary__flagged")).to_have_text("0")
    target = Question.objects.get(referential=dossier.edition.referential, code="1.1.1")
    card = page.locator(f"#r-{target.pk}")
    expect(card.locator(".file-list a")).to_have_text("محضر الدورة.pdf")
    card.locator(f"#unsupported-{target.pk}").check()
    card.locator(f"#reason-{target.pk}").fill("المحضر المرفق غير موقع")
    card.locator(f"#remark-{target.pk}").fill("اطلب المحضر الأصلي خلال الزيارة")
    card.locator("button[type=submit]").click()
    expect(page.locator(f"#r-{target.pk} .tag--flagged")).to_be_visible()
    expect(page.locator("#study-summary .study-summary__flagged")).to_have_text("1")
    page.locator(f"#r-{target.pk}").scroll_into_view_if_needed()
    screenshot(page, "review-study-ar")

    # The provisional score: stored as a snapshot, the dossier moves on.
    page.locator(".record-form button").click()
    confirm(page, "provisional-confirm-ar")
    expect(page.locator(".state")).to_have_class(re.compile("state--provisionally_scored"))
    snapshot = ScoreSnapshot.objects.get(dossier=dossier, kind="provisional")
    assert (snapshot.points, snapshot.maximum) == (Decimal(3), Decimal(211))
    assert snapshot.answers == {"1.1.2": ["b", "g"]}
    assert (snapshot.referential_code, snapshot.created_by) == ("LCC", member)
    dossier.refresh_from_db()
    assert dossier.state == "provisionally_scored"
    expect(page.locator(".review-form")).to_have_count(0)
    screenshot(page, "review-study-scored-ar", full_page=False)

    # The visit: a date, the team's member, the agenda and the documents to prepare.
    visit_day = timezone.localdate() + datetime.timedelta(days=12)
    page.goto(f"/dossiers/{dossier.pk}/visit/")
    page.locator("input[name=date]").fill(visit_day.isoformat())
    page.locator(f"input[name=members][value='{visitor.pk}']").check()
    page.locator("textarea[name=agenda]").fill("استقبال الفريق\nمراجعة مصادر التحقق")
    page.locator("textarea[name=documents]").fill("محاضر الدورات\nبرنامج عمل الجماعة")
    screenshot(page, "visit-form-ar", full_page=True)
    page.locator(".visit-form button[type=submit]").click()
    expect(page.locator(".visit-date time")).to_have_attribute("datetime", visit_day.isoformat())
    expect(page.locator(".state")).to_have_class(re.compile("state--verification"))
    assert Dossier.objects.get(pk=dossier.pk).state == "verification"
    assert list(Visit.objects.get(dossier=dossier).members.all()) == [visitor]
    screenshot(page, "visit-scheduled-ar", full_page=True)


def test_another_team_gets_404_and_the_focal_point_reads_the_visit_in_french(page, setting):
    dossier, team, visitor = setting
    member = coordination_member()
    from citizenlabel.verification.services.scores import record_provisional_score
    from citizenlabel.verification.services.teams import assign_technical_team
    from citizenlabel.verification.services.visit import schedule_visit

    assign_technical_team(dossier=dossier, team=team, by=member)
    record_provisional_score(dossier=dossier, by=member)
    visit_day = timezone.localdate() + datetime.timedelta(days=9)
    schedule_visit(
        dossier=dossier,
        date=visit_day,
        members=[visitor],
        agenda="استقبال الفريق",
        documents="محاضر الدورات",
        by=member,
    )

    stranger = user_with_role(Role.TECHNICAL_TEAM, technical_team=TechnicalTeamFactory())
    sign_in(page, stranger.username, PASSWORD)
    for url in (f"/dossiers/{dossier.pk}/study/", f"/dossiers/{dossier.pk}/visit/"):
        response = page.goto(url)
        assert response.status == 404
        expect(page.locator("body")).not_to_contain_text("مرتيل")
    screenshot(page, "visit-404-other-team-ar")
    sign_out(page)

    focal = user_with_role(Role.FOCAL_POINT, commune=dossier.commune)
    sign_in(page, focal.username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/visit/")
    expect(page.locator(".visit-date time")).to_have_attribute("datetime", visit_day.isoformat())
    expect(page.locator(".visit-form")).to_have_count(0)
    screenshot(page, "visit-focal-ar")
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator(".dossier-header h1")).to_have_text("Martil")
    expect(page.locator(".visit-members")).to_contain_text("الإدريسي")
    screenshot(page, "visit-focal-fr")


def test_a_coordination_member_forms_a_technical_team(page, transactional_db):
    member = coordination_member()
    agents = [UserFactory(first_name=name, last_name="بناني") for name in ("أمينة", "يوسف")]
    sign_in(page, member.username, PASSWORD)
    page.goto("/teams/")
    page.locator("a.button[href='/teams/new/']").click()
    page.locator("input[name=name_ar]").fill("فريق الجنوب")
    page.locator("input[name=name_fr]").fill("Équipe du Sud")
    page.locator("select[name=members]").select_option([str(a.pk) for a in agents])
    page.locator("select[name=leader]").select_option(str(member.pk))  # not a member
    page.locator(".team-form button[type=submit]").click()
    expect(page.locator(".form-errors")).to_be_visible()
    screenshot(page, "team-form-error-ar", full_page=True)
    page.locator("select[name=leader]").select_option(str(agents[1].pk))
    page.locator(".team-form button[type=submit]").click()
    expect(page.locator(".teams-table tbody tr")).to_have_count(1)
    expect(page.locator(".teams-table tbody tr")).to_contain_text("فريق الجنوب")
    leaders = Membership.objects.filter(technical_team__isnull=False, is_leader=True)
    assert [m.user for m in leaders] == [agents[1]]
    screenshot(page, "team-list-ar")
