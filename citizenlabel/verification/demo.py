"""Demo verification: every answer of a demo dossier verified through the service, so that
its final score can be recorded. Most answers are confirmed, some lowered, a few marked
"could not be verified"; which ones depends on the commune, so final scores differ."""

from citizenlabel.dossiers.models import Dossier
from citizenlabel.people.models import User
from citizenlabel.referential.models import Question

from .enums import EvidenceStatus
from .models import VerifiedAnswer
from .services.verify import record_verified_answer

LOWERED = "المحضر المقدم لا يثبت الجواب المصرح به"
UNVERIFIABLE = "تعذر الاطلاع على الأرشيف يوم الزيارة"
UNANSWERED = "لم تصرح الجماعة بجواب ولم تقدم مصادر التحقق"


def _finding(question: Question, declared: list[str], roll: int) -> tuple[str, list[str], str]:
    """(evidence status, options, reason) for one answer."""
    if not declared:
        return EvidenceStatus.UNVERIFIABLE, [], UNANSWERED
    if roll == 0:
        return EvidenceStatus.UNVERIFIABLE, [], UNVERIFIABLE
    scored = [o for o in question.options.all() if not o.not_applicable]
    if roll in (1, 2) and scored and "na" not in declared:
        lowest = min(scored, key=lambda option: option.points)
        return EvidenceStatus.INSUFFICIENT, [lowest.code], LOWERED
    return EvidenceStatus.SEEN, list(declared), ""


def verify_every_answer(dossier: Dossier, verifier: User) -> None:
    """Verify each answer not verified yet (the visit must have started)."""
    seed = sum(map(ord, dossier.commune.code))
    submission = dossier.submissions.first()
    declared = submission.answers if submission else {}
    done = set(VerifiedAnswer.objects.filter(dossier=dossier).values_list("question_id", flat=True))
    questions = Question.objects.filter(referential=dossier.edition.referential)
    questions = questions.prefetch_related("options")
    for index, question in enumerate(questions):
        if question.pk in done:
            continue
        status, options, reason = _finding(
            question, declared.get(question.code, []), (seed + 7 * index) % 11
        )
        record_verified_answer(
            dossier=dossier,
            question=question,
            evidence_status=status,
            options=options,
            reason=reason,
            seen_version=0,
            by=verifier,
        )
