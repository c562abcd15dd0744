"""Reads of the plan's evaluation: the achievement rate (defined here, once), the activities
and expected results, the re-verification of the targeted answers, and the updated score
beside the final one. Each read costs a fixed number of queries whatever the plan's size."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Prefetch
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from citizenlabel.common.charts import BarRow, bar_chart
from citizenlabel.common.texts import translated
from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.models import Question
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.verification.enums import Component, Round, SnapshotKind
from citizenlabel.verification.evaluation import RulesVerdict, evaluate_rules
from citizenlabel.verification.models import ScoreSnapshot
from citizenlabel.verification.selectors import score_of
from citizenlabel.verification.selectors_results import RuleRow, rule_rows
from citizenlabel.verification.selectors_verify import VerificationRow, verification_rows

from .enums import ActivityStatus
from .models import (
    ActionPlan,
    Activity,
    ExpectedResult,
    Indicator,
    PlanEvaluation,
    ResultTarget,
)
from .rules import can_see_evaluation

ACHIEVEMENT = "achievement"  # the updated snapshot's key for the plan's achievement rate
CENT = Decimal("0.01")


# --- the achievement rate ---------------------------------------------------------------


@dataclass(frozen=True)
class Achievement:
    rate: Decimal  # 0–100, two decimals
    method: str  # "budget" (weighted by budget), "mean" (plain mean) or "none" (no activity)
    counted: int
    cancelled: int


def achievement_of(activities: Iterable[Activity]) -> Achievement:
    """The plan's achievement rate, the one definition the page and the updated score use.

    Cancelled activities are left out. When every activity left has a budget, the rate is
    the mean of their percentage done weighted by their budget (a costly activity weighs
    more); when one has none, it is the plain mean. With no activity left it is 0."""
    activities = list(activities)
    counted = [a for a in activities if a.status != ActivityStatus.CANCELLED]
    cancelled = len(activities) - len(counted)
    if not counted:
        return Achievement(Decimal(0), "none", 0, cancelled)
    if all(a.budget > 0 for a in counted):
        total = sum((a.budget for a in counted), Decimal(0))
        done = sum((a.budget * a.percent_done for a in counted), Decimal(0))
        rate, method = done / total, "budget"
    else:
        rate, method = Decimal(sum(a.percent_done for a in counted)) / len(counted), "mean"
    return Achievement(rate.quantize(CENT), method, len(counted), cancelled)


def plan_activities(plan: ActionPlan) -> list[Activity]:
    return list(Activity.objects.filter(plan=plan).select_related("result"))


def plan_achievement(plan: ActionPlan) -> Achievement:
    return achievement_of(plan_activities(plan))


# --- the expected results and their indicators ----------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator

    @property
    def last(self):
        """The latest measurement (measurements are ordered by date)."""
        measurements = list(self.indicator.measurements.all())
        return measurements[-1] if measurements else None

    @property
    def reached(self) -> bool | None:
        """Whether the last measurement reached the target (a target under the baseline
        is reached from above)."""
        if self.last is None:
            return None
        indicator, value = self.indicator, self.last.value
        return (
            value >= indicator.target
            if indicator.target >= indicator.baseline
            else (value <= indicator.target)
        )


@dataclass(frozen=True)
class ResultRow:
    result: ExpectedResult
    indicators: list[IndicatorRow]
    targets: list[ResultTarget]


def result_rows(plan: ActionPlan) -> list[ResultRow]:
    results = (
        ExpectedResult.objects.filter(plan=plan)
        .select_related("principle")
        .prefetch_related(
            Prefetch("targets", queryset=ResultTarget.objects.select_related("question")),
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("measurements")),
        )
    )
    return [
        ResultRow(r, [IndicatorRow(i) for i in r.indicators.all()], list(r.targets.all()))
        for r in results
    ]


# --- the re-verification of the targeted answers ---------------------------------------


def targeted_question_ids(dossier: Dossier) -> dict[int, list[list[str]]]:
    """{question id: [options to reach, one list per expected result]} of the plan."""
    targets: dict[int, list[list[str]]] = {}
    for question_id, options in ResultTarget.objects.filter(
        result__plan__dossier=dossier
    ).values_list("question_id", "options"):
        targets.setdefault(question_id, []).append(list(options))
    return targets


def reverification_rows(dossier: Dossier, only: int | None = None) -> list[VerificationRow]:
    """The targeted questions' re-verification rows in the referential's order (`only`: one
    question's row)."""
    targets = targeted_question_ids(dossier)
    ids = [q for q in targets if only is None or q == only]
    questions = Question.objects.filter(pk__in=ids).select_related("principle", "field")
    questions = list(questions.prefetch_related("options"))
    return verification_rows(dossier, questions, Round.REVERIFICATION, targets)


# --- the updated score -----------------------------------------------------------------


@dataclass(frozen=True)
class BreakdownRow:
    code: str
    label: str
    weight: float  # its share of the updated score, in percent
    score: float | None

    @property
    def contribution(self) -> float | None:
        return None if self.score is None else round(self.score * self.weight / 100, 2)


@dataclass(frozen=True)
class GainRow:
    title: str
    final: float | None
    updated: float | None

    @property
    def gain(self) -> float | None:
        if self.final is None or self.updated is None:
            return None
        return round(self.updated - self.final, 2)


@dataclass(frozen=True)
class UpdatedScore:
    final: ScoreSnapshot | None
    updated: ScoreSnapshot
    achievement_weight: float
    breakdown: list[BreakdownRow]
    gains: list[GainRow]
    chart: str
    verdict: RulesVerdict
    rules: list[RuleRow]

    @property
    def gain(self) -> GainRow:
        final = None if self.final is None else float(self.final.overall or 0)
        return GainRow("", final, float(self.updated.overall or 0))


def achievement_weight(dossier: Dossier, updated: ScoreSnapshot) -> float:
    """The weight recorded with the snapshot (the edition's for snapshots that lack it)."""
    recorded = updated.weights.get(ACHIEVEMENT)
    return float(dossier.edition.achievement_weight if recorded is None else recorded)


def breakdown(updated: ScoreSnapshot, weight: float) -> list[BreakdownRow]:
    """What each part brings to the updated score, from the snapshot's own figures."""
    weights = {k: float(v) for k, v in updated.weights.items() if k != ACHIEVEMENT}
    total, rest = sum(weights.values()) or 1.0, 100 - weight
    scores = updated.components
    labels = [("questionnaire", _("Questionnaire on the re-verified answers"))]
    labels += [
        (c.value, _("%(component)s (final score)") % {"component": c.label}) for c in Component
    ]
    rows = [
        BreakdownRow(
            code, str(label), round(weights.get(code, 0) / total * rest, 2), scores.get(code)
        )
        for code, label in labels
    ]
    rows.append(
        BreakdownRow(
            ACHIEVEMENT, _("Achievement rate of the plan"), weight, scores.get(ACHIEVEMENT)
        )
    )
    return rows


def principle_gains(spec, final: ScoreSnapshot | None, updated: ScoreSnapshot) -> list[GainRow]:
    before = final.by_principle if final else {}
    return [
        GainRow(translated(p.title), before.get(p.code), updated.by_principle.get(p.code))
        for p in spec.principles
        if p.code in before or p.code in updated.by_principle
    ]


def gains_chart(gains: list[GainRow]) -> str:
    return bar_chart(
        [BarRow(row.title, [row.final, row.updated]) for row in gains],
        title=_("Final and updated score by principle"),
        rtl=get_language_bidi(),
        series_names=[_("Final score"), _("Updated score")],
    )


def updated_score_of(dossier: Dossier) -> UpdatedScore | None:
    """The recorded updated score as it was stored (never recomputed) and the edition's
    rules evaluated on it; None before it is recorded."""
    snapshots = {
        s.kind: s
        for s in ScoreSnapshot.objects.filter(dossier=dossier).select_related("created_by")
    }
    updated = snapshots.get(SnapshotKind.UPDATED)
    if updated is None:
        return None
    spec = referential_spec(dossier.edition.referential)
    edition, weight = dossier.edition, achievement_weight(dossier, updated)
    verdict = evaluate_rules(
        spec=spec,
        questionnaire=score_of(spec, updated.answers),
        score=Fraction(updated.overall or Decimal(0)),
        threshold=edition.label_threshold,
        floor=edition.principle_floor,
    )
    final = snapshots.get(SnapshotKind.FINAL)
    gains = principle_gains(spec, final, updated)
    return UpdatedScore(
        final=final,
        updated=updated,
        achievement_weight=weight,
        breakdown=breakdown(updated, weight),
        gains=gains,
        chart=gains_chart(gains),
        verdict=verdict,
        rules=rule_rows(spec, verdict.as_json()),
    )


# --- the page and the overview's summary ------------------------------------------------


@dataclass(frozen=True)
class EvaluationPage:
    plan: ActionPlan
    activities: list[Activity]
    achievement: Achievement
    results: list[ResultRow]
    evaluation: PlanEvaluation | None
    reverification: list[VerificationRow]
    updated_score: UpdatedScore | None


def plan_evaluation(plan: ActionPlan) -> PlanEvaluation | None:
    return (
        PlanEvaluation.objects.filter(plan=plan)
        .select_related("evaluated_by")
        .prefetch_related("effects")
        .first()
    )


def evaluation_page(dossier: Dossier) -> EvaluationPage:
    plan = dossier.action_plan
    activities = plan_activities(plan)
    return EvaluationPage(
        plan=plan,
        activities=activities,
        achievement=achievement_of(activities),
        results=result_rows(plan),
        evaluation=plan_evaluation(plan),
        reverification=reverification_rows(dossier),
        updated_score=updated_score_of(dossier),
    )


@dataclass(frozen=True)
class EvaluationSummary:
    dossier: Dossier
    evaluation: PlanEvaluation | None
    final: ScoreSnapshot | None
    updated: ScoreSnapshot | None


def evaluation_summary(dossier: Dossier, user) -> EvaluationSummary | None:
    """What the dossier overview shows of the evaluation (None: no plan, or not for `user`)."""
    if not can_see_evaluation(user, dossier):
        return None
    snapshots = {s.kind: s for s in ScoreSnapshot.objects.filter(dossier=dossier)}
    return EvaluationSummary(
        dossier=dossier,
        evaluation=PlanEvaluation.objects.filter(plan__dossier=dossier).first(),
        final=snapshots.get(SnapshotKind.FINAL),
        updated=snapshots.get(SnapshotKind.UPDATED),
    )
