"""A deliberation in a browser: the coordination convenes the committee (Karim chairs it)
and records the attendance, a member recuses, the others vote on the proposal and reject it,
then adopt the label in a second round; the chair closes each vote through the confirmation
page, in Arabic and then in French; the minutes download; a committee member who was not
invited sees nothing."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from citizenlabel.accreditation.models import AgendaItem, Decision, DeliberationSession
from citizenlabel.people.enums import Role
from tests.e2e.conftest import confirm, screenshot, sign_in, sign_out, switch_language
from tests.factories import PASSWORD, CommuneFactory, EditionFactory, coordination_member
from tests.factories import user_with_role as with_role
from tests.factories.accreditation import ready_dossier


@pytest.fixture
def setting(transactional_db):
    edition = EditionFactory(name={"ar": "نسخة 2026", "fr": "Édition 2026"})
    commune = CommuneFactory(name={"ar": "شفشاون", "fr": "Chefchaouen"})
    dossier = ready_dossier(edition, rules_met=False, commune=commune)
    members = []
    for first, last in (
        ("أمينة", "برادة"),
        ("يوسف", "العلمي"),
        ("Karim", "Tazi"),
        ("سعاد", "الفاسي"),
    ):
        member = with_role(Role.ACCREDITATION)
        member.first_name, member.last_name = first, last
        member.save()
        members.append(member)
    return edition, dossier, members


def vote_as(page, member, session, item, choice, *, signed_in=False, sign_out_after=False):
    if not signed_in:
        sign_in(page, member.username, PASSWORD)
    page.goto(f"/sessions/{session.pk}/items/{item.pk}/")
    page.locator(f"form.vote-form input[name=choice][value={choice}]").check()
    page.locator("form.vote-form button[type=submit]").click()
    expect(page.locator(".my-vote")).to_be_visible()
    if sign_out_after:
        sign_out(page)


def test_a_session_from_convening_to_the_minutes(page, setting):
    edition, dossier, (amina, youssef, karim, souad) = setting
    coordination = coordination_member()

    # The coordination convenes today's session: three members invited, Karim chairs it.
    sign_in(page, coordination.username, PASSWORD)
    page.goto("/sessions/")
    page.locator("a[href='/sessions/new/']").click()
    page.locator("select[name=edition]").select_option(str(edition.pk))
    page.locator("input[name=date]").fill(timezone.localdate().isoformat())
    page.locator("input[name=place]").fill("الرباط — مقر الجمعية")
    page.locator("input[name=quorum]").fill("2")
    for member in (amina, youssef, karim):
        page.locator(f"input[name=members][value='{member.pk}']").check()
    page.locator("select[name=chair]").select_option(str(karim.pk))
    page.locator("select[name=secretary]").select_option(str(youssef.pk))
    page.locator(f"input[name=dossiers][value='{dossier.pk}']").check()
    screenshot(page, "deliberation-convene-ar", full_page=True)
    page.locator("form.session-form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    session = DeliberationSession.objects.get()
    item = AgendaItem.objects.get()
    expect(page).to_have_url(re.compile(f"/sessions/{session.pk}/$"))
    expect(page.locator(".quorum")).to_have_class(re.compile("is-unmet"))

    # It records the attendance: the quorum is reached.
    for member in (amina, youssef, karim):
        seat = session.members.get(user=member)
        page.locator(f"input[name=present][value='{seat.pk}']").check()
    page.locator("form.attendance-form button[type=submit]").click()
    expect(page.locator(".quorum")).to_have_class(re.compile("is-met"))
    screenshot(page, "deliberation-session-ar", full_page=True)
    sign_out(page)

    # Amina comes from the same province: she declares it and may no longer vote.
    sign_in(page, amina.username, PASSWORD)
    page.goto(f"/sessions/{session.pk}/")
    page.locator(f"a[href='/sessions/{session.pk}/items/{item.pk}/']").click()
    expect(page.locator(".score-big")).to_contain_text("31,25")
    expect(page.locator(".rules-checklist .rule.is-unmet").first).to_be_visible()
    page.locator(".conflict-box summary").click()
    page.locator("form.conflict-form input[name=reason]").fill("من نفس الإقليم")
    page.locator("form.conflict-form button[type=submit]").click()
    expect(page.locator(".my-part .notice--error")).to_be_visible()
    expect(page.locator("form.vote-form")).to_have_count(0)
    screenshot(page, "deliberation-recused-ar", full_page=True)
    sign_out(page)

    # Youssef and Karim vote against the proposal (an action plan); Karim closes the vote.
    vote_as(page, youssef, session, item, "against", sign_out_after=True)
    vote_as(page, karim, session, item, "against")
    expect(page.locator(".tally__item dd").nth(1)).to_have_text("2")
    page.locator("form.decision-form button[type=submit]").click()
    confirm(page, "deliberation-confirm-rejected-ar")
    expect(page.locator("form.round-form")).to_be_visible()
    assert Decision.objects.count() == 0

    # A second round on the label: adopted, against the rules, so first without a
    # justification (refused at once), then with it, confirmed.
    page.locator("form.round-form input[name=outcome][value=label]").check()
    page.locator("form.round-form button[type=submit]").click()
    expect(page.locator(".vote-on")).to_be_visible()
    vote_as(page, karim, session, item, "for", signed_in=True)
    sign_out(page)
    vote_as(page, youssef, session, item, "for", sign_out_after=True)
    # Karim closes this one in French.
    sign_in(page, karim.username, PASSWORD)
    page.goto(f"/sessions/{session.pk}/items/{item.pk}/")
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.locator("form.decision-form button[type=submit]").click()
    expect(page.locator("form.decision-form .form-errors[role=alert]")).to_be_visible()
    assert Decision.objects.count() == 0
    screenshot(page, "deliberation-refused-fr", full_page=True)
    page.locator("form.decision-form textarea[name=justification]").fill(
        "تحسن ملموس في الشفافية بعد الزيارة"
    )
    page.locator("form.decision-form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    confirm(page, "deliberation-confirm-fr")
    expect(page.locator(".decision-outcome")).to_contain_text("Label")
    decision = Decision.objects.get()
    assert (decision.outcome, decision.against_rules, decision.round.number) == ("label", True, 2)
    assert decision.votes == {
        "for": 2,
        "against": 0,
        "abstain": 0,
        "voters": 2,
        "present": 3,
        "casting": "",
    }
    dossier.refresh_from_db()
    assert dossier.state == "labelled"
    screenshot(page, "deliberation-decided-fr", full_page=True)
    switch_language(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot(page, "deliberation-decided-ar", full_page=True)

    # The minutes download as a PDF.
    response = page.request.get(f"/sessions/{session.pk}/minutes.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    sign_out(page)

    # Souad sits on the committee but was not invited: 404 on the session and the dossier.
    sign_in(page, souad.username, PASSWORD)
    for url in (
        f"/sessions/{session.pk}/",
        f"/sessions/{session.pk}/items/{item.pk}/",
        f"/dossiers/{dossier.pk}/",
    ):
        response = page.goto(url)
        assert response.status == 404, url
        expect(page.locator("h1")).to_be_visible()
    screenshot(page, "deliberation-not-invited-ar")
