import re

import pytest
from playwright.sync_api import expect

from citizenlabel.demo.base import ensure_default_referential
from citizenlabel.people.enums import Role
from tests.e2e.conftest import screenshot, sign_in, switch_language
from tests.factories import PASSWORD, user_with_role


@pytest.fixture
def member(transactional_db):
    ensure_default_referential()
    return user_with_role(Role.COORDINATION)


def test_a_coordination_member_browses_the_referential_in_arabic_then_french(page, member):
    sign_in(page, member.username, PASSWORD)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_role("link", name="تصفح المرجع").click()
    page.locator("table a").first.click()

    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#section-F1 h2")).to_contain_text("الهيئات المنتخبة")
    expect(page.locator("#section-F3")).to_contain_text("برنامج عمل الجماعة")
    expect(page.locator(".question").first).to_contain_text("نقط")
    screenshot(page, "referential-ar")

    page.get_by_role("link", name="حسب المبدأ").click()
    expect(page.locator("#section-INNOV h2")).to_contain_text("الابتكار")

    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#section-INNOV h2")).to_contain_text("Innovation")
    page.get_by_role("link", name="Par domaine").click()
    expect(page.locator("#section-F5 h2")).to_contain_text("Coopération et partenariat")
    expect(page.get_by_text("Base légale").first).to_be_visible()
    screenshot(page, "referential-fr")

    # The choice is remembered on the next page.
    page.get_by_role("link", name="Référentiel").first.click()
    expect(page).to_have_url(re.compile(r"/referentials/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_the_referential_reads_well_on_a_phone(page, member):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, member.username, PASSWORD)
    page.goto("/referentials/")
    page.locator("table a").first.click()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    screenshot(page, "referential-phone-ar")


def test_a_member_compares_two_versions_in_french_then_arabic(page, member):
    from dataclasses import replace

    from citizenlabel.referential.models import Referential
    from citizenlabel.referential.selectors import referential_spec
    from citizenlabel.referential.services import load_referential

    spec = referential_spec(Referential.objects.get(code="LCC", version="2022"))
    first_field = spec.fields[0]
    kept_topic = first_field.topics[0]
    changed = replace(kept_topic.questions[0], weight=kept_topic.questions[0].weight + 1)
    newer = replace(
        spec,
        version="2026",
        fields=(
            replace(first_field, topics=(replace(kept_topic, questions=(changed,)),)),
            *spec.fields[1:],
        ),
    )
    load_referential(spec=newer)
    removed = spec.question_count() - newer.question_count()

    sign_in(page, member.username, PASSWORD)
    switch_language(page, "fr")
    page.goto("/referentials/")
    page.get_by_role("link", name="Comparer deux versions").click()
    page.get_by_label("Version antérieure").select_option(label="LCC 2022")
    page.get_by_label("Version plus récente").select_option(label="LCC 2026")
    page.get_by_role("button", name="Comparer").click()
    expect(page.locator(".meta")).to_contain_text(f"{removed}")
    expect(page.locator(".diff--removed li")).to_have_count(removed)
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody tr")).to_contain_text(changed.code)
    screenshot(page, "referential-compare-fr")
    switch_language(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("table tbody tr")).to_contain_text(changed.text["ar"])
    screenshot(page, "referential-compare-ar")
