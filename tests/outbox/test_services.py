from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from citizenlabel.dossiers.models import Clarification
from citizenlabel.dossiers.services.selfassessment import save_answer
from citizenlabel.outbox.enums import EmailStatus
from citizenlabel.outbox.models import OutboxEmail
from citizenlabel.outbox.services import (
    MAX_ATTEMPTS,
    deliver_due,
    deliver_email,
    queue_email,
    resend_email,
)
from citizenlabel.referential.models import Question
from tests.factories import commune_people, dossier_in_self_assessment, team_member

pytestmark = pytest.mark.django_db
FAILING = "tests.outbox.test_services.FailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def test_an_email_is_written_and_sent_once_the_change_commits(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(recipients=["b@x.ma", "a@x.ma", "a@x.ma"], subject="s", body="b")
    email.refresh_from_db()
    assert (email.status, email.attempts, email.recipients) == ("sent", 1, ["a@x.ma", "b@x.ma"])
    assert [m.to for m in mail.outbox] == [["a@x.ma", "b@x.ma"]]


def test_a_change_rolled_back_leaves_no_email(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = LOCMEM
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_email(recipients=["a@x.ma"], subject="s", body="b")
        raise RuntimeError
    assert (OutboxEmail.objects.count(), len(mail.outbox)) == (0, 0)


def test_nobody_to_tell_writes_nothing():
    assert queue_email(recipients=[], subject="s", body="b") is None
    assert OutboxEmail.objects.count() == 0


def test_a_failing_server_keeps_the_email_and_retries_with_backoff(settings):
    settings.EMAIL_BACKEND = FAILING
    email = queue_email(recipients=["a@x.ma"], subject="s", body="b")
    assert deliver_email(email.pk) is False
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.PENDING, 1)
    assert email.last_error == "ConnectionRefusedError: SMTP server unreachable"
    assert email.next_attempt_at > timezone.now() + timedelta(minutes=1)
    assert deliver_due() == {"sent": 0, "failed": 0}  # not yet its turn
    settings.EMAIL_BACKEND = LOCMEM
    assert deliver_due(timezone.now() + timedelta(minutes=3)) == {"sent": 1, "failed": 0}
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_email_fails_and_an_administrator_resends_it(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    email = queue_email(recipients=["a@x.ma"], subject="s", body="b")
    for _ in range(MAX_ATTEMPTS):
        deliver_email(email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, MAX_ATTEMPTS)
    assert deliver_due(timezone.now() + timedelta(days=1)) == {"sent": 0, "failed": 0}
    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        resend_email(email=email)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 1)


def test_a_sent_email_is_not_sent_twice(settings):
    settings.EMAIL_BACKEND = LOCMEM
    email = queue_email(recipients=["a@x.ma"], subject="s", body="b")
    assert [deliver_email(email.pk), deliver_email(email.pk)] == [True, False]
    assert len(mail.outbox) == 1


def test_with_a_failing_mail_server_the_user_sees_the_success_and_the_email_waits(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    dossier = dossier_in_self_assessment()
    team_member(dossier)
    focal_point = commune_people(dossier)[0]
    client.force_login(focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dossiers:clarifications", args=[dossier.pk]),
            {"subject": "نسبة المستشارات", "body": "كيف نحسبها؟"},
        )
    asked = Clarification.objects.get()
    assert (response.status_code, response.url) == (
        302,
        reverse("dossiers:clarification_detail", args=[dossier.pk, asked.pk]),
    )
    email = OutboxEmail.objects.get()
    assert (email.status, email.attempts) == (EmailStatus.PENDING, 1)
    assert "نسبة المستشارات" in email.body


def test_the_outbox_is_read_only_in_the_admin(admin_client):
    email = queue_email(recipients=["a@x.ma"], subject="الموضوع", body="b")
    change = reverse("admin:outbox_outboxemail_change", args=[email.pk])
    response = admin_client.get(reverse("admin:outbox_outboxemail_changelist"))
    assert list(response.context["cl"].result_list) == [email]
    assert admin_client.post(change, {"subject": "forged"}).status_code == 403
    email.refresh_from_db()
    assert email.subject == "الموضوع"


def test_sending_for_approval_with_a_failing_mail_server_goes_through(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    dossier = dossier_in_self_assessment()
    focal_point, president = commune_people(dossier)
    question = Question.objects.get(referential=dossier.edition.referential, code="1.1.1")
    save_answer(
        dossier=dossier,
        question=question,
        options=["c"],
        comment="",
        seen_version=0,
        by=focal_point,
    )
    client.force_login(focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dossiers:send_for_approval", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert (response.status_code, dossier.state) == (302, "awaiting_approval")
    email = OutboxEmail.objects.get()
    assert (email.status, email.recipients) == (EmailStatus.PENDING, [president.email])
