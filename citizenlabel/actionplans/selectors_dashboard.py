"""Reads of a running action plan: its activities as a timeline, its indicators with their
measurements and progress, the budget, and the technical team's follow-up; each in a fixed
number of queries whatever the size of the plan."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from citizenlabel.common.charts import GanttRow, gantt_chart
from citizenlabel.common.charts._svg import (
    GREEN,
    GREEN_DARK,
    GREY_DARK,
    MUTED,
    WHITE,
    chart_id,
    document,
    element,
    format_value,
    num,
    text,
)

from .enums import ActivityStatus
from .models import ActionPlan, Activity, ExpectedResult, Indicator, Measurement

# An activity under way counts as late once it is this many points behind the share of its
# duration already elapsed (a day or two behind is not late; a month behind is).
LATE_MARGIN = 20

# How an activity stands today, as drawn on the timeline and counted on the dashboard.
DONE, CURRENT, LATE, PLANNED, CANCELLED = "done", "current", "late", "planned", "cancelled"


def expected_percent(activity: Activity, today: date) -> int:
    """The share of the activity's days already past: where its progress should be today."""
    if today <= activity.starts_on:
        return 0
    if today > activity.ends_on:
        return 100
    duration = (activity.ends_on - activity.starts_on).days + 1
    return round(100 * (today - activity.starts_on).days / duration)


def progress_status(activity: Activity, today: date) -> str:
    """Done, late (its end passed, or well behind its expected progress), current (in
    progress), planned (not started and not late yet) or cancelled."""
    if activity.status == ActivityStatus.CANCELLED:
        return CANCELLED
    if activity.status == ActivityStatus.DONE:
        return DONE
    if activity.ends_on < today:
        return LATE
    if activity.percent_done + LATE_MARGIN < expected_percent(activity, today):
        return LATE
    return CURRENT if activity.status == ActivityStatus.IN_PROGRESS else PLANNED


def progress_labels() -> dict[str, str]:
    return {
        DONE: _("Done"),
        CURRENT: _("In progress"),
        LATE: _("Late"),
        PLANNED: _("Not started"),
        CANCELLED: _("Cancelled"),
    }


@dataclass(frozen=True)
class ActivityRow:
    """An activity as it stands today, numbered like the logical framework (result.activity)."""

    activity: Activity
    number: str
    progress: str  # done | current | late | planned | cancelled
    expected: int  # the percentage it should have reached today

    @property
    def duration_days(self) -> int:
        return (self.activity.ends_on - self.activity.starts_on).days + 1

    @property
    def label(self) -> str:
        return f"{self.number} {self.activity.title}"

    @property
    def progress_label(self) -> str:
        return progress_labels()[self.progress]


@dataclass(frozen=True)
class ResultGroup:
    """The activities serving one expected result (result None: not linked to a result)."""

    result: ExpectedResult | None
    number: int | None
    rows: list[ActivityRow]


@dataclass(frozen=True)
class Timeline:
    groups: list[ResultGroup]
    today: date

    @property
    def rows(self) -> list[ActivityRow]:
        return [row for group in self.groups for row in group.rows]

    def count(self, progress: str) -> int:
        return sum(1 for row in self.rows if row.progress == progress)

    @property
    def counts(self) -> dict[str, int]:
        return {key: self.count(key) for key in (DONE, CURRENT, LATE, PLANNED, CANCELLED)}

    @property
    def budget_planned(self) -> Decimal:
        return sum((row.activity.budget for row in self.rows), Decimal(0))

    @property
    def budget_used(self) -> Decimal:
        return sum((row.activity.spent for row in self.rows), Decimal(0))


def plan_timeline(plan: ActionPlan, today: date) -> Timeline:
    """The plan's activities grouped by expected result in the results' order (two queries)."""
    results = list(plan.results.all())
    activities = list(plan.activities.all())
    groups = []
    for number, result in [*enumerate(results, start=1), (None, None)]:
        mine = [a for a in activities if a.result_id == (result.pk if result else None)]
        prefix = f"{number}." if number else ""
        rows = [
            ActivityRow(
                a, f"{prefix}{index}", progress_status(a, today), expected_percent(a, today)
            )
            for index, a in enumerate(mine, start=1)
        ]
        if rows:
            groups.append(ResultGroup(result, number, rows))
    return Timeline(groups, today)


def timeline_chart(timeline: Timeline, *, rtl: bool) -> SafeString:
    """The Gantt of the activities: time runs from the start side, today marked."""
    labels = progress_labels()
    rows = [
        GanttRow(
            label=row.label,
            start=row.activity.starts_on,
            end=row.activity.ends_on,
            # a cancelled activity keeps its place, drawn as planned and named in its tooltip
            status=PLANNED if row.progress == CANCELLED else row.progress,
            note=labels[CANCELLED] if row.progress == CANCELLED else "",
        )
        for row in timeline.rows
    ]
    return gantt_chart(
        rows,
        title=_("Activity timeline"),
        rtl=rtl,
        today=timeline.today,
        months_labels=lambda day: date_format(day, "M Y"),
        status_labels={PLANNED: labels[PLANNED]},
    )


# --- indicators ---------------------------------------------------------------------------


def progress_toward_target(baseline: Decimal, target: Decimal, value: Decimal) -> float | None:
    """Percent of the way from the baseline to the target, 0–100, whichever way the target
    lies (a target below the baseline counts a fall as progress); None without a way."""
    if target == baseline:
        return None
    share = 100 * (value - baseline) / (target - baseline)
    return float(min(max(share, Decimal(0)), Decimal(100)))


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    measurements: list[Measurement] = field(default_factory=list)

    @property
    def last(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def progress(self) -> float | None:
        """Progress toward the target at the last measurement (0 before any)."""
        ind = self.indicator
        value = self.last.value if self.last else ind.baseline
        return progress_toward_target(ind.baseline, ind.target, value)

    @property
    def row_label(self) -> str:
        """What the indicator measures: the row of the logical framework it belongs to."""
        ind = self.indicator
        row = ind.activity or ind.result or ind.objective
        level = ind.get_level_display()
        return f"{level}: {row}" if row else str(level)


def plan_indicators(plan: ActionPlan) -> list[IndicatorView]:
    """Every indicator with its measurements in date order (two queries)."""
    measurements = Measurement.objects.select_related("recorded_by").order_by("measured_on", "pk")
    indicators = plan.indicators.select_related("objective", "result", "activity")
    indicators = indicators.prefetch_related(Prefetch("measurements", queryset=measurements))
    return [IndicatorView(i, list(i.measurements.all())) for i in indicators]


@dataclass(frozen=True)
class Dashboard:
    plan: ActionPlan
    timeline: Timeline
    indicators: list[IndicatorView]
    comments: Sequence
    visits: Sequence

    @property
    def budget_percent(self) -> float | None:
        planned = self.timeline.budget_planned
        return float(100 * self.timeline.budget_used / planned) if planned else None


def plan_dashboard(plan: ActionPlan, today: date) -> Dashboard:
    """Everything the dashboard shows, in six queries."""
    return Dashboard(
        plan=plan,
        timeline=plan_timeline(plan, today),
        indicators=plan_indicators(plan),
        comments=list(plan.comments.select_related("author")),
        visits=list(plan.monitoring_visits.select_related("recorded_by")),
    )


# --- the small chart of an indicator --------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT, PLOT_TOP, PLOT_BOTTOM, SIDE, SMALL = (
    360.0,
    170.0,
    24.0,
    140.0,
    14.0,
    11.0,
)


@dataclass(frozen=True)
class _Scale:
    """Time across (from the start side: right to left in RTL), values up."""

    start: date
    end: date
    low: float
    high: float
    rtl: bool

    def x(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        share = min(max((day - self.start).days / span, 0), 1)
        width = CHART_WIDTH - 2 * SIDE
        return CHART_WIDTH - SIDE - share * width if self.rtl else SIDE + share * width

    def y(self, value: float) -> float:
        return PLOT_BOTTOM - (value - self.low) / (self.high - self.low) * (PLOT_BOTTOM - PLOT_TOP)


def _scale(view: IndicatorView, start: date, end: date, rtl: bool) -> _Scale:
    ind = view.indicator
    values = [float(ind.baseline), float(ind.target), *(float(m.value) for m in view.measurements)]
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or 1.0
    return _Scale(start, end, low - pad, high + pad, rtl)


def _reference_line(scale: _Scale, value: float, caption: str, *, above: bool, kind: str) -> str:
    """The baseline (dashed grey) or the target (green) across the plot, named at its end."""
    y = scale.y(value)
    look = {"stroke": GREEN, "stroke_width": 2} if kind == "target" else {"stroke": GREY_DARK}
    if kind == "baseline":
        look["stroke_dasharray"] = "5 3"
    line = element(
        "line", x1=SIDE, y1=y, x2=CHART_WIDTH - SIDE, y2=y, **look, class_=f"chart-{kind}"
    )
    x, anchor = (SIDE, "start") if scale.rtl else (CHART_WIDTH - SIDE, "end")
    baseline = y - 4 if above else y + SMALL + 2
    fill = GREEN_DARK if kind == "target" else MUTED
    options = {"size": SMALL, "anchor": anchor, "fill": fill}
    label = text(x, baseline, caption, **options, bold=kind == "target", class_="chart-label")
    return line + label


def _series(view: IndicatorView, scale: _Scale, unit: str) -> str:
    """The measurements joined by a line, each a point with its value as a tooltip."""
    points = [(scale.x(m.measured_on), scale.y(float(m.value)), m) for m in view.measurements]
    parts = []
    if len(points) > 1:
        path = " ".join(f"{num(x)},{num(y)}" for x, y, _m in points)
        parts.append(
            element(
                "polyline",
                points=path,
                fill="none",
                stroke=GREEN_DARK,
                stroke_width=2,
                class_="chart-series",
            )
        )
    for x, y, measurement in points:
        caption = (
            f"{measurement.measured_on.isoformat()}: {format_value(float(measurement.value), unit)}"
        )
        parts.append(
            element(
                "circle",
                element("title", escape(caption)),
                cx=x,
                cy=y,
                r=4,
                fill=GREEN_DARK,
                stroke=WHITE,
                stroke_width=1.5,
                class_="chart-point",
            )
        )
    return "".join(parts)


def indicator_chart(view: IndicatorView, *, start: date, end: date, rtl: bool) -> SafeString:
    """The indicator's measurements over the plan's period against its baseline and target.

    Class names: chart-baseline, chart-target, chart-series, chart-point, chart-label,
    chart-date, chart-empty.
    """
    ind, unit = view.indicator, f" {view.indicator.unit}"
    scale = _scale(view, start, end, rtl)
    target_above = ind.target > ind.baseline
    baseline_text = _("Baseline: %(value)s") % {"value": format_value(float(ind.baseline), unit)}
    target_text = _("Target: %(value)s") % {"value": format_value(float(ind.target), unit)}
    body = _reference_line(
        scale, float(ind.baseline), baseline_text, above=not target_above, kind="baseline"
    )
    body += _reference_line(
        scale, float(ind.target), target_text, above=target_above, kind="target"
    )
    body += _series(view, scale, unit)
    if not view.measurements:
        body += text(
            CHART_WIDTH / 2,
            (PLOT_TOP + PLOT_BOTTOM) / 2 + 4,
            _("No measurement yet"),
            size=SMALL,
            anchor="middle",
            fill=MUTED,
            class_="chart-empty",
        )
    for day, at_start in ((start, True), (end, False)):
        anchor = "end" if at_start == rtl else "start"
        body += text(
            scale.x(day),
            CHART_HEIGHT - 10,
            date_format(day, "SHORT_DATE_FORMAT"),
            size=SMALL,
            anchor=anchor,
            fill=MUTED,
            class_="chart-date",
        )
    figures = "; ".join(
        f"{m.measured_on.isoformat()}: {format_value(float(m.value), unit)}"
        for m in view.measurements
    )
    desc = f"{baseline_text}; {target_text}" + (f"; {figures}" if figures else "")
    cid = chart_id("indicator", ind.pk, desc, rtl, start, end)
    meta = {"cid": cid, "kind": "indicator", "title": ind.name, "desc": desc, "rtl": rtl}
    return document(**meta, size=(CHART_WIDTH, CHART_HEIGHT), body=body)
