"""Scoring, exactly as the contract of DESIGN.md ("Scoring") says.

Pure functions over a `ReferentialSpec`: the command-line scorer and the platform compute the
very same numbers. Arithmetic is exact (Fractions built from the referential's Decimals);
rounding happens only when a result is shown (`result_as_json`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from citizenlabel.common.problems import InvalidInput, Problem
from citizenlabel.common.texts import text_in

from .spec import OptionSpec, QuestionSpec, ReferentialSpec

Answer = str | list[str]
Number = int | float | Decimal | Fraction

# Edition weights of the final score's components (DESIGN.md: default 70/10/10/10).
DEFAULT_COMPONENT_WEIGHTS: dict[str, int] = {
    "questionnaire": 70,
    "information_access": 10,
    "ownership": 10,
    "equality_body": 10,
}

HUNDRED = Fraction(100)


@dataclass(frozen=True)
class QuestionScore:
    points: Fraction
    maximum: Fraction
    answered: bool
    not_applicable: bool


@dataclass(frozen=True)
class ScoreResult:
    overall: Fraction | None  # None when no question has a maximum
    points: Fraction
    maximum: Fraction
    by_field: dict[str, Fraction]  # percentages; fields without a maximum are left out
    by_principle: dict[str, Fraction]  # likewise
    unanswered: list[str]  # question codes, in the referential's order
    questions: dict[str, QuestionScore]


# --- checking answers ----------------------------------------------------------------


def _place(code: object) -> str:
    return _('question "%(code)s"') % {"code": code}


def answer_problems(spec: ReferentialSpec, answers: Mapping[str, Answer]) -> list[Problem]:
    """Every problem of `answers` against `spec`; empty when they can be scored."""
    questions = {question.code: question for _field, question in spec.questions()}
    problems: list[Problem] = []
    for code, answer in answers.items():
        if code in questions:
            problems.extend(question_answer_problems(questions[code], answer))
        else:
            message = _('Unknown question code "%(code)s"; the referential has no such question.')
            problems.append(Problem(_place(code), message % {"code": code}))
    return problems


def question_answer_problems(question: QuestionSpec, answer: Answer | None) -> list[Problem]:
    place = _place(question.code)
    if answer is None:
        return []
    if question.kind == "single" and not isinstance(answer, str):
        message = _("This question takes one option code, not %(value)s.")
        return [Problem(place, message % {"value": answer})]
    if question.kind == "multiple" and not isinstance(answer, list):
        message = _("This question takes a list of option codes: write [%(value)s].")
        return [Problem(place, message % {"value": answer})]
    codes = [answer] if isinstance(answer, str) else answer
    return _option_problems(question, codes, place)


def _option_problems(question: QuestionSpec, codes: list, place: str) -> list[Problem]:
    problems, seen = [], set()
    for code in codes:
        option = question.option(code) if isinstance(code, str) else None
        if option is None:
            message = _('Unknown option code "%(option)s" for question "%(code)s".')
            problems.append(Problem(place, message % {"option": code, "code": question.code}))
        elif code in seen:
            message = _('Option "%(option)s" is chosen twice.')
            problems.append(Problem(place, message % {"option": code}))
        seen.add(code)
    return problems + contradiction_problems(question, [c for c in seen if isinstance(c, str)])


def contradiction_problems(question: QuestionSpec, codes: Sequence[str]) -> list[Problem]:
    """The answer contradicts itself: "does not apply" or "none of these" (an exclusive
    option) chosen with another option cannot both be true, so it is refused, never scored."""
    chosen = [o for o in question.options if o.code in codes]
    if len(chosen) < 2:
        return []
    place, problems = _place(question.code), []
    for option in chosen:
        if not (option.not_applicable or option.exclusive):
            continue
        others = ", ".join(_named(o) for o in chosen if o is not option)
        if option.not_applicable:
            message = _(
                'Question "%(code)s": %(option)s says the question does not apply, so it '
                "cannot be chosen with %(others)s."
            )
        else:
            message = _(
                'Question "%(code)s": %(option)s means none of the other options, so it '
                "cannot be chosen with %(others)s."
            )
        values = {"code": question.code, "option": _named(option), "others": others}
        problems.append(Problem(place, message % values))
    return problems


def contradicts_itself(question: QuestionSpec, codes: Sequence[str]) -> bool:
    return bool(contradiction_problems(question, codes))


def _named(option: OptionSpec) -> str:
    """`"a" (No publication)`: the code for the file's author, the text for the commune."""
    text = text_in(option.text, get_language() or "ar")
    return f'"{option.code}" ({text})' if text else f'"{option.code}"'


# --- scoring -------------------------------------------------------------------------


def question_maximum(question: QuestionSpec) -> Fraction:
    """The most a question can give, before its weight; not-applicable options give none."""
    points = [Fraction(option.points) for option in question.options if not option.not_applicable]
    if question.kind == "single":
        return max(points, default=Fraction(0))
    if question.max_points is not None:
        return Fraction(question.max_points)
    return sum(points, Fraction(0))


def score_question(question: QuestionSpec, answer: Answer | None) -> QuestionScore:
    """Points and maximum of one question, its weight applied (None = unanswered)."""
    if problems := question_answer_problems(question, answer):
        raise InvalidInput(problems)
    weight, maximum = Fraction(question.weight), question_maximum(question)
    if answer is None:  # counts against the commune: 0 points, the maximum is kept
        return QuestionScore(Fraction(0), maximum * weight, answered=False, not_applicable=False)
    chosen = [question.option(code) for code in ([answer] if isinstance(answer, str) else answer)]
    if any(option.not_applicable for option in chosen):  # the question leaves the score
        return QuestionScore(Fraction(0), Fraction(0), answered=True, not_applicable=True)
    points = sum((Fraction(option.points) for option in chosen), Fraction(0))
    if question.kind == "multiple" and question.max_points is not None:
        points = min(points, Fraction(question.max_points))
    return QuestionScore(points * weight, maximum * weight, answered=True, not_applicable=False)


def score_answers(spec: ReferentialSpec, answers: Mapping[str, Answer]) -> ScoreResult:
    if problems := answer_problems(spec, answers):
        raise InvalidInput(problems)
    scores = {
        question.code: score_question(question, answers.get(question.code))
        for _field, question in spec.questions()
    }
    by_field = _percentages((f.code, scores[q.code]) for f, q in spec.questions())
    by_principle = _percentages((q.principle, scores[q.code]) for _f, q in spec.questions())
    principle_order = [p.code for p in spec.principles]
    by_principle = dict(
        sorted(by_principle.items(), key=lambda item: _rank(principle_order, item[0]))
    )
    points = sum((score.points for score in scores.values()), Fraction(0))
    maximum = sum((score.maximum for score in scores.values()), Fraction(0))
    return ScoreResult(
        overall=_overall(spec.aggregation, points, maximum, by_principle),
        points=points,
        maximum=maximum,
        by_field=by_field,
        by_principle=by_principle,
        unanswered=[code for code, score in scores.items() if not score.answered],
        questions=scores,
    )


def _rank(order: list[str], code: str) -> int:
    return order.index(code) if code in order else len(order)


def _percentages(groups: Iterable[tuple[str, QuestionScore]]) -> dict[str, Fraction]:
    """100 × Σpoints / Σmaximum per group, leaving out groups without a maximum."""
    points: dict[str, Fraction] = {}
    maxima: dict[str, Fraction] = {}
    for key, score in groups:
        points[key] = points.get(key, Fraction(0)) + score.points
        maxima[key] = maxima.get(key, Fraction(0)) + score.maximum
    return {key: HUNDRED * points[key] / maxima[key] for key in points if maxima[key] > 0}


def _overall(
    aggregation: str, points: Fraction, maximum: Fraction, by_principle: dict[str, Fraction]
) -> Fraction | None:
    if aggregation == "principle_mean":
        return sum(by_principle.values(), Fraction(0)) / len(by_principle) if by_principle else None
    if aggregation == "points":
        return HUNDRED * points / maximum if maximum > 0 else None
    raise ValueError(f"Unknown aggregation {aggregation!r}")  # the validator refuses it first


# --- showing a result ----------------------------------------------------------------


def rounded(value: Fraction) -> float:
    """Half-up to 2 decimals (66.665 -> 66.67), computed exactly before becoming a float."""
    hundredths = math.floor(abs(value) * 100 + Fraction(1, 2))
    return math.copysign(float(Fraction(hundredths, 100)), value)


def result_as_json(result: ScoreResult) -> dict:
    return {
        "overall": None if result.overall is None else rounded(result.overall),
        "points": rounded(result.points),
        "maximum": rounded(result.maximum),
        "by_field": {code: rounded(value) for code, value in result.by_field.items()},
        "by_principle": {code: rounded(value) for code, value in result.by_principle.items()},
        "unanswered": list(result.unanswered),
    }


# --- final and updated scores --------------------------------------------------------


def _exact(value: Number, name: str) -> Fraction:
    """A Fraction from a setting or a component; 0.1 means one tenth, not its binary twin."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        message = _("%(name)s must be a number, not %(value)s.")
        raise ValueError(message % {"name": name, "value": repr(value)})
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        message = _("%(name)s must be a finite number, not %(value)s.")
        raise ValueError(message % {"name": name, "value": value})
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def _percentage(value: Number, name: str) -> Fraction:
    exact = _exact(value, name)
    if not 0 <= exact <= 100:
        message = _("%(name)s must be between 0 and 100, not %(value)s.")
        raise ValueError(message % {"name": name, "value": value})
    return exact


def final_score(components: Mapping[str, Number], weights: Mapping[str, Number]) -> Fraction:
    """Weighted mean of the components (each 0–100), e.g. with DEFAULT_COMPONENT_WEIGHTS."""
    exact_weights = {name: _exact(weight, name) for name, weight in weights.items()}
    if negative := [name for name, weight in exact_weights.items() if weight < 0]:
        raise ValueError(
            _("Weights cannot be negative: %(names)s.") % {"names": ", ".join(negative)}
        )
    total = sum(exact_weights.values(), Fraction(0))
    if total <= 0:
        raise ValueError(_("The weights must add up to more than zero."))
    if unknown := sorted(set(components) - set(weights)):
        message = _("Components without a weight: %(names)s.")
        raise ValueError(message % {"names": ", ".join(unknown)})
    values = {name: _percentage(value, name) for name, value in components.items()}
    if missing := [name for name, weight in exact_weights.items() if weight and name not in values]:
        message = _("Missing components: %(names)s.")
        raise ValueError(message % {"names": ", ".join(missing)})
    weighted = sum(
        (weight * values[name] for name, weight in exact_weights.items() if weight), Fraction(0)
    )
    return weighted / total


def updated_score(
    components: Mapping[str, Number],
    weights: Mapping[str, Number],
    achievement_rate: Number,
    achievement_weight: Number,
) -> Fraction:
    """The score after an action plan: re-verified components mixed with the plan's rate."""
    rate = _percentage(achievement_rate, "achievement_rate")
    share = _percentage(achievement_weight, "achievement_weight")
    return (final_score(components, weights) * (HUNDRED - share) + rate * share) / HUNDRED
