"""PDF documents with WeasyPrint: HTML templates rendered in one language, the stylesheet
read from the package's static files.

Pango shapes the HTML text; SVG text it does not: WeasyPrint draws it one code point at a
time and never reorders it (Kozea/WeasyPrint#2249, still so in WeasyPrint 70). So in the PDF
alone, each Arabic line of a chart is joined (presentation forms) and put in visual order
before WeasyPrint reads it; pages keep real text for the browser to shape.
"""

import html as html_text
import re
from pathlib import Path

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from weasyprint import CSS, HTML

STYLESHEET = Path(__file__).parent / "static" / "reports" / "report.css"
# A <text> or <tspan> start tag and the text right after it (up to a child or the end tag).
_SVG_TEXT = re.compile(r"<(text|tspan)\b([^>]*)>([^<]*)")
_RTL = re.compile(r"[\u0590-\u08ff]")
# Marks drawn apart from their letter would land beside it.
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": True})


def render_pdf(template: str, context: dict, *, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string(template, {**context, "language": language})
    return HTML(
        string=svg_text_for_weasyprint(html), base_url=str(Path(__file__).parent)
    ).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])


def svg_text_for_weasyprint(html: str) -> str:
    """The HTML with the Arabic of every SVG <text>/<tspan> joined and in visual order.

    A <tspan> takes the direction of the <text> before it, which the charts always give.
    """
    rtl = False

    def drawn(match: re.Match) -> str:
        nonlocal rtl
        tag, attributes, content = match.groups()
        if tag == "text":
            rtl = 'direction="rtl"' in attributes
        if not _RTL.search(content):
            return match.group(0)
        logical = html_text.unescape(content)
        visual = get_display(_RESHAPER.reshape(logical), base_dir="R" if rtl else "L")
        return f"<{tag}{attributes}>{escape(visual)}"

    return _SVG_TEXT.sub(drawn, html)
