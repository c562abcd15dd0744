"""The edition's rules evaluated on a score: the threshold, the per-principle floor and the
critical questions. Pure functions: the proposal, the deliberation and the tests share them."""

from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction

from citizenlabel.referential.scoring import QuestionScore, ScoreResult, rounded
from citizenlabel.referential.spec import ReferentialSpec


@dataclass(frozen=True)
class FloorCheck:
    principle: str
    percent: float
    met: bool


@dataclass(frozen=True)
class CriticalCheck:
    question: str
    points: float
    maximum: float
    met: bool  # a critical question must not score zero (not applicable counts as met)


@dataclass(frozen=True)
class RulesVerdict:
    score: float
    threshold: float
    threshold_met: bool
    floor: float
    floors: tuple[FloorCheck, ...]
    critical: tuple[CriticalCheck, ...]

    @property
    def floors_met(self) -> bool:
        return all(check.met for check in self.floors)

    @property
    def critical_met(self) -> bool:
        return all(check.met for check in self.critical)

    @property
    def all_met(self) -> bool:
        return self.threshold_met and self.floors_met and self.critical_met

    def as_json(self) -> dict:
        return {**asdict(self), "all_met": self.all_met}


def _critical_check(code: str, result: QuestionScore) -> CriticalCheck:
    met = result.not_applicable or result.points > 0
    return CriticalCheck(code, rounded(result.points), rounded(result.maximum), met)


def evaluate_rules(
    *,
    spec: ReferentialSpec,
    questionnaire: ScoreResult,
    score: Fraction | Decimal,
    threshold: Decimal,
    floor: Decimal,
) -> RulesVerdict:
    """`score` is the final (or updated) score; floors and critical questions are read on the
    verified questionnaire."""
    floors = tuple(
        FloorCheck(code, rounded(percent), percent >= Fraction(floor))
        for code, percent in questionnaire.by_principle.items()
    )
    critical = tuple(
        _critical_check(q.code, questionnaire.questions[q.code])
        for _field, q in spec.questions()
        if q.critical
    )
    return RulesVerdict(
        score=rounded(Fraction(score)),
        threshold=float(threshold),
        threshold_met=Fraction(score) >= Fraction(threshold),
        floor=float(floor),
        floors=floors,
        critical=critical,
    )
