"""Referentials and answers used by several test modules: as the text an operator writes,
and as Hypothesis strategies that generate referentials and answers."""

import dataclasses
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import strategies as st

from citizenlabel.common.problems import InvalidInput, Problem
from citizenlabel.referential.parsing import parse_referential_yaml
from citizenlabel.referential.spec import (
    AGGREGATIONS,
    AnchorSpec,
    FieldSpec,
    OptionSpec,
    PrincipleSpec,
    QuestionSpec,
    ReferentialSpec,
    TopicSpec,
)

# DESIGN.md's example, with one fix: it uses principle EQUAL without declaring it.
DESIGN_YAML = """\
code: LCC
version: "2022"
title: {ar: ميزة الجماعة المواطنة, fr: Label Commune Citoyenne}
aggregation: points            # or principle_mean
principles:
  - code: PART
    title: {ar: المشاركة, fr: Participation}
    anchors: [{ref: "LO 113.14 art. 119", text: {ar: "…", fr: "…"}}]
  - code: EQUAL
    title: {ar: المساواة, fr: Égalité}
fields:
  - code: F1
    title: {ar: الهيئات المنتخبة وأجهزة الحكامة, fr: Organes élus et de gouvernance}
    topics:                     # optional; questions may also sit directly under a field
      - title: {ar: أعضاء المجلس الجماعي, fr: Membres du conseil}
        questions:
          - code: "1.1"
            letter: A
            principle: EQUAL
            kind: single          # single | multiple
            weight: 1
            text: {ar: "…", fr: "…"}
            legal_basis: ["LO 113.14 art. 27"]
            evidence: [{ar: "…", fr: "…"}]
            options:
              - {code: a, points: 0, text: {ar: "0%", fr: "0 %"}}
              - {code: b, points: 2, text: {ar: "…", fr: "…"}}
              - {code: na, not_applicable: true, text: {ar: لا ينطبق, fr: Sans objet}}
"""

# The worked example of the scoring tests. Maxima (weight applied):
#   1.1 single EQUAL            a=0 b=2 c=4 na  -> 4
#   1.2 multiple PART, no cap    a=1 b=2 c=3     -> 1+2+3 = 6
#   2.1 multiple PART, cap 4     a=2 b=3 c=1     -> 4
#   2.2 single TRANS, weight 2   yes=3 no=0 na   -> 3 × 2 = 6
#   2.3 single EQUAL             a=0 b=1         -> 1
SCORING_YAML = """\
code: TEST
version: "1"
title: Référentiel d'essai
aggregation: points
principles:
  - {code: PART, title: {ar: المشاركة, fr: Participation}}
  - {code: EQUAL, title: {ar: المساواة, fr: Égalité}}
  - {code: TRANS, title: {ar: الشفافية, fr: Transparence}}
fields:
  - code: F1
    title: {ar: المجال الأول, fr: Domaine 1}
    questions:
      - code: "1.1"
        principle: EQUAL
        kind: single
        text: {ar: سؤال, fr: Question 1.1}
        options:
          - {code: a, points: 0, text: "0"}
          - {code: b, points: 2, text: "2"}
          - {code: c, points: 4, text: "4"}
          - {code: na, not_applicable: true, text: {ar: لا ينطبق, fr: Sans objet}}
    topics:
      - title: {ar: موضوع, fr: Thème}
        questions:
          - code: "1.2"
            principle: PART
            kind: multiple
            text: {ar: سؤال, fr: Question 1.2}
            options:
              - {code: a, points: 1, text: "1"}
              - {code: b, points: 2, text: "2"}
              - {code: c, points: 3, text: "3"}
  - code: F2
    title: {ar: المجال الثاني, fr: Domaine 2}
    questions:
      - code: "2.1"
        principle: PART
        kind: multiple
        max_points: 4
        text: {ar: سؤال, fr: Question 2.1}
        options:
          - {code: a, points: 2, text: "2"}
          - {code: b, points: 3, text: "3"}
          - {code: c, points: 1, text: "1"}
      - code: "2.2"
        principle: TRANS
        kind: single
        weight: 2
        text: {ar: سؤال, fr: Question 2.2}
        options:
          - {code: "yes", points: 3, text: {ar: نعم, fr: Oui}}
          - {code: "no", points: 0, text: {ar: لا, fr: Non}}
          - {code: na, not_applicable: true, text: {ar: لا ينطبق, fr: Sans objet}}
      - code: "2.3"
        principle: EQUAL
        kind: single
        text: {ar: سؤال, fr: Question 2.3}
        options:
          - {code: a, points: 0, text: "0"}
          - {code: b, points: 1, text: "1"}
"""

# 1.1 b=2/4; 1.2 a+c=4/6; 2.1 a+b=5 capped to 4/4; 2.2 yes=3×2=6/6; 2.3 unanswered 0/1.
#   points 16 / maximum 21 -> overall (points) 1600/21 = 76.190… -> 76.19
#   F1 (2+4)/(4+6) = 60 %; F2 (4+6+0)/(4+6+1) = 10/11 = 90.909… -> 90.91
#   EQUAL (2+0)/(4+1) = 40 %; PART (4+4)/(6+4) = 80 %; TRANS 6/6 = 100 %
#   principle_mean: (40 + 80 + 100) / 3 = 73.333… -> 73.33
ANSWERS_FULL = {"1.1": "b", "1.2": ["a", "c"], "2.1": ["a", "b"], "2.2": "yes"}
ANSWERS_FULL_JSON = {
    "overall": 76.19,
    "points": 16.0,
    "maximum": 21.0,
    "by_field": {"F1": 60.0, "F2": 90.91},
    "by_principle": {"PART": 80.0, "EQUAL": 40.0, "TRANS": 100.0},
    "unanswered": ["2.3"],
}

# 1.1 na (leaves: 0/0); 1.2 [] (answered, none chosen: 0/6); 2.1 c=1/4; 2.2 na 0/0; 2.3 b=1/1.
#   points 2 / maximum 11 -> 18.18; F1 0/6 = 0 %; F2 2/5 = 40 %
#   EQUAL 1/1 = 100 %; PART 1/10 = 10 %; TRANS has no maximum left -> left out
#   principle_mean: (100 + 10) / 2 = 55
ANSWERS_NA = {"1.1": "na", "1.2": [], "2.1": ["c"], "2.2": "na", "2.3": "b"}

ANSWERS_YAML = """\
answers:
  "1.1": b
  "1.2": [a, c]
  "2.1": [a, b]
  "2.2": "yes"
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th line containing `needle`."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


def single(code: str, *points: int, weight: str = "1", principle: str = "P") -> QuestionSpec:
    """A single-choice question whose options o0, o1, … give `points`."""
    return QuestionSpec(
        code=code,
        principle=principle,
        kind="single",
        text={"fr": code},
        options=tuple(
            OptionSpec(f"o{index}", {"fr": "x"}, Decimal(value))
            for index, value in enumerate(points)
        ),
        weight=Decimal(weight),
    )


# Any small valid referential, for tests that need one loaded (views, services).
VALID_YAML = SCORING_YAML


# --- small referentials with answers, for the properties of scoring ------------------

TEXT = {"ar": "نص", "fr": "texte"}


@st.composite
def small_questions(draw, principles: list[str]) -> QuestionSpec:
    kind = draw(st.sampled_from(["single", "multiple"]))
    points = draw(st.lists(st.integers(0, 5), min_size=1, max_size=4))
    options = [OptionSpec(f"o{i}", TEXT, Decimal(p)) for i, p in enumerate(points)]
    if draw(st.booleans()):
        position = draw(st.integers(0, len(options)))
        options.insert(position, OptionSpec("na", TEXT, not_applicable=True))
    return QuestionSpec(
        code="",  # numbered by `small_referentials`, so that codes are unique
        principle=draw(st.sampled_from(principles)),
        kind=kind,
        text=TEXT,
        options=tuple(options),
        weight=draw(st.sampled_from([Decimal(1), Decimal(2), Decimal("0.5")])),
        max_points=draw(st.none() | st.integers(1, 8).map(Decimal)) if kind == "multiple" else None,
    )


@st.composite
def small_referentials(draw) -> ReferentialSpec:
    principles = [f"P{i}" for i in range(draw(st.integers(1, 3)))]
    numbers = iter(range(1, 1000))

    def questions(min_size: int) -> tuple[QuestionSpec, ...]:
        drawn = draw(st.lists(small_questions(principles), min_size=min_size, max_size=2))
        return tuple(dataclasses.replace(q, code=f"Q{next(numbers)}") for q in drawn)

    fields = tuple(
        FieldSpec(
            f"F{index}",
            TEXT,
            questions(0),
            tuple(TopicSpec(TEXT, questions(1), f"T{t}") for t in range(draw(st.integers(0, 2)))),
        )
        for index in range(draw(st.integers(1, 3)))
    )
    return ReferentialSpec(
        code="GEN",
        version="1",
        title=TEXT,
        principles=tuple(PrincipleSpec(code, TEXT) for code in principles),
        fields=fields,
        aggregation=draw(st.sampled_from(AGGREGATIONS)),
    )


def answer_to(question: QuestionSpec) -> st.SearchStrategy:
    """Any valid answer: an option of a single; a set of options, or [na], of a multiple."""
    if question.kind == "single":
        return st.sampled_from([o.code for o in question.options])
    applicable = [o.code for o in question.options if not o.not_applicable]
    lists = st.lists(st.sampled_from(applicable), unique=True)
    return lists | st.just(["na"]) if question.option("na") else lists


@st.composite
def scored_cases(draw) -> tuple[ReferentialSpec, dict]:
    """A referential with at least one question, and answers to some of its questions."""
    spec = draw(small_referentials().filter(lambda spec: spec.question_count() > 0))
    optional = {q.code: answer_to(q) for _f, q in spec.questions()}
    return spec, draw(st.fixed_dictionaries({}, optional=optional))


# --- rich referentials, for round trips through YAML and Excel ----------------------

# Codes a YAML or Excel writer could spoil: numbers, booleans and nulls in disguise.
CODES = st.sampled_from(["1.1", "1.10", "2022", "010", "1e3", "yes", "no", "null", "~", "ب"]) | (
    st.text(alphabet="abcXYZ019.-_", min_size=1, max_size=4)
)
WORD = (
    st.text(alphabet="abc XYZéà'\"#:-{}[],&*!%@|>?=\nميزةالجماعة019", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
TEXTS = st.fixed_dictionaries({"ar": WORD, "fr": WORD}, optional={"en": WORD})
OPTIONAL_TEXTS = st.just({}) | TEXTS
NUMBERS = st.sampled_from(["0", "1", "2.5", "0.25", "10"]).map(Decimal)


@st.composite
def option_specs(draw) -> tuple[OptionSpec, ...]:
    codes = draw(
        st.lists(CODES.filter(lambda code: code != "na"), min_size=1, max_size=3, unique=True)
    )
    options = [OptionSpec(code, draw(TEXTS), draw(NUMBERS)) for code in codes]
    if draw(st.booleans()):  # a not-applicable option, sometimes with (ignored) points
        points = draw(st.sampled_from([Decimal(0), Decimal(1)]))
        options.append(OptionSpec("na", draw(TEXTS), points, not_applicable=True))
    return tuple(options)


@st.composite
def question_specs(draw, code: str, principles: list[str]) -> QuestionSpec:
    kind = draw(st.sampled_from(["single", "multiple"]))
    options = draw(option_specs())
    if kind == "multiple" and draw(st.booleans()):  # its first option means "none of these"
        options = (dataclasses.replace(options[0], exclusive=True), *options[1:])
    return QuestionSpec(
        code=code,
        principle=draw(st.sampled_from(principles)),
        kind=kind,
        text=draw(TEXTS),
        options=options,
        letter=draw(st.sampled_from(["", "A", "ب", "1"])),
        weight=draw(st.sampled_from(["1", "2", "0.5", "1.25"]).map(Decimal)),
        max_points=draw(st.none() | NUMBERS.filter(bool)) if kind == "multiple" else None,
        help=draw(OPTIONAL_TEXTS),
        legal_basis=tuple(draw(st.lists(WORD.filter(lambda w: ";" not in w), max_size=2))),
        evidence=tuple(draw(st.lists(TEXTS, max_size=2))),
        critical=draw(st.booleans()),
    )


@st.composite
def principle_specs(draw, code: str) -> PrincipleSpec:
    anchors = tuple(
        AnchorSpec(ref, draw(OPTIONAL_TEXTS)) for ref in draw(st.lists(WORD, max_size=2))
    )
    return PrincipleSpec(code, draw(TEXTS), anchors, draw(OPTIONAL_TEXTS))


@st.composite
def field_specs(draw, code: str, codes: Iterator[str], principles: list[str]) -> FieldSpec:
    """1–2 questions of its own and 0–2 topics of 1–2 questions (a topic is never empty)."""

    def questions() -> tuple[QuestionSpec, ...]:
        count = draw(st.integers(1, 2))
        return tuple(draw(question_specs(next(codes), principles)) for _ in range(count))

    topic_codes = draw(st.lists(st.sampled_from(["", "T1", "2.1"]), max_size=2, unique=True))
    topics = tuple(TopicSpec(draw(TEXTS), questions(), topic_code) for topic_code in topic_codes)
    return FieldSpec(code, draw(TEXTS), questions(), topics, draw(OPTIONAL_TEXTS))


@st.composite
def referential_specs(draw) -> ReferentialSpec:
    principle_codes = draw(st.lists(CODES, min_size=1, max_size=3, unique=True))
    field_codes = draw(st.lists(CODES, min_size=1, max_size=2, unique=True))
    question_codes = iter(draw(st.lists(CODES, min_size=12, max_size=12, unique=True)))
    return ReferentialSpec(
        code=draw(CODES),
        version=draw(CODES),
        title=draw(TEXTS),
        principles=tuple(draw(principle_specs(code)) for code in principle_codes),
        fields=tuple(
            draw(field_specs(code, question_codes, principle_codes)) for code in field_codes
        ),
        aggregation=draw(st.sampled_from(AGGREGATIONS)),
        description=draw(OPTIONAL_TEXTS),
    )


def spec_without(spec: ReferentialSpec, code: str) -> ReferentialSpec:
    def keep(questions_):
        return tuple(q for q in questions_ if q.code != code)

    fields = tuple(
        dataclasses.replace(
            f,
            questions=keep(f.questions),
            topics=tuple(dataclasses.replace(t, questions=keep(t.questions)) for t in f.topics),
        )
        for f in spec.fields
    )
    return dataclasses.replace(spec, fields=fields)


def spec_with_only(spec: ReferentialSpec, codes: set[str]) -> ReferentialSpec:
    for _field, question in list(spec.questions()):
        if question.code not in codes:
            spec = spec_without(spec, question.code)
    return spec


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(InvalidInput) as error:
        parse_referential_yaml(text, "lcc.yaml")
    return error.value.problems


def at(text: str, needle: str, where: str = "", occurrence: int = 1) -> str:
    """The place of the line holding `needle`: "lcc.yaml:LINE where"."""
    line = line_of(text, needle, occurrence)
    return f"lcc.yaml:{line} {where}" if where else f"lcc.yaml:{line}"


OPTION_B = "{code: b, points: 2, text"
