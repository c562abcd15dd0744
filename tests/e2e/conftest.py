"""Browser tests: Debian's Chromium driven by Playwright, headless, against the live server.

Every page a test reaches — after each goto, reload and click — is checked with axe-core:
a serious or critical accessibility violation fails the test where it happens."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect, sync_playwright

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).parents[2] / "test-artifacts"))
BLOCKING_IMPACTS = {"serious", "critical"}
_axe = Axe()


def assert_accessible(page: Page) -> None:
    page.wait_for_load_state("load")
    violations = _axe.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in blocking
    )
    assert not blocking, f"Accessibility violations on {page.url}:\n{details}"


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _checked(method, page_of):
    def wrapper(self, *args, **kwargs):
        result = method(self, *args, **kwargs)
        assert_accessible(page_of(self))
        return result

    return wrapper


@pytest.fixture
def page(browser, live_server, monkeypatch, transactional_db) -> Page:
    """A fresh browser page whose every navigation and click is checked with axe-core."""
    for name in ("goto", "reload", "go_back"):
        monkeypatch.setattr(Page, name, _checked(getattr(Page, name), lambda p: p))
    for name in ("click", "press"):
        monkeypatch.setattr(Locator, name, _checked(getattr(Locator, name), lambda loc: loc.page))
    context = browser.new_context(base_url=live_server.url, locale="ar-MA")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """Save what the user sees (test-artifacts/NAME.png) for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/accounts/sign-in/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form.form button[type=submit]").click()


def sign_out(page: Page) -> None:
    page.locator(".sign-out button").click()


def switch_language(page: Page, code: str) -> None:
    page.locator(f".language-switcher button[value={code}]").click()


def confirm(page: Page, screenshot_name: str = "") -> None:
    """Answer the confirmation step of an irreversible action (common/confirm.html)."""
    expect(page.locator(".confirm-card h1")).to_be_visible()
    if screenshot_name:
        screenshot(page, screenshot_name)
    page.locator(".confirm-form button[type=submit]").click()
