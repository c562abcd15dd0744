"""Reads of the referential. A referential is read whole, in a fixed number of queries."""

from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet

from .models import Field, Question, Referential
from .spec import (
    AnchorSpec,
    FieldSpec,
    OptionSpec,
    PrincipleSpec,
    QuestionSpec,
    ReferentialSpec,
    TopicSpec,
)


def referentials_with_counts() -> QuerySet[Referential]:
    return Referential.objects.annotate(
        principle_count=Count("principles", distinct=True),
        field_count=Count("fields", distinct=True),
        question_count=Count("questions", distinct=True),
    ).order_by("code", "version")


def referential_spec(referential: Referential) -> ReferentialSpec:
    """The stored referential in the in-memory shape that scoring and exports use."""
    principles = referential.principles.prefetch_related("anchors")
    fields = Field.objects.filter(referential=referential).prefetch_related(
        "topics",
        Prefetch(
            "questions",
            queryset=Question.objects.select_related("principle").prefetch_related("options"),
        ),
    )
    return ReferentialSpec(
        code=referential.code,
        version=referential.version,
        title=referential.title,
        description=referential.description,
        aggregation=referential.aggregation,
        principles=tuple(_principle_spec(p) for p in principles),
        fields=tuple(_field_spec(f) for f in fields),
    )


def _principle_spec(principle) -> PrincipleSpec:
    return PrincipleSpec(
        code=principle.code,
        title=principle.title,
        description=principle.description,
        anchors=tuple(AnchorSpec(ref=a.ref, text=a.text) for a in principle.anchors.all()),
    )


def _field_spec(field: Field) -> FieldSpec:
    questions = list(field.questions.all())
    return FieldSpec(
        code=field.code,
        title=field.title,
        description=field.description,
        questions=tuple(question_spec(q) for q in questions if q.topic_id is None),
        topics=tuple(
            TopicSpec(
                code=topic.code,
                title=topic.title,
                questions=tuple(question_spec(q) for q in questions if q.topic_id == topic.pk),
            )
            for topic in field.topics.all()
        ),
    )


def question_spec(question: Question) -> QuestionSpec:
    return QuestionSpec(
        code=question.code,
        letter=question.letter,
        principle=question.principle.code,
        kind=question.kind,
        text=question.text,
        help=question.help,
        weight=_plain(question.weight),
        max_points=None if question.max_points is None else _plain(question.max_points),
        legal_basis=tuple(question.legal_basis),
        evidence=tuple(question.evidence),
        critical=question.critical,
        options=tuple(
            OptionSpec(
                code=o.code,
                text=o.text,
                points=_plain(o.points),
                not_applicable=o.not_applicable,
                exclusive=o.exclusive,
            )
            for o in question.options.all()
        ),
    )


def _plain(value: Decimal) -> Decimal:
    """2.000 -> 2 and 0.500 -> 0.5, as they were written in the file."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
