"""PDF documents with WeasyPrint: HTML templates rendered in one language, Arabic shaped by
Pango (never pre-shaped here), the stylesheet read from the package's static files."""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML

STYLESHEET = Path(__file__).parent / "static" / "reports" / "report.css"


def render_pdf(template: str, context: dict, *, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string(template, {**context, "language": language})
    return HTML(string=html, base_url=str(Path(__file__).parent)).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))]
    )
