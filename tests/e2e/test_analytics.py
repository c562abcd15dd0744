"""A coordination member reads the national dashboard in Arabic and French; a citizen reads
the public version, which shows neither declared scores nor the weakest questions."""

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in, switch_language
from tests.factories import (
    PASSWORD,
    CommuneFactory,
    EditionFactory,
    ProvinceFactory,
    RegionFactory,
    coordination_member,
)
from tests.factories.portal import scored_dossier


def seed():
    edition = EditionFactory(name={"ar": "نسخة 2024", "fr": "Édition 2024"})
    north = ProvinceFactory(
        region=RegionFactory(code="R01", name={"ar": "جهة الشمال", "fr": "Nord"})
    )
    south = ProvinceFactory(
        region=RegionFactory(code="R02", name={"ar": "جهة الجنوب", "fr": "Sud"})
    )
    tetouan = CommuneFactory(
        province=north, name={"ar": "تطوان", "fr": "Tétouan"}, population=30_000
    )
    communes = [tetouan, CommuneFactory(province=north), CommuneFactory(province=south)]
    edition.target_communes.add(*communes, CommuneFactory(province=south))
    scores = ({"PART": 72.5, "EQUAL": 55.0}, {"PART": 60.0, "EQUAL": 35.0}, {"PART": 45.0})
    for commune, principle, state in zip(
        communes, scores, ("labelled", "action_plan", "verified"), strict=True
    ):
        scored_dossier(edition, commune=commune, principle=principle, state=state)
    return tetouan


def test_a_coordination_member_reads_the_national_dashboard(page):
    commune = seed()
    member = coordination_member()
    sign_in(page, member.username, PASSWORD)
    page.goto("/portal/national/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#funnel-title")).to_be_visible()
    expect(page.locator("#gap-title")).to_be_visible()
    expect(page.locator(".weakest-table tbody tr")).to_have_count(10)
    page.locator("#id_commune").select_option(commune.code)
    page.locator("#benchmark-title ~ form button").click()
    expect(page.locator("#benchmark-title")).to_be_visible()
    expect(page.get_by_role("cell", name="72,5 %").first).to_be_visible()
    screenshot(page, "analytics-national-ar", full_page=True)
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#benchmark-title ~ p").first).to_contain_text("Tétouan")
    expect(page.locator("#gap-title")).to_be_visible()
    screenshot(page, "analytics-national-fr", full_page=True)


def test_a_citizen_reads_the_public_figures(page):
    seed()
    page.goto("/portal/analytics/")
    expect(page.locator("#funnel-title")).to_be_visible()
    expect(page.locator("#gap-title")).to_have_count(0)
    expect(page.locator(".weakest-table")).to_have_count(0)
    page.locator("#id_region").select_option("R01")
    page.locator(".analytics-filters button[type=submit]").click()
    expect(page.locator("#funnel-title")).to_contain_text("جهة الشمال")
    screenshot(page, "analytics-public-ar", full_page=True)
    page.goto("/portal/national/")
    expect(page.locator("#funnel-title")).to_have_count(0)
