"""Charts on a 390 px phone, in Arabic and French: their text is real, findable text that is
drawn at 11 px or more, and each chart's figures read as in the table beside it."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS, switch_language
from tests.e2e.test_analytics import seed
from tests.factories import EditionFactory
from tests.factories.portal import labelled_commune

PHONE = {"width": 390, "height": 844}
PRESENTATION_FORMS = r"/[\ufb50-\ufdff\ufe70-\ufeff]/"
# Each <text>: what it says and its size on screen (font size times the svg's scale).
MEASURE = """svg => [...svg.querySelectorAll('text')].map(text => ({
    text: text.firstChild && text.firstChild.nodeType === 3
        ? text.firstChild.data
        : [...text.querySelectorAll('tspan')].map(span => span.textContent).join(' '),
    px: parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a,
}))"""


def chart_texts(page: Page) -> list[dict]:
    charts = page.locator("svg.chart")
    expect(charts.first).to_be_visible()
    return [text for svg in charts.all() for text in svg.evaluate(MEASURE)]


def shoot_charts(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for index, figure in enumerate(page.locator("svg.chart").all()):
        figure.screenshot(path=str(SCREENSHOTS / f"{name}-{index}.png"))


def assert_readable(page: Page, words: list[str]) -> None:
    texts = chart_texts(page)
    too_small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 11]
    assert too_small == []
    drawn = page.locator("svg.chart").evaluate_all("svgs => svgs.map(s => s.textContent)")
    assert not page.evaluate(f"t => {PRESENTATION_FORMS}.test(t)", "".join(drawn))
    for word in words:
        expect(page.locator("svg.chart text").filter(has_text=word).first).to_be_attached()


@pytest.fixture
def commune(transactional_db):
    edition = EditionFactory(name={"ar": "نسخة 2026", "fr": "Édition 2026"})
    return labelled_commune(edition=edition, score=81.5)


def test_the_analytics_charts_are_readable_text_on_a_phone(page, transactional_db):
    seed()
    page.set_viewport_size(PHONE)
    page.goto("/portal/analytics/")
    assert_readable(page, ["نسخة 2024", "55,5 %"])
    shoot_charts(page, "chart-text-analytics-ar")
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    assert_readable(page, ["Édition 2024", "55,5 %"])
    shoot_charts(page, "chart-text-analytics-fr")


def test_the_commune_charts_are_readable_text_on_a_phone(page, commune):
    page.set_viewport_size(PHONE)
    page.goto(f"/portal/communes/{commune.code}/")
    principle = page.locator(".commune-charts table tbody th").first.text_content()
    assert_readable(page, [principle.split()[0]])
    figure = page.locator(".commune-charts table tbody td").first.text_content().strip()
    expect(page.locator("svg.chart-radar title").first).to_be_attached()
    shoot_charts(page, "chart-text-commune-ar")
    switch_language(page, "fr")
    assert_readable(page, [])
    shoot_charts(page, "chart-text-commune-fr")
    assert figure
