"""The on-site verification of the answers: what the team found beside what the commune
declared, saved one answer at a time and never over someone else's save."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from citizenlabel.common.problems import InvalidInput, Problem
from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.models import Answer, Dossier
from citizenlabel.dossiers.rules import is_dossier_team_member
from citizenlabel.referential.models import Question
from citizenlabel.referential.scoring import question_answer_problems
from citizenlabel.referential.selectors import question_spec

from .. import rules as verification_rules
from ..enums import EvidenceStatus
from ..models import VerifiedAnswer


class StaleVerification(Exception):
    """Someone saved this verification since the form was loaded; nothing was written.
    `current` is None only when the form claimed a version that never existed."""

    def __init__(self, current: VerifiedAnswer | None):
        self.current = current
        super().__init__(f"verification at version {getattr(current, 'version', 0)}")


def why_not_open(user, dossier: Dossier) -> str:
    """Why this user cannot verify this dossier now: not_team, no_visit, before_visit,
    not_started, closed."""
    if not is_dossier_team_member(user, dossier):
        return "not_team"
    if dossier.state == DossierState.VERIFICATION and not hasattr(dossier, "visit"):
        return "no_visit"
    if dossier.state == DossierState.VERIFICATION and timezone.localdate() < dossier.visit.date:
        return "before_visit"
    if dossier.state in (DossierState.SUBMITTED, DossierState.PROVISIONALLY_SCORED):
        return "not_started"
    return "closed"


def visit_date(dossier: Dossier) -> str:
    visit = getattr(dossier, "visit", None)
    return formats.date_format(visit.date) if visit else ""


def not_open_message(user, dossier: Dossier) -> str:
    """The refusal, in words a team member understands."""
    reason = why_not_open(user, dossier)
    if reason == "before_visit":
        message = _(
            "The visit takes place on %(date)s: what it finds is recorded from that day on. "
            "Nothing was changed."
        )
        return message % {"date": visit_date(dossier)}
    return {
        "not_team": _(
            "Only the dossier's technical team records the verification: nothing was changed."
        ),
        "no_visit": _("The visit is not scheduled yet: nothing was changed."),
        "not_started": _("The verification has not started yet: nothing was changed."),
        "closed": _("The verification of this dossier is closed: nothing was changed."),
    }[reason]


def check_can_verify(by, dossier: Dossier) -> None:
    if not verification_rules.can_verify(by, dossier):
        raise PermissionDenied(not_open_message(by, dossier))


def declared_options(dossier: Dossier, question: Question) -> list[str]:
    answer = Answer.objects.filter(dossier=dossier, question=question).first()
    return list(answer.options) if answer else []


def differs(verified: Sequence[str], declared: Sequence[str]) -> bool:
    return sorted(verified) != sorted(declared)


def _unverifiable_problems(place: str, reason: str) -> list[Problem]:
    if reason:
        return []
    return [Problem(place, _("Say why this answer could not be verified."))]


def _problems(question, evidence_status, options, reason, declared) -> list[Problem]:
    place = _('question "%(code)s"') % {"code": question.code}
    if evidence_status == EvidenceStatus.UNVERIFIABLE:
        return _unverifiable_problems(place, reason)
    problems = []
    if evidence_status not in EvidenceStatus.values:
        message = _("Say whether the verification sources were seen, missing or insufficient.")
        problems.append(Problem(place, message))
    spec = question_spec(question)
    if not options:
        problems.append(Problem(place, _("Choose the verified option.")))
    else:
        value = options if spec.kind == "multiple" or len(options) > 1 else options[0]
        problems.extend(question_answer_problems(spec, value))  # options not the question's
    needs_reason = differs(options, declared) or evidence_status != EvidenceStatus.SEEN
    if needs_reason and not reason:
        message = _(
            "Give the reason: the verified answer differs from the declared one "
            "or its sources were not seen."
        )
        problems.append(Problem(place, message))
    return problems


@transaction.atomic
def record_verified_answer(
    *,
    dossier: Dossier,
    question: Question,
    evidence_status: str,
    options: list[str],
    reason: str,
    seen_version: int,
    by,
) -> VerifiedAnswer:
    """Save what the team verified if nobody saved it since `seen_version` (0: never saved).
    Marked "could not be verified", it keeps its reason and no option (it earns no points).
    The declared answer is only read."""
    check_can_verify(by, dossier)
    if question.referential_id != dossier.edition.referential_id:
        raise PermissionDenied(_("This question is not in the referential of this edition."))
    reason = reason.strip()
    declared = declared_options(dossier, question)
    if problems := _problems(question, evidence_status, options, reason, declared):
        raise InvalidInput(problems)
    if evidence_status == EvidenceStatus.UNVERIFIABLE:
        options = []  # the declared options preselected on the card are not a finding
    verified = (
        VerifiedAnswer.objects.select_for_update()
        .filter(dossier=dossier, question=question)
        .first()
    )
    if (verified.version if verified else 0) != seen_version:
        raise StaleVerification(verified)
    verified = verified or VerifiedAnswer(dossier=dossier, question=question, version=0)
    verified.evidence_status, verified.options, verified.reason = evidence_status, options, reason
    verified.verified_by = by
    verified.version += 1
    verified._history_user = by
    verified.full_clean(validate_unique=False, validate_constraints=False)  # the lock above
    try:
        with transaction.atomic():
            verified.save()
    except IntegrityError:  # a first verification saved at the same moment by someone else
        raise StaleVerification(
            VerifiedAnswer.objects.filter(dossier=dossier, question=question).first()
        ) from None
    return verified
