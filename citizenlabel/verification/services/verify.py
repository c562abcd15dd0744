"""The verification of the answers, in two rounds: on the visit, what the team found beside
what the commune declared; at the end of an action plan, the answers it targeted checked again
beside the verified value. Saved one answer at a time and never over someone else's save."""

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
from ..enums import EvidenceStatus, Round
from ..models import VerifiedAnswer
from ..rounds import reverification_aims


class StaleVerification(Exception):
    """Someone saved this verification since the form was loaded; nothing was written.
    `current` is None only when the form claimed a version that never existed."""

    def __init__(self, current: VerifiedAnswer | None):
        self.current = current
        super().__init__(f"verification at version {getattr(current, 'version', 0)}")


def evaluation_closed_message(user, dossier: Dossier) -> str:
    """Why this user cannot evaluate the action plan nor re-verify its answers now."""
    if not is_dossier_team_member(user, dossier):
        return _(
            "Only the dossier's technical team evaluates the plan and re-verifies the answers: "
            "nothing was changed."
        )
    if dossier.state == DossierState.PLAN_EVALUATED:
        return _("The updated score is recorded: the evaluation is closed and nothing was changed.")
    return _("The plan is not open for evaluation: nothing was changed.")


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


def check_can_verify(by, dossier: Dossier, round: str = Round.VISIT) -> None:
    if round == Round.REVERIFICATION:
        if not verification_rules.can_reverify(by, dossier):
            raise PermissionDenied(evaluation_closed_message(by, dossier))
    elif not verification_rules.can_verify(by, dossier):
        raise PermissionDenied(not_open_message(by, dossier))


def _check_in_round(dossier: Dossier, question: Question, round: str) -> None:
    if question.referential_id != dossier.edition.referential_id:
        raise PermissionDenied(_("This question is not in the referential of this edition."))
    if round == Round.REVERIFICATION and question.pk not in reverification_aims(dossier):
        place = _('question "%(code)s"') % {"code": question.code}
        message = _("The action plan does not target this question: it is not re-verified.")
        raise InvalidInput([Problem(place, message)])


def declared_options(dossier: Dossier, question: Question) -> list[str]:
    answer = Answer.objects.filter(dossier=dossier, question=question).first()
    return list(answer.options) if answer else []


def reference_options(dossier: Dossier, question: Question, round: str) -> list[str]:
    """What a round's value is compared with: the declared answer for the visit; the
    verified one for the re-verification (an answer not verified kept its declared one)."""
    if round == Round.REVERIFICATION:
        visit = VerifiedAnswer.objects.filter(
            dossier=dossier, question=question, round=Round.VISIT
        ).first()
        if visit is not None:
            return list(visit.options)
    return declared_options(dossier, question)


def differs(verified: Sequence[str], declared: Sequence[str]) -> bool:
    return sorted(verified) != sorted(declared)


def _messages(round: str) -> dict[str, str]:
    if round == Round.REVERIFICATION:
        return {
            "unverifiable": _("Say why this answer could not be re-verified."),
            "choose": _("Choose the re-verified option."),
            "reason": _("Give the reason: the re-verified answer differs from the verified one."),
        }
    return {
        "unverifiable": _("Say why this answer could not be verified."),
        "choose": _("Choose the verified option."),
        "reason": _(
            "Give the reason: the verified answer differs from the declared one "
            "or its sources were not seen."
        ),
    }


def _problems(question, round, evidence_status, options, reason, reference) -> list[Problem]:
    place, messages = _('question "%(code)s"') % {"code": question.code}, _messages(round)
    if evidence_status == EvidenceStatus.UNVERIFIABLE:
        return [] if reason else [Problem(place, messages["unverifiable"])]
    problems = []
    if evidence_status not in EvidenceStatus.values:
        message = _("Say whether the verification sources were seen, missing or insufficient.")
        problems.append(Problem(place, message))
    if not options:
        problems.append(Problem(place, messages["choose"]))
    else:
        spec = question_spec(question)
        value = options if spec.kind == "multiple" or len(options) > 1 else options[0]
        problems.extend(question_answer_problems(spec, value))  # options not the question's
    # On the visit, unseen sources need their reason too; at re-verification only a change.
    needs_reason = differs(options, reference) or (
        round == Round.VISIT and evidence_status != EvidenceStatus.SEEN
    )
    if needs_reason and not reason:
        problems.append(Problem(place, messages["reason"]))
    return problems


@transaction.atomic
def record_verified_answer(
    *,
    dossier: Dossier,
    question: Question,
    round: str = Round.VISIT,
    evidence_status: str,
    options: list[str],
    reason: str,
    seen_version: int,
    by,
) -> VerifiedAnswer:
    """Save what the team verified in this round if nobody saved it since `seen_version`
    (0: never saved). Marked "could not be verified", it keeps its reason and no option (on
    the visit the answer earns no points; at re-verification the verified value stands).
    The declared answer and the earlier round are only read."""
    check_can_verify(by, dossier, round)
    _check_in_round(dossier, question, round)
    reason = reason.strip()
    reference = reference_options(dossier, question, round)
    if problems := _problems(question, round, evidence_status, options, reason, reference):
        raise InvalidInput(problems)
    if evidence_status == EvidenceStatus.UNVERIFIABLE:
        options = []  # the options preselected on the card are not a finding
    mine = VerifiedAnswer.objects.filter(dossier=dossier, question=question, round=round)
    verified = mine.select_for_update().first()
    if (verified.version if verified else 0) != seen_version:
        raise StaleVerification(verified)
    verified = verified or VerifiedAnswer(
        dossier=dossier, question=question, round=round, version=0
    )
    verified.evidence_status, verified.options = evidence_status, list(options)
    verified.reason, verified.verified_by = reason, by
    verified.version += 1
    verified._history_user = by
    verified.full_clean(validate_unique=False, validate_constraints=False)  # the lock above
    try:
        with transaction.atomic():
            verified.save()
    except IntegrityError:  # a first verification saved at the same moment by someone else
        raise StaleVerification(mine.first()) from None
    return verified
