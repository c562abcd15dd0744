"""Radar chart: one axis per principle, one polygon per series (0–100)."""

from collections.abc import Sequence
from dataclasses import dataclass
from math import cos, pi, sin

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ._svg import (
    GREEN,
    GREY,
    LINE_HEIGHT,
    MUTED,
    WHITE,
    Swatch,
    chart_id,
    document,
    element,
    format_value,
    legend,
    num,
    text,
    text_lines,
    wrap,
)
from .bars import BarRow, bar_chart

MIN_AXES, MAX_AXES = 3, 10
GRID_LEVELS = (25, 50, 75, 100)
DASHES = (None, "6 4", "2 3", "8 3 2 3")  # tells series apart in black and white


@dataclass(frozen=True)
class RadarSeries:
    """One polygon: a value 0–100 (or None: no data) per axis, in the order of the axes."""

    name: str
    values: Sequence[float | None]
    color: str = GREEN


@dataclass(frozen=True)
class _Layout:
    """Where the radar sits in its viewBox."""

    size: float
    width: float
    font: float
    radius: float
    axes: int

    @classmethod
    def for_size(cls, size: float, axes: int) -> "_Layout":
        font = max(12.0, size / 18.75)  # 16 at the default size: 11 px on a phone
        radius = size / 2 - font * 0.6 - 2 * font * LINE_HEIGHT - 4
        return cls(size=size, width=size * 1.6, font=font, radius=radius, axes=axes)

    def point(self, index: int, fraction: float, rtl: bool) -> tuple[float, float]:
        """Axis `index` at `fraction` of the radius; clockwise from the top, mirrored in RTL."""
        angle = 2 * pi * index / self.axes
        dx, dy = sin(angle) * self.radius * fraction, -cos(angle) * self.radius * fraction
        return self.width / 2 + (-dx if rtl else dx), self.size / 2 + dy


def radar_chart(
    axes: Sequence[str],
    series: Sequence[RadarSeries],
    *,
    title: str,
    rtl: bool,
    size: int = 300,
) -> SafeString:
    """A radar of 3 to 10 axes; with fewer or more it is drawn as horizontal bars instead.

    Class names: chart-grid, chart-grid-label, chart-spoke, chart-axis-label, chart-series,
    chart-series-N, chart-point, chart-point-missing, chart-legend.
    """
    if any(len(one.values) != len(axes) for one in series):
        raise ValueError("every radar series needs one value per axis")
    if not MIN_AXES <= len(axes) <= MAX_AXES:
        return _as_bars(axes, series, title=title, rtl=rtl)
    layout = _Layout.for_size(size, len(axes))
    desc = _describe(axes, series)
    body = _grid(layout, rtl) + _axis_labels(axes, layout, rtl)
    body += "".join(_polygon(axes, one, index, layout, rtl) for index, one in enumerate(series))
    height = layout.size
    if len(series) > 1:
        items = [(one.name, _swatch(one.color, index)) for index, one in enumerate(series)]
        markup, used = legend(
            items, left=8, right=layout.width - 8, top=height, rtl=rtl, size=layout.font
        )
        body, height = body + markup, height + used + 8
    cid = chart_id("radar", title, desc, rtl, size)
    box = (layout.width, height)
    return document(cid=cid, kind="radar", size=box, title=title, desc=desc, body=body, rtl=rtl)


def _as_bars(
    axes: Sequence[str], series: Sequence[RadarSeries], *, title: str, rtl: bool
) -> SafeString:
    rows = [BarRow(axis, [one.values[i] for one in series]) for i, axis in enumerate(axes)]
    names, colors = [one.name for one in series], [one.color for one in series]
    return bar_chart(rows, title=title, rtl=rtl, series_names=names, colors=colors)


def _describe(axes: Sequence[str], series: Sequence[RadarSeries]) -> str:
    parts = []
    for one in series:
        pairs = zip(axes, one.values, strict=True)
        figures = ", ".join(f"{axis} {format_value(value, '%')}" for axis, value in pairs)
        parts.append(f"{one.name}: {figures}" if one.name else figures)
    return "; ".join(parts) or gettext("No data")


def _points(layout: _Layout, fractions: Sequence[float], rtl: bool) -> str:
    corners = (layout.point(index, f, rtl) for index, f in enumerate(fractions))
    return " ".join(f"{num(x)},{num(y)}" for x, y in corners)


def _grid(layout: _Layout, rtl: bool) -> str:
    """Rings at 25/50/75/100 with their value beside the first spoke, and the spokes."""
    parts, small = [], layout.font - 1
    label = {"size": small, "fill": MUTED, "class_": "chart-grid-label"}
    for level in GRID_LEVELS:
        ring = _points(layout, [level / 100] * layout.axes, rtl)
        parts.append(element("polygon", points=ring, fill="none", stroke=GREY, class_="chart-grid"))
        x, y = layout.point(0, level / 100, rtl)
        x, anchor = (x - 6, "end") if rtl else (x + 6, "start")
        parts.append(text(x, y + small, str(level), anchor=anchor, **label))
    centre = {"x1": layout.width / 2, "y1": layout.size / 2}
    for index in range(layout.axes):
        x, y = layout.point(index, 1, rtl)
        parts.append(element("line", **centre, x2=x, y2=y, stroke=GREY, class_="chart-spoke"))
    return "".join(parts)


def _axis_labels(axes: Sequence[str], layout: _Layout, rtl: bool) -> str:
    """Each axis name just outside the outer ring, anchored away from the centre.

    Names at the top and bottom take up to two lines, those on the sides three.
    """
    parts, reach = [], 1 + layout.font * 0.6 / layout.radius
    for index, name in enumerate(axes):
        x, y = layout.point(index, reach, rtl)
        side, vertical = x - layout.width / 2, (y - layout.size / 2) / layout.radius
        anchor = "middle" if abs(side) < 1 else ("start" if side > 0 else "end")
        room = _label_room(layout, x, anchor, reach)
        lines, cut = wrap(name, room, layout.font, max_lines=3 if abs(vertical) <= 0.5 else 2)
        parts.append(
            text_lines(
                x,
                _baselines(layout, y, vertical, len(lines)),
                lines,
                size=layout.font,
                anchor=anchor,
                full=name if cut else None,
                class_="chart-axis-label",
            )
        )
    return "".join(parts)


def _label_room(layout: _Layout, x: float, anchor: str, reach: float) -> float:
    """The width a label may take without leaving the viewBox or meeting its neighbours."""
    margin = 6
    if anchor == "start":
        return layout.width - margin - x
    if anchor == "end":
        return x - margin
    neighbour = layout.radius * reach * sin(2 * pi / layout.axes)
    return 2 * max(min(neighbour - margin, x - margin), 0)


def _baselines(layout: _Layout, y: float, vertical: float, count: int) -> list[float]:
    """Lines stacked above a top label, below a bottom one, centred on a side one."""
    line = layout.font * LINE_HEIGHT
    height = count * line
    if vertical < -0.5:
        top = y - height
    elif vertical > 0.5:
        top = y
    else:
        top = y - height / 2
    return [top + layout.font + i * line for i in range(count)]


def _polygon(
    axes: Sequence[str], series: RadarSeries, index: int, layout: _Layout, rtl: bool
) -> str:
    """The filled polygon and its points; a missing value sits at 0 as a hollow point."""
    fractions = [min(max(v or 0, 0), 100) / 100 for v in series.values]
    shape = _series_style(series.color, index)
    parts = [
        element(
            "polygon",
            points=_points(layout, fractions, rtl),
            **shape,
            stroke_linejoin="round",
            class_=f"chart-series chart-series-{index}",
        )
    ]
    for axis_index, (axis, value) in enumerate(zip(axes, series.values, strict=True)):
        x, y = layout.point(axis_index, fractions[axis_index], rtl)
        figure = format_value(value, "%") if value is not None else gettext("No data")
        caption = f"{series.name}: {axis} {figure}" if series.name else f"{axis} {figure}"
        if value is None:
            look = {
                "fill": WHITE,
                "stroke": series.color,
                "class_": "chart-point chart-point-missing",
            }
        else:
            look = {"fill": series.color, "stroke": WHITE, "class_": "chart-point"}
        tooltip = element("title", escape(caption))
        parts.append(element("circle", tooltip, cx=x, cy=y, r=3.5, stroke_width=1.5, **look))
    return "".join(parts)


def _series_style(color: str, index: int) -> dict[str, object]:
    """Light fill, coloured outline; the dash pattern tells series apart in print."""
    dash = DASHES[index % len(DASHES)]
    return {
        "fill": color,
        "fill_opacity": 0.18,
        "stroke": color,
        "stroke_width": 2,
        "stroke_dasharray": dash,
    }


def _swatch(color: str, index: int) -> Swatch:
    def draw(x: float, y: float) -> str:
        return element("rect", x=x + 1, y=y + 1, width=10, height=10, **_series_style(color, index))

    return draw
