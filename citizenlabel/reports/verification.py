"""The verification report of a dossier: the visit, each answer as declared and as verified,
the components, the final score with its charts, the diagnosis and the agreed priorities."""

from dataclasses import dataclass

from django.utils import timezone, translation

from citizenlabel.dossiers.enums import Gender
from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.scoring import QuestionScore
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.referential.spec import FieldSpec, OptionSpec, QuestionSpec, ReferentialSpec
from citizenlabel.verification.enums import Round
from citizenlabel.verification.models import (
    AgreedPriority,
    DiagnosisParticipant,
    DiagnosisPoint,
    VerifiedAnswer,
    Visit,
)
from citizenlabel.verification.selectors import score_of, verified_answers
from citizenlabel.verification.selectors_results import accuracy_charts, final_score_view

from .pdf import render_pdf


@dataclass(frozen=True)
class VerifiedRow:
    question: QuestionSpec
    declared: list[OptionSpec]
    verified: list[OptionSpec]
    declared_score: QuestionScore
    verified_score: QuestionScore
    check: VerifiedAnswer

    @property
    def changed(self) -> bool:
        return self.declared_score.points != self.verified_score.points


def _options(question: QuestionSpec, codes: list[str]) -> list[OptionSpec]:
    return [o for o in question.options if o.code in set(codes)]


def question_sections(
    dossier: Dossier, spec: ReferentialSpec, declared: dict, verified: dict
) -> tuple[list[tuple[FieldSpec, list[VerifiedRow]]], list[str]]:
    """The answers checked on site, by field; and the codes of those not checked."""
    checks = {
        v.question.code: v
        for v in VerifiedAnswer.objects.filter(dossier=dossier, round=Round.VISIT).select_related(
            "question"
        )
    }
    declared_result, verified_result = score_of(spec, declared), score_of(spec, verified)
    sections, unchecked = [], []
    for field in spec.fields:
        rows = []
        for q in field.all_questions():
            if q.code not in checks:
                unchecked.append(q.code)
                continue
            rows.append(
                VerifiedRow(
                    q,
                    _options(q, declared.get(q.code, [])),
                    _options(q, verified.get(q.code, [])),
                    declared_result.questions[q.code],
                    verified_result.questions[q.code],
                    checks[q.code],
                )
            )
        if rows:
            sections.append((field, rows))
    return sections, unchecked


def diagnosis(dossier: Dossier, spec: ReferentialSpec) -> dict:
    points = list(DiagnosisPoint.objects.filter(dossier=dossier).select_related("principle"))
    participants = list(DiagnosisParticipant.objects.filter(dossier=dossier))
    by_principle = []
    for principle in spec.principles:
        found = [p for p in points if p.principle.code == principle.code]
        if found:
            strengths = [p for p in found if p.kind == "strength"]
            weaknesses = [p for p in found if p.kind == "weakness"]
            by_principle.append((principle, strengths, weaknesses))
    return {
        "by_principle": by_principle,
        "participants": participants,
        "women": sum(1 for p in participants if p.gender == Gender.WOMAN),
        "men": sum(1 for p in participants if p.gender == Gender.MAN),
        "priorities": list(
            AgreedPriority.objects.filter(dossier=dossier).select_related("principle")
        ),
    }


def report_context(dossier: Dossier, language: str) -> dict:
    spec = referential_spec(dossier.edition.referential)
    view = final_score_view(dossier, spec)
    submission = dossier.submissions.select_related("submitted_by").first()
    declared = submission.answers if submission else {}
    verified = view.final.answers if view.final else verified_answers(dossier)
    sections, unchecked = question_sections(dossier, spec, declared, verified)
    charts = {}
    if view.accuracy is not None:
        charts = accuracy_charts(view.accuracy, language=language, rtl=language == "ar")
    return {
        "dossier": dossier,
        "spec": spec,
        "view": view,
        "charts": charts,
        "submission": submission,
        "visit": Visit.objects.filter(dossier=dossier).prefetch_related("members").first(),
        "sections": sections,
        "unchecked": unchecked,
        "diagnosis": diagnosis(dossier, spec),
        "generated_at": timezone.now(),
    }


def verification_pdf(dossier: Dossier, language: str) -> bytes:
    with translation.override(language):
        context = report_context(dossier, language)
    return render_pdf("reports/verification.html", context, language=language)
