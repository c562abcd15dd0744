"""The whole journey in a browser, in Arabic, each role signing in in turn: one commune from
the call for candidacies to a granted label and its public certificate check (a second one,
through its action plan, is in test_whole_journey_action_plan.py).

Only the cast (users, the technical team) and, for the second commune, the dossier up to its
verification are written with factories and services; every state change of the journey is
made on the pages, as its user would make it."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from citizenlabel.accreditation.models import Decision, Label
from citizenlabel.demo.dossiers import demo_calendar
from citizenlabel.dossiers.models import Dossier, Edition
from citizenlabel.people.enums import Role
from citizenlabel.people.models import TechnicalTeam
from citizenlabel.territory.models import Commune
from citizenlabel.verification.models import Proposal, ScoreSnapshot
from tests.e2e.conftest import (
    Cast,
    as_user,
    cast_of,
    close_the_vote,
    confirm,
    convene,
    expect_state,
    person,
    score_the_components,
    screenshot,
    sign_in,
    sign_out,
    vote,
)
from tests.factories import (
    PASSWORD,
    CommuneFactory,
    TechnicalTeamFactory,
    default_referential,
    finish_verification,
    question,
)

PDF = {
    "name": "مداولة المجلس.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
}


@contextmanager
def autosaved(page: Page, path: str, *, status: int = 200) -> Iterator[None]:
    """Wait for the save a change sends (htmx, on change) and check its status.

    KNOWN BUG, worked around here: two cards saving at once (a quick click on the next
    question while the previous save is in flight) fail on SQLite — one POST answers 500,
    "database is locked" (deferred transactions under ATOMIC_REQUESTS), and the card shows no
    error, as if saved. So the journey waits for each save before the next change."""
    with page.expect_response(lambda r: r.request.method == "POST" and path in r.url) as saved:
        yield
    assert saved.value.status == status, saved.value.url


# --- the first commune: from the call to the label ------------------------------------------


@pytest.fixture
def first_commune(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    default_referential()
    commune = CommuneFactory(name={"ar": "شفشاون", "fr": "Chefchaouen"})
    team = TechnicalTeamFactory(name={"ar": "فريق الشمال", "fr": "Équipe du Nord"})
    return commune, cast_of(team)


def create_edition_and_open_the_call(page: Page, commune: Commune) -> Edition:
    page.goto("/editions/")
    page.locator("a[href='/editions/new/']").click()
    page.locator("input[name=name_ar]").fill("نسخة 2026")
    page.locator("input[name=name_fr]").fill("Édition 2026")
    for phase in demo_calendar(date.today()):
        page.locator(f"input[name={phase.phase}_start]").fill(phase.starts_on.isoformat())
        page.locator(f"input[name={phase.phase}_end]").fill(phase.ends_on.isoformat())
    page.locator("select[name=target_communes]").select_option(str(commune.pk))
    page.locator("textarea[name=conditions_ar]").fill("مداولة المجلس الجماعي في دورة عادية")
    page.locator("textarea[name=conditions_fr]").fill("Délibération du conseil en session")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("نسخة 2026")
    page.locator("form[action$='/open-call/'] button").click()
    expect(page.locator(".message--success")).to_be_visible()
    edition = Edition.objects.get()
    assert edition.call_opened_at is not None
    assert list(edition.target_communes.all()) == [commune]
    return edition


def apply_and_fill_the_candidacy(page: Page) -> Dossier:
    page.locator(".site-nav a[href='/dossiers/']").click()
    page.locator("form.inline-form[action$='/apply/'] button").click()
    page.locator("input[name=council_session]").fill("الدورة العادية لشهر فبراير 2026")
    page.locator("input[name=deliberation_number]").fill("12/2026")
    page.locator("input[name=deliberation_date]").fill("2026-02-10")
    page.locator("input[name=deliberation]").set_input_files(PDF)
    page.locator("input[name=address]").fill("مقر الجماعة، شفشاون")
    page.locator("input[name=phone]").fill("0539000000")
    page.locator("input[name=email]").fill("contact@chefchaouen.ma")
    page.locator("input[name=team-0-full_name]").fill("فاطمة الزهراء")
    page.locator("input[name=team-0-function]").fill("نائبة الرئيس")
    page.locator("select[name=team-0-kind]").select_option("council")
    page.locator("select[name=team-0-gender]").select_option("woman")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    dossier = Dossier.objects.get()
    assert (dossier.state, dossier.candidacy.deliberation_file.content_type) == (
        "draft",
        "application/pdf",
    )
    return dossier


def declare_eligible(page: Page, dossier: Dossier, team: TechnicalTeam) -> None:
    page.locator(".site-nav a[href='/coordination/candidacies/']").click()
    page.locator("table tbody tr a", has_text="شفشاون").click()
    page.locator("input[type=checkbox][name^=met_]").check()
    page.locator("input[name=decision][value=eligible]").check()
    page.locator("select[name=technical_team]").select_option(str(team.pk))
    page.locator("form.form button[type=submit]").click()
    expect_state(page, dossier, "eligible")
    assert Dossier.objects.get(pk=dossier.pk).technical_team == team


def launch_and_answer(page: Page, dossier: Dossier) -> None:
    """The launch, then three answers saved on change and a PDF attached to the first."""
    page.goto(f"/dossiers/{dossier.pk}/launch/")
    page.locator("input[name=official_start]").fill(timezone.localdate().isoformat())
    page.locator("form.form button[type=submit]").click()
    expect_state(page, dossier, "self_assessment")
    page.goto(f"/dossiers/{dossier.pk}/questionnaire/F1/")
    cards = page.locator("article.answer-card")
    for card_index, option_indexes in ((0, [3]), (1, [1, 6]), (2, [3])):  # d; b + g; d
        card = cards.nth(card_index)
        for option in option_indexes:
            with autosaved(page, "/answers/"):
                card.locator("input[name=options]").nth(option).check()
        expect(card.locator(".saved--now")).to_be_visible()
    card = cards.first
    card.locator("input[type=file]").set_input_files(PDF)
    card.locator(".evidence__upload button").click()
    expect(page.locator("article.answer-card").first.locator(".evidence__list a")).to_have_text(
        PDF["name"]
    )
    answers = dict(dossier.answers.values_list("question__code", "options"))
    assert answers == {"1.1.1": ["d"], "1.1.2": ["b", "g"], "1.1.3": ["d"]}


def send_for_approval(page: Page, dossier: Dossier) -> None:
    page.goto(f"/dossiers/{dossier.pk}/approval/")
    page.locator(f"form[action='/dossiers/{dossier.pk}/approval/send/'] button").click()
    expect_state(page, dossier, "awaiting_approval")


def approve(page: Page, dossier: Dossier) -> None:
    page.goto(f"/dossiers/{dossier.pk}/approval/")
    page.locator("input[name=confirm]").check()
    page.locator(f"form[action='/dossiers/{dossier.pk}/approval/approve/'] button").click()
    expect_state(page, dossier, "submitted")


def score_provisionally_and_schedule_the_visit(page: Page, dossier: Dossier, cast: Cast) -> None:
    page.locator(".site-nav a[href='/review/']").click()
    page.locator(f"#dossier-{dossier.pk} th a").first.click()
    page.locator(".record-form button").click()
    confirm(page)
    expect_state(page, dossier, "provisionally_scored")
    provisional = ScoreSnapshot.objects.get(dossier=dossier, kind="provisional")
    # 1.1.1 = d: 3 points × weight 2; 1.1.2 = b + g: 1 + 2; 1.1.3 = d: 3 — of 211.
    assert (provisional.points, provisional.maximum) == (Decimal(12), Decimal(211))
    assert provisional.created_by == cast.coordination

    visit_day = timezone.localdate()  # verification is recorded from the visit's day on
    page.goto(f"/dossiers/{dossier.pk}/visit/")
    page.locator("input[name=date]").fill(visit_day.isoformat())
    page.locator(f"input[name=members][value='{cast.verifier.pk}']").check()
    page.locator("textarea[name=agenda]").fill("استقبال الفريق\nمراجعة مصادر التحقق")
    page.locator("textarea[name=documents]").fill("محاضر الدورات")
    page.locator(".visit-form button[type=submit]").click()
    expect(page.locator(".visit-date time")).to_have_attribute("datetime", visit_day.isoformat())
    expect_state(page, dossier, "verification")


def verify_answers(page: Page, dossier: Dossier) -> None:
    """1.1.1 comes down to c (the minutes show four councillors); the others are seen."""
    first = question(dossier, "1.1.1")
    page.goto(f"/dossiers/{dossier.pk}/verify/")
    card = page.locator(f"#vq-{first.pk}")
    with autosaved(page, "/verify/answers/", status=422):  # a reason is needed now
        card.locator(f"label[for='es-{first.pk}-insufficient']").click()
    with autosaved(page, "/verify/answers/", status=422):
        card.locator(f"label[for='vo-{first.pk}-c']").click()
    card.locator("textarea[name=reason]").fill("المحضر يثبت أربع مستشارات فقط")
    with autosaved(page, "/verify/answers/"):
        card.locator("textarea[name=reason]").blur()
    expect(card.locator(".tag--differs")).to_be_visible()
    expect(card.locator(".saved--now")).to_be_visible()
    for code in ("1.1.2", "1.1.3"):
        other = question(dossier, code)
        card = page.locator(f"#vq-{other.pk}")
        with autosaved(page, "/verify/answers/"):
            card.locator(f"label[for='es-{other.pk}-seen']").click()
        expect(card.locator(".saved--now")).to_be_visible()


def record_diagnosis(page: Page, dossier: Dossier) -> None:
    principle = dossier.edition.referential.principles.order_by("position").first()
    page.goto(f"/dossiers/{dossier.pk}/diagnosis/")
    page.locator("select[name=points-0-principle]").select_option(str(principle.pk))
    page.locator("select[name=points-0-kind]").select_option("weakness")
    page.locator("textarea[name=points-0-text]").fill("لا تنشر محاضر الدورات")
    page.locator("input[name=participants-0-full_name]").fill("فاطمة الزهراء")
    page.locator("select[name=participants-0-category]").select_option("equality_body")
    page.locator("select[name=participants-0-gender]").select_option("woman")
    page.locator("textarea[name=priorities-0-text]").fill("نشر محاضر الدورات للعموم")
    page.locator("select[name=priorities-0-principle]").select_option(str(principle.pk))
    page.locator("form.diagnosis-form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()


def record_final_score(page: Page, dossier: Dossier) -> None:
    page.goto(f"/dossiers/{dossier.pk}/final/")
    page.locator("input[name=confirm]").check()
    page.locator("form[action$='/final/'] button[type=submit]").click()
    expect(page.locator(".final-score .score-big")).to_be_visible()
    expect_state(page, dossier, "verified")
    final = ScoreSnapshot.objects.get(dossier=dossier, kind="final")
    # Verified: 1.1.1 = c (2 × 2) + 3 + 3 = 10 of 211, the questionnaire weighs 70 %;
    # components 75, 50, 100 weigh 10 % each: 0.7 × 100 × 10 / 211 + 22.5 = 25.82.
    assert (final.points, str(final.overall)) == (Decimal(10), "25.82")
    assert final.components["ownership"] == 50


def publish_and_propose_the_label(page: Page, dossier: Dossier) -> None:
    page.goto(f"/dossiers/{dossier.pk}/final/")
    page.locator("form[action$='/publish/'] button").click()
    confirm(page)
    expect(page.locator("form[action$='/publish/']")).to_have_count(0)
    assert Dossier.objects.get(pk=dossier.pk).results_published_at is not None
    page.goto(f"/dossiers/{dossier.pk}/proposal/")
    page.locator("input[name=recommendation][value=label]").check()
    page.locator(".proposal-form button[type=submit]").click()
    expect(page.locator(".form-errors")).to_be_visible()  # 25.82 % < 70 %: justify it
    page.locator("textarea[name=justification]").fill("مجهود استثنائي في المناصفة")
    page.locator(".proposal-form button[type=submit]").click()
    confirm(page)
    expect(page.locator(".message--success")).to_be_visible()
    assert Proposal.objects.get(dossier=dossier).recommendation == "label"


def test_a_commune_goes_from_the_call_to_a_granted_label(page, first_commune):
    commune, cast = first_commune
    focal = person("خديجة", "العمراني", Role.FOCAL_POINT, commune=commune)
    president = person("محمد", "السفياني", Role.PRESIDENT, commune=commune)

    # The coordination creates the edition with its calendar and opens the call.
    sign_in(page, cast.coordination.username, PASSWORD)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    create_edition_and_open_the_call(page, commune)

    # The focal point applies with the council's deliberation; the president submits.
    as_user(page, focal)
    dossier = apply_and_fill_the_candidacy(page)
    screenshot(page, "journey-1-candidacy-ar", full_page=True)
    as_user(page, president)
    page.goto(f"/dossiers/{dossier.pk}/candidacy/")
    page.locator(f"form[action='/dossiers/{dossier.pk}/candidacy/submit/'] button").click()
    expect_state(page, dossier, "candidacy_submitted")

    # The coordination declares it eligible and gives it to the northern team.
    as_user(page, cast.coordination)
    declare_eligible(page, dossier, cast.team)

    # The focal point launches the self-assessment, answers and sends it; the president
    # approves it.
    as_user(page, focal)
    launch_and_answer(page, dossier)
    send_for_approval(page, dossier)
    as_user(page, president)
    approve(page, dossier)
    assert dossier.submissions.get().answers == {
        "1.1.1": ["d"],
        "1.1.2": ["b", "g"],
        "1.1.3": ["d"],
    }

    # The coordination studies the file, records the provisional score, schedules the visit.
    as_user(page, cast.coordination)
    score_provisionally_and_schedule_the_visit(page, dossier, cast)

    # The team member verifies on site and records the final score.
    as_user(page, cast.verifier)
    verify_answers(page, dossier)
    score_the_components(page, dossier)
    record_diagnosis(page, dossier)
    # The final score needs every answer verified or marked: the three above were done on
    # the page; the 70-odd others (unanswered, so marked "could not be verified", 0 points
    # either way) are completed with the factory, not clicked one by one.
    finish_verification(dossier, cast.verifier)
    record_final_score(page, dossier)
    expect(page.locator(".dossier-header h1")).to_have_text("شفشاون")
    screenshot(page, "journey-2-final-score-ar", full_page=True)

    # The coordination publishes the results, proposes the label, convenes the committee.
    as_user(page, cast.coordination)
    publish_and_propose_the_label(page, dossier)
    item = convene(page, dossier, cast.committee, timezone.localdate())
    screenshot(page, "journey-3-session-ar", full_page=True)

    # Each member votes for the proposal; the chair closes the vote: the label, against the
    # rules, with its reason.
    for member in cast.committee:
        vote(page, item, member, "for")
    expect(page.locator(".rules-summary")).to_have_class(re.compile("is-unmet"))
    close_the_vote(page, "تحسن ملموس في المناصفة لاحظته لجنة التحقق")
    expect_state(page, dossier, "labelled")
    decision = Decision.objects.get(item=item)
    assert (decision.outcome, decision.against_rules, decision.votes) == (
        "label",
        True,
        {"for": 3, "against": 0, "abstain": 0, "voters": 3, "present": 3, "casting": ""},
    )
    label = Label.objects.get(dossier=dossier)
    assert (label.commune, label.status, label.granted_on) == (
        commune,
        "active",
        timezone.localdate(),
    )
    granted = label.granted_on
    assert (label.valid_until.year, label.valid_until.month) == (granted.year + 2, granted.month)
    screenshot(page, "journey-4-decision-ar", full_page=True)

    # Anyone, not signed in, checks the certificate's code.
    sign_out(page)
    page.locator(".site-footer a[href='/labels/verify/']").click()
    page.locator("input[name=code]").fill(label.code)
    page.locator(".verify-lookup__form button[type=submit]").click()
    result = page.locator(".verify-result")
    expect(result).to_have_attribute("data-status", "active")
    expect(page.locator(".verify-result__commune")).to_have_text("شفشاون")
    expect(result.locator(".label-status")).to_have_class("label-status label-status--active")
    expect(result.locator(".code")).to_have_text(label.code)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot(page, "journey-5-certificate-check-ar", full_page=True)
