"""The clarification journey in the browser: the focal point asks in Arabic, the technical
team answers from its inbox, the focal point reads the answer and its response time; the
coordination committee then extends the deadline, in French."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from citizenlabel.dossiers.models import DeadlineExtension
from tests.e2e.conftest import screenshot, sign_in, sign_out, switch_language
from tests.factories import (
    PASSWORD,
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    team_member,
)

SUBJECT = "احتساب المستشارات في المناصب"
REQUEST = "هل تحتسب نائبات الرئيس المستقيلات خلال الولاية ضمن النسبة المطلوبة في السؤال؟"
ANSWER = "لا، تحتسب فقط المستشارات اللواتي يشغلن المنصب عند تعبئة الاستمارة."


@pytest.fixture
def journey(transactional_db):
    dossier = dossier_in_self_assessment()
    focal_point, _president = commune_people(dossier)
    member = team_member(dossier)
    coordinator = coordination_member()
    for user, first, last in [
        (focal_point, "فاطمة", "الزهراء"),
        (member, "يوسف", "العلمي"),
        (coordinator, "Nadia", "Benali"),
    ]:
        user.first_name, user.last_name = first, last
        user.save(update_fields=["first_name", "last_name"])
    question = dossier.edition.referential.questions.get(code="1.1.1")
    return dossier, focal_point, member, coordinator, question


def test_a_clarification_is_asked_answered_and_the_deadline_extended(page, journey):
    dossier, focal_point, member, coordinator, question = journey
    thread_list = f"/dossiers/{dossier.pk}/clarifications/"

    sign_in(page, focal_point.username, PASSWORD)
    page.goto(thread_list)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#id_subject").fill(SUBJECT)
    page.locator("#id_question").select_option(str(question.pk))
    page.locator("#id_body").fill(REQUEST)
    screenshot(page, "clarification-ask-ar", full_page=True)
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("#thread-title")).to_have_text(SUBJECT)
    expect(page.locator(".status")).to_have_class("badge status status--open")
    expect(page.locator(".post")).to_have_count(1)
    sign_out(page)

    sign_in(page, member.username, PASSWORD)
    page.goto("/clarifications/")
    row = page.locator("tbody tr", has_text=SUBJECT)
    expect(row).to_contain_text(dossier.commune.name["ar"])
    expect(row).to_contain_text(question.code)
    screenshot(page, "clarification-inbox-ar", full_page=True)
    row.get_by_role("link", name=SUBJECT).click()
    page.locator("#id_body").fill(ANSWER)
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".post--team")).to_contain_text(ANSWER)
    sign_out(page)

    sign_in(page, focal_point.username, PASSWORD)
    page.goto(thread_list)
    expect(page.locator(".thread-item")).to_contain_text(SUBJECT)
    screenshot(page, "clarification-list-ar", full_page=True)
    page.locator(".thread-item__subject").click()
    expect(page.locator(".post--team .post__body")).to_have_text(ANSWER)
    expect(page.locator(".status")).to_have_class("badge status status--answered")
    expect(page.locator(".thread__timing")).not_to_be_empty()
    screenshot(page, "clarification-thread-ar", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    screenshot(page, "clarification-thread-phone-ar", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_out(page)

    sign_in(page, coordinator.username, PASSWORD)
    switch_language(page, "fr")
    page.goto(f"/dossiers/{dossier.pk}/extension/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    new_deadline = timezone.localdate() + datetime.timedelta(weeks=5)
    page.locator("#id_extend-new_deadline").fill(new_deadline.isoformat())
    page.locator("#id_extend-reason").fill("Formation des élus reportée par la province.")
    page.locator("form:has(input[name=action][value=extend]) button[type=submit]").click()
    expect(page.locator(".message--success")).to_have_count(1)
    expect(page.locator("tbody tr")).to_contain_text("Formation des élus reportée")
    expect(page.locator(".deadline time").first).to_have_attribute(
        "datetime", new_deadline.isoformat()
    )
    screenshot(page, "extension-fr", full_page=True)
    extension = DeadlineExtension.objects.get()
    assert (extension.new_deadline, extension.granted_by) == (new_deadline, coordinator)


def test_after_the_deadline_the_commune_reads_but_cannot_ask(page, transactional_db):
    dossier = dossier_in_self_assessment()
    dossier.deadline = timezone.localdate() - datetime.timedelta(days=2)
    dossier.save(update_fields=["deadline"])
    focal_point, _president = commune_people(dossier)

    sign_in(page, focal_point.username, PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/clarifications/")
    expect(page.locator("#id_body")).to_have_count(0)
    expect(page.locator(".notice")).to_be_visible()
    page.goto(f"/dossiers/{dossier.pk}/extension/")
    expect(page.locator(".dossier-header .deadline__left--closed")).to_be_visible()
    expect(page.locator("form:has(input[name=action])")).to_have_count(0)
    screenshot(page, "extension-closed-ar", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    screenshot(page, "extension-closed-phone-ar", full_page=True)
