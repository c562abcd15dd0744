"""Point 6 of issue 18 in a browser, in Arabic: the same focal point in two browsers (A and B),
A losing its connection. An answer made offline carries the version it was based on; once the
server has it, the copy kept in the browser is gone; a stale copy meets the conflict card,
never overwrites; a comment left by reloading is kept."""

import json

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from citizenlabel.dossiers.models import Answer, Dossier
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import PASSWORD, commune_people, dossier_in_self_assessment, question

PENDING = "citizenlabel:pending-answers"


@pytest.fixture
def dossier(transactional_db) -> Dossier:
    return dossier_in_self_assessment()


def stored(dossier: Dossier, code: str) -> tuple:
    answer = Answer.objects.get(dossier=dossier, question=question(dossier, code))
    return answer.options, answer.comment, answer.version


def pending(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{PENDING}')") or "{}")


def saved(page: Page):
    return page.expect_response(lambda r: r.request.method == "POST" and "/answers/" in r.url)


def open_questionnaire(page: Page, dossier: Dossier, username: str) -> None:
    sign_in(page, username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/questionnaire/F1/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


@pytest.fixture
def second_browser(browser, live_server) -> BrowserContext:
    context = browser.new_context(base_url=live_server.url, locale="ar-MA")
    yield context
    context.close()


def test_no_answer_is_lost_or_overwritten_offline(page: Page, second_browser, dossier):
    focal, _ = commune_people(dossier)
    first = question(dossier, "1.1.1")
    card = f"#q-{first.pk}"
    a, b = page, second_browser.new_page()
    open_questionnaire(a, dossier, focal.username)
    open_questionnaire(b, dossier, focal.username)

    # A answers "a" offline: kept in the browser with the version it was based on.
    a.context.set_offline(True)
    a.locator(f"{card} input[name=options][value=a]").check()
    expect(a.locator(f"{card} .offline-note")).to_be_visible()
    action = f"/dossiers/{dossier.pk}/answers/{first.pk}/"
    assert pending(a)[action]["version"] == "0"
    assert not Answer.objects.filter(dossier=dossier).exists()
    screenshot(a, "offline-answer-kept")

    # Back online, it reaches the server and the browser's copy is cleared.
    with saved(a) as response:
        a.context.set_offline(False)
    assert response.value.status == 200
    expect(a.locator(f"{card} .saved--now")).to_be_visible()
    assert pending(a) == {}
    assert stored(dossier, "1.1.1") == (["a"], "", 1)

    # B answers "b"; A opens the page again: nothing is sent again, "b" stays.
    b.reload()
    with saved(b):
        b.locator(f"{card} input[name=options][value=b]").check()
    assert stored(dossier, "1.1.1") == (["b"], "", 2)
    a.reload()
    expect(a.locator(f"{card} input[name=options][value=b]")).to_be_checked()
    a.wait_for_timeout(1_000)  # time for a copy to be sent, if one were left
    assert stored(dossier, "1.1.1") == (["b"], "", 2)

    # A answers "c" offline while B answers "d": A's copy is stale when it comes back.
    a.context.set_offline(True)
    a.locator(f"{card} input[name=options][value=c]").check()
    assert pending(a)[action]["version"] == "2"
    with saved(b):
        b.locator(f"{card} input[name=options][value=d]").check()
    with saved(a) as response:
        a.context.set_offline(False)
    assert response.value.status == 409
    conflict = a.locator(f"{card} .conflict")
    expect(conflict).to_be_visible()
    texts = {option.code: option.text["ar"] for option in first.options.all()}
    expect(conflict.locator("dd").nth(0)).to_contain_text(texts["d"])  # theirs
    expect(conflict.locator("dd").nth(1)).to_contain_text(texts["c"])  # mine
    screenshot(a, "offline-answer-conflict")
    assert stored(dossier, "1.1.1") == (["d"], "", 3)
    assert pending(a) == {}
    a.reload()
    a.wait_for_timeout(1_000)
    assert stored(dossier, "1.1.1") == (["d"], "", 3)


def test_a_comment_left_by_reloading_is_kept_and_alone_does_not_count(page: Page, dossier):
    focal, _ = commune_people(dossier)
    second = question(dossier, "1.1.2")
    card = f"#q-{second.pk}"
    open_questionnaire(page, dossier, focal.username)
    page.locator(f"{card} textarea[name=comment]").press_sequentially("ننتظر محضر الدورة")
    with saved(page) as response:
        page.reload()  # before the pause after typing: the copy kept in the browser is sent
    assert response.value.status == 200
    assert stored(dossier, "1.1.2") == ([], "ننتظر محضر الدورة", 1)
    expect(page.locator(f"{card} .comment-only")).to_be_visible()
    assert pending(page) == {}

    # Typing and pausing saves the comment without leaving the field.
    area = page.locator(f"{card} textarea[name=comment]")
    with saved(page):
        area.press_sequentially(" والتقرير")
    expect(area).to_be_focused()
    assert stored(dossier, "1.1.2") == ([], "ننتظر محضر الدورة والتقرير", 2)
