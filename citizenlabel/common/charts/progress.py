"""The thin progress bar: a label, its percentage and a bar filled from the start side."""

from django.utils.safestring import SafeString

from ._svg import GREEN, GREY, chart_id, document, element, format_value, text, text_width

WIDTH, HEIGHT, MARGIN, FONT = 360.0, 40.0, 8.0, 14.0
CLASS = "chart-progress"


def progress_bar(value: float, maximum: float, *, label: str, rtl: bool) -> SafeString:
    """The label on the start side, the percentage on the end side, the bar beneath.

    Class names: chart-label, chart-value, chart-progress-track, chart-progress-fill.
    """
    percent = min(max(100 * value / maximum, 0), 100) if maximum > 0 else 0.0
    figure = format_value(percent, "%")
    room = WIDTH - 2 * MARGIN - text_width(figure, FONT, bold=True) - 12
    start, end = (WIDTH - MARGIN, MARGIN) if rtl else (MARGIN, WIDTH - MARGIN)
    anchors = ("end", "start") if rtl else ("start", "end")
    body = text(start, 17, label, size=FONT, anchor=anchors[0], max_width=room)
    body += text(end, 17, figure, size=FONT, anchor=anchors[1], bold=True, class_="chart-value")
    body += _track(percent, rtl)
    desc = f"{label}: {format_value(value, '')} / {format_value(maximum, '')} ({figure})"
    cid = chart_id("progress", label, desc, rtl)
    meta = {"cid": cid, "kind": "progress", "title": f"{label}: {figure}", "desc": desc}
    return document(**meta, size=(WIDTH, HEIGHT), body=body, rtl=rtl)


def _track(percent: float, rtl: bool) -> str:
    """The grey track and, from the start side, its green part."""
    track = WIDTH - 2 * MARGIN
    shape = {"y": 26, "height": 8, "rx": 4}
    markup = element(
        "rect", x=MARGIN, width=track, **shape, fill=GREY, class_="chart-progress-track"
    )
    filled = track * percent / 100
    if filled:
        x = WIDTH - MARGIN - filled if rtl else MARGIN
        markup += element(
            "rect", x=x, width=filled, **shape, fill=GREEN, class_="chart-progress-fill"
        )
    return markup
