"""What every chart shares: palette, fonts, numbers, measured text, legend and document."""

import hashlib
import unicodedata
from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from citizenlabel.common.numbers import number_text, percent_text

INK = "#1d2630"
MUTED = "#4b5863"  # secondary text: 7.3:1 on white
GREEN = "#0b6b4f"
GREEN_DARK = "#084c38"
GREEN_LIGHT = "#9cc7b8"
GREEN_PALE = "#e6f1ed"
ACCENT = "#b5412a"  # 5.6:1 on white, so also a text colour
WARNING = "#c77700"  # fills only: 3.2:1 on white is too weak for text
GREY = "#d5dcda"
GREY_DARK = "#6b7780"
WHITE = "#ffffff"
ARABIC_FONTS = "Noto Naskh Arabic, Amiri, DejaVu Sans, sans-serif"
LATIN_FONTS = "Noto Sans, DejaVu Sans, sans-serif"
ELLIPSIS = "…"
LINE_HEIGHT = 1.35
LEGEND_SIZE = 14.0
SVG_NS = "http://www.w3.org/2000/svg"

Swatch = Callable[[float, float], str]  # draws a 12 × 12 sample whose top left is (x, y)


def num(value: float) -> str:
    """A coordinate with at most two decimals, without trailing zeros or "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_value(value: float | None, unit: str, digits: int = 1) -> str:
    """A figure as the page's tables write it: a percentage as the `percent` filter does,
    anything else with at most one decimal. Ticks pass digits=-1 ("25 %", not "25,0 %")."""
    if unit == "%":
        return percent_text(value, digits)
    if value is None:
        return "—"
    return f"{number_text(value, -1)}{unit}"


def attrs(**values: object) -> str:
    """XML attributes in the given order; `class_` gives class, `font_size` font-size."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = num(float(value))
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"')
    return "".join(parts)


def element(tag: str, content: str = "", **values: object) -> str:
    """One SVG element; `content` is markup that is already escaped."""
    if content:
        return f"<{tag}{attrs(**values)}>{content}</{tag}>"
    return f"<{tag}{attrs(**values)}/>"


def _is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def direction(text: str) -> str:
    """ "rtl" when the first letter with a direction is right-to-left (HTML's dir="auto")."""
    for char in text:
        if unicodedata.bidirectional(char) in ("L", "R", "AL"):
            return "rtl" if _is_rtl(char) else "ltr"
    return "ltr"


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the drawn width: 0.55 em an Arabic letter, 0.6 em others."""
    ems = sum(1.0 if c == ELLIPSIS else 0.55 if _is_rtl(c) else 0.6 for c in text)
    return ems * size * (1.1 if bold else 1.0)


def fit(text: str, max_width: float, size: float, bold: bool = False) -> tuple[str, bool]:
    """The text, or its longest start that fits with an ellipsis; and whether it was cut."""
    if text_width(text, size, bold) <= max_width:
        return text, False
    cut = text
    while cut and text_width(cut.rstrip() + ELLIPSIS, size, bold) > max_width:
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS, True


def wrap(
    text: str, max_width: float, size: float, max_lines: int = 2, bold: bool = False
) -> tuple[list[str], bool]:
    """The text broken between words into lines that fit; the last one cut if need be."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines - 1:
        count = 1
        while (
            count < len(words) and text_width(" ".join(words[: count + 1]), size, bold) <= max_width
        ):
            count += 1
        if text_width(words[0], size, bold) > max_width:
            break
        lines.append(" ".join(words[:count]))
        words = words[count:]
    last, cut = fit(" ".join(words), max_width, size, bold)
    return [line for line in [*lines, last] if line], cut


def text_lines(
    x: float,
    baselines: Sequence[float],
    lines: Sequence[str],
    *,
    size: float,
    anchor: str = "start",
    full: str | None = None,
    fill: str = INK,
    bold: bool = False,
    class_: str = "chart-label",
) -> str:
    """A <text> of one or more lines; `anchor` is physical (start = left edge at x).

    The text is written as it is read, in logical order; the browser shapes and orders it
    in the direction of its first letter (the PDF path prepares it for WeasyPrint, see
    reports.pdf). SVG anchors follow that direction, hence the physical anchor's flip.
    `full`, given when the lines were cut, is kept in a <title> child as a tooltip.
    """
    way = direction(" ".join(lines))  # figures, without letters, read left to right
    flipped = {"start": "end", "end": "start"}.get(anchor, anchor) if way == "rtl" else anchor
    style = {"font_size": size, "fill": fill, "text_anchor": flipped, "direction": way}
    style |= {"font_weight": "bold" if bold else None, "class_": class_}
    tooltip = element("title", escape(full)) if full else ""
    if len(lines) == 1:
        return element("text", escape(lines[0]) + tooltip, x=x, y=baselines[0], **style)
    spans = "".join(
        element("tspan", escape(line), x=x, y=y) for line, y in zip(lines, baselines, strict=True)
    )
    return element("text", spans + tooltip, **style)


def text(
    x: float, y: float, content: str, *, max_width: float | None = None, **options: object
) -> str:
    """A one-line <text> at baseline y, cut with an ellipsis beyond max_width."""
    shown, cut = content, False
    if max_width is not None:
        shown, cut = fit(content, max_width, float(options["size"]), bool(options.get("bold")))
    return text_lines(x, [y], [shown], full=content if cut else None, **options)


def centred_lines(
    x: float, middle: float, lines: Sequence[str], *, size: float, **options: object
) -> str:
    """Lines of text centred vertically on `middle` (see text_lines for the options)."""
    line = size * LINE_HEIGHT
    top = middle - len(lines) * line / 2
    baselines = [top + line * (i + 0.5) + size * 0.35 for i in range(len(lines))]
    return text_lines(x, baselines, lines, size=size, **options)


def legend(
    items: Sequence[tuple[str, Swatch]],
    *,
    left: float,
    right: float,
    top: float,
    rtl: bool,
    size: float = LEGEND_SIZE,
) -> tuple[str, float]:
    """Swatches and names flowing from the start side; the markup and the height it takes."""
    row_height, parts = size * 1.5, []
    cursor, row = 0.0, 0
    for name, swatch in items:
        shown, cut = fit(name, (right - left) - 40, size)
        width = 12 + 6 + text_width(shown, size) + 18
        if cursor and cursor + width > right - left:
            cursor, row = 0.0, row + 1
        y = top + row * row_height
        box = right - cursor - 12 if rtl else left + cursor
        label_x = box - 6 if rtl else box + 18
        parts.append(swatch(box, y))
        options = {"anchor": "end" if rtl else "start", "full": name if cut else None}
        options["class_"] = "chart-legend"
        parts.append(text_lines(label_x, [y + 6 + size * 0.35], [shown], size=size, **options))
        cursor += width
    return "".join(parts), (row + 1) * row_height if items else 0.0


def chart_id(kind: str, *parts: object) -> str:
    """An id for the chart's <title> and patterns, derived from what it shows."""
    digest = hashlib.sha1(repr([str(p) for p in parts]).encode(), usedforsecurity=False)
    return f"chart-{kind}-{digest.hexdigest()[:10]}"


def document(
    *,
    cid: str,
    kind: str,
    size: tuple[float, float],
    title: str,
    desc: str,
    body: str,
    rtl: bool,
    defs: str = "",
) -> SafeString:
    """The <svg> element, labelled by its <title> and described by its <desc>.

    Its width is the viewBox's: pages shrink it to their column (max-inline-size: 100%)
    but never draw it larger, so its text keeps the size it was drawn at or less.
    """
    head = element("title", escape(title), id=f"{cid}-title")
    head += element("desc", escape(desc), id=f"{cid}-desc")
    head += element("defs", defs) if defs else ""
    width, height = size
    background = element("rect", width=width, height=height, fill=WHITE, class_="chart-background")
    root = attrs(
        xmlns=SVG_NS,
        class_=f"chart chart-{kind}",
        viewBox=f"0 0 {num(width)} {num(height)}",
        width=width,
        role="img",
        aria_labelledby=f"{cid}-title",
        aria_describedby=f"{cid}-desc",
        font_family=ARABIC_FONTS if rtl else LATIN_FONTS,
        direction="rtl" if rtl else "ltr",
    )
    # Every text and attribute value above went through escape().
    return mark_safe(f"<svg{root}>{head}{background}{body}</svg>")
