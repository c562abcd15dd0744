"""Charts drawn as SVG on the server: the same markup in HTML pages and WeasyPrint PDFs.

Every function returns a SafeString holding one <svg role="img"> labelled by its <title>
and described by its <desc>; it uses presentation attributes only (no style attribute,
no <style>), so it passes the Content-Security-Policy and renders alike in both places.
The caller shows the same figures as a table. Class names are listed in each docstring;
chart, chart-<kind>, chart-background and chart-label are common to all.
"""

from .bars import BarRow, bar_chart
from .gantt import GanttRow, gantt_chart
from .progress import progress_bar
from .radar import RadarSeries, radar_chart

__all__ = [
    "BarRow",
    "GanttRow",
    "RadarSeries",
    "bar_chart",
    "gantt_chart",
    "progress_bar",
    "radar_chart",
]
