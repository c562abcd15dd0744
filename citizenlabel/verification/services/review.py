"""The coordination committee's study of a submitted file, answer by answer."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from citizenlabel.dossiers.models import Answer, Dossier
from citizenlabel.referential.models import Question

from .. import rules as verification_rules
from ..models import AnswerReview


class StaleReview(Exception):
    """Someone saved a review of this answer since the form was loaded; nothing was written."""

    def __init__(self, current: AnswerReview):
        self.current = current
        super().__init__(f"review {current.pk} was saved at {current.reviewed_at}")


def study_closed_message() -> str:
    return _(
        "Only the coordination committee studies a submitted file, until its provisional "
        "score is recorded: nothing was changed."
    )


def _check_review(dossier: Dossier, question: Question, unsupported: bool, reason: str) -> None:
    if question.referential_id != dossier.edition.referential_id:
        raise ValidationError(_("This question is not part of the dossier's referential."))
    if not unsupported:
        return
    if not reason:
        raise ValidationError({"reason": _("Give the reason why the answer is not supported.")})
    answered = Answer.objects.filter(dossier=dossier, question=question).exclude(options=[])
    if not answered.exists():
        raise ValidationError(
            {"unsupported": _("This question was not answered: there is no answer to flag.")}
        )


@transaction.atomic
def review_answer(
    *,
    dossier: Dossier,
    question: Question,
    unsupported: bool,
    reason: str,
    remark: str,
    by,
    seen_at: datetime | None = None,
) -> AnswerReview:
    """Flag the declared answer unsupported (with its reason) or not, and leave a remark for
    the visit. `seen_at` is when the review shown to the user was saved (None: none was)."""
    if not verification_rules.can_review_answers(by, dossier):
        raise PermissionDenied(study_closed_message())
    reason, remark = reason.strip(), remark.strip()
    _check_review(dossier, question, unsupported, reason)
    review = (
        AnswerReview.objects.select_for_update().filter(dossier=dossier, question=question).first()
    )
    if review is not None and review.reviewed_at != seen_at:
        raise StaleReview(review)
    review = review or AnswerReview(dossier=dossier, question=question)
    review.unsupported = unsupported
    review.reason = reason if unsupported else ""
    review.remark = remark
    review.reviewed_by = by
    review._history_user = by
    review.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as raced:  # a first review of this answer was saved meanwhile
        current = AnswerReview.objects.get(dossier=dossier, question=question)
        raise StaleReview(current) from raced
    return review
