"""The referential as plain, database-free data.

Parsing (YAML/Excel) produces a `ReferentialSpec`; the loader stores it; the exporters
write it back; `scoring.py` scores answers against it. Keeping one in-memory shape means
the command-line scorer and the platform compute the very same numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from citizenlabel.common.texts import Texts

LANGUAGES = ("ar", "fr", "en")
KINDS = ("single", "multiple")
AGGREGATIONS = ("points", "principle_mean")


@dataclass(frozen=True)
class AnchorSpec:
    ref: str
    text: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class PrincipleSpec:
    code: str
    title: Texts
    anchors: tuple[AnchorSpec, ...] = ()
    description: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class OptionSpec:
    code: str
    text: Texts
    points: Decimal = Decimal(0)  # ignored when not_applicable
    not_applicable: bool = False
    # "None of these": in a multiple question it cannot be chosen with another option.
    exclusive: bool = False


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    principle: str
    kind: str  # "single" | "multiple"
    text: Texts
    options: tuple[OptionSpec, ...]
    letter: str = ""
    weight: Decimal = Decimal(1)
    max_points: Decimal | None = None  # cap for "multiple" questions
    help: Texts = field(default_factory=dict)
    legal_basis: tuple[str, ...] = ()
    evidence: tuple[Texts, ...] = ()
    critical: bool = False

    def option(self, code: str) -> OptionSpec | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True)
class TopicSpec:
    title: Texts
    questions: tuple[QuestionSpec, ...]
    code: str = ""


@dataclass(frozen=True)
class FieldSpec:
    code: str
    title: Texts
    # Questions placed directly under the field come first, as one untitled topic-less block.
    questions: tuple[QuestionSpec, ...] = ()
    topics: tuple[TopicSpec, ...] = ()
    description: Texts = field(default_factory=dict)

    def all_questions(self) -> Iterator[QuestionSpec]:
        yield from self.questions
        for topic in self.topics:
            yield from topic.questions


@dataclass(frozen=True)
class ReferentialSpec:
    code: str
    version: str
    title: Texts
    principles: tuple[PrincipleSpec, ...]
    fields: tuple[FieldSpec, ...]
    aggregation: str = "points"
    description: Texts = field(default_factory=dict)

    def questions(self) -> Iterator[tuple[FieldSpec, QuestionSpec]]:
        """Every question with its field, in document order."""
        for field_ in self.fields:
            for question in field_.all_questions():
                yield field_, question

    def question_count(self) -> int:
        return sum(1 for _ in self.questions())
