import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from citizenlabel.dossiers.enums import ClarificationStatus
from citizenlabel.dossiers.models import Clarification, ClarificationMessage
from citizenlabel.dossiers.services.clarifications import (
    answer_clarification,
    ask_clarification,
    close_clarification,
    reply_to_clarification,
)
from tests.factories import (
    close_by_deadline,
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    other_referential_question,
)
from tests.factories.dossiers import thread_url

pytestmark = pytest.mark.django_db


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
    close_by_deadline(dossier)
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
