"""Requests for clarification during the self-assessment window: the commune asks, the
technical team assigned to its dossier answers, each thread keeps its status and the time
its first answer took; every message reaches the other side by email."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citizenlabel.people.enums import Role
from citizenlabel.people.models import User
from citizenlabel.referential.models import Question

from .. import rules as dossier_rules
from ..enums import ClarificationStatus as Status
from ..models import Clarification, ClarificationMessage, Dossier
from .notifications import commune_people, send_bilingual

# The commune follows up on a thread under the same rule as asking: while its window is open.
can_reply_to_clarification = dossier_rules.can_ask_clarification
can_close_clarification = (
    dossier_rules.is_dossier_commune_member | dossier_rules.can_answer_clarification
)


def _texts_problems(**texts: str) -> dict[str, str]:
    empty = {
        "subject": _("Give the request a subject."),
        "body": _("Write your message: it cannot be empty."),
    }
    return {name: empty[name] for name, text in texts.items() if not text.strip()}


def _refuse_empty(**texts: str) -> None:
    if problems := _texts_problems(**texts):
        raise ValidationError(problems)


def _team_emails(dossier: Dossier) -> set[str]:
    """The dossier's technical team; the coordination committee while no team is assigned."""
    if dossier.technical_team_id:
        users = User.objects.filter(
            memberships__role=Role.TECHNICAL_TEAM,
            memberships__technical_team_id=dossier.technical_team_id,
        )
    else:
        users = User.objects.filter(memberships__role=Role.COORDINATION)
    return set(users.filter(is_active=True).exclude(email="").values_list("email", flat=True))


def _commune_emails(dossier: Dossier) -> set[str]:
    return {user.email for user in commune_people([dossier.commune_id]) if user.email}


def _notify(recipients: set[str], template: str, message: ClarificationMessage) -> None:
    """Send once the transaction is committed: a refused write sends nothing."""
    clarification = message.clarification
    context = {
        "dossier": clarification.dossier,
        "clarification": clarification,
        "message": message,
        "site_url": settings.SITE_URL,
    }
    send_bilingual(recipients, f"dossiers/emails/{template}", context)


def _add_message(clarification: Clarification, body: str, by: User) -> ClarificationMessage:
    message = ClarificationMessage(clarification=clarification, author=by, body=body.strip())
    message.full_clean()
    message.save()
    return message


def _lock_writable(clarification: Clarification) -> Clarification:
    """The thread, locked against a concurrent answer; a closed thread takes no message."""
    locked = Clarification.objects.select_for_update().get(pk=clarification.pk)
    if locked.status == Status.CLOSED:
        raise ValidationError(_("This request is closed: nothing was sent."))
    locked.dossier = clarification.dossier
    return locked


def _set_status(clarification: Clarification, locked: Clarification, fields: list[str]) -> None:
    locked.full_clean()
    locked.save(update_fields=fields)
    for name in fields:
        setattr(clarification, name, getattr(locked, name))


@transaction.atomic
def ask_clarification(
    *,
    dossier: Dossier,
    subject: str,
    body: str,
    question: Question | None = None,
    by: User,
) -> Clarification:
    """Open a thread about the dossier, or about one question of its edition's referential."""
    if not dossier_rules.can_ask_clarification(by, dossier):
        raise PermissionDenied(
            _("Only the commune asks for clarifications, and only while its window is open.")
        )
    problems = _texts_problems(subject=subject, body=body)
    if question is not None and question.referential_id != dossier.edition.referential_id:
        problems["question"] = _("This question is not in the referential of this edition.")
    if problems:
        raise ValidationError(problems)
    clarification = Clarification(
        dossier=dossier, question=question, subject=subject.strip(), asked_by=by
    )
    clarification.full_clean()
    clarification.save()
    message = _add_message(clarification, body, by)
    _notify(_team_emails(dossier), "clarification_asked", message)
    return clarification


@transaction.atomic
def answer_clarification(
    *, clarification: Clarification, body: str, by: User
) -> ClarificationMessage:
    """The team's answer; the first one sets `answered_at`, which gives the response time."""
    dossier = clarification.dossier
    if not dossier_rules.can_answer_clarification(by, dossier):
        raise PermissionDenied(
            _("Only the dossier's technical team or the coordination committee answers.")
        )
    _refuse_empty(body=body)
    locked = _lock_writable(clarification)
    message = _add_message(locked, body, by)
    fields = ["status"]
    if locked.answered_at is None:
        locked.answered_at = message.at
        fields.append("answered_at")
    locked.status = Status.ANSWERED
    _set_status(clarification, locked, fields)
    _notify(_commune_emails(dossier), "clarification_answered", message)
    return message


@transaction.atomic
def reply_to_clarification(
    *, clarification: Clarification, body: str, by: User
) -> ClarificationMessage:
    """The commune's follow-up: the thread awaits an answer again."""
    dossier = clarification.dossier
    if not can_reply_to_clarification(by, dossier):
        raise PermissionDenied(
            _("Only the commune follows up a request, and only while its window is open.")
        )
    _refuse_empty(body=body)
    locked = _lock_writable(clarification)
    message = _add_message(locked, body, by)
    locked.status = Status.OPEN
    _set_status(clarification, locked, ["status"])
    _notify(_team_emails(dossier), "clarification_followed_up", message)
    return message


@transaction.atomic
def close_clarification(*, clarification: Clarification, by: User) -> None:
    """Either side closes a thread it no longer needs; closing twice changes nothing."""
    if not can_close_clarification(by, clarification.dossier):
        raise PermissionDenied(_("You cannot close this request."))
    locked = Clarification.objects.select_for_update().get(pk=clarification.pk)
    if locked.status != Status.CLOSED:
        locked.status = Status.CLOSED
        _set_status(clarification, locked, ["status"])
