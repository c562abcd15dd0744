import pytest
from playwright.sync_api import Page, expect

from citizenlabel.dossiers.models import GoodPractice, InstitutionalProfile, ServiceDelivery
from tests.e2e.conftest import screenshot, sign_in, switch_language
from tests.factories import (
    PASSWORD,
    TINY_PDF,
    GoodPracticeFactory,
    commune_people,
    complete_profile,
    dossier_in_self_assessment,
    practice_file,
    team_member,
)

AMOUNTS = [
    "operating_revenue",
    "operating_expenditure",
    "investment_revenue",
    "investment_expenditure",
]
PROFILE_FIGURES = {
    "population": "48500",
    "population_women": "24700",
    "area_km2": "212.75",
    "localities": "37",
    "council_seats": "29",
    "council_women": "31",  # more women than seats: the page must refuse it
    "council_opposition": "9",
    "council_under_35": "5",
    "standing_committees": "3",
    "own_revenue_share": "18.5",
    "website": "https://www.commune-exemple.ma",
}


@pytest.fixture
def dossier(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return dossier_in_self_assessment()


def fill_profile(page: Page) -> None:
    for name, value in PROFILE_FIGURES.items():
        page.locator(f"#id_profile-{name}").fill(value)
    for row in range(4):
        page.locator(f"#id_staff-{row}-women").fill(str(3 + row))
        page.locator(f"#id_staff-{row}-men").fill(str(10 + row))
    for column in range(3):
        for amount in AMOUNTS:
            page.locator(f"#id_budget-{column}-{amount}").fill("18500000.00")
    for row in range(len(ServiceDelivery.Service.values)):
        page.locator(f"#id_services-{row}-mode").select_option("direct" if row % 2 else "delegated")
    page.locator("#id_bodies-0-kind").select_option("equality")
    page.locator("#id_bodies-0-name").fill("هيئة المساواة وتكافؤ الفرص ومقاربة النوع")
    page.locator("#id_bodies-0-created_year").fill("2017")
    page.locator("#id_bodies-0-members_women").fill("7")
    page.locator("#id_bodies-0-members_men").fill("4")


def fill_practice(page: Page) -> None:
    page.locator("#id_title").fill("الميزانية التشاركية مع جمعيات الأحياء")
    page.locator("#id_principle").select_option(index=1)
    page.locator("#id_description").fill("لقاءات مفتوحة في كل حي لاختيار مشاريع السنة.")
    page.locator("#id_results").fill("اثنا عشر مشروعا منجزا بمشاركة 900 مواطن ومواطنة.")
    page.locator("#id_partners").fill("جمعيات الأحياء، عمالة الإقليم")
    page.locator("#id_started_on").fill("2023-02-01")
    page.locator("#id_ended_on").fill("2024-12-31")
    page.locator("#id_files").set_input_files(
        files=[{"name": "محضر.pdf", "mimeType": "application/pdf", "buffer": TINY_PDF}]
    )
    page.locator("#id_may_publish").check()


def no_sideways_scroll(page: Page) -> int:
    """How far the page itself scrolls sideways (wide tables scroll inside their frame)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_the_focal_point_fills_the_profile_in_arabic_after_a_mistake(page, dossier):
    focal_point = commune_people(dossier)[0]
    sign_in(page, focal_point.username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/profile/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".facts")).to_contain_text(dossier.commune.name["ar"])
    fill_profile(page)
    page.locator("form.profile-form button[type=submit]").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("(31)")
    expect(page.locator("#id_profile-council_women_error")).to_be_visible()
    expect(page.locator("#id_profile-council_women")).to_have_attribute("aria-invalid", "true")
    assert InstitutionalProfile.objects.filter(dossier=dossier).count() == 0
    screenshot(page, "profile-error-ar", full_page=True)

    summary.get_by_role("link").first.click()  # the summary leads to the field
    page.locator("#id_profile-council_women").fill("8")
    page.locator("form.profile-form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator(".error-summary")).to_have_count(0)
    profile = InstitutionalProfile.objects.get(dossier=dossier)
    assert (profile.council_women, profile.staff.count(), profile.budget_years.count()) == (8, 4, 3)
    screenshot(page, "profile-saved-ar", full_page=True)


def test_the_focal_point_adds_a_good_practice_with_a_pdf(page, dossier):
    focal_point = commune_people(dossier)[0]
    sign_in(page, focal_point.username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/practices/")
    page.locator(f'a[href="/dossiers/{dossier.pk}/practices/new/"]').click()
    fill_practice(page)
    screenshot(page, "practice-form-ar", full_page=True)
    page.locator("form.practice-form button[type=submit]").click()

    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator(".practice h3")).to_have_text("الميزانية التشاركية مع جمعيات الأحياء")
    expect(page.locator(".practice .file-list")).to_contain_text("محضر.pdf")
    assert GoodPractice.objects.get(dossier=dossier).files.count() == 1
    screenshot(page, "practices-ar", full_page=True)

    page.locator(".practice h3 a").click()
    expect(page.locator(".file-list button")).to_have_count(1)
    page.locator(".danger-zone summary").click()
    expect(page.locator(".danger-zone button")).to_be_visible()
    screenshot(page, "practice-edit-ar", full_page=True)
    page.locator(".practice-form a.button--quiet").click()  # cancel: back to the list

    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator(".practice__meta .badge")).to_be_visible()
    screenshot(page, "practices-fr", full_page=True)


def test_the_profile_and_the_practices_read_well_on_a_phone(page, dossier):
    complete_profile(dossier, bodies=2)
    practice_file(GoodPracticeFactory(dossier=dossier, partners="جمعية الأمل للتنمية"))
    focal_point = commune_people(dossier)[0]
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, focal_point.username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/profile/")
    screenshot(page, "profile-phone-ar", full_page=True)
    assert no_sideways_scroll(page) <= 0
    page.goto(f"/dossiers/{dossier.pk}/practices/")
    screenshot(page, "practices-phone-ar", full_page=True)
    assert no_sideways_scroll(page) <= 0


def test_the_technical_team_reads_the_profile_in_french(page, dossier):
    complete_profile(dossier, bodies=2)
    member = team_member(dossier)
    sign_in(page, member.username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/profile/")
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("form.profile-form")).to_have_count(0)
    expect(page.locator("table").first).to_be_visible()
    screenshot(page, "profile-reading-fr", full_page=True)
