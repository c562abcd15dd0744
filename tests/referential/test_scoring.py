"""The scoring contract of DESIGN.md: worked examples, answers that cannot be scored, final
and updated scores. Properties over random referentials are in test_scoring_properties.py."""

import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest

from citizenlabel.common.problems import InvalidInput, Problem
from citizenlabel.referential.parsing import parse_referential_yaml
from citizenlabel.referential.scoring import (
    DEFAULT_COMPONENT_WEIGHTS,
    QuestionScore,
    answer_problems,
    contradicts_itself,
    final_score,
    result_as_json,
    rounded,
    score_answers,
    score_question,
    updated_score,
)
from citizenlabel.referential.spec import FieldSpec, OptionSpec, QuestionSpec
from tests.referential.samples import spec_with_only

from .samples import ANSWERS_FULL, ANSWERS_FULL_JSON, ANSWERS_NA, SCORING_YAML

pytestmark = pytest.mark.usefixtures("english")


SPEC = parse_referential_yaml(SCORING_YAML, "scoring.yaml")
QUESTIONS = {question.code: question for _field, question in SPEC.questions()}


# --- worked examples (numbers computed by hand in samples.py) --------------------------


def test_it_scores_a_single_question_by_its_chosen_option():
    # options 0, 2, 4: choosing b gives 2 out of the largest, 4
    assert score_question(QUESTIONS["1.1"], "b") == QuestionScore(
        Fraction(2), Fraction(4), True, False
    )


def test_it_sums_a_multiple_question_without_a_cap():
    # options 1, 2, 3: a + c = 4 out of 1 + 2 + 3 = 6
    assert score_question(QUESTIONS["1.2"], ["a", "c"]) == QuestionScore(
        Fraction(4), Fraction(6), True, False
    )


def test_it_caps_a_multiple_question_at_max_points():
    # options 2, 3, 1 capped at 4: a + b = 5 -> 4 out of 4; c alone = 1 out of 4
    assert score_question(QUESTIONS["2.1"], ["a", "b"]) == QuestionScore(
        Fraction(4), Fraction(4), True, False
    )
    assert score_question(QUESTIONS["2.1"], ["c"]).points == Fraction(1)


def test_it_multiplies_points_and_maximum_by_the_weight():
    # weight 2: yes = 3 × 2 = 6 out of 3 × 2 = 6; no = 0 out of 6
    assert score_question(QUESTIONS["2.2"], "yes") == QuestionScore(
        Fraction(6), Fraction(6), True, False
    )
    assert score_question(QUESTIONS["2.2"], "no") == QuestionScore(
        Fraction(0), Fraction(6), True, False
    )


def test_it_removes_a_not_applicable_question_from_points_and_maximum():
    assert score_question(QUESTIONS["2.2"], "na") == QuestionScore(
        Fraction(0), Fraction(0), True, True
    )


def test_it_scores_an_unanswered_question_zero_and_keeps_its_maximum():
    assert score_question(QUESTIONS["2.2"], None) == QuestionScore(
        Fraction(0), Fraction(6), False, False
    )


def test_it_counts_an_empty_list_as_answered_with_no_points():
    assert score_question(QUESTIONS["1.2"], []) == QuestionScore(
        Fraction(0), Fraction(6), True, False
    )


def test_it_scores_the_worked_example_with_points_aggregation():
    result = score_answers(SPEC, ANSWERS_FULL)
    assert (result.points, result.maximum, result.overall) == (16, 21, Fraction(1600, 21))
    assert result.by_field == {"F1": 60, "F2": Fraction(1000, 11)}
    assert result.by_principle == {"PART": 80, "EQUAL": 40, "TRANS": 100}
    assert result_as_json(result) == ANSWERS_FULL_JSON


def test_it_averages_principles_with_principle_mean():
    # same answers: mean of 40, 80 and 100 = 73.33, not the 76.19 of the points
    result = score_answers(dataclasses.replace(SPEC, aggregation="principle_mean"), ANSWERS_FULL)
    assert result.overall == Fraction(220, 3)
    assert result_as_json(result)["overall"] == 73.33


def test_it_leaves_out_what_has_no_maximum_after_not_applicable_answers():
    result = score_answers(SPEC, ANSWERS_NA)
    assert result_as_json(result) == {
        "overall": 18.18,  # 2 / 11
        "points": 2.0,
        "maximum": 11.0,
        "by_field": {"F1": 0.0, "F2": 40.0},
        "by_principle": {"PART": 10.0, "EQUAL": 100.0},  # TRANS only had 2.2, answered na
        "unanswered": [],
    }
    mean = score_answers(dataclasses.replace(SPEC, aggregation="principle_mean"), ANSWERS_NA)
    assert mean.overall == 55  # (100 + 10) / 2: TRANS is not counted as 0


def test_it_gives_no_overall_when_nothing_has_a_maximum():
    answers = {"1.1": "na", "2.2": "na"}
    spec = spec_with_only(SPEC, {"1.1", "2.2"})
    result = score_answers(spec, answers)
    assert (result.overall, result.by_field, result.by_principle) == (None, {}, {})
    assert result_as_json(result)["overall"] is None


def test_it_lists_unanswered_questions_in_order():
    assert score_answers(SPEC, {"2.1": []}).unanswered == ["1.1", "1.2", "2.2", "2.3"]


def test_it_rounds_half_up_to_two_decimals():
    assert rounded(Fraction(1, 8)) == 0.13  # banker's rounding would give 0.12
    assert rounded(Fraction(66665, 1000)) == 66.67
    assert rounded(Fraction(200, 3)) == 66.67
    assert rounded(Fraction(100)) == 100.0


# --- answers that cannot be scored ---------------------------------------------------


def test_it_reports_every_problem_of_the_answers_with_the_codes():
    answers = {"9.9": "a", "1.1": "z", "2.2": ["yes"], "1.2": "a", "2.1": ["a", "a"]}
    assert answer_problems(SPEC, answers) == [
        Problem(
            'question "9.9"', 'Unknown question code "9.9"; the referential has no such question.'
        ),
        Problem('question "1.1"', 'Unknown option code "z" for question "1.1".'),
        Problem('question "2.2"', "This question takes one option code, not ['yes']."),
        Problem('question "1.2"', "This question takes a list of option codes: write [a]."),
        Problem('question "2.1"', 'Option "a" is chosen twice.'),
    ]


def test_it_refuses_not_applicable_with_other_options():
    spec = dataclasses.replace(SPEC, fields=(_multiple_with_na(),))
    with pytest.raises(InvalidInput) as error:
        score_answers(spec, {"M": ["na", "a"]})
    assert error.value.problems == [
        Problem(
            'question "M"',
            'Question "M": "na" (-) says the question does not apply, so it cannot be chosen '
            'with "a" (a).',
        )
    ]
    assert score_answers(spec, {"M": ["na"]}).questions["M"].not_applicable


def _multiple_with_none() -> FieldSpec:
    """2.2.4 in small: "not published" (exclusive) or any of two channels."""
    options = (
        OptionSpec("none", {"ar": "لا يتم النشر", "fr": "Aucune publication"}, exclusive=True),
        OptionSpec("web", {"fr": "Site web"}, Decimal(1)),
        OptionSpec("board", {"fr": "Affichage"}, Decimal(2)),
        OptionSpec("na", {"fr": "Sans objet"}, not_applicable=True),
    )
    question = QuestionSpec("2.2.4", "PART", "multiple", {"fr": "Canaux"}, options)
    return FieldSpec("F", {"fr": "F"}, (question,))


def test_it_refuses_an_exclusive_option_with_another_and_names_them():
    spec = dataclasses.replace(SPEC, fields=(_multiple_with_none(),))
    with pytest.raises(InvalidInput) as error:
        score_answers(spec, {"2.2.4": ["web", "none", "board"]})
    # Option texts in the user's language (English falls back to Arabic, then French).
    assert error.value.problems == [
        Problem(
            'question "2.2.4"',
            'Question "2.2.4": "none" (لا يتم النشر) means none of the other options, '
            'so it cannot be chosen with "web" (Site web), "board" (Affichage).',
        )
    ]


def test_an_exclusive_option_with_not_applicable_is_refused_for_both():
    spec = dataclasses.replace(SPEC, fields=(_multiple_with_none(),))
    assert answer_problems(spec, {"2.2.4": ["none", "na"]}) == [
        Problem(
            'question "2.2.4"',
            'Question "2.2.4": "none" (لا يتم النشر) means none of the other options, '
            'so it cannot be chosen with "na" (Sans objet).',
        ),
        Problem(
            'question "2.2.4"',
            'Question "2.2.4": "na" (Sans objet) says the question does not apply, '
            'so it cannot be chosen with "none" (لا يتم النشر).',
        ),
    ]


def test_an_exclusive_option_alone_scores_0_and_keeps_the_maximum():
    spec = dataclasses.replace(SPEC, fields=(_multiple_with_none(),))
    alone = score_answers(spec, {"2.2.4": ["none"]}).questions["2.2.4"]
    both = score_answers(spec, {"2.2.4": ["web", "board"]}).questions["2.2.4"]
    assert (alone.points, alone.maximum, alone.answered) == (0, 3, True)
    assert (both.points, both.maximum) == (3, 3)


def test_a_contradiction_is_refused_question_by_question_too():
    question = _multiple_with_none().questions[0]
    with pytest.raises(InvalidInput):
        score_question(question, ["none", "web"])
    assert contradicts_itself(question, ["none", "web"])
    assert not contradicts_itself(question, ["none"])
    assert not contradicts_itself(question, ["web", "board"])


def _multiple_with_na() -> FieldSpec:
    options = (
        OptionSpec("a", {"fr": "a"}, Decimal(1)),
        OptionSpec("na", {"fr": "-"}, not_applicable=True),
    )
    question = QuestionSpec("M", "PART", "multiple", {"fr": "M"}, options)
    return FieldSpec("F", {"fr": "F"}, (question,))


# --- final and updated scores --------------------------------------------------------

COMPONENTS = {"questionnaire": 80, "information_access": 50, "ownership": 100, "equality_body": 0}


def test_it_weights_the_final_score_70_10_10_10_by_default():
    # (70 × 80 + 10 × 50 + 10 × 100 + 10 × 0) / 100 = (5600 + 500 + 1000) / 100 = 71
    assert final_score(COMPONENTS, DEFAULT_COMPONENT_WEIGHTS) == 71


def test_it_takes_exact_decimals_and_ignores_components_of_weight_zero():
    # (1 × 0.1 + 2 × 33.4) / 3 = 66.9 / 3 = 22.3 exactly, not a binary approximation
    weights = {"a": 1, "b": 2, "c": 0}
    assert final_score({"a": 0.1, "b": Decimal("33.4")}, weights) == Fraction(223, 10)


def test_it_mixes_the_updated_score_with_the_plan_achievement():
    # final 71 at weight 100 - 30 = 70, achievement 90 at weight 30: (4970 + 2700) / 100 = 76.7
    score = updated_score(COMPONENTS, DEFAULT_COMPONENT_WEIGHTS, 90, 30)
    assert score == Fraction(767, 10)
    assert updated_score(COMPONENTS, DEFAULT_COMPONENT_WEIGHTS, 90, 0) == 71


@pytest.mark.parametrize(
    ("components", "weights", "message"),
    [
        ({"a": 50}, {"a": -1, "b": 2}, "Weights cannot be negative: a."),
        ({"a": 50}, {"a": 0}, "The weights must add up to more than zero."),
        ({"a": 50}, {"a": 1, "b": 1}, "Missing components: b."),
        ({"a": 50, "z": 1}, {"a": 1}, "Components without a weight: z."),
        ({"a": 101}, {"a": 1}, "a must be between 0 and 100, not 101."),
        ({"a": -1}, {"a": 1}, "a must be between 0 and 100, not -1."),
        ({"a": float("nan")}, {"a": 1}, "a must be a finite number, not nan."),
        ({"a": "50"}, {"a": 1}, "a must be a number, not '50'."),
    ],
)
def test_it_refuses_bad_components_and_weights(components, weights, message):
    with pytest.raises(ValueError) as error:
        final_score(components, weights)
    assert str(error.value) == message


def test_it_refuses_an_achievement_outside_0_to_100():
    with pytest.raises(ValueError) as error:
        updated_score(COMPONENTS, DEFAULT_COMPONENT_WEIGHTS, 120, 30)
    assert str(error.value) == "achievement_rate must be between 0 and 100, not 120."
    with pytest.raises(ValueError) as error:
        updated_score(COMPONENTS, DEFAULT_COMPONENT_WEIGHTS, 50, 101)
    assert str(error.value) == "achievement_weight must be between 0 and 100, not 101."
