"""The final score in a browser: the team records it, the coordination publishes it and
prepares the proposal, the commune reads it; another team sees nothing."""

import pytest
from playwright.sync_api import expect

from citizenlabel.verification.models import Proposal, ScoreSnapshot
from tests.e2e.conftest import confirm, screenshot, sign_in, sign_out, switch_language
from tests.factories import (
    PASSWORD,
    CommuneFactory,
    dossier_in_self_assessment,
    finish_verification,
    team_member,
)
from tests.factories.verification import (
    add_diagnosis,
    dossier_in_verification,
    score_components,
    verify_answers,
)


@pytest.fixture
def in_verification(transactional_db):
    dossier, verifier, coordination, focal = dossier_in_verification(
        commune=CommuneFactory(name={"ar": "العرائش", "fr": "Larache"})
    )
    verify_answers(dossier, verifier, 12)
    score_components(dossier, verifier)
    add_diagnosis(dossier)
    finish_verification(dossier, verifier)  # the answers left, marked or verified as declared
    return dossier, verifier, coordination, focal


def test_the_team_records_the_coordination_publishes_the_commune_reads(page, in_verification):
    dossier, verifier, coordination, focal = in_verification
    final_url = f"/dossiers/{dossier.pk}/final/"

    # The team member records the final score and sees the self-assessment accuracy.
    sign_in(page, verifier.username, PASSWORD)
    page.goto(final_url)
    expect(page.locator(".components-table tbody tr")).to_have_count(4)
    screenshot(page, "final-score-before-ar", full_page=True)
    page.locator("form[action$='/final/'] button[type=submit]").click()
    expect(page.locator(".form-errors")).to_be_visible()  # the confirmation box is required
    page.locator("input[name=confirm]").check()
    page.locator("form[action$='/final/'] button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator(".final-score .score-big")).to_be_visible()
    assert ScoreSnapshot.objects.filter(dossier=dossier, kind="final").count() == 1
    expect(page.locator(".accuracy-table").first.locator("tbody tr")).to_have_count(7)
    expect(page.locator(".accuracy__charts svg.chart-bars, .accuracy__charts svg")).to_have_count(2)
    expect(page.locator(".accuracy-table tr.has-gap").first).to_be_visible()
    screenshot(page, "final-score-recorded-ar", full_page=True)
    sign_out(page)

    # The coordination publishes the results, then prepares the proposal.
    sign_in(page, coordination.username, PASSWORD)
    page.goto(final_url)
    page.locator("form[action$='/publish/'] button").click()
    confirm(page, "publish-confirm-ar")
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator("form[action$='/publish/']")).to_have_count(0)
    page.goto(f"/dossiers/{dossier.pk}/proposal/")
    expect(page.locator("input[name=recommendation][value=action_plan]")).to_be_checked()
    page.locator("input[name=recommendation][value=label]").check()
    page.locator(".proposal-form button[type=submit]").click()
    expect(page.locator(".form-errors")).to_be_visible()  # the label against the rules
    screenshot(page, "proposal-refused-ar", full_page=True)
    page.locator("textarea[name=justification]").fill("مجهود استثنائي خلال الزيارة")
    page.locator(".proposal-form button[type=submit]").click()
    confirm(page, "proposal-confirm-ar")
    expect(page.locator(".message--success")).to_be_visible()
    assert Proposal.objects.get(dossier=dossier).recommendation == "label"
    screenshot(page, "proposal-saved-ar", full_page=True)
    sign_out(page)

    # The commune's focal point reads the results in Arabic and in French, and the report.
    sign_in(page, focal.username, PASSWORD)
    page.goto(final_url)
    expect(page.locator(".final-score .score-big")).to_be_visible()
    expect(page.locator("form[action$='/publish/']")).to_have_count(0)
    screenshot(page, "final-score-commune-ar", full_page=True)
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    screenshot(page, "final-score-commune-fr", full_page=True)
    report = page.request.get(f"/dossiers/{dossier.pk}/verification-report.pdf?lang=fr")
    assert report.status == 200
    assert report.headers["content-type"] == "application/pdf"
    assert report.body().startswith(b"%PDF")
    page.goto(f"/dossiers/{dossier.pk}/proposal/")
    expect(page.locator("h1")).to_have_count(1)
    assert page.locator(".proposal-form").count() == 0
    switch_language(page, "ar")
    sign_out(page)

    # A member of another team gets the 404 page.
    outsider = team_member(dossier_in_self_assessment())
    sign_in(page, outsider.username, PASSWORD)
    response = page.goto(final_url)
    assert response.status == 404
    screenshot(page, "final-score-other-team-404-ar")
