"""Reads of the on-site verification screen, the components page and the diagnosis, each in
a fixed number of queries whatever the number of questions verified."""

import dataclasses
from dataclasses import dataclass
from fractions import Fraction

from django.http import Http404

from citizenlabel.dossiers.models import Answer, Dossier, DossierFile
from citizenlabel.dossiers.selectors import declared_answers, evidence_by_question
from citizenlabel.referential.models import Field, Principle, Question
from citizenlabel.referential.scoring import ScoreResult
from citizenlabel.referential.selectors import referential_spec

from .enums import Round
from .models import (
    AgreedPriority,
    AnswerReview,
    ComponentScore,
    DiagnosisParticipant,
    DiagnosisPoint,
    VerifiedAnswer,
)
from .rounds import Aims
from .selectors import score_of, verified_answers


@dataclass(frozen=True)
class VerificationRow:
    """One question as a round's card shows it: the declared value, the visit's verified one
    and, at re-verification, the re-verified one, side by side."""

    question: Question
    declared: Answer | None
    verified: VerifiedAnswer | None  # found on the visit
    review: AnswerReview | None
    files: list[DossierFile]
    round: str = Round.VISIT
    reverified: VerifiedAnswer | None = None
    to_reach: list[list[str]] = dataclasses.field(default_factory=list)  # what the plan aimed at

    @property
    def declared_options(self) -> list[str]:
        return list(self.declared.options) if self.declared else []

    @property
    def verified_options(self) -> list[str]:
        """The verified value; an answer the team did not verify kept its declared one."""
        return list(self.verified.options) if self.verified else self.declared_options

    @property
    def is_reverification(self) -> bool:
        return self.round == Round.REVERIFICATION

    @property
    def current(self) -> VerifiedAnswer | None:
        """This round's stored value, the one its form edits."""
        return self.reverified if self.round == Round.REVERIFICATION else self.verified

    @property
    def reference_options(self) -> list[str]:
        """What this round's value is compared with: declared, then verified."""
        if self.round == Round.REVERIFICATION:
            return self.verified_options
        return self.declared_options

    @property
    def checked_options(self) -> list[str]:
        """What the form shows: this round's options, else the reference (not stored)."""
        return list(self.current.options) if self.current else self.reference_options

    @property
    def target_options(self) -> set[str]:
        return {code for options in self.to_reach for code in options}

    @property
    def differs(self) -> bool:
        if self.current is None or self.current.could_not_verify:
            return False
        return sorted(self.current.options) != sorted(self.reference_options)

    @property
    def anchor(self) -> str:
        """The card's id on its page (the missing-items lists link to it)."""
        prefix = "rv" if self.round == Round.REVERIFICATION else "vq"
        return f"{prefix}-{self.question.pk}"


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


def verification_rows(
    dossier: Dossier,
    questions: list[Question],
    round: str = Round.VISIT,
    aims: Aims | None = None,
) -> list[VerificationRow]:
    """The questions' rows for a round's cards, in a fixed number of queries; `aims` are the
    options the plan aimed at (re-verification)."""
    ids = [q.pk for q in questions]
    by_question = {"dossier": dossier, "question_id__in": ids}
    declared = {a.question_id: a for a in Answer.objects.filter(**by_question)}
    rounds: dict[str, dict[int, VerifiedAnswer]] = {Round.VISIT: {}, Round.REVERIFICATION: {}}
    for v in VerifiedAnswer.objects.filter(**by_question).select_related("verified_by"):
        rounds[v.round][v.question_id] = v
    reviews = {}
    if round == Round.VISIT:  # the coordination's notes were for the visit
        reviews = {r.question_id: r for r in AnswerReview.objects.filter(**by_question)}
    files = evidence_by_question(dossier, ids)
    return [
        VerificationRow(
            q,
            declared.get(q.pk),
            rounds[Round.VISIT].get(q.pk),
            reviews.get(q.pk),
            files.get(q.pk, []),
            round=round,
            reverified=rounds[Round.REVERIFICATION].get(q.pk),
            to_reach=(aims or {}).get(q.pk, []),
        )
        for q in questions
    ]


def verification_summary(dossier: Dossier) -> VerificationSummary:
    """Verified / total per field and the verified questionnaire score so far."""
    spec = referential_spec(dossier.edition.referential)
    score = score_of(spec, verified_answers(dossier))
    declared = score_of(spec, declared_answers(dossier))
    visit = VerifiedAnswer.objects.filter(dossier=dossier, round=Round.VISIT)
    done = set(visit.values_list("question__code", flat=True))
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
