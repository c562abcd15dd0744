"""What the questionnaire pages show: a field's questions with the commune's answers and
evidence, its progress, and the declared score — in a fixed number of queries."""

from dataclasses import dataclass
from functools import cached_property

from django.http import Http404, HttpRequest
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from citizenlabel.common.charts import RadarSeries, radar_chart
from citizenlabel.common.texts import translated
from citizenlabel.referential.models import Field, Question
from citizenlabel.referential.scoring import ScoreResult, contradiction_problems
from citizenlabel.referential.selectors import question_spec, referential_spec
from citizenlabel.referential.spec import ReferentialSpec

from .. import rules as dossier_rules
from ..models import Answer, Dossier, DossierFile
from ..selectors import (
    FieldProgress,
    contradictory_answers,
    declared_score,
    evidence_by_question,
    questionnaire_answers,
    self_assessment_progress,
)


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    answer: Answer | None
    files: list[DossierFile]

    @property
    def chosen(self) -> list[str]:
        return self.answer.options if self.answer else []

    @property
    def comment_only(self) -> bool:
        """A comment kept without an option: stored, but the question is not answered."""
        return bool(self.answer and self.answer.comment and not self.answer.options)

    @cached_property
    def contradictions(self) -> list[str]:
        """Why the stored answer contradicts itself (saved before such answers were refused)."""
        problems = contradiction_problems(question_spec(self.question), self.chosen)
        return [problem.message for problem in problems]


def declared_radar(spec: ReferentialSpec, result: ScoreResult) -> str:
    principles = spec.principles
    series = RadarSeries(
        _("Declared score"),
        [
            float(result.by_principle[p.code]) if p.code in result.by_principle else None
            for p in principles
        ],
    )
    return radar_chart(
        [translated(p.title) for p in principles],
        [series],
        title=_("Declared score by principle"),
        rtl=get_language_bidi(),
    )


def score_context(dossier: Dossier) -> dict:
    spec = referential_spec(dossier.edition.referential)
    result = declared_score(dossier, spec)
    progress = self_assessment_progress(dossier, spec)
    return {
        "spec": spec,
        "overall_progress": FieldProgress(
            "",
            {},
            sum(p.answered for p in progress),
            sum(p.total for p in progress),
            sum(p.without_evidence for p in progress),
        ),
        "score": result,
        # Left out of the score above until the commune corrects them.
        "contradictions": contradictory_answers(dossier, spec),
        "radar": declared_radar(spec, result),
        "progress": progress,
        "principle_rows": [
            (p.title, result.by_principle[p.code])
            for p in spec.principles
            if p.code in result.by_principle
        ],
        "field_rows": [
            (f.title, result.by_field[f.code]) for f in spec.fields if f.code in result.by_field
        ],
    }


def questionnaire_context(request: HttpRequest, dossier: Dossier, field_code: str) -> dict:
    fields = list(Field.objects.filter(referential_id=dossier.edition.referential_id))
    field = next((f for f in fields if f.code == field_code), None)
    if field is None:
        raise Http404
    questions = list(
        Question.objects.filter(field=field)
        .select_related("topic", "principle")
        .prefetch_related("options")
    )
    ids = [q.pk for q in questions]
    answers, files = questionnaire_answers(dossier, ids), evidence_by_question(dossier, ids)
    rows = [QuestionRow(q, answers.get(q.pk), files.get(q.pk, [])) for q in questions]
    topics: list[tuple[object, list[QuestionRow]]] = []
    for row in rows:
        if not topics or topics[-1][0] != row.question.topic:
            topics.append((row.question.topic, []))
        topics[-1][1].append(row)
    return {
        "dossier": dossier,
        "fields": fields,
        "field": field,
        "topics": topics,
        "editable": dossier_rules.can_edit_self_assessment(request.user, dossier),
        "can_ask": dossier_rules.can_ask_clarification(request.user, dossier),
        **score_context(dossier),
    }


def question_card_context(
    request: HttpRequest,
    dossier: Dossier,
    question: Question,
    *,
    saved: bool = False,
    conflict: Answer | None = None,
    mine: Answer | None = None,
    errors=(),
) -> dict:
    answer = (
        Answer.objects.filter(dossier=dossier, question=question)
        .select_related("updated_by")
        .first()
    )
    files = evidence_by_question(dossier, [question.pk]).get(question.pk, [])
    context = {
        "dossier": dossier,
        "row": QuestionRow(question, answer, files),
        "saved": saved,
        "conflict": conflict,
        "mine": mine,
        "errors": errors,
        "editable": dossier_rules.can_edit_self_assessment(request.user, dossier),
        "can_ask": dossier_rules.can_ask_clarification(request.user, dossier),
        "oob": True,  # the score panel is refreshed beside the card
        **score_context(dossier),
    }
    return context
