"""The plan's draft from the weaknesses, and the what-if: pure functions, no database."""

from decimal import Decimal
from fractions import Fraction
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from citizenlabel.actionplans.planning import (
    by_principle,
    priority_first,
    score_with,
    weaknesses,
    what_if,
)
from citizenlabel.referential.spec import (
    FieldSpec,
    OptionSpec,
    PrincipleSpec,
    QuestionSpec,
    ReferentialSpec,
)
from tests.referential.samples import scored_cases, single

TEXT = {"ar": "نص", "fr": "texte"}
WEIGHTS = {"questionnaire": 70, "information_access": 10, "ownership": 10, "equality_body": 10}
FULL = {"information_access": 100, "ownership": 100, "equality_body": 100}


def multiple(code: str, *points: int, cap: int | None = None, principle: str = "P") -> QuestionSpec:
    return QuestionSpec(
        code=code,
        principle=principle,
        kind="multiple",
        text=TEXT,
        options=tuple(OptionSpec(f"o{i}", TEXT, Decimal(p)) for i, p in enumerate(points)),
        max_points=None if cap is None else Decimal(cap),
    )


def referential(*questions: QuestionSpec, aggregation: str = "points") -> ReferentialSpec:
    principles = dict.fromkeys(q.principle for q in questions)
    return ReferentialSpec(
        code="T",
        version="1",
        title=TEXT,
        principles=tuple(PrincipleSpec(code, TEXT) for code in sorted(principles)),
        fields=(FieldSpec("F", TEXT, tuple(questions)),),
        aggregation=aggregation,
    )


def with_na(question: QuestionSpec) -> QuestionSpec:
    na = OptionSpec("na", TEXT, not_applicable=True)
    return QuestionSpec(**{**question.__dict__, "options": (*question.options, na)})


# Maxima: q1 single weight 2 → 6; q2 multiple cap 3 → 3; q3 single → 2; q4 n/a; total 11.
SPEC = referential(
    single("q1", 0, 1, 3, weight="2", principle="A"),
    multiple("q2", 0, 1, 1, 2, cap=3, principle="B"),
    single("q3", 0, 2, principle="A"),
    with_na(single("q4", 0, 5, principle="B")),
)


def test_every_question_below_its_maximum_is_a_candidate_with_what_it_would_add():
    candidates = weaknesses(SPEC, {"q1": ["o1"], "q2": ["o0", "o1"], "q3": ["o1"], "q4": ["na"]})
    assert [c.code for c in candidates] == ["q1", "q2"]  # q3 at its maximum, q4 not applicable
    q1, q2 = candidates
    assert q1.current == ("o1",)
    assert [(r.options, r.points, r.percent) for r in q1.reaches] == [
        (("o2",), Fraction(4), Fraction(400, 11))
    ]
    assert q1.best.options == ("o2",)
    # the missing options, biggest first, up to the cap; the zero-point option is dropped
    assert (q2.best.options, q2.best.added, q2.best.points) == (("o1", "o3"), ("o3",), 2)


def test_a_single_question_offers_each_better_option_the_best_by_default():
    spec = referential(single("q", 0, 1, 2, 4))
    (candidate,) = weaknesses(spec, {"q": ["o1"]})
    assert [(r.options, r.points) for r in candidate.reaches] == [
        (("o2",), 1),
        (("o3",), 3),
    ]
    assert candidate.best.options == ("o3",)
    assert candidate.reach(["o2"]).points == 1
    assert candidate.reach(["o0"]) is None


def test_an_unanswered_question_is_a_candidate_from_zero():
    (candidate,) = weaknesses(referential(multiple("q", 1, 1, 1)), {})
    assert (candidate.current, candidate.best.options, candidate.best.points) == (
        (),
        ("o0", "o1", "o2"),
        3,
    )
    assert candidate.best.percent == 100


def test_candidates_are_grouped_by_principle_in_the_referentials_order():
    spec = referential(single("b1", 0, 1, principle="B"), single("a1", 0, 1, principle="A"))
    candidates = weaknesses(spec, {})
    assert [c.code for c in candidates] == ["a1", "b1"]
    assert [(p, [c.code for c in cs]) for p, cs in by_principle(candidates)] == [
        ("A", ["a1"]),
        ("B", ["b1"]),
    ]


def test_the_agreed_priorities_come_first_and_are_marked():
    spec = referential(
        single("a1", 0, 1, principle="A"),
        single("a2", 0, 1, principle="A"),
        single("b1", 0, 1, principle="B"),
    )
    ordered = priority_first(weaknesses(spec, {}), ["b1", "zz"])
    assert [(c.code, c.priority) for c in ordered] == [
        ("b1", True),
        ("a1", False),
        ("a2", False),
    ]
    assert [p for p, _cs in by_principle(ordered)] == ["B", "A"]


def test_with_the_threshold_alone_the_biggest_gains_come_first():
    spec = referential(single("s", 0, 1), single("m", 0, 2), single("l", 0, 7))
    # questionnaire 0 → final 30; 70 % needs a questionnaire of 400/7 %: only l (70 %) does
    result = what_if(spec, {}, components=FULL, weights=WEIGHTS, threshold=70, floor=0)
    assert result.reachable
    assert [s.candidate.code for s in result.steps] == ["l"]
    assert result.steps[0].score == Fraction(70 * 70, 100) + 30
    assert result.changes == {"l": ("o1",)}


def test_a_principle_below_its_floor_gets_its_fewest_changes_first():
    spec = referential(
        single("a", 0, 1, principle="A"),
        single("b1", 0, 8, principle="B"),
        single("b2", 0, 1, principle="B"),
    )
    answers = {"b1": ["o1"]}  # A 0 %, B 89 %; the questionnaire 80 %
    result = what_if(spec, answers, components=FULL, weights=WEIGHTS, threshold=80, floor=50)
    assert [s.candidate.code for s in result.steps] == ["a"]
    assert result.steps[0].questionnaire == 90


def test_the_threshold_may_be_out_of_reach():
    zero = {"information_access": 0, "ownership": 0, "equality_body": 0}
    spec = referential(single("q", 0, 1))
    result = what_if(spec, {}, components=zero, weights=WEIGHTS, threshold=80, floor=0)
    assert (result.reachable, result.steps, result.best) == (False, (), 70)


def test_nothing_to_change_when_the_rules_are_met():
    spec = referential(single("q", 0, 1, 2))
    result = what_if(spec, {"q": ["o1"]}, components=FULL, weights=WEIGHTS, threshold=50, floor=0)
    assert (result.reachable, result.steps, result.now.score) == (True, (), 65)


def test_any_selection_is_scored_with_the_components_kept():
    spec = referential(single("a", 0, 2), single("b", 0, 2))
    projection = score_with(
        spec, {}, {"a": ["o1"]}, components={**FULL, "ownership": 40}, weights=WEIGHTS
    )
    assert projection.questionnaire.overall == 50
    assert projection.score == Fraction(35 + 10 + 4 + 10)
    assert projection.meets(59, 50) and not projection.meets(59.5, 0)


def test_principle_mean_gains_are_worth_their_principles_share():
    spec = referential(
        single("a", 0, 1, principle="A"),
        single("b", 0, 3, principle="B"),
        aggregation="principle_mean",
    )
    candidates = {c.code: c for c in weaknesses(spec, {})}
    assert (candidates["a"].best.percent, candidates["b"].best.percent) == (50, 50)


# --- properties -------------------------------------------------------------------------


def stored(answers: dict) -> dict[str, list[str]]:
    return {code: [a] if isinstance(a, str) else list(a) for code, a in answers.items()}


RULES = st.fixed_dictionaries(
    {
        "components": st.fixed_dictionaries(
            {name: st.integers(0, 100) for name in FULL},
        ),
        "weights": st.fixed_dictionaries({name: st.integers(1, 100) for name in WEIGHTS}),
        "threshold": st.integers(0, 100),
        "floor": st.integers(0, 100),
    }
)


@settings(max_examples=150, deadline=None)
@given(scored_cases(), RULES)
def test_the_what_if_selection_reaches_the_rules_with_the_fewest_changes(case, rules):
    spec, answers = case
    answers = stored(answers)
    settings_ = {"components": rules["components"], "weights": rules["weights"]}
    result = what_if(spec, answers, **rules)
    candidates = weaknesses(spec, answers)
    best = {c.code: c.best.options for c in candidates}
    everything = score_with(spec, answers, best, **settings_)
    assert result.best == everything.score
    if not result.reachable:
        assert not everything.meets(rules["threshold"], rules["floor"])
        return
    reached = score_with(spec, answers, result.changes, **settings_)
    assert reached.meets(rules["threshold"], rules["floor"])
    for count, step in enumerate(result.steps, start=1):  # each step's score, scored again
        prefix = {s.candidate.code: s.candidate.best.options for s in result.steps[:count]}
        again = score_with(spec, answers, prefix, **settings_)
        assert (step.score, step.questionnaire) == (again.score, again.questionnaire.overall)
    if len(candidates) > 8:
        return
    for size in range(len(result.steps)):
        for subset in combinations(candidates, size):
            changes = {c.code: c.best.options for c in subset}
            tried = score_with(spec, answers, changes, **settings_)
            assert not tried.meets(rules["threshold"], rules["floor"]), changes


@settings(max_examples=150, deadline=None)
@given(scored_cases(), RULES, st.data())
def test_scores_never_exceed_100_and_gains_add_up(case, rules, data):
    spec, answers = case
    answers = stored(answers)
    settings_ = {"components": rules["components"], "weights": rules["weights"]}
    candidates = weaknesses(spec, answers)
    picked = []
    if candidates:
        picked = data.draw(st.lists(st.sampled_from(candidates), unique_by=lambda c: c.code))
    changes = {c.code: data.draw(st.sampled_from(c.reaches)).options for c in picked}
    projection = score_with(spec, answers, changes, **settings_)
    now = score_with(spec, answers, {}, **settings_)
    assert 0 <= projection.score <= 100
    assert all(0 <= p <= 100 for p in projection.questionnaire.by_principle.values())
    gained = sum(c.reach(changes[c.code]).percent for c in picked)
    assert (projection.questionnaire.overall or 0) == (now.questionnaire.overall or 0) + gained
    for step in what_if(spec, answers, **rules).steps:
        assert 0 <= step.score <= 100 and 0 <= step.questionnaire <= 100


def test_a_stored_contradiction_is_a_candidate_whose_reach_drops_none_of_these():
    none = OptionSpec("none", TEXT, Decimal(0), exclusive=True)
    question = QuestionSpec(
        "M",
        "P",
        "multiple",
        TEXT,
        (none, OptionSpec("o1", TEXT, Decimal(1)), OptionSpec("o2", TEXT, Decimal(2))),
    )
    # Saved before contradictions were refused: scored as unanswered, never raising.
    [candidate] = weaknesses(referential(question), {"M": ["none", "o1"]})
    assert candidate.best.options == ("o1", "o2")
    assert candidate.best.points == 3
