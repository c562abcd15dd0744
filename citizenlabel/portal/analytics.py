"""National analytics as pure functions: lists of plain rows in, numbers out.

No database and no Django here, so every figure of the dashboards can be computed by hand
in a test. Averages are plain means over communes; a commune without a figure for a
principle (or field) is left out of that principle's mean rather than counted as 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# The funnel's stages, each with the dossier states that have reached it.
_SUBMITTED_ONWARDS = (
    "submitted",
    "provisionally_scored",
    "verification",
    "verified",
    "labelled",
    "action_plan",
    "withdrawn",
    "plan_evaluated",
    "not_labelled",
)
_ELIGIBLE_ONWARDS = ("eligible", "self_assessment", "awaiting_approval", *_SUBMITTED_ONWARDS)
_VERIFIED_ONWARDS = _SUBMITTED_ONWARDS[3:]
FUNNEL_STAGES: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("targets", None),  # counted from the edition's target communes, not from dossiers
    ("candidacies", None),  # every dossier created
    ("eligible", frozenset(_ELIGIBLE_ONWARDS)),
    ("submitted", frozenset(_SUBMITTED_ONWARDS)),
    ("verified", frozenset(_VERIFIED_ONWARDS)),
    ("labelled", frozenset({"labelled"})),
    # Went into an action plan and is not (yet) labelled.
    ("action_plan", frozenset({"action_plan", "plan_evaluated", "not_labelled"})),
    ("withdrawn", frozenset({"withdrawn"})),
)
BANDS = 10  # ten-point bands of a distribution
POPULATION_BANDS: tuple[tuple[str, int | None], ...] = (
    ("under_10k", 10_000),
    ("10k_50k", 50_000),
    ("50k_200k", 200_000),
    ("over_200k", None),
)


@dataclass(frozen=True)
class StateCount:
    """How many dossiers of a region are in a state."""

    region: str
    state: str
    count: int


@dataclass(frozen=True)
class ScoreRow:
    """The verified score of one published dossier (its final or latest updated snapshot)."""

    dossier: int
    edition: int
    commune: str  # code
    region: str  # code
    kind: str  # urban | rural
    population: int | None
    overall: float | None
    by_principle: Mapping[str, float] = field(default_factory=dict)
    by_field: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class QuestionPoints:
    """The verified points and maximum of one question in one snapshot (weights applied)."""

    code: str
    points: float
    maximum: float


# --- the funnel ----------------------------------------------------------------------------


def funnel(targets: int, counts: Iterable[StateCount]) -> dict[str, int]:
    """{stage: number of dossiers that reached it}, in the order of FUNNEL_STAGES."""
    counts = list(counts)
    result = {"targets": targets, "candidacies": sum(c.count for c in counts)}
    for stage, states in FUNNEL_STAGES[2:]:
        result[stage] = sum(c.count for c in counts if c.state in states)
    return result


def funnel_by_region(
    targets: Mapping[str, int], counts: Iterable[StateCount]
) -> dict[str, dict[str, int]]:
    """{region: funnel} for every region with a target commune or a dossier."""
    counts = list(counts)
    regions = sorted(set(targets) | {c.region for c in counts})
    return {
        region: funnel(targets.get(region, 0), [c for c in counts if c.region == region])
        for region in regions
    }


# --- averages and distributions ------------------------------------------------------------


def mean(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None


def averages(rows: Iterable[Mapping[str, float]], codes: Sequence[str]) -> dict[str, float | None]:
    """{code: mean of the rows' values for it} over breakdowns such as `by_principle`."""
    rows = list(rows)
    return {code: mean(row.get(code) for row in rows) for code in codes}


def averages_by_region(
    rows: Iterable[ScoreRow], codes: Sequence[str], *, by: str = "by_principle"
) -> dict[str, dict[str, float | None]]:
    """{region: {code: mean}} over the `by_principle` or `by_field` breakdowns."""
    groups: dict[str, list[Mapping[str, float]]] = {}
    for row in rows:
        groups.setdefault(row.region, []).append(getattr(row, by))
    return {region: averages(groups[region], codes) for region in sorted(groups)}


def distribution(values: Iterable[float | None]) -> list[int]:
    """Counts per ten-point band: [0, 10), [10, 20) … [90, 100] (100 falls in the last)."""
    counts = [0] * BANDS
    for value in values:
        if value is not None:
            counts[min(max(int(value // 10), 0), BANDS - 1)] += 1
    return counts


# --- weakest questions and the declared-versus-verified gap --------------------------------


def question_averages(scores: Iterable[QuestionPoints]) -> dict[str, float]:
    """{code: 100 × Σpoints / Σmaximum}; questions that never had a maximum are left out."""
    points: dict[str, float] = {}
    maxima: dict[str, float] = {}
    for score in scores:
        points[score.code] = points.get(score.code, 0) + score.points
        maxima[score.code] = maxima.get(score.code, 0) + score.maximum
    return {code: 100 * points[code] / maxima[code] for code in points if maxima[code] > 0}


def weakest(averages_by_code: Mapping[str, float], limit: int = 10) -> list[tuple[str, float]]:
    """The `limit` lowest averages, lowest first (ties by code)."""
    return sorted(averages_by_code.items(), key=lambda item: (item[1], item[0]))[:limit]


@dataclass(frozen=True)
class Gap:
    code: str
    declared: float | None
    verified: float | None

    @property
    def gap(self) -> float | None:
        """Verified minus declared: negative when the files overstated the practice."""
        if self.declared is None or self.verified is None:
            return None
        return self.verified - self.declared


def gaps(
    pairs: Iterable[tuple[Mapping[str, float], Mapping[str, float]]], codes: Sequence[str]
) -> list[Gap]:
    """Mean declared and mean verified per code over (declared, verified) breakdowns of
    the same dossiers; a dossier counts for a code only when it has both figures."""
    pairs = list(pairs)
    result = []
    for code in codes:
        both = [(d[code], v[code]) for d, v in pairs if code in d and code in v]
        result.append(Gap(code, mean(d for d, _v in both), mean(v for _d, v in both)))
    return result


# --- benchmarking and trends ---------------------------------------------------------------


def population_band(population: int | None) -> str | None:
    """under_10k, 10k_50k, 50k_200k or over_200k; None when the population is unknown."""
    if population is None:
        return None
    return next(name for name, bound in POPULATION_BANDS if bound is None or population < bound)


def peer_groups(subject: ScoreRow, rows: Iterable[ScoreRow]) -> dict[str, list[ScoreRow]]:
    """The subject's peers in the same edition (itself left out), by region, kind and band."""
    others = [r for r in rows if r.edition == subject.edition and r.dossier != subject.dossier]
    band = population_band(subject.population)
    return {
        "region": [r for r in others if r.region == subject.region],
        "kind": [r for r in others if r.kind == subject.kind],
        "population": [
            r for r in others if band is not None and population_band(r.population) == band
        ],
    }


@dataclass(frozen=True)
class BenchmarkRow:
    code: str
    commune: float | None
    region: float | None
    kind: float | None
    population: float | None


def benchmark(
    subject: ScoreRow, rows: Iterable[ScoreRow], codes: Sequence[str]
) -> tuple[dict[str, int], list[BenchmarkRow]]:
    """(size of each peer group, the subject's score per principle beside each group's mean)."""
    groups = peer_groups(subject, rows)
    means = {
        name: averages([r.by_principle for r in peers], codes) for name, peers in groups.items()
    }
    table = [
        BenchmarkRow(
            code,
            subject.by_principle.get(code),
            means["region"][code],
            means["kind"][code],
            means["population"][code],
        )
        for code in codes
    ]
    return {name: len(peers) for name, peers in groups.items()}, table


@dataclass(frozen=True)
class Trend:
    edition: int
    communes: int
    overall: float | None
    by_principle: dict[str, float | None]


def trends(rows: Iterable[ScoreRow], editions: Sequence[int], codes: Sequence[str]) -> list[Trend]:
    """Per edition (in the given order), the mean verified score overall and by principle."""
    rows = list(rows)
    result = []
    for edition in editions:
        scored = [r for r in rows if r.edition == edition]
        result.append(
            Trend(
                edition,
                len(scored),
                mean(r.overall for r in scored),
                averages([r.by_principle for r in scored], codes),
            )
        )
    return result
