import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from citizenlabel.dossiers.enums import ClarificationStatus
from citizenlabel.dossiers.models import Clarification, ClarificationMessage
from citizenlabel.dossiers.services.clarifications import (
    answer_clarification,
    ask_clarification,
    close_clarification,
    reply_to_clarification,
)
from citizenlabel.people.enums import Role
from tests.factories import (
    CommuneFactory,
    TechnicalTeamFactory,
    clarification,
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    other_referential_question,
    team_member,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(dossier):
    return team_member(dossier)


@pytest.fixture
def other_team_member():
    return user_with_role(Role.TECHNICAL_TEAM, technical_team=TechnicalTeamFactory())


@pytest.fixture
def thread(dossier, focal_point):
    return clarification(dossier, by=focal_point)


def thread_url(thread):
    return reverse("dossiers:clarification_detail", args=[thread.dossier_id, thread.pk])


def close_the_window(dossier):
    dossier.deadline = timezone.localdate() - datetime.timedelta(days=1)
    dossier.save(update_fields=["deadline"])


# --- services ---------------------------------------------------------------------------


@pytest.mark.parametrize("asker", [0, 1], ids=["focal point", "president"])
def test_the_commune_asks_about_a_question_and_the_team_is_emailed(
    dossier, people, member, question, asker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = ask_clarification(
            dossier=dossier,
            subject="  نسبة المستشارات  ",
            body="هل تحتسب المستشارات المستقيلات؟",
            question=question,
            by=people[asker],
        )
    asked.refresh_from_db()
    assert (asked.subject, asked.status, asked.question, asked.asked_by) == (
        "نسبة المستشارات",
        ClarificationStatus.OPEN,
        question,
        people[asker],
    )
    assert [m.body for m in asked.messages.all()] == ["هل تحتسب المستشارات المستقيلات؟"]
    assert asked.answered_at is None
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [member.email]
    assert dossier.commune.name["ar"] in email.body
    assert dossier.commune.name["fr"] in email.body
    assert question.text["ar"] in email.body
    assert question.text["fr"] in email.body
    assert "هل تحتسب المستشارات المستقيلات؟" in email.body
    assert thread_url(asked) in email.body


def test_a_request_without_a_team_goes_to_the_coordination(
    people, django_capture_on_commit_callbacks
):
    dossier = dossier_in_self_assessment(technical_team=None)
    focal_point = commune_people(dossier)[0]
    coordinator = coordination_member()
    with django_capture_on_commit_callbacks(execute=True):
        ask_clarification(dossier=dossier, subject="s", body="b", by=focal_point)
    assert [email.to for email in mail.outbox] == [[coordinator.email]]


def test_a_question_of_another_referential_is_refused_and_nothing_is_written(dossier, focal_point):
    with pytest.raises(ValidationError) as refused:
        ask_clarification(
            dossier=dossier,
            subject="s",
            body="b",
            question=other_referential_question(),
            by=focal_point,
        )
    assert list(refused.value.message_dict) == ["question"]
    assert Clarification.objects.count() == 0


def test_an_empty_subject_and_body_are_refused_with_clear_messages(dossier, focal_point):
    with pytest.raises(ValidationError) as refused:
        ask_clarification(dossier=dossier, subject=" ", body="\n  ", by=focal_point)
    assert sorted(refused.value.message_dict) == ["body", "subject"]
    assert Clarification.objects.count() == 0
    assert ClarificationMessage.objects.count() == 0


def test_the_commune_cannot_ask_after_the_deadline(dossier, focal_point):
    close_the_window(dossier)
    with pytest.raises(PermissionDenied):
        ask_clarification(dossier=dossier, subject="s", body="b", by=focal_point)
    assert Clarification.objects.count() == 0


@pytest.mark.parametrize("who", ["member", "coordination"])
def test_only_the_commune_asks(dossier, member, who):
    user = member if who == "member" else coordination_member()
    with pytest.raises(PermissionDenied):
        ask_clarification(dossier=dossier, subject="s", body="b", by=user)
    assert Clarification.objects.count() == 0


def test_the_first_answer_sets_answered_at_and_notifies_the_commune(
    dossier, people, member, thread, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = answer_clarification(clarification=thread, body="نعم، تحتسب.", by=member)
    thread.refresh_from_db()
    assert (thread.status, thread.answered_at) == (ClarificationStatus.ANSWERED, first.at)
    assert thread.response_time == first.at - thread.asked_at
    assert mail.outbox[0].to == sorted(user.email for user in people)
    assert dossier.commune.name["ar"] in mail.outbox[0].body
    assert dossier.commune.name["fr"] in mail.outbox[0].body
    assert "نعم، تحتسب." in mail.outbox[0].body

    answer_clarification(clarification=thread, body="Précision : oui.", by=member)
    thread.refresh_from_db()
    assert thread.answered_at == first.at
    assert thread.messages.count() == 3


def test_the_coordination_answers_too(thread):
    answer_clarification(clarification=thread, body="Oui.", by=coordination_member())
    thread.refresh_from_db()
    assert thread.status == ClarificationStatus.ANSWERED


def test_a_member_of_another_team_cannot_answer(thread, other_team_member):
    with pytest.raises(PermissionDenied):
        answer_clarification(clarification=thread, body="Oui.", by=other_team_member)
    thread.refresh_from_db()
    assert (thread.status, thread.answered_at, thread.messages.count()) == (
        ClarificationStatus.OPEN,
        None,
        1,
    )


def test_an_empty_answer_is_refused(thread, member):
    with pytest.raises(ValidationError) as refused:
        answer_clarification(clarification=thread, body="   ", by=member)
    assert list(refused.value.message_dict) == ["body"]
    assert thread.messages.count() == 1


def test_the_commune_follow_up_makes_the_thread_wait_again(
    thread, people, member, django_capture_on_commit_callbacks
):
    answer_clarification(clarification=thread, body="Oui.", by=member)
    answered_at = Clarification.objects.get(pk=thread.pk).answered_at
    with django_capture_on_commit_callbacks(execute=True):
        reply_to_clarification(clarification=thread, body="Et les suppléantes ?", by=people[1])
    thread.refresh_from_db()
    assert (thread.status, thread.answered_at) == (ClarificationStatus.OPEN, answered_at)
    assert [email.to for email in mail.outbox] == [[member.email]]


def test_the_team_does_not_write_as_the_commune(thread, member):
    with pytest.raises(PermissionDenied):
        reply_to_clarification(clarification=thread, body="b", by=member)
    assert thread.messages.count() == 1


def test_a_closed_thread_takes_no_message(thread, focal_point, member):
    close_clarification(clarification=thread, by=focal_point)
    with pytest.raises(ValidationError):
        answer_clarification(clarification=thread, body="Trop tard.", by=member)
    thread.refresh_from_db()
    assert (thread.status, thread.messages.count()) == (ClarificationStatus.CLOSED, 1)


def test_a_member_of_another_team_cannot_close(thread, other_team_member):
    with pytest.raises(PermissionDenied):
        close_clarification(clarification=thread, by=other_team_member)
    thread.refresh_from_db()
    assert thread.status == ClarificationStatus.OPEN


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
    close_the_window(dossier)
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
    close_the_window(dossier)
    client.force_login(focal_point)
    assert client.get(thread_url(thread)).context["can_write"] is False
    response = client.post(thread_url(thread), {"action": "write", "body": "Encore ?"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert thread.messages.count() == 1
