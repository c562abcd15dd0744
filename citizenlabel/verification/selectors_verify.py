"""Reads of the on-site verification screen, the components page and the diagnosis, each in
a fixed number of queries whatever the number of questions verified."""

from dataclasses import dataclass
from fractions import Fraction

from django.http import Http404

from citizenlabel.dossiers.models import Answer, Dossier, DossierFile
from citizenlabel.dossiers.selectors import declared_answers, evidence_by_question
from citizenlabel.referential.models import Field, Principle, Question
from citizenlabel.referential.scoring import ScoreResult
from citizenlabel.referential.selectors import referential_spec

from .models import (
    AgreedPriority,
    AnswerReview,
    ComponentScore,
    DiagnosisParticipant,
    DiagnosisPoint,
    VerifiedAnswer,
)
from .selectors import score_of, verified_answers


@dataclass(frozen=True)
class VerificationRow:
    """One question as the screen shows it: declared and verified side by side."""

    question: Question
    declared: Answer | None
    verified: VerifiedAnswer | None
    review: AnswerReview | None
    files: list[DossierFile]

    @property
    def declared_options(self) -> list[str]:
        return list(self.declared.options) if self.declared else []

    @property
    def checked_options(self) -> list[str]:
        """What the form shows: the verified options, else the declared ones (not stored)."""
        return list(self.verified.options) if self.verified else self.declared_options

    @property
    def differs(self) -> bool:
        if self.verified is None or self.verified.could_not_verify:
            return False
        return sorted(self.verified.options) != sorted(self.declared_options)


@dataclass(frozen=True)
class FieldTally:
    code: str
    title: dict
    verified: int
    total: int
    percent: Fraction | None  # the field's verified questionnaire score


@dataclass(frozen=True)
class VerificationSummary:
    fields: list[FieldTally]
    verified: int
    total: int
    score: ScoreResult  # the verified questionnaire so far
    declared: ScoreResult


def field_questions(dossier: Dossier, field_code: str) -> tuple[Field, list[Question]]:
    """The field of the dossier's referential (404 if none) and its questions."""
    referential_id = dossier.edition.referential_id
    field = Field.objects.filter(referential_id=referential_id, code=field_code).first()
    if field is None:
        raise Http404
    questions = list(
        Question.objects.filter(field=field)
        .select_related("topic", "principle")
        .prefetch_related("options")
    )
    return field, questions


def verification_rows(dossier: Dossier, questions: list[Question]) -> list[VerificationRow]:
    ids = [q.pk for q in questions]
    declared = {
        a.question_id: a for a in Answer.objects.filter(dossier=dossier, question_id__in=ids)
    }
    verified = {
        v.question_id: v
        for v in VerifiedAnswer.objects.filter(dossier=dossier, question_id__in=ids).select_related(
            "verified_by"
        )
    }
    reviews = {
        r.question_id: r for r in AnswerReview.objects.filter(dossier=dossier, question_id__in=ids)
    }
    files = evidence_by_question(dossier, ids)
    return [
        VerificationRow(
            q, declared.get(q.pk), verified.get(q.pk), reviews.get(q.pk), files.get(q.pk, [])
        )
        for q in questions
    ]


def verification_summary(dossier: Dossier) -> VerificationSummary:
    """Verified / total per field and the verified questionnaire score so far."""
    spec = referential_spec(dossier.edition.referential)
    score = score_of(spec, verified_answers(dossier))
    declared = score_of(spec, declared_answers(dossier))
    done = set(
        VerifiedAnswer.objects.filter(dossier=dossier).values_list("question__code", flat=True)
    )
    fields = []
    for field in spec.fields:
        codes = [q.code for q in field.all_questions()]
        verified = sum(1 for code in codes if code in done)
        fields.append(
            FieldTally(
                field.code, field.title, verified, len(codes), score.by_field.get(field.code)
            )
        )
    return VerificationSummary(
        fields=fields,
        verified=sum(f.verified for f in fields),
        total=sum(f.total for f in fields),
        score=score,
        declared=declared,
    )


def component_scores(dossier: Dossier) -> dict[str, ComponentScore]:
    return {
        c.component: c
        for c in ComponentScore.objects.filter(dossier=dossier).select_related("scored_by")
    }


def referential_principles(dossier: Dossier) -> list[Principle]:
    return list(Principle.objects.filter(referential_id=dossier.edition.referential_id))


@dataclass(frozen=True)
class Diagnosis:
    points: list[DiagnosisPoint]
    participants: list[DiagnosisParticipant]
    priorities: list[AgreedPriority]

    def by_principle(self, principles: list[Principle]) -> list[tuple[Principle, list, list]]:
        """(principle, strengths, weaknesses) for the principles that have findings."""
        rows = []
        for principle in principles:
            mine = [p for p in self.points if p.principle_id == principle.pk]
            if mine:
                strengths = [p for p in mine if p.kind == "strength"]
                rows.append((principle, strengths, [p for p in mine if p.kind != "strength"]))
        return rows


def diagnosis_of(dossier: Dossier) -> Diagnosis:
    return Diagnosis(
        points=list(DiagnosisPoint.objects.filter(dossier=dossier)),
        participants=list(DiagnosisParticipant.objects.filter(dossier=dossier)),
        priorities=list(AgreedPriority.objects.filter(dossier=dossier).select_related("principle")),
    )
