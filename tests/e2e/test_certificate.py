"""A label's certificate in a browser: a citizen checks a code, the coordination revokes a
label, the commune's focal point downloads its certificate."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from citizenlabel.accreditation.models import Label
from citizenlabel.people.enums import Role
from tests.e2e.conftest import confirm, screenshot, sign_in, switch_language
from tests.factories import PASSWORD, CommuneFactory, coordination_member, user_with_role
from tests.factories.accreditation import granted_label


def in_arabic(text: str) -> str:
    with translation.override("ar"):
        return gettext(text)


@pytest.fixture
def label(transactional_db) -> Label:
    return granted_label(commune=CommuneFactory(name={"ar": "شفشاون", "fr": "Chefchaouen"}))


def check(page, typed: str) -> None:
    page.locator("input[name=code]").fill(typed)
    page.locator(".verify-lookup__form button[type=submit]").click()


def test_a_citizen_checks_codes_active_unknown_and_expired(page, label):
    page.goto("/labels/verify/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot(page, "verify-form-ar")

    typed = "  " + label.code.lower().replace("-", " ") + " "  # small letters and spaces
    check(page, typed)
    result = page.locator(".verify-result")
    expect(result).to_have_attribute("data-status", "active")
    expect(page.locator(".verify-result__commune")).to_have_text("شفشاون")
    expect(result.locator(".label-status")).to_have_text(in_arabic("Active"))
    expect(result.locator(".code")).to_have_text(label.code)
    screenshot(page, "verify-active-ar", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # the QR code is scanned by phone
    screenshot(page, "verify-active-phone-ar", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 720})

    altered = label.code[:-1] + ("A" if label.code[-1] != "A" else "B")
    check(page, altered)
    expect(result).to_have_attribute("data-status", "unknown")
    expect(page.locator(".verify-result__commune")).to_have_count(0)
    screenshot(page, "verify-unknown-ar", full_page=True)

    ending = granted_label(commune=CommuneFactory(name={"ar": "وزان", "fr": "Ouezzane"}))
    day_after = (ending.valid_until + timedelta(days=1)).isoformat()
    call_command("send_reminders", "--today", day_after, "--lang", "en", stdout=StringIO())
    assert Label.objects.get(pk=ending.pk).status == "expired"
    page.goto(f"/labels/verify/{ending.code}/")
    expect(result).to_have_attribute("data-status", "expired")
    expect(page.locator(".verify-result__commune")).to_have_text("وزان")
    screenshot(page, "verify-expired-ar", full_page=True)

    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(result).to_have_attribute("data-status", "expired")
    expect(page.locator(".verify-result__commune")).to_have_text("Ouezzane")
    screenshot(page, "verify-expired-fr", full_page=True)


def test_the_coordination_revokes_a_label_and_the_public_page_says_so(page, label):
    member = coordination_member()
    sign_in(page, member.username, PASSWORD)
    page.goto("/labels/")
    screenshot(page, "labels-list-ar")
    page.get_by_role("link", name="شفشاون").click()
    expect(page.locator("h1")).to_have_text("شفشاون")
    page.locator("form.revoke-form button[type=submit]").click()  # no reason: refused
    expect(page.locator(".form-errors")).to_be_visible()
    assert Label.objects.get().status == "active"
    page.locator("textarea[name=reason]").fill("إخلال بشروط الميزة بعد التحقق")
    page.locator("form.revoke-form button[type=submit]").click()
    confirm(page, "revoke-confirm-ar")
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator(".dossier-header .label-status")).to_have_class(
        "label-status label-status--revoked"
    )
    expect(page.locator("table tbody tr")).to_have_count(2)
    expect(page.locator("form.revoke-form")).to_have_count(0)
    screenshot(page, "label-revoked-ar", full_page=True)
    page.locator(".sign-out button").click()

    page.goto(f"/labels/verify/{label.code}/")
    result = page.locator(".verify-result")
    expect(result).to_have_attribute("data-status", "revoked")
    expect(result).to_contain_text("إخلال بشروط الميزة بعد التحقق")
    screenshot(page, "verify-revoked-ar", full_page=True)


def test_the_focal_point_downloads_the_certificate(page, label):
    focal = user_with_role(Role.FOCAL_POINT, commune=label.commune)
    granted_label()  # another commune's label, not listed
    sign_in(page, focal.username, PASSWORD)
    page.goto("/labels/")
    expect(page.locator(".label-table tbody tr")).to_have_count(1)
    page.get_by_role("link", name="شفشاون").click()
    screenshot(page, "label-page-ar", full_page=True)
    for link in page.locator(".certificate-links a").all():
        response = page.request.get(link.get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
    assert page.request.get(f"/labels/{label.pk + 1}/certificate.pdf").status == 404
