"""Browser tests: Debian's Chromium driven by Playwright, headless, against the live server.

Every page a test reaches — after each goto, reload and click — is checked with axe-core:
a serious or critical accessibility violation fails the test where it happens."""

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect, sync_playwright

from citizenlabel.accreditation.models import AgendaItem
from citizenlabel.dossiers.models import Dossier
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, TechnicalTeam, User
from tests.factories.people import PASSWORD, UserFactory

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


# --- the whole journey's cast and the steps both of its communes take ---


COMMITTEE = (("أمينة", "برادة"), ("يوسف", "العلمي"), ("سعاد", "الفاسي"))


@dataclass
class Cast:
    coordination: User
    team: TechnicalTeam
    verifier: User
    committee: list[User]


def person(first_name: str, last_name: str, role: str, **scope) -> User:
    user = UserFactory(first_name=first_name, last_name=last_name)
    Membership.objects.create(user=user, role=role, **scope)
    return user


def cast_of(team: TechnicalTeam, verifier: User | None = None) -> Cast:
    """The coordination member, the team member who visits and three committee members."""
    return Cast(
        coordination=person("نادية", "بنسعيد", Role.COORDINATION),
        team=team,
        verifier=verifier
        or person("رشيد", "الإدريسي", Role.TECHNICAL_TEAM, technical_team=team, is_leader=True),
        committee=[person(first, last, Role.ACCREDITATION) for first, last in COMMITTEE],
    )


def as_user(page: Page, user: User) -> None:
    """Whoever was signed in signs out, then `user` signs in."""
    if page.locator(".sign-out button").count():
        sign_out(page)
    sign_in(page, user.username, PASSWORD)


def expect_state(page: Page, dossier: Dossier, state: str) -> None:
    """The page's badge and the database agree on the dossier's state."""
    expect(page.locator(".state").first).to_have_class(re.compile(f"state--{state}"))
    assert Dossier.objects.get(pk=dossier.pk).state == state


def convene(page: Page, dossier: Dossier, committee: list[User], day: date) -> AgendaItem:
    """A session of three members, quorum two, the last one its chair, the dossier on its
    agenda; all present."""
    page.locator(".site-nav a[href='/sessions/']").click()
    page.locator("a[href='/sessions/new/']").click()
    page.locator("select[name=edition]").select_option(str(dossier.edition_id))
    page.locator("input[name=date]").fill(day.isoformat())
    page.locator("input[name=place]").fill("الرباط — مقر الجمعية")
    page.locator("input[name=quorum]").fill("2")
    for member in committee:
        page.locator(f"input[name=members][value='{member.pk}']").check()
    page.locator("select[name=chair]").select_option(str(committee[-1].pk))
    page.locator(f"input[name=dossiers][value='{dossier.pk}']").check()
    page.locator("form.session-form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    item = AgendaItem.objects.get(session__date=day, dossier=dossier)
    expect(page.locator(".agenda-table tbody tr")).to_contain_text(dossier.commune.name["ar"])
    for seat in item.session.members.all():
        page.locator(f"input[name=present][value='{seat.pk}']").check()
    page.locator("form.attendance-form button[type=submit]").click()
    expect(page.locator(".quorum")).to_have_class(re.compile("is-met"))
    assert item.session.members.filter(present=True).count() == 3
    return item


def vote(page: Page, item: AgendaItem, member: User, choice: str) -> None:
    as_user(page, member)
    page.locator(".site-nav a[href='/sessions/']").click()
    page.locator(f"a[href='/sessions/{item.session_id}/']").first.click()
    page.locator(f"a[href='/sessions/{item.session_id}/items/{item.pk}/']").click()
    expect(page.locator(".dossier-header h1")).to_have_text(item.dossier.commune.name["ar"])
    page.locator(f"form.vote-form input[name=choice][value={choice}]").check()
    page.locator("form.vote-form button[type=submit]").click()
    expect(page.locator(".my-vote")).to_be_visible()


def close_the_vote(page: Page, justification: str = "") -> None:
    """The chair (the last member to vote, still signed in) closes the vote; confirmed."""
    if justification:
        page.locator("form.decision-form textarea[name=justification]").fill(justification)
    page.locator("form.decision-form button[type=submit]").click()
    confirm(page)
    expect(page.locator(".decision-outcome")).to_be_visible()


def score_the_components(page: Page, dossier: Dossier) -> None:
    """The team scores the three components on their page (75 / 50 / 100)."""
    page.goto(f"/dossiers/{dossier.pk}/components/")
    for component, level in (("information_access", 3), ("ownership", 2), ("equality_body", 4)):
        card = page.locator(f"#component-{component}")
        card.locator(f"label[for='id_{component}-level_{level}']").click()
        card.locator("textarea").fill("لاحظ الفريق ذلك خلال الزيارة")
        card.locator("button[type=submit]").click()
        expect(page.locator(".message--success")).to_be_visible()
