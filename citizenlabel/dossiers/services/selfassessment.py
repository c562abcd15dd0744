"""The self-assessment: its launch, the answers (saved one by one, never clobbered), the
evidence files, and the recorded extensions of its window."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.common.problems import InvalidInput
from citizenlabel.referential.models import Question
from citizenlabel.referential.scoring import question_answer_problems
from citizenlabel.referential.selectors import question_spec

from .. import rules as dossier_rules
from ..enums import DossierState
from ..models import (
    Answer,
    DeadlineExtension,
    Dossier,
    DossierFile,
    Launch,
    ScheduleStep,
    TrainingAttendance,
)
from .files import check_upload, store_file
from .notifications import commune_people, send_bilingual
from .transitions import transition_dossier


class StaleAnswer(Exception):
    """Someone saved this answer since the form was loaded; nothing was written."""

    def __init__(self, current: Answer):
        self.current = current
        super().__init__(f"answer {current.pk} is at version {current.version}")


def closed_message() -> str:
    return _("The self-assessment of this dossier is closed: nothing was changed.")


@transaction.atomic
def record_launch(
    *,
    dossier: Dossier,
    launch: Launch,
    schedule: list[ScheduleStep],
    training: list[TrainingAttendance],
    by,
) -> Launch:
    """Save the launch; the first one opens the self-assessment window."""
    if not dossier_rules.can_launch_self_assessment(by, dossier):
        raise PermissionDenied(closed_message())
    launch.dossier = dossier
    launch.full_clean()
    launch.save()
    for model, rows in ((ScheduleStep, schedule), (TrainingAttendance, training)):
        model.objects.filter(dossier=dossier).delete()
        for row in rows:
            row.dossier = dossier
            row.full_clean()
        model.objects.bulk_create(rows)
    if dossier.state == DossierState.ELIGIBLE:
        start = max(launch.official_start, timezone.localdate())
        dossier.deadline = start + timedelta(weeks=dossier.edition.self_assessment_weeks)
        dossier.save(update_fields=["deadline"])
        transition_dossier(dossier, to=DossierState.SELF_ASSESSMENT, by=by)
    return launch


@transaction.atomic
def save_answer(
    *,
    dossier: Dossier,
    question: Question,
    options: list[str],
    comment: str,
    seen_version: int,
    by,
) -> Answer:
    """Save the declared answer if nobody changed it since `seen_version` (0: never saved)."""
    if not dossier_rules.can_edit_self_assessment(by, dossier):
        raise PermissionDenied(closed_message())
    if question.referential_id != dossier.edition.referential_id:
        raise PermissionDenied
    spec = question_spec(question)
    value = _answer_value(spec.kind, options)
    if value is not None and (problems := question_answer_problems(spec, value)):
        raise InvalidInput(problems)  # an option that is not the question's, na mixed, …
    answer = Answer.objects.select_for_update().filter(dossier=dossier, question=question).first()
    if answer and _same_answer(answer, options, comment):
        return answer  # sent again (a reply lost offline, a repeated change): already stored
    current_version = answer.version if answer else 0
    if current_version != seen_version:
        raise StaleAnswer(answer)
    answer = answer or Answer(dossier=dossier, question=question, version=0)
    answer.options, answer.comment, answer.updated_by = options, comment.strip(), by
    answer.version += 1
    answer.save()
    return answer


def _same_answer(answer: Answer, options: list[str], comment: str) -> bool:
    return sorted(answer.options) == sorted(options) and answer.comment == comment.strip()


def _answer_value(kind: str, options: list[str]):
    """The scoring contract's shape: a code for a single question, a list for a multiple one.
    Several codes for a single question stay a list, which the check below refuses."""
    if kind == "multiple" or len(options) > 1:
        return options
    return options[0] if options else None  # no option: the answer is cleared


def attach_evidence(*, dossier: Dossier, question: Question, upload, by) -> DossierFile:
    if not dossier_rules.can_edit_self_assessment(by, dossier):
        raise PermissionDenied(closed_message())
    if question.referential_id != dossier.edition.referential_id:
        raise PermissionDenied
    checked = check_upload(upload)
    return store_file(
        dossier=dossier,
        checked=checked,
        purpose=DossierFile.Purpose.EVIDENCE,
        question=question,
        by=by,
    )


def remove_evidence(*, evidence: DossierFile, by) -> None:
    """Withdraw an evidence file while the self-assessment is open (the row goes, the history
    of submitted files stays in the submission snapshot)."""
    if not dossier_rules.can_edit_self_assessment(by, evidence.dossier):
        raise PermissionDenied(closed_message())
    evidence.file.delete(save=False)
    evidence.delete()


@transaction.atomic
def grant_extension(*, dossier: Dossier, new_deadline: date, reason: str, by) -> DeadlineExtension:
    if not dossier_rules.can_grant_extension(by, dossier):
        raise PermissionDenied
    if dossier.deadline and new_deadline <= dossier.deadline:
        raise ValidationError(
            _("The new deadline must be later than the current one and not in the past.")
        )
    return record_deadline_change(dossier=dossier, new_deadline=new_deadline, reason=reason, by=by)


def record_deadline_change(
    *, dossier: Dossier, new_deadline: date, reason: str, by
) -> DeadlineExtension:
    """Move the self-assessment deadline, keep the old and new dates, tell the commune."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for the extension."))
    if new_deadline < timezone.localdate():
        raise ValidationError(
            _("The new deadline must be later than the current one and not in the past.")
        )
    extension = DeadlineExtension(
        dossier=dossier,
        previous_deadline=dossier.deadline,
        new_deadline=new_deadline,
        reason=reason.strip(),
        granted_by=by,
    )
    extension.full_clean()
    extension.save()
    dossier.deadline = new_deadline
    dossier.save(update_fields=["deadline"])
    recipients = {u.email for u in commune_people([dossier.commune_id]) if u.email}
    context = {"dossier": dossier, "extension": extension, "site_url": settings.SITE_URL}
    send_bilingual(recipients, "dossiers/emails/deadline_changed", context)
    return extension
