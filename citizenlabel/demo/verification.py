"""Demo verification: answers verified through the service (some, or every one so that the
final score can be recorded), then the components and the diagnosis. Most answers are
confirmed, some lowered, a few marked "could not be verified"; which ones depends on the
commune, so final scores differ."""

from citizenlabel.dossiers.enums import Gender
from citizenlabel.dossiers.models import Dossier
from citizenlabel.people.models import User
from citizenlabel.referential.models import Question
from citizenlabel.verification.enums import (
    Component,
    DiagnosisKind,
    EvidenceStatus,
    ParticipantCategory,
    Round,
)
from citizenlabel.verification.models import (
    AgreedPriority,
    DiagnosisParticipant,
    DiagnosisPoint,
    VerifiedAnswer,
)
from citizenlabel.verification.services.components import score_component
from citizenlabel.verification.services.diagnosis import save_diagnosis
from citizenlabel.verification.services.verify import record_verified_answer

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
    visit = VerifiedAnswer.objects.filter(dossier=dossier, round=Round.VISIT)
    done = set(visit.values_list("question_id", flat=True))
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


def team_user(dossier: Dossier) -> User:
    return dossier.technical_team.memberships.select_related("user").first().user


def verify_some_answers(dossier: Dossier, verifier: User) -> None:
    """Confirm most declared answers; lower one, so the accuracy table has a gap."""
    questions = {
        q.code: q for q in Question.objects.filter(referential=dossier.edition.referential)
    }
    for index, (code, options) in enumerate(sorted(dossier.submissions.first().answers.items())):
        lowered = index == 1 and not any(o == "na" for o in options)
        question = questions[code]
        chosen = (
            [question.options.exclude(not_applicable=True).first().code] if lowered else options
        )
        record_verified_answer(
            dossier=dossier,
            question=question,
            evidence_status="insufficient" if lowered else "seen",
            options=chosen,
            reason="المحضر المقدم لا يثبت الجواب المصرح به" if lowered else "",
            seen_version=0,
            by=verifier,
        )
        if index >= 11:
            break


def confirm_every_answer(dossier: Dossier, verifier: User) -> None:
    """Every declared answer seen in its sources, as declared."""
    questions = Question.objects.filter(referential=dossier.edition.referential)
    declared = dossier.submissions.first().answers
    for question in questions:
        record_verified_answer(
            dossier=dossier,
            question=question,
            evidence_status="seen",
            options=list(declared.get(question.code, [])),
            reason="",
            seen_version=0,
            by=verifier,
        )


def score_components_and_diagnosis(dossier: Dossier, verifier: User, *, levels) -> None:
    components = (Component.INFORMATION_ACCESS, Component.OWNERSHIP, Component.EQUALITY_BODY)
    for component, level in zip(components, levels, strict=True):
        score_component(
            dossier=dossier,
            component=component,
            level=level,
            justification="ملاحظات الفريق التقني خلال الزيارة",
            by=verifier,
        )
    principles = {p.code: p for p in dossier.edition.referential.principles.all()}
    save_diagnosis(
        dossier=dossier,
        points=[
            DiagnosisPoint(
                principle=principles["TRANSP"],
                kind=DiagnosisKind.STRENGTH,
                text="نشر جداول أعمال الدورات ومحاضرها بانتظام",
            ),
            DiagnosisPoint(
                principle=principles["PART"],
                kind=DiagnosisKind.WEAKNESS,
                text="ضعف إشراك الجمعيات في إعداد برنامج عمل الجماعة",
            ),
        ],
        participants=[
            DiagnosisParticipant(
                full_name="سعاد المرابط",
                category=ParticipantCategory.EQUALITY_BODY,
                gender=Gender.WOMAN,
            ),
            DiagnosisParticipant(
                full_name="يوسف الحداد", category=ParticipantCategory.STAFF, gender=Gender.MAN
            ),
        ],
        priorities=[
            AgreedPriority(
                text="إحداث آلية لتتبع تنفيذ برنامج عمل الجماعة", principle=principles["EFFIC"]
            )
        ],
        by=verifier,
    )
