from decimal import Decimal
from fractions import Fraction

from citizenlabel.referential.parsing import parse_referential_yaml
from citizenlabel.referential.scoring import score_answers
from citizenlabel.verification.evaluation import evaluate_rules
from tests.referential.samples import SCORING_YAML

CRITICAL_YAML = SCORING_YAML.replace(
    """      - code: "2.3"
        principle: EQUAL""",
    """      - code: "2.3"
        critical: true
        principle: EQUAL""",
)


def verdict(answers, score, threshold="70", floor="50"):
    spec = parse_referential_yaml(CRITICAL_YAML)
    result = score_answers(spec, answers)
    return evaluate_rules(
        spec=spec,
        questionnaire=result,
        score=score,
        threshold=Decimal(threshold),
        floor=Decimal(floor),
    )


def test_everything_met_gives_a_clean_verdict():
    # 1.1 c = 4/4, 1.2 all = 6/6, 2.1 cap 4/4, 2.2 yes 6/6, 2.3 b 1/1: every principle 100 %
    answers = {"1.1": "c", "1.2": ["a", "b", "c"], "2.1": ["a", "b"], "2.2": "yes", "2.3": "b"}
    result = verdict(answers, Fraction(80))
    assert result.all_met
    assert [(f.principle, f.percent) for f in result.floors] == [
        ("PART", 100.0),
        ("EQUAL", 100.0),
        ("TRANS", 100.0),
    ]
    assert [(c.question, c.points, c.maximum) for c in result.critical] == [("2.3", 1.0, 1.0)]


def test_each_rule_can_fail_on_its_own():
    # EQUAL = (0 + 0) / (4 + 1) = 0 % < 50 %; 2.3 unanswered scores 0: the critical rule fails
    answers = {"1.1": "a", "1.2": ["a", "b", "c"], "2.1": ["a", "b"], "2.2": "yes"}
    result = verdict(answers, Fraction(6999, 100))
    assert (result.threshold_met, result.floors_met, result.critical_met) == (False, False, False)
    assert [f.principle for f in result.floors if not f.met] == ["EQUAL"]
    assert result.score == 69.99
    assert verdict(answers, Fraction(70)).threshold_met  # the threshold itself is enough
