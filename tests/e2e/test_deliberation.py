"""A deliberation in a browser: the coordination convenes the committee and records the
attendance, a member recuses, the others vote and decide, the minutes download; a committee
member who was not invited sees nothing. In Arabic, with one page in French."""

import re

import pytest
from playwright.sync_api import expect

from citizenlabel.accreditation.models import AgendaItem, Decision, DeliberationSession
from citizenlabel.people.enums import Role
from tests.accreditation.test_sessions import ready_dossier
from tests.e2e.conftest import screenshot, sign_in, switch_language
from tests.factories import PASSWORD, CommuneFactory, EditionFactory, coordination_member
from tests.factories import user_with_role as with_role


@pytest.fixture
def setting(transactional_db):
    edition = EditionFactory(name={"ar": "نسخة 2027", "fr": "Édition 2027"})
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


def sign_out(page):
    page.locator(".sign-out button").click()


def test_a_session_from_convening_to_the_minutes(page, setting):
    edition, dossier, (amina, youssef, karim, souad) = setting
    coordination = coordination_member()

    # The coordination convenes the session: three members invited, one dossier.
    sign_in(page, coordination.username, PASSWORD)
    page.goto("/sessions/")
    page.locator("a[href='/sessions/new/']").click()
    page.locator("select[name=edition]").select_option(str(edition.pk))
    page.locator("input[name=date]").fill("2027-03-15")
    page.locator("input[name=place]").fill("الرباط — مقر الجمعية")
    page.locator("input[name=quorum]").fill("2")
    for member in (amina, youssef, karim):
        page.locator(f"input[name=members][value='{member.pk}']").check()
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

    # Youssef and Karim vote; Karim records the decision, first without its justification.
    for voter in (youssef, karim):
        sign_in(page, voter.username, PASSWORD)
        page.goto(f"/sessions/{session.pk}/items/{item.pk}/")
        page.locator("form.vote-form input[name=choice][value=for]").check()
        page.locator("form.vote-form button[type=submit]").click()
        expect(page.locator(".my-vote")).to_be_visible()
        if voter != karim:
            sign_out(page)
    expect(page.locator(".tally__item dd").first).to_have_text("2")
    page.locator("form.decision-form input[name=outcome][value=label]").check()
    page.locator("form.decision-form button[type=submit]").click()
    expect(page.locator("form.decision-form .form-errors[role=alert]")).to_be_visible()
    assert Decision.objects.count() == 0
    screenshot(page, "deliberation-refused-ar", full_page=True)
    page.locator("form.decision-form input[name=outcome][value=label]").check()
    page.locator("form.decision-form textarea[name=justification]").fill(
        "تحسن ملموس في الشفافية بعد الزيارة"
    )
    page.locator("form.decision-form button[type=submit]").click()
    expect(page.locator(".decision-outcome")).to_be_visible()
    decision = Decision.objects.get()
    assert (decision.outcome, decision.against_rules, decision.votes) == (
        "label",
        True,
        {"for": 2, "against": 0, "abstain": 0, "present": 3},
    )
    dossier.refresh_from_db()
    assert dossier.state == "labelled"
    screenshot(page, "deliberation-decided-ar", full_page=True)

    # The minutes download as a PDF.
    response = page.request.get(f"/sessions/{session.pk}/minutes.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # One page in French.
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator(".decision-outcome")).to_contain_text("Label")
    screenshot(page, "deliberation-decided-fr", full_page=True)
    switch_language(page, "ar")
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
