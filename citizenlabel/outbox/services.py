"""Writing emails to the outbox and delivering them, with retries and backoff."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .enums import EmailStatus
from .models import OutboxEmail

# After the last attempt an email stays `failed` until an administrator sends it again.
MAX_ATTEMPTS = 5
BACKOFF = timedelta(minutes=2)


def queue_email(*, recipients, subject: str, body: str) -> OutboxEmail | None:
    """Write the email in the caller's transaction; it is delivered once that commits."""
    recipients = sorted(set(recipients))
    if not recipients:
        return None
    email = OutboxEmail.objects.create(subject=subject[:998], body=body, recipients=recipients)
    transaction.on_commit(lambda: deliver_email(email.pk))
    return email


def deliver_email(pk: int) -> bool:
    """Send one waiting email; a failure is recorded on the row, never raised to the caller."""
    with transaction.atomic():
        email = (
            OutboxEmail.objects.select_for_update()
            .filter(pk=pk, status=EmailStatus.PENDING)
            .first()
        )
        if email is None:  # already sent by another delivery
            return False
        email.attempts += 1
        try:
            send_mail(
                subject=email.subject,
                message=email.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=email.recipients,
            )
        except Exception as error:  # any transport error: keep the row and retry later
            _record_failure(email, error)
            return False
        email.status, email.sent_at, email.last_error = EmailStatus.SENT, timezone.now(), ""
        email.next_attempt_at = None
        email.save(update_fields=["status", "sent_at", "attempts", "last_error", "next_attempt_at"])
        return True


def _record_failure(email: OutboxEmail, error: Exception) -> None:
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= MAX_ATTEMPTS:
        email.status, email.next_attempt_at = EmailStatus.FAILED, None
    else:  # exponential backoff: 2, 4, 8, 16 minutes
        email.next_attempt_at = timezone.now() + BACKOFF * 2 ** (email.attempts - 1)
    email.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])


def due_emails(now=None):
    now = now or timezone.now()
    return OutboxEmail.objects.filter(status=EmailStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def deliver_due(now=None) -> dict[str, int]:
    """Send every email whose turn has come; returns how many went and how many failed."""
    counts = {"sent": 0, "failed": 0}
    for pk in due_emails(now).order_by("pk").values_list("pk", flat=True):
        counts["sent" if deliver_email(pk) else "failed"] += 1
    return counts


@transaction.atomic
def resend_email(*, email: OutboxEmail) -> None:
    """An administrator puts a failed (or sent) email back in the queue."""
    email.status, email.attempts, email.next_attempt_at = EmailStatus.PENDING, 0, None
    email.save(update_fields=["status", "attempts", "next_attempt_at"])
    transaction.on_commit(lambda: deliver_email(email.pk))
