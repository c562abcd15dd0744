"""The action plan as a PDF: the logical framework, the activity timeline (on an A4 landscape
page), the dashboard of indicators, and the evaluation with the updated score."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citizenlabel.actionplans.enums import Level
from citizenlabel.actionplans.models import (
    ActionPlan,
    Assumption,
    Effect,
    ExpectedResult,
    Indicator,
    PlanEvaluation,
    ResultTarget,
)
from citizenlabel.actionplans.selectors_dashboard import (
    ActivityRow,
    indicator_chart,
    plan_dashboard,
    timeline_chart,
)
from citizenlabel.dossiers.models import Dossier
from citizenlabel.verification.enums import SnapshotKind
from citizenlabel.verification.selectors import snapshot

from .pdf import render_pdf


@dataclass
class LogframeRow:
    """One row of the matrix: the intervention logic, its indicators and its assumptions."""

    level: str
    number: str
    text: str
    result: ExpectedResult | None = None
    activity: ActivityRow | None = None
    indicators: list[Indicator] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return Level(self.level).label


def _attach(rows: list[LogframeRow], keyed: dict, indicators, assumptions) -> None:
    """Each indicator and assumption to the row of its level and object."""

    def key(item) -> tuple:
        refs = {Level.SPECIFIC: "objective_id", Level.RESULT: "result_id"}
        refs[Level.ACTIVITY] = "activity_id"
        return (item.level, getattr(item, refs.get(item.level, ""), None))

    for indicator in indicators:
        keyed.get(key(indicator), keyed[(Level.OVERALL, None)]).indicators.append(indicator)
    for assumption in assumptions:
        keyed.get(key(assumption), keyed[(Level.OVERALL, None)]).assumptions.append(assumption)


def _results(plan: ActionPlan) -> list[ExpectedResult]:
    targets = ResultTarget.objects.select_related("question").prefetch_related("question__options")
    results = plan.results.select_related("principle")
    results = list(results.prefetch_related(Prefetch("targets", queryset=targets)))
    for result in results:
        for target in result.targets.all():
            target.reached = target_options(target)  # for the template
    return results


def logframe_rows(plan: ActionPlan, timeline, indicators) -> list[LogframeRow]:
    """Overall objective; each specific objective followed by its results, each result by its
    activities; then the results and activities linked to nothing above them."""
    results = _results(plan)
    numbers = {result.pk: index for index, result in enumerate(results, start=1)}
    activities = {
        group.result.pk if group.result else None: group.rows for group in timeline.groups
    }
    rows = [LogframeRow(Level.OVERALL, "", plan.overall_objective)]
    keyed = {(Level.OVERALL, None): rows[0]}

    def add_result(result: ExpectedResult) -> None:
        row = LogframeRow(Level.RESULT, str(numbers[result.pk]), result.text, result=result)
        rows.append(keyed.setdefault((Level.RESULT, result.pk), row))
        add_activities(activities.get(result.pk, []))

    def add_activities(activity_rows: list[ActivityRow]) -> None:
        for item in activity_rows:
            row = LogframeRow(Level.ACTIVITY, item.number, item.activity.title, activity=item)
            rows.append(keyed.setdefault((Level.ACTIVITY, item.activity.pk), row))

    for index, objective in enumerate(plan.objectives.all(), start=1):
        row = LogframeRow(Level.SPECIFIC, str(index), objective.text)
        rows.append(keyed.setdefault((Level.SPECIFIC, objective.pk), row))
        for result in (r for r in results if r.objective_id == objective.pk):
            add_result(result)
    for result in (r for r in results if (Level.RESULT, r.pk) not in keyed):
        add_result(result)
    add_activities(activities.get(None, []))
    _attach(rows, keyed, [view.indicator for view in indicators], plan.assumptions.all())
    return rows


def target_options(target: ResultTarget) -> list:
    """The options a result should reach, as the referential names them."""
    return [o for o in target.question.options.all() if o.code in set(target.options)]


def evaluation_context(dossier: Dossier, plan: ActionPlan) -> dict:
    evaluation = (
        PlanEvaluation.objects.filter(plan=plan)
        .select_related("evaluated_by")
        .prefetch_related(Prefetch("effects", queryset=Effect.objects.all()))
        .first()
    )
    return {
        "evaluation": evaluation,
        "final": snapshot(dossier, SnapshotKind.FINAL),
        "updated": snapshot(dossier, SnapshotKind.UPDATED),
    }


def report_context(dossier: Dossier, language: str) -> dict:
    plan, rtl = dossier.action_plan, language == "ar"
    board = plan_dashboard(plan, timezone.localdate())
    charts = [
        (view, indicator_chart(view, start=plan.starts_on, end=plan.ends_on, rtl=rtl))
        for view in board.indicators
    ]
    return {
        "dossier": dossier,
        "plan": plan,
        "board": board,
        "logframe": logframe_rows(plan, board.timeline, board.indicators),
        "gantt": timeline_chart(board.timeline, rtl=rtl),
        "indicator_charts": charts,
        "generated_at": timezone.now(),
        "title": _("Action plan"),
        **evaluation_context(dossier, plan),
    }


def action_plan_pdf(dossier: Dossier, language: str) -> bytes:
    with translation.override(language):
        context = report_context(dossier, language)
    return render_pdf("reports/action_plan.html", context, language=language)
