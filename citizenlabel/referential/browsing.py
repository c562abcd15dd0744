"""The referential arranged for reading: by field (with topics) or by principle."""

from dataclasses import dataclass

from .scoring import question_maximum
from .spec import QuestionSpec, ReferentialSpec, Texts


@dataclass(frozen=True)
class Row:
    question: QuestionSpec
    field_code: str
    principle: Texts
    maximum: float  # what the question weighs once its weight is applied


@dataclass(frozen=True)
class Group:
    title: Texts
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Section:
    code: str
    title: Texts
    groups: tuple[Group, ...]
    maximum: float
    anchors: tuple = ()


def _row(spec_principles: dict, field_code: str, question: QuestionSpec) -> Row:
    return Row(
        question=question,
        field_code=field_code,
        principle=spec_principles[question.principle].title,
        maximum=float(question_maximum(question)),
    )


def browse_by_field(spec: ReferentialSpec) -> list[Section]:
    principles = {p.code: p for p in spec.principles}
    sections = []
    for field in spec.fields:
        blocks = ([({}, field.questions)] if field.questions else []) + [
            (topic.title, topic.questions) for topic in field.topics
        ]
        groups = tuple(
            Group(title, tuple(_row(principles, field.code, q) for q in questions))
            for title, questions in blocks
        )
        maximum = sum(row.maximum for group in groups for row in group.rows)
        sections.append(Section(field.code, field.title, groups, maximum))
    return sections


def browse_by_principle(spec: ReferentialSpec) -> list[Section]:
    principles = {p.code: p for p in spec.principles}
    rows: dict[str, list[Row]] = {code: [] for code in principles}
    for field, question in spec.questions():
        rows[question.principle].append(_row(principles, field.code, question))
    return [
        Section(
            code=p.code,
            title=p.title,
            groups=(Group({}, tuple(rows[p.code])),),
            maximum=sum(row.maximum for row in rows[p.code]),
            anchors=p.anchors,
        )
        for p in spec.principles
    ]
