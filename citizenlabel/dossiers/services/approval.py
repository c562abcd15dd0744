"""The president's approval: the file goes for approval, comes back with a comment, or is
approved — which submits it, locks it, and keeps a snapshot of its answers and scores."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citizenlabel.referential.scoring import result_as_json

from ..enums import DossierState
from ..models import Dossier, Submission
from ..selectors import declared_answers, declared_score
from .selfassessment import record_deadline_change
from .transitions import transition_dossier


@transaction.atomic
def send_for_approval(*, dossier: Dossier, by) -> None:
    if not dossier.answers.exists():
        raise ValidationError(_("Answer at least one question before sending the file."))
    transition_dossier(dossier, to=DossierState.AWAITING_APPROVAL, by=by)


@transaction.atomic
def return_self_assessment(*, dossier: Dossier, comment: str, by) -> None:
    if not comment.strip():
        raise ValidationError(_("Say what must be corrected before returning the file."))
    transition_dossier(dossier, to=DossierState.SELF_ASSESSMENT, by=by, note=comment.strip())
    dossier.return_comment = comment.strip()
    dossier.save(update_fields=["return_comment"])


@transaction.atomic
def approve_self_assessment(*, dossier: Dossier, by) -> Submission:
    """Submit and lock the file; the snapshot keeps the exact answers and declared scores."""
    transition_dossier(dossier, to=DossierState.SUBMITTED, by=by)
    referential = dossier.edition.referential
    scores = result_as_json(declared_score(dossier))
    return Submission.objects.create(
        dossier=dossier,
        submitted_by=by,
        referential_code=referential.code,
        referential_version=referential.version,
        answers=declared_answers(dossier),
        scores=scores,
        overall=scores["overall"],
    )


@transaction.atomic
def reopen_submission(*, dossier: Dossier, reason: str, new_deadline: date, by) -> None:
    """Corrections after submission go through this recorded reopening only."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening the file."))
    transition_dossier(dossier, to=DossierState.SELF_ASSESSMENT, by=by, note=reason.strip())
    record_deadline_change(dossier=dossier, new_deadline=new_deadline, reason=reason, by=by)
