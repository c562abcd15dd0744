"""A citizen reads the open-data schema in Arabic and downloads the results (CSV, JSON)."""

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot, switch_language
from tests.factories import CommuneFactory
from tests.factories.portal import labelled, published


def _published_communes():
    label = labelled(commune=CommuneFactory(code="OD-1001", name={"ar": "أكادير", "fr": "Agadir"}))
    published(
        edition=label.edition,
        seed=2,
        commune=CommuneFactory(code="OD-2002", name={"ar": "تطوان", "fr": "Tétouan"}),
    )
    return label


def test_a_citizen_reads_the_schema_and_downloads_the_open_data(page: Page):
    _published_communes()
    page.goto("/portal/open-data/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".open-data__count")).to_contain_text("2")
    schema = page.locator(".open-data__columns")
    expect(schema.get_by_role("row", name="commune_code")).to_contain_text("رمز الجماعة")
    expect(schema).to_contain_text("نسبة المبدأ المتحقق منها: المشاركة (%)")
    expect(page.locator(".open-data__licence")).to_contain_text("رخصة مفتوحة")
    screenshot(page, "open_data_ar", full_page=True)

    with page.expect_download() as csv_download:
        page.locator("a[data-format=csv]").click()
    csv_text = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    header, *lines = csv_text.splitlines()
    assert header.split(",")[:4] == [
        "edition_id",
        "edition_name_ar",
        "edition_name_fr",
        "commune_code",
    ]
    assert csv_download.value.suggested_filename.endswith(".csv")
    assert [line.split(",")[3] for line in lines] == ["OD-1001", "OD-2002"]

    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.locator("select[name=status]").select_option("active")
    page.locator(".open-data__filters button[type=submit]").click()
    expect(page.locator(".open-data__count")).to_contain_text("1")
    screenshot(page, "open_data_fr_filtered")
    with page.expect_download() as json_download:
        page.locator("a[data-format=json]").click()
    document = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert [row["commune_code"] for row in document["rows"]] == ["OD-1001"]
    assert document["rows"][0]["label_status"] == "active"
    assert document["licence"]["name"] == "Licence ouverte / رخصة مفتوحة"
