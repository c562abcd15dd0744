"""The scoring contract of DESIGN.md, as properties over generated referentials."""

import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from citizenlabel.referential.scoring import QuestionScore, score_answers, score_question
from citizenlabel.referential.spec import FieldSpec, QuestionSpec
from tests.referential.samples import spec_without

from .samples import scored_cases, single

pytestmark = pytest.mark.usefixtures("english")


# --- properties over generated referentials ------------------------------------------


def _scores(result) -> tuple:
    """Everything a score says, ignoring the order of codes."""
    return (result.overall, result.points, result.maximum, result.by_field, result.by_principle)


@given(scored_cases())
def test_every_percentage_is_between_0_and_100(case):
    result = score_answers(*case)
    percentages = [*result.by_field.values(), *result.by_principle.values()]
    if result.overall is not None:
        percentages.append(result.overall)
    assert all(0 <= value <= 100 for value in percentages)
    assert all(s.points <= s.maximum for s in result.questions.values())


@given(scored_cases(), st.data())
def test_raising_one_answer_never_lowers_a_score(case, data):
    spec, answers = case
    question = data.draw(st.sampled_from([q for _f, q in spec.questions()]))
    current = answers.get(question.code)
    if current == "na" or current == ["na"]:
        current = None  # from "does not apply" nothing is higher: start unanswered
        answers = {code: value for code, value in answers.items() if code != question.code}
    raised = data.draw(_raised(question, current))
    before, after = (
        score_answers(spec, answers),
        score_answers(spec, {**answers, question.code: raised}),
    )
    assert after.by_field.keys() == before.by_field.keys()
    assert all(after.by_field[code] >= before.by_field[code] for code in before.by_field)
    assert all(
        after.by_principle[code] >= before.by_principle[code] for code in before.by_principle
    )
    assert (after.overall is None) == (before.overall is None)
    assert before.overall is None or after.overall >= before.overall


def _raised(question: QuestionSpec, current) -> st.SearchStrategy:
    """A higher-points option for a single; the same options plus one for a multiple."""
    applicable = [o for o in question.options if not o.not_applicable]
    if question.kind == "single":
        floor = question.option(current).points if current else Decimal(0)
        return st.sampled_from([o.code for o in applicable if o.points >= floor])
    chosen = current or []
    more = [o.code for o in applicable if o.code not in chosen]
    return st.sampled_from(more).map(lambda code: [*chosen, code]) if more else st.just(chosen)


@given(scored_cases(), st.data())
def test_not_applicable_is_the_same_as_deleting_the_question(case, data):
    spec, answers = case
    with_na = [q for _f, q in spec.questions() if q.option("na")]
    assume(with_na)
    question = data.draw(st.sampled_from(with_na))
    na_answer = "na" if question.kind == "single" else ["na"]
    answered_na = score_answers(spec, {**answers, question.code: na_answer})
    others = {code: value for code, value in answers.items() if code != question.code}
    deleted = score_answers(spec_without(spec, question.code), others)
    assert _scores(answered_na) == _scores(deleted)
    assert answered_na.unanswered == deleted.unanswered


@given(scored_cases(), st.randoms(use_true_random=False))
def test_shuffling_fields_and_questions_never_changes_a_score(case, random):
    spec, answers = case
    fields = [_shuffled_field(field_, random) for field_ in spec.fields]
    random.shuffle(fields)
    shuffled = dataclasses.replace(spec, fields=tuple(fields))
    before, after = score_answers(spec, answers), score_answers(shuffled, answers)
    assert _scores(after) == _scores(before)
    assert sorted(after.unanswered) == sorted(before.unanswered)


def _shuffled_field(field_: FieldSpec, random) -> FieldSpec:
    questions_ = list(field_.questions)
    random.shuffle(questions_)
    topics = [
        dataclasses.replace(t, questions=tuple(random.sample(t.questions, len(t.questions))))
        for t in field_.topics
    ]
    random.shuffle(topics)
    return dataclasses.replace(field_, questions=tuple(questions_), topics=tuple(topics))


def test_a_hand_built_question_scores_like_a_parsed_one():
    # weight 0.5 on options 1 and 3: choosing o1 gives 1.5 of 1.5
    assert score_question(single("X", 1, 3, weight="0.5"), "o1") == QuestionScore(
        Fraction(3, 2), Fraction(3, 2), True, False
    )
