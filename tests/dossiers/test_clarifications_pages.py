"""The clarification pages: the list, a thread, asking, answering and closing, for every
role, and what they cost."""

import pytest
from django.urls import reverse
from django.utils.timesince import timesince

from citizenlabel.dossiers.enums import ClarificationStatus
from citizenlabel.dossiers.models import Clarification, ClarificationMessage
from citizenlabel.dossiers.services.clarifications import answer_clarification
from citizenlabel.people.enums import Role
from tests.factories import (
    CommuneFactory,
    clarification,
    close_by_deadline,
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    other_referential_question,
    user_with_role,
)
from tests.factories.dossiers import thread_url

pytestmark = pytest.mark.django_db


# --- views ------------------------------------------------------------------------------


def test_the_focal_point_sends_a_request_through_the_page(client, dossier, focal_point, question):
    client.force_login(focal_point)
    response = client.post(
        reverse("dossiers:clarifications", args=[dossier.pk]),
        {"subject": "نسبة المستشارات", "question": question.pk, "body": "كيف نحسبها؟"},
    )
    asked = Clarification.objects.get()
    assert response.status_code == 302
    assert response.url == thread_url(asked)
    assert (asked.question, asked.asked_by) == (question, focal_point)


def test_a_forged_question_id_gets_an_error_on_the_field_and_nothing_is_written(
    client, dossier, focal_point
):
    client.force_login(focal_point)
    forged = other_referential_question()
    response = client.post(
        reverse("dossiers:clarifications", args=[dossier.pk]),
        {"subject": "s", "question": forged.pk, "body": "b"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["question"]
    assert Clarification.objects.count() == 0


def test_an_empty_request_is_shown_again_with_accessible_errors(client, dossier, focal_point):
    client.force_login(focal_point)
    response = client.post(
        reverse("dossiers:clarifications", args=[dossier.pk]), {"subject": "", "body": " "}
    )
    html = response.content.decode()
    assert sorted(response.context["form"].errors) == ["body", "subject"]
    assert 'role="alert"' in html
    assert 'aria-describedby="id_body_error"' in html
    assert 'id="id_body_error"' in html
    assert Clarification.objects.count() == 0


def test_after_the_deadline_the_commune_has_no_form_and_a_post_changes_nothing(
    client, dossier, focal_point
):
    close_by_deadline(dossier)
    client.force_login(focal_point)
    url = reverse("dossiers:clarifications", args=[dossier.pk])
    assert client.get(url).context["may_ask"] is False
    response = client.post(url, {"subject": "s", "body": "b"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert response.context["may_ask"] is False
    assert Clarification.objects.count() == 0


def test_a_team_member_answers_in_the_thread(client, thread, member):
    client.force_login(member)
    response = client.post(thread_url(thread), {"action": "write", "body": "الجواب."})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == ClarificationStatus.ANSWERED
    assert thread.answered_at == thread.messages.last().at
    page = client.get(thread_url(thread))
    assert page.context["can_write"] is True
    assert [m.from_team for m in page.context["clarification"].messages.all()] == [False, True]


def test_the_focal_point_sees_the_answer_and_the_response_time(client, thread, focal_point, member):
    answer_clarification(clarification=thread, body="الجواب.", by=member)
    thread.refresh_from_db()
    client.force_login(focal_point)
    html = client.get(thread_url(thread)).content.decode()
    assert "<p>الجواب.</p>" in html
    assert timesince(thread.asked_at, thread.answered_at) in html


def test_a_member_of_another_team_gets_404_and_a_forged_post_changes_nothing(
    client, thread, other_team_member
):
    client.force_login(other_team_member)
    assert client.get(thread_url(thread)).status_code == 404
    assert client.post(thread_url(thread), {"body": "forged"}).status_code == 404
    assert client.post(thread_url(thread), {"action": "close"}).status_code == 404
    thread.refresh_from_db()
    assert (thread.status, thread.messages.count()) == (ClarificationStatus.OPEN, 1)


def test_the_president_of_another_commune_gets_404(client, thread):
    outsider = user_with_role(Role.PRESIDENT, commune=CommuneFactory())
    client.force_login(outsider)
    assert client.get(thread_url(thread)).status_code == 404
    list_url = reverse("dossiers:clarifications", args=[thread.dossier_id])
    assert client.get(list_url).status_code == 404
    assert client.post(list_url, {"subject": "s", "body": "b"}).status_code == 404
    assert Clarification.objects.count() == 1


def test_a_thread_under_another_dossier_address_is_404(client, thread, focal_point):
    elsewhere = dossier_in_self_assessment(commune=thread.dossier.commune)
    client.force_login(focal_point)
    url = reverse("dossiers:clarification_detail", args=[elsewhere.pk, thread.pk])
    assert client.get(url).status_code == 404


def test_the_commune_closes_its_request(client, thread, focal_point):
    client.force_login(focal_point)
    client.post(thread_url(thread), {"action": "close"})
    thread.refresh_from_db()
    page = client.get(thread_url(thread))
    assert thread.status == ClarificationStatus.CLOSED
    assert (page.context["can_write"], page.context["can_close"]) == (False, False)


def test_the_team_inbox_lists_only_its_teams_open_requests(
    client, thread, member, other_team_member
):
    other_team = other_team_member.memberships.get().technical_team
    other_dossier = dossier_in_self_assessment(technical_team=other_team)
    clarification(other_dossier, by=commune_people(other_dossier)[0], subject="ailleurs")
    client.force_login(member)
    response = client.get(reverse("dossiers:clarification_inbox"))
    assert [c.pk for c in response.context["page"]] == [thread.pk]
    assert response.context["status"] == ClarificationStatus.OPEN


def test_the_coordination_inbox_lists_every_team_and_filters_by_status(client, thread, member):
    other_dossier = dossier_in_self_assessment()
    elsewhere = clarification(other_dossier, by=commune_people(other_dossier)[0])
    answer_clarification(clarification=thread, body="Oui.", by=member)
    client.force_login(coordination_member())
    url = reverse("dossiers:clarification_inbox")
    assert [c.pk for c in client.get(url).context["page"]] == [elsewhere.pk]
    answered = client.get(url, {"status": "answered"})
    assert [c.pk for c in answered.context["page"]] == [thread.pk]
    assert [c.pk for c in client.get(url, {"status": "all"}).context["page"]] == [
        elsewhere.pk,
        thread.pk,
    ]
    assert [(value, total) for value, _label, total in answered.context["tabs"]] == [
        ("open", 1),
        ("answered", 1),
        ("closed", 0),
        ("all", 2),
    ]


def test_the_inbox_is_404_for_the_commune(client, focal_point):
    client.force_login(focal_point)
    assert client.get(reverse("dossiers:clarification_inbox")).status_code == 404


# --- query counts -----------------------------------------------------------------------
# Session, user, roles, the dossier (or the inbox's count), the threads or messages, the
# question choices, the permission checks of base.html: the same with 1 or 10 rows.


THREAD_QUERIES = 10


LIST_QUERIES = 10


INBOX_QUERIES = 10


@pytest.mark.parametrize("messages", [1, 10])
def test_the_thread_costs_a_fixed_number_of_queries(
    client, thread, focal_point, member, messages, django_assert_max_num_queries
):
    for n in range(messages - 1):
        ClarificationMessage.objects.create(clarification=thread, author=member, body=f"m{n}")
    client.force_login(focal_point)
    client.get(thread_url(thread))  # warm the session
    with django_assert_max_num_queries(THREAD_QUERIES):
        client.get(thread_url(thread))


@pytest.mark.parametrize("threads", [1, 10])
def test_the_dossier_requests_cost_a_fixed_number_of_queries(
    client, dossier, focal_point, threads, django_assert_max_num_queries
):
    for n in range(threads):
        clarification(dossier, by=focal_point, subject=f"s{n}")
    client.force_login(focal_point)
    url = reverse("dossiers:clarifications", args=[dossier.pk])
    client.get(url)
    with django_assert_max_num_queries(LIST_QUERIES):
        client.get(url)


@pytest.mark.parametrize("threads", [1, 10])
def test_the_inbox_costs_a_fixed_number_of_queries(
    client, member, threads, django_assert_max_num_queries
):
    team = member.memberships.get().technical_team
    for n in range(threads):
        dossier = dossier_in_self_assessment(technical_team=team)
        clarification(dossier, by=commune_people(dossier)[0], subject=f"s{n}")
    client.force_login(member)
    url = reverse("dossiers:clarification_inbox")
    client.get(url)
    with django_assert_max_num_queries(INBOX_QUERIES):
        client.get(url)


def test_after_the_deadline_the_commune_cannot_follow_up(client, dossier, thread, focal_point):
    close_by_deadline(dossier)
    client.force_login(focal_point)
    assert client.get(thread_url(thread)).context["can_write"] is False
    response = client.post(thread_url(thread), {"action": "write", "body": "Encore ?"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert thread.messages.count() == 1
