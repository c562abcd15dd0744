"""What every chart shares: palette, fonts, numbers, measured text, legend and document."""

import hashlib
from collections.abc import Callable, Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ._bidi import has_rtl, visual

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
SVG_NS = "http://www.w3.org/2000/svg"

Swatch = Callable[[float, float], str]  # draws a 12 × 12 sample whose top left is (x, y)


def num(value: float) -> str:
    """A coordinate with at most two decimals, without trailing zeros or "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_value(value: float | None, unit: str) -> str:
    """A figure as people read it: at most one decimal, localised, with its unit."""
    if value is None:
        return "—"
    rounded = round(value, 1)
    decimals = 0 if rounded == int(rounded) else 1
    return f"{number_format(rounded, decimals)}{unit}"


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


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the drawn width: 0.55 em an Arabic letter, 0.6 em others."""
    ems = sum(1.0 if c == ELLIPSIS else 0.55 if has_rtl(c) else 0.6 for c in text)
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
    rtl: bool,
    anchor: str = "start",
    full: str | None = None,
    fill: str = INK,
    bold: bool = False,
    class_: str = "chart-label",
) -> str:
    """A <text> of one or more lines; `anchor` is physical (start = left edge at x).

    `full`, given when the lines were cut, is kept in a <title> child as a tooltip.
    """
    override = "bidi-override" if any(has_rtl(line) for line in lines) else None
    style = {"font_size": size, "fill": fill, "text_anchor": anchor}
    style |= {"font_weight": "bold" if bold else None, "class_": class_, "unicode_bidi": override}
    tooltip = element("title", escape(full)) if full else ""
    if len(lines) == 1:
        content = escape(visual(lines[0], rtl)) + tooltip
        return element("text", content, x=x, y=baselines[0], **style)
    spans = "".join(
        element("tspan", escape(visual(line, rtl)), x=x, y=y, unicode_bidi=override)
        for line, y in zip(lines, baselines, strict=True)
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
    items: Sequence[tuple[str, Swatch]], *, left: float, right: float, top: float, rtl: bool
) -> tuple[str, float]:
    """Swatches and names flowing from the start side; the markup and the height it takes."""
    size, row_height, parts = 12.0, 20.0, []
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
        parts.append(text_lines(label_x, [y + 10.5], [shown], size=size, rtl=rtl, **options))
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

    Text is drawn already ordered (see _bidi), hence `direction="ltr"` for every chart.
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
        width="100%",
        role="img",
        aria_labelledby=f"{cid}-title",
        aria_describedby=f"{cid}-desc",
        font_family=ARABIC_FONTS if rtl else LATIN_FONTS,
        direction="ltr",
    )
    # Every text and attribute value above went through escape().
    return mark_safe(f"<svg{root}>{head}{background}{body}</svg>")
