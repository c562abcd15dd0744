"""Horizontal bar charts (one or several series per row) and the thin progress bar."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ._svg import (
    ACCENT,
    GREEN,
    GREEN_DARK,
    GREY,
    GREY_DARK,
    LINE_HEIGHT,
    MUTED,
    WARNING,
    Swatch,
    centred_lines,
    chart_id,
    document,
    element,
    format_value,
    legend,
    text,
    text_width,
    wrap,
)

# Drawn about as wide as a phone's column, so that 14 units stay 11 px or more there.
WIDTH, MARGIN, FONT, SMALL, GAP = 400.0, 8.0, 15.0, 14.0, 3.0
COLORS = (GREEN, ACCENT, GREEN_DARK, WARNING)
QUARTERS = (0, 0.25, 0.5, 0.75, 1)


@dataclass(frozen=True)
class BarRow:
    """One row of a bar chart: its label and one value per series (None: no data)."""

    label: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class _Frame:
    """Label column on the start side, bars growing from it, figures after them."""

    rtl: bool
    label_width: float
    plot_start: float  # where every bar begins: its left edge in LTR, its right one in RTL
    plot_width: float
    maximum: float
    unit: str
    bars: int  # bars in a row's group
    label_lines: int  # the most lines a row's label takes

    @property
    def thickness(self) -> float:
        return 16.0 if self.bars == 1 else 12.0

    @property
    def group_height(self) -> float:
        return self.bars * self.thickness + (self.bars - 1) * GAP

    @property
    def row_height(self) -> float:
        return max(self.group_height + 12, self.label_lines * FONT * LINE_HEIGHT + 8)

    def bar_end(self, value: float) -> float:
        length = self.plot_width * min(max(value, 0), self.maximum) / self.maximum
        return self.plot_start - length if self.rtl else self.plot_start + length


def bar_chart(
    rows: Sequence[BarRow],
    *,
    title: str,
    rtl: bool,
    maximum: float = 100,
    unit: str = "%",
    series_names: Sequence[str] = (),
    colors: Sequence[str] = COLORS,
) -> SafeString:
    """Horizontal bars growing from the start side, each value printed at its bar's end.

    Several values per row are drawn as a group (declared, verified …) named by
    `series_names`; odd series are drawn light with an outline so print tells them apart.
    Class names: chart-label, chart-bar, chart-series-N, chart-value, chart-gridline,
    chart-tick, chart-legend.
    """
    names, colors = list(series_names), list(colors) or list(COLORS)
    frame = _frame(rows, names, rtl=rtl, maximum=maximum if maximum > 0 else 1, unit=unit)
    bottom = 8 + len(rows) * frame.row_height
    body = _gridlines(frame, top=4, bottom=bottom)
    for index, row in enumerate(rows):
        body += _row(row, frame, 8 + index * frame.row_height, names, colors)
    height = bottom + SMALL + 10
    if len(names) > 1:
        items = [(name, _swatch(colors, i)) for i, name in enumerate(names)]
        markup, used = legend(items, left=MARGIN, right=WIDTH - MARGIN, top=height, rtl=rtl)
        body, height = body + markup, height + used + 4
    desc = _describe(rows, names, unit)
    cid = chart_id("bars", title, desc, rtl, maximum)
    return document(
        cid=cid, kind="bars", size=(WIDTH, height), title=title, desc=desc, body=body, rtl=rtl
    )


def _frame(
    rows: Sequence[BarRow], names: Sequence[str], *, rtl: bool, maximum: float, unit: str
) -> _Frame:
    """Size the label column to the longest label (within bounds), then the rest."""
    longest = max((text_width(row.label, FONT) for row in rows), default=0)
    label_width = min(max(longest + 4, WIDTH * 0.18), WIDTH * 0.38)
    figures = [format_value(v, unit) for row in rows for v in row.values]
    value_room = max(text_width(f, SMALL) for f in [*figures, format_value(maximum, unit)]) + 10
    bars = max([len(names), *(len(row.values) for row in rows), 1])
    lines = max((len(wrap(row.label, label_width, FONT)[0]) for row in rows), default=1)
    return _Frame(
        rtl=rtl,
        label_width=label_width,
        plot_start=WIDTH - MARGIN - label_width - 10 if rtl else MARGIN + label_width + 10,
        plot_width=WIDTH - 2 * MARGIN - label_width - 10 - value_room,
        maximum=maximum,
        unit=unit,
        bars=bars,
        label_lines=lines,
    )


def _gridlines(frame: _Frame, *, top: float, bottom: float) -> str:
    """Lines at each quarter of the maximum, labelled below the bars."""
    parts = []
    for quarter in QUARTERS:
        x = frame.bar_end(frame.maximum * quarter)
        stroke = GREY_DARK if quarter == 0 else GREY
        parts.append(
            element("line", x1=x, y1=top, x2=x, y2=bottom, stroke=stroke, class_="chart-gridline")
        )
        label = format_value(frame.maximum * quarter, frame.unit, digits=-1)
        tick = {"size": SMALL, "fill": MUTED, "class_": "chart-tick"}
        parts.append(text(x, bottom + SMALL + 2, label, anchor="middle", **tick))
    return "".join(parts)


def _row(
    row: BarRow, frame: _Frame, top: float, names: Sequence[str], colors: Sequence[str]
) -> str:
    """The row's label (up to two lines) in the start column, then its group of bars."""
    middle = top + frame.row_height / 2
    lines, cut = wrap(row.label, frame.label_width, FONT)
    x, anchor = (WIDTH - MARGIN, "end") if frame.rtl else (MARGIN, "start")
    options = {"anchor": anchor, "full": row.label if cut else None}
    parts = [centred_lines(x, middle, lines, size=FONT, **options)]
    group_top = middle - frame.group_height / 2
    for index, value in enumerate(row.values):
        name = names[index] if index < len(names) else ""
        y = group_top + index * (frame.thickness + GAP)
        color = colors[index % len(colors)]
        parts.append(
            _bar(f"{row.label} — {name}" if name else row.label, value, frame, y, index, color)
        )
    return "".join(parts)


def _bar(caption: str, value: float | None, frame: _Frame, y: float, index: int, color: str) -> str:
    """One bar (none for a missing value) and its figure just past its end."""
    figure = format_value(value, frame.unit)
    end = frame.bar_end(value or 0)
    parts = []
    if value is not None:
        tooltip = element("title", escape(f"{caption}: {figure}"))
        box = {"x": min(frame.plot_start, end), "y": y, "width": abs(end - frame.plot_start)}
        style = {**_style(color, index), "class_": f"chart-bar chart-series-{index}"}
        parts.append(element("rect", tooltip, **box, height=frame.thickness, **style))
    x, anchor = (end - 4, "end") if frame.rtl else (end + 4, "start")
    y += frame.thickness / 2 + SMALL * 0.35
    options = {"size": SMALL, "anchor": anchor, "class_": "chart-value"}
    return "".join([*parts, text(x, y, figure, **options)])


def _style(color: str, index: int) -> dict[str, object]:
    """Even series solid, odd series light with an outline."""
    if index % 2:
        return {"fill": color, "fill_opacity": 0.3, "stroke": color, "stroke_width": 1.5}
    return {"fill": color}


def _swatch(colors: Sequence[str], index: int) -> Swatch:
    def draw(x: float, y: float) -> str:
        style = _style(colors[index % len(colors)], index)
        return element("rect", x=x + 1, y=y + 1, width=10, height=10, **style)

    return draw


def _describe(rows: Sequence[BarRow], names: Sequence[str], unit: str) -> str:
    parts = []
    for row in rows:
        figures = [
            " ".join(p for p in (names[i] if i < len(names) else "", format_value(v, unit)) if p)
            for i, v in enumerate(row.values)
        ]
        parts.append(f"{row.label}: {', '.join(figures)}")
    return "; ".join(parts) or gettext("No data")
