"""Drafting an action plan from the verified answers. Pure, database-free functions.

`weaknesses` turns every question that scores below its maximum into a candidate expected
result; `what_if` finds the fewest improvements that reach the edition's threshold and its
per-principle floors; `score_with` scores any selection the user ticks. Scores come from
`referential.scoring` only, exactly (Fractions)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from citizenlabel.referential.scoring import (
    HUNDRED,
    Number,
    ScoreResult,
    contradicts_itself,
    final_score,
    score_answers,
)
from citizenlabel.referential.spec import QuestionSpec, ReferentialSpec

Answers = Mapping[str, Sequence[str]]  # {question code: [option codes]}, as stored


@dataclass(frozen=True)
class Reach:
    """One way to raise a question: the answer after the change and what it adds."""

    options: tuple[str, ...]  # the whole answer after the change
    added: tuple[str, ...]  # the options it adds to the current answer
    points: Fraction  # weighted points added
    percent: Fraction  # percentage points added to the questionnaire score


@dataclass(frozen=True)
class Candidate:
    """A question below its maximum: a candidate expected result of the plan."""

    question: QuestionSpec
    current: tuple[str, ...]  # empty when unanswered
    reaches: tuple[Reach, ...]  # single: each better option, weakest first; multiple: one
    best: Reach
    priority: bool = False  # linked to one of the diagnosis's agreed priorities

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def principle(self) -> str:
        return self.question.principle

    def reach(self, options: Sequence[str]) -> Reach | None:
        return next((r for r in self.reaches if r.options == tuple(options)), None)


@dataclass(frozen=True)
class Projection:
    """The scores the answers would give: the final score and the questionnaire's result."""

    score: Fraction
    questionnaire: ScoreResult

    def threshold_met(self, threshold: Number) -> bool:
        return self.score >= exact(threshold)

    def failing_principles(self, floor: Number) -> list[str]:
        by_principle = self.questionnaire.by_principle
        return [code for code, percent in by_principle.items() if percent < exact(floor)]

    def meets(self, threshold: Number, floor: Number) -> bool:
        return self.threshold_met(threshold) and not self.failing_principles(floor)


@dataclass(frozen=True)
class Step:
    candidate: Candidate
    score: Fraction  # the final score once this change and the ones before are made
    questionnaire: Fraction


@dataclass(frozen=True)
class WhatIf:
    reachable: bool
    now: Projection
    steps: tuple[Step, ...]  # empty when unreachable, or when the rules are already met
    best: Fraction  # the best final score reachable: every candidate at its best

    @property
    def changes(self) -> dict[str, tuple[str, ...]]:
        return {step.candidate.code: step.candidate.best.options for step in self.steps}


def exact(value: Number) -> Fraction:
    """0.1 means one tenth, not its binary twin."""
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def scoring_answers(spec: ReferentialSpec, answers: Answers) -> dict:
    """Stored answers ({code: [options]}) in the scorer's shape (a code for single ones)."""
    questions = {question.code: question for _field, question in spec.questions()}
    shaped: dict = {}
    for code, options in answers.items():
        question = questions.get(code)
        if question is not None and contradicts_itself(question, list(options)):
            continue  # refused by scoring: counts as unanswered until corrected
        if question is not None and question.kind == "multiple":
            shaped[code] = list(options)
        elif options:
            shaped[code] = options[0] if len(options) == 1 else list(options)
    return shaped


def _score(spec: ReferentialSpec, answers: Answers) -> ScoreResult:
    return score_answers(spec, scoring_answers(spec, answers))


def _worth(spec: ReferentialSpec, result: ScoreResult) -> dict[str, Fraction]:
    """Questionnaire percentage points that one weighted point of each principle is worth.
    Maxima never move when a question is raised, so the worth is fixed: gains add up."""
    maxima: dict[str, Fraction] = {}
    for _field, question in spec.questions():
        maximum = result.questions[question.code].maximum
        maxima[question.principle] = maxima.get(question.principle, Fraction(0)) + maximum
    if spec.aggregation == "principle_mean":
        counted = len(result.by_principle)
        return {p: HUNDRED / (m * counted) for p, m in maxima.items() if m > 0}
    return {p: HUNDRED / result.maximum for p in maxima} if result.maximum > 0 else {}


def _single_reaches(question: QuestionSpec, now: Fraction, worth: Fraction) -> list[Reach]:
    reaches = []
    for option in question.options:
        gained = Fraction(option.points) * Fraction(question.weight) - now
        if not option.not_applicable and gained > 0:
            codes = (option.code,)
            reaches.append(Reach(codes, codes, gained, gained * worth))
    return reaches


def _multiple_reach(
    question: QuestionSpec, current: Sequence[str], now: Fraction, worth: Fraction
) -> list[Reach]:
    """The current options that count, plus the missing ones, biggest first, up to the cap."""
    # "None of these" is never part of a reach: it cannot be chosen with the options added.
    scoring = [
        o for o in question.options if not (o.not_applicable or o.exclusive) and o.points > 0
    ]
    kept = [o for o in scoring if o.code in current]
    total = sum((Fraction(o.points) for o in kept), Fraction(0))
    cap = None if question.max_points is None else Fraction(question.max_points)
    added = []
    for option in sorted((o for o in scoring if o.code not in current), key=lambda o: -o.points):
        if cap is not None and total >= cap:
            break
        added.append(option)
        total += Fraction(option.points)
    gained = (total if cap is None else min(total, cap)) * Fraction(question.weight) - now
    if gained <= 0:
        return []
    chosen = {o.code for o in kept + added}
    options = tuple(o.code for o in question.options if o.code in chosen)
    return [Reach(options, tuple(o.code for o in added), gained, gained * worth)]


def weaknesses(spec: ReferentialSpec, answers: Answers) -> list[Candidate]:
    """Every question whose score is below its maximum (not applicable ones left out), by
    principle in the referential's order, then in the questionnaire's order."""
    result = _score(spec, answers)
    worth = _worth(spec, result)
    found = []
    for _field, question in spec.questions():
        scored = result.questions[question.code]
        if scored.not_applicable or scored.points >= scored.maximum:
            continue
        current = tuple(answers.get(question.code, ()))
        if question.kind == "single":
            reaches = _single_reaches(question, scored.points, worth[question.principle])
        else:
            reaches = _multiple_reach(question, current, scored.points, worth[question.principle])
        if reaches:
            best = max(reaches, key=lambda reach: reach.points)
            found.append(Candidate(question, current, tuple(reaches), best))
    rank = {principle.code: index for index, principle in enumerate(spec.principles)}
    return sorted(found, key=lambda c: rank.get(c.principle, len(rank)))


def priority_first(
    candidates: Sequence[Candidate], priority_question_codes: Sequence[str]
) -> list[Candidate]:
    """The questions of the agreed priorities first, in the priorities' order, marked."""
    rank: dict[str, int] = {}
    for index, code in enumerate(priority_question_codes):
        rank.setdefault(code, index)
    marked = [replace(c, priority=c.code in rank) for c in candidates]
    return sorted(marked, key=lambda c: rank.get(c.code, len(rank)))


def by_principle(candidates: Sequence[Candidate]) -> list[tuple[str, list[Candidate]]]:
    """(principle code, its candidates), principles in the order they first appear."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.principle, []).append(candidate)
    return list(groups.items())


def apply_changes(answers: Answers, changes: Mapping[str, Sequence[str]]) -> dict[str, list]:
    return {**{c: list(o) for c, o in answers.items()}, **{c: list(o) for c, o in changes.items()}}


def score_with(
    spec: ReferentialSpec,
    answers: Answers,
    changes: Mapping[str, Sequence[str]],
    *,
    components: Mapping[str, Number],
    weights: Mapping[str, Number],
) -> Projection:
    """The scores once `changes` ({code: the answer after}) are made; the rubric components
    of the final score are kept as they are."""
    result = _score(spec, apply_changes(answers, changes))
    questionnaire = result.overall if result.overall is not None else Fraction(0)
    score = final_score({**components, "questionnaire": questionnaire}, weights)
    return Projection(score, result)


def _floor_picks(
    spec: ReferentialSpec, candidates: Sequence[Candidate], now: ScoreResult, floor: Fraction
) -> list[Candidate]:
    """For each principle below the floor, its fewest changes: its biggest gains first."""
    points: dict[str, Fraction] = {}
    maxima: dict[str, Fraction] = {}
    for _field, question in spec.questions():
        scored = now.questions[question.code]
        points[question.principle] = points.get(question.principle, Fraction(0)) + scored.points
        maxima[question.principle] = maxima.get(question.principle, Fraction(0)) + scored.maximum
    picks = []
    for principle, percent in now.by_principle.items():
        if percent >= floor:
            continue
        missing = floor * maxima[principle] / HUNDRED - points[principle]
        own = [c for c in _biggest_first(candidates) if c.principle == principle]
        for candidate in own:
            if missing <= 0:
                break
            picks.append(candidate)
            missing -= candidate.best.points
    return picks


def _biggest_first(candidates: Sequence[Candidate]) -> list[Candidate]:
    """By percentage gained, biggest first; ties in the questionnaire's order. Within one
    principle this is also the order of the weighted points (percent = points × worth)."""
    order = {c.code: index for index, c in enumerate(candidates)}
    return sorted(candidates, key=lambda c: (-c.best.percent, order[c.code]))


def what_if(
    spec: ReferentialSpec,
    answers: Answers,
    *,
    components: Mapping[str, Number],
    weights: Mapping[str, Number],
    threshold: Number,
    floor: Number,
) -> WhatIf:
    """The fewest changes (each raises one question to its best) that reach the threshold on
    the final score and every principle's floor, with the score after each step.

    Why greedy is optimal. Raising question i adds a fixed g_i > 0 to the questionnaire score
    (maxima never move, see `_worth`), and the final score grows with the questionnaire. With
    the threshold alone, a selection S works iff Σ_{i∈S} g_i ≥ D for a fixed deficit D. Among
    all selections of k changes the k largest g_i give the largest sum, so if any k-selection
    works the greedy k-prefix works: greedy stops at the smallest k. With floors: principle p
    needs Σ_{i∈S∩p} w_i ≥ D_p (its weighted points), on disjoint sets of questions. Any
    working S can be rewritten, principle by principle, into the n_p biggest of p (n_p =
    |S∩p|) without losing anything, since within p the g_i order is the w_i order; each n_p is
    at least k_p, the fewest changes p needs alone. So the best selections are "the k_p
    biggest of each p, then the m biggest of what is left", where the m biggest of the left
    overs are automatically prefixes within each p. For each m the greedy choice maximises
    the sum, so the smallest working m — and the fewest changes overall — is the greedy one.
    """
    candidates = weaknesses(spec, answers)
    settings = {"components": components, "weights": weights}
    now = score_with(spec, answers, {}, **settings)
    everything = score_with(spec, answers, {c.code: c.best.options for c in candidates}, **settings)
    if not everything.meets(threshold, floor):
        return WhatIf(reachable=False, now=now, steps=(), best=everything.score)
    picks = _floor_picks(spec, candidates, now.questionnaire, exact(floor))
    mandatory = {c.code for c in picks}
    steps: list[Step] = []
    score, questionnaire = now.score, now.questionnaire.overall or Fraction(0)
    for candidate in picks + [c for c in _biggest_first(candidates) if c.code not in mandatory]:
        if candidate.code not in mandatory and score >= exact(threshold):
            break
        questionnaire += candidate.best.percent  # gains add up: no need to score again
        score = final_score({**components, "questionnaire": questionnaire}, weights)
        steps.append(Step(candidate, score, questionnaire))
    return WhatIf(reachable=True, now=now, steps=tuple(steps), best=everything.score)
