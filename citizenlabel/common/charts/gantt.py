"""Gantt chart of an action plan: months across, one bar per activity, a line for today."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ._svg import (
    ACCENT,
    GREEN,
    GREEN_DARK,
    GREEN_LIGHT,
    GREEN_PALE,
    GREY,
    GREY_DARK,
    INK,
    LINE_HEIGHT,
    MUTED,
    WARNING,
    WHITE,
    centred_lines,
    chart_id,
    document,
    element,
    legend,
    text,
    text_width,
    wrap,
)

STATUSES = ("planned", "current", "done", "late")
# Drawn about as wide as a phone's column, so that 14 units stay 11 px or more there.
WIDTH, MARGIN, FONT, SMALL, BAR, HEADER = 400.0, 8.0, 15.0, 14.0, 14.0, 28.0


@dataclass(frozen=True)
class GanttRow:
    """One activity from `start` to `end` (both included)."""

    label: str
    start: date
    end: date
    status: str = "planned"  # planned | current | done | late
    note: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.end < self.start:
            raise ValueError(f"{self.label!r} ends before it starts")


@dataclass(frozen=True)
class _Plan:
    """The geometry: label column on the start side, time running away from it."""

    first: date  # the first day shown
    last: date  # the first day after the range
    left: float
    right: float
    rtl: bool
    label_width: float
    row_height: float

    def x(self, day: date, fraction: float = 0) -> float:
        """Earliest at the left in LTR, at the right in RTL; `fraction` of the day added."""
        share = ((day - self.first).days + fraction) / (self.last - self.first).days
        width = self.right - self.left
        return self.right - share * width if self.rtl else self.left + share * width

    @classmethod
    def for_rows(cls, rows: Sequence[GanttRow], rtl: bool) -> "_Plan":
        """Whole months from the earliest start to the latest end, beside the labels."""
        longest = max(text_width(row.label, FONT, bold=row.status == "current") for row in rows)
        label_width = min(max(longest + 4, WIDTH * 0.2), WIDTH * 0.36)
        lines = max(
            len(wrap(r.label, label_width, FONT, bold=r.status == "current")[0]) for r in rows
        )
        first = min(row.start for row in rows).replace(day=1)
        last = _month_after(max(row.end for row in rows))
        left, right = MARGIN + label_width + 10, WIDTH - MARGIN - 4
        if rtl:
            left, right = MARGIN + 4, WIDTH - MARGIN - label_width - 10
        row_height = max(26.0, lines * FONT * LINE_HEIGHT + 6)
        return cls(first, last, left, right, rtl, label_width, row_height)


def gantt_chart(
    rows: Sequence[GanttRow],
    *,
    title: str,
    rtl: bool,
    today: date | None,
    months_labels: Callable[[date], str] | None = None,
    today_label: str | None = None,
    status_labels: Mapping[str, str] | None = None,
) -> SafeString:
    """Month columns, one bar per row, labels in a column on the start side, a today line.

    Time runs from the start side (right to left in RTL); the today line is drawn when
    today falls within the months shown. Current rows are highlighted and bold, late ones
    hatched with a dashed outline. `today_label` defaults to "Today" and `status_labels`
    to "Planned", "In progress", "Done" and "Late", translated.
    Class names: chart-label, chart-row-current, chart-month, chart-gridline, chart-bar,
    chart-bar-<status>, chart-today, chart-today-label, chart-legend.
    """
    labels = {**_default_status_labels(), **(status_labels or {})}
    today_text = str(today_label or gettext("Today"))
    summaries = [_summary(row, labels) for row in rows] + _today_summary(today, today_text)
    desc = "; ".join(summaries) if rows else gettext("No data")
    cid = chart_id("gantt", title, desc, rtl)
    meta = {"cid": cid, "kind": "gantt", "title": title, "desc": desc, "rtl": rtl}
    if not rows:
        body = text(WIDTH / 2, 24, gettext("No data"), size=FONT, anchor="middle")
        return document(**meta, size=(WIDTH, 36.0), body=body)
    plan = _Plan.for_rows(rows, rtl)
    bottom = HEADER + len(rows) * plan.row_height
    body = _months_header(plan, bottom, months_labels or (lambda day: day.strftime("%m/%Y")))
    for index, row in enumerate(rows):
        body += _row(row, HEADER + index * plan.row_height, plan, cid, _summary(row, labels))
    height = bottom + 8
    if today is not None and plan.first <= today < plan.last:
        body, height = body + _today(plan, today, today_text, bottom), bottom + SMALL + 12
    statuses = [status for status in STATUSES if any(row.status == status for row in rows)]
    items = [(labels[status], _swatch(status, cid)) for status in statuses]
    markup, used = legend(items, left=MARGIN, right=WIDTH - MARGIN, top=height, rtl=rtl)
    defs = _hatch(cid) if "late" in statuses else ""
    return document(**meta, size=(WIDTH, height + used + 4), body=body + markup, defs=defs)


def _default_status_labels() -> dict[str, str]:
    return {
        "planned": gettext("Planned"),
        "current": gettext("In progress"),
        "done": gettext("Done"),
        "late": gettext("Late"),
    }


def _summary(row: GanttRow, labels: Mapping[str, str]) -> str:
    """The row in words, for the description and the bar's tooltip."""
    dates = f"{row.label}: {row.start.isoformat()} – {row.end.isoformat()}"
    return ", ".join(part for part in (dates, str(labels[row.status]), row.note) if part)


def _today_summary(today: date | None, today_text: str) -> list[str]:
    return [f"{today_text}: {today.isoformat()}"] if today else []


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _status_style(status: str, cid: str) -> dict[str, object]:
    """Fill and stroke per status; outline and fill pattern alone tell them apart in print."""
    return {
        "planned": {
            "fill": WHITE,
            "stroke": GREY_DARK,
            "stroke_width": 1.2,
            "stroke_dasharray": "3 2",
        },
        "current": {"fill": GREEN, "stroke": GREEN_DARK, "stroke_width": 2},
        "done": {"fill": GREEN_LIGHT, "stroke": GREEN_DARK, "stroke_width": 1},
        "late": {
            "fill": f"url(#{cid}-late)",
            "stroke": INK,
            "stroke_width": 1.5,
            "stroke_dasharray": "5 3",
        },
    }[status]


def _hatch(cid: str) -> str:
    """Diagonal ink stripes on the warning colour, for late activities."""
    stripes = element("rect", width=6, height=6, fill=WARNING)
    stripes += element("line", x1=0, y1=0, x2=0, y2=6, stroke=INK, stroke_width=1.5)
    pattern = {"patternUnits": "userSpaceOnUse", "patternTransform": "rotate(45)"}
    return element("pattern", stripes, id=f"{cid}-late", width=6, height=6, **pattern)


def _months_header(plan: _Plan, bottom: float, month_label: Callable[[date], str]) -> str:
    """A gridline at each month's start; labels begin there, every `step` months if narrow."""
    months = [plan.first]
    while (following := _month_after(months[-1])) < plan.last:
        months.append(following)
    names = [str(month_label(month)) for month in months]
    slot = (plan.right - plan.left) / len(months)
    step = max(1, ceil((max(text_width(name, SMALL) for name in names) + 8) / slot))
    anchor, parts = "end" if plan.rtl else "start", []
    for index, (month, name) in enumerate(zip(months, names, strict=True)):
        x, labelled = plan.x(month), index % step == 0
        parts.append(_vertical(x, HEADER - 8 if labelled else HEADER, bottom))
        if labelled:
            room = min(step, len(months) - index) * slot - 6
            parts.append(
                text(
                    x - 3 if plan.rtl else x + 3,
                    HEADER - 8,
                    name,
                    size=SMALL,
                    anchor=anchor,
                    fill=MUTED,
                    max_width=room,
                    class_="chart-month",
                )
            )
    parts.append(_vertical(plan.x(plan.last), HEADER - 8, bottom))
    return "".join(parts)


def _vertical(x: float, top: float, bottom: float) -> str:
    return element("line", x1=x, y1=top, x2=x, y2=bottom, stroke=GREY, class_="chart-gridline")


def _row(row: GanttRow, top: float, plan: _Plan, cid: str, summary: str) -> str:
    """The highlight of a current row, its label, its bar and the line under it."""
    height, parts = plan.row_height, []
    if row.status == "current":
        band = {"x": MARGIN, "y": top + 1, "width": WIDTH - 2 * MARGIN, "height": height - 2}
        parts.append(element("rect", **band, fill=GREEN_PALE, class_="chart-row-current"))
    parts.append(_row_label(row, top + height / 2, plan))
    start, end = plan.x(row.start), plan.x(row.end + timedelta(days=1))
    bar = {"x": min(start, end), "y": top + (height - BAR) / 2, "width": max(abs(end - start), 2)}
    style = {**_status_style(row.status, cid), "class_": f"chart-bar chart-bar-{row.status}"}
    parts.append(
        element("rect", element("title", escape(summary)), **bar, height=BAR, rx=2, **style)
    )
    line = {"x1": MARGIN, "y1": top + height, "x2": WIDTH - MARGIN, "y2": top + height}
    parts.append(element("line", **line, stroke=GREY, class_="chart-gridline"))
    return "".join(parts)


def _row_label(row: GanttRow, middle: float, plan: _Plan) -> str:
    """The label in the start column, on up to two lines, bold for a current row."""
    bold = row.status == "current"
    lines, cut = wrap(row.label, plan.label_width, FONT, bold=bold)
    x, anchor = (WIDTH - MARGIN - 4, "end") if plan.rtl else (MARGIN + 4, "start")
    options = {"anchor": anchor, "bold": bold, "full": row.label if cut else None}
    return centred_lines(x, middle, lines, size=FONT, **options)


def _today(plan: _Plan, today: date, label: str, bottom: float) -> str:
    """A dashed vertical line through the middle of today, its label under the rows."""
    x = plan.x(today, 0.5)
    line = element(
        "line",
        x1=x,
        y1=HEADER - 4,
        x2=x,
        y2=bottom + 2,
        stroke=ACCENT,
        stroke_width=1.5,
        stroke_dasharray="4 3",
        class_="chart-today",
    )
    half = text_width(label, SMALL, bold=True) / 2
    centre = min(max(x, plan.left + half), plan.right - half)
    return line + text(
        centre,
        bottom + SMALL + 4,
        label,
        size=SMALL,
        anchor="middle",
        fill=ACCENT,
        bold=True,
        class_="chart-today-label",
    )


def _swatch(status: str, cid: str) -> Callable[[float, float], str]:
    def draw(x: float, y: float) -> str:
        return element(
            "rect", x=x + 1, y=y + 2, width=10, height=8, rx=1, **_status_style(status, cid)
        )

    return draw
