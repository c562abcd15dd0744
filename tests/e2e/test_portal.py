"""The public portal in a browser, as a citizen (not signed in) would use it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, switch_language
from tests.factories import EditionFactory
from tests.factories.portal import labelled_commune


@pytest.fixture
def hoceima(transactional_db):
    edition = EditionFactory(name={"ar": "نسخة 2026", "fr": "Édition 2026"})
    labelled_commune({"ar": "تطوان", "fr": "Tétouan"}, edition=edition, score=64.0)
    return labelled_commune(edition=edition, score=81.5)


def test_a_citizen_finds_a_commune_by_a_name_spelled_differently(page, hoceima):
    code = hoceima.labels.get().code
    page.goto("/portal/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot(page, "portal-home-ar")
    page.locator("a[href='/portal/communes/']").first.click()
    page.get_by_role("searchbox").fill("الحسيمه")  # ه for ة
    page.locator(".portal-filters button[type=submit]").click()
    rows = page.locator(".registry-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("الحسيمة")
    screenshot(page, "portal-registry-ar")

    rows.first.get_by_role("link", name="الحسيمة").click()
    expect(page.locator("h1")).to_have_text("الحسيمة")
    expect(page.locator("svg.chart-radar")).to_be_visible()
    expect(page.locator(".commune-strengths")).to_contain_text("ميزانية تشاركية مفتوحة")
    screenshot(page, "portal-commune-ar", full_page=True)

    page.locator(".commune-labels__item a").first.click()
    page.locator("input[name=code]").fill(code.lower())
    page.locator(".verify-lookup__form button[type=submit]").click()
    expect(page.locator(".verify-result")).to_have_attribute("data-status", "active")
    expect(page.locator(".verify-result__commune")).to_have_text("الحسيمة")
    screenshot(page, "portal-verify-ar")


def test_the_same_search_works_in_french(page, hoceima):
    page.goto("/portal/communes/")
    switch_language(page, "fr")
    page.get_by_role("searchbox").fill("al hoceima")
    page.locator(".portal-filters button[type=submit]").click()
    rows = page.locator(".registry-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Al Hoceïma")
    screenshot(page, "portal-registry-fr")
    rows.first.get_by_role("link", name="Al Hoceïma").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("svg.chart-radar")).to_be_visible()
    screenshot(page, "portal-commune-fr", full_page=True)
    page.goto("/portal/practices/?q=العرائض")
    expect(page.locator(".practice-list .practice")).to_have_count(2)
    screenshot(page, "portal-practices-fr")
