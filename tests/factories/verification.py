"""Dossiers walked to submission, verification and re-verification."""

from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.services.approval import approve_self_assessment, send_for_approval
from citizenlabel.dossiers.services.selfassessment import save_answer
from citizenlabel.dossiers.services.transitions import transition_dossier
from citizenlabel.referential.models import Principle, Question
from citizenlabel.verification.enums import Component
from citizenlabel.verification.models import (
    AgreedPriority,
    ComponentScore,
    DiagnosisParticipant,
    DiagnosisPoint,
    VerifiedAnswer,
    Visit,
)
from citizenlabel.verification.services.review import review_answer
from citizenlabel.verification.services.scores import record_final_score, record_provisional_score
from tests.factories.dossiers import (
    commune_people,
    dossier_in_self_assessment,
    question,
    team_member,
)
from tests.factories.people import coordination_member

# --- verification ---


def submitted_dossier(
    answers=(("1.1.1", ["d"]), ("1.1.2", ["b", "g"])), *, comment: str = "", **kwargs
):
    """A dossier whose self-assessment was answered (through the services, with `comment`)
    and submitted; `answers` maps codes to options (a dict or pairs), `kwargs` go to the
    dossier."""
    from citizenlabel.dossiers.services.approval import approve_self_assessment, send_for_approval
    from citizenlabel.dossiers.services.selfassessment import save_answer

    dossier = dossier_in_self_assessment(**kwargs)
    focal, president = commune_people(dossier)
    for code, options in dict(answers).items():
        save_answer(
            dossier=dossier,
            question=question(dossier, code),
            options=options,
            comment=comment,
            seen_version=0,
            by=focal,
        )
    send_for_approval(dossier=dossier, by=focal)
    approve_self_assessment(dossier=dossier, by=president)
    return dossier


def verification_dossier(**kwargs):
    """(dossier, team member): provisionally scored, in `verification`, its visit scheduled
    (the state is set directly: the visit slice owns that transition)."""
    from citizenlabel.verification.models import Visit
    from citizenlabel.verification.services.scores import record_provisional_score

    dossier = submitted_dossier(**kwargs)
    member = coordination_member()
    record_provisional_score(dossier=dossier, by=member)
    dossier.state = "verification"
    dossier.save()
    verifier = team_member(dossier)
    Visit.objects.create(
        dossier=dossier, date=dossier.created_at.date(), agenda="زيارة التحقق", scheduled_by=member
    )
    return dossier, verifier


def finish_verification(dossier, verifier, *, levels=(3, 2, 4)):
    """Make the verification complete without changing a recorded value: every answer not
    verified yet is verified as declared (an unanswered one is marked "could not be
    verified", which scores the same 0), the components not scored get `levels` (in
    Component order: 75 / 50 / 100 by default) and an empty diagnosis gets one finding,
    one participant and one priority. Written with the ORM, like the dossiers above."""
    from citizenlabel.dossiers.models import Answer
    from citizenlabel.referential.models import Question
    from citizenlabel.verification import rubrics
    from citizenlabel.verification.enums import Component
    from citizenlabel.verification.models import (
        AgreedPriority,
        ComponentScore,
        DiagnosisParticipant,
        DiagnosisPoint,
        VerifiedAnswer,
    )

    declared = dict(Answer.objects.filter(dossier=dossier).values_list("question_id", "options"))
    visit = VerifiedAnswer.objects.filter(dossier=dossier, round="visit")
    done = set(visit.values_list("question_id", flat=True))
    questions = Question.objects.filter(referential=dossier.edition.referential)
    VerifiedAnswer.objects.bulk_create(
        VerifiedAnswer(
            dossier=dossier,
            question=question,
            evidence_status="seen" if declared.get(question.pk) else "unverifiable",
            options=list(declared.get(question.pk) or []),
            reason="" if declared.get(question.pk) else "لم تصرح الجماعة بجواب",
            verified_by=verifier,
        )
        for question in questions
        if question.pk not in done
    )
    scored = set(ComponentScore.objects.filter(dossier=dossier).values_list("component", flat=True))
    for component, value in zip(Component, levels, strict=True):
        if component.value not in scored:
            ComponentScore.objects.create(
                dossier=dossier,
                component=component.value,
                level=value,
                score=rubrics.level(component.value, value).score,
                justification="ملاحظات الفريق التقني",
                scored_by=verifier,
            )
    principle = dossier.edition.referential.principles.first()
    if not DiagnosisPoint.objects.filter(dossier=dossier).exists():
        DiagnosisPoint.objects.create(
            dossier=dossier, principle=principle, kind="strength", text="نشر محاضر الدورات"
        )
    if not DiagnosisParticipant.objects.filter(dossier=dossier).exists():
        DiagnosisParticipant.objects.create(
            dossier=dossier, full_name="سعاد المرابط", category="equality_body", gender="woman"
        )
    if not AgreedPriority.objects.filter(dossier=dossier).exists():
        AgreedPriority.objects.create(
            dossier=dossier, position=1, text="تتبع برنامج عمل الجماعة", principle=principle
        )


def finish_reverification(dossier, verifier):
    """Make the plan's re-verification complete without changing a recorded value: every
    answer the plan targets and nobody re-verified yet is re-verified at its verified value
    (sources seen; no reason needed, it does not differ), one without a value is marked
    "could not be verified" with its reason. Written with the ORM, like
    finish_verification; call it once the plan's expected results have their targets."""
    from citizenlabel.actionplans.selectors_evaluation import targeted_question_ids
    from citizenlabel.referential.models import Question
    from citizenlabel.verification.enums import Round
    from citizenlabel.verification.models import VerifiedAnswer
    from citizenlabel.verification.services.verify import reference_options

    rows = VerifiedAnswer.objects.filter(dossier=dossier, round=Round.REVERIFICATION)
    done = set(rows.values_list("question_id", flat=True))
    waiting = [pk for pk in targeted_question_ids(dossier) if pk not in done]
    for targeted in Question.objects.filter(pk__in=waiting):
        options = reference_options(dossier, targeted, Round.REVERIFICATION)
        VerifiedAnswer.objects.create(
            dossier=dossier,
            question=targeted,
            round=Round.REVERIFICATION,
            evidence_status="seen" if options else "unverifiable",
            options=options,
            reason="" if options else "لا جواب محقق منه",
            verified_by=verifier,
        )


# --- the final score, as the results and the reports read it ---


COMPONENTS = (
    (Component.INFORMATION_ACCESS, 3),
    (Component.OWNERSHIP, 2),
    (Component.EQUALITY_BODY, 4),
)


def dossier_in_verification(**kwargs):
    """Submitted with 1.1.1 = d (6/6) and 1.1.2 = b + g (3 points), provisionally scored,
    then in verification with a visit. Returns (dossier, team member, coordination, focal)."""
    dossier = dossier_in_self_assessment(**kwargs)
    focal, president = commune_people(dossier)
    for code, options in (("1.1.1", ["d"]), ("1.1.2", ["b", "g"])):
        save_answer(
            dossier=dossier,
            question=question(dossier, code),
            options=options,
            comment="",
            seen_version=0,
            by=focal,
        )
    send_for_approval(dossier=dossier, by=focal)
    approve_self_assessment(dossier=dossier, by=president)
    coordination = coordination_member()
    record_provisional_score(dossier=dossier, by=coordination)
    transition_dossier(dossier, to=DossierState.VERIFICATION, by=coordination)
    verifier = team_member(dossier)
    visit = Visit.objects.create(
        dossier=dossier,
        date=dossier.created_at.date(),
        agenda="مراجعة مصادر التحقق",
        scheduled_by=coordination,
    )
    visit.members.add(verifier)
    return dossier, verifier, coordination, focal


def verify_answers(dossier, verifier, count: int = 1):
    """1.1.1 verified c (4/6, evidence insufficient), then `count - 1` more questions
    verified with their first option."""
    VerifiedAnswer.objects.create(
        dossier=dossier,
        question=question(dossier, "1.1.1"),
        evidence_status="insufficient",
        options=["c"],
        reason="محضر ناقص — procès-verbal incomplet",
        verified_by=verifier,
    )
    others = (
        Question.objects.filter(referential=dossier.edition.referential)
        .exclude(code="1.1.1")
        .prefetch_related("options")
        .order_by("pk")[: count - 1]
    )
    VerifiedAnswer.objects.bulk_create(
        VerifiedAnswer(
            dossier=dossier,
            question=q,
            evidence_status="seen",
            options=[q.options.all()[0].code],
            verified_by=verifier,
        )
        for q in others
    )


def score_components(dossier, verifier, components=COMPONENTS):
    for component, level in components:
        ComponentScore.objects.create(
            dossier=dossier,
            component=component,
            level=level,
            score=level * 25,
            justification=f"ملاحظة {component}",
            scored_by=verifier,
        )


def verified_dossier(**kwargs):
    """A dossier with its final score recorded: questionnaire 100 × (4 + 3) / 211."""
    dossier, verifier, coordination, focal = dossier_in_verification(**kwargs)
    verify_answers(dossier, verifier)
    score_components(dossier, verifier)
    finish_verification(dossier, verifier)
    record_final_score(dossier=dossier, by=verifier)
    return dossier, verifier, coordination, focal


def add_diagnosis(dossier):
    principles = list(Principle.objects.filter(referential=dossier.edition.referential)[:2])
    DiagnosisPoint.objects.create(
        dossier=dossier,
        principle=principles[0],
        kind="strength",
        text="Conseil ouvert au public, ordre du jour affiché",
    )
    DiagnosisPoint.objects.create(
        dossier=dossier, principle=principles[0], kind="weakness", text="Pas de suivi des pétitions"
    )
    DiagnosisPoint.objects.create(
        dossier=dossier,
        principle=principles[1],
        kind="weakness",
        text="هيئة المساواة لا تجتمع بانتظام",
    )
    DiagnosisParticipant.objects.create(
        dossier=dossier, full_name="Amina Berrada", category="equality_body", gender="woman"
    )
    DiagnosisParticipant.objects.create(
        dossier=dossier, full_name="يوسف العلمي", category="council", gender="man"
    )
    AgreedPriority.objects.create(
        dossier=dossier,
        position=1,
        principle=principles[1],
        text="Réunir l'instance de l'équité chaque trimestre",
    )


def flag_answer(dossier, code, by, reason="لا يوجد محضر"):
    return review_answer(
        dossier=dossier,
        question=question(dossier, code),
        unsupported=True,
        reason=reason,
        remark="",
        by=by,
    )
