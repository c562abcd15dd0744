"""The PDF path alone prepares chart text for WeasyPrint: Arabic joined, in visual order."""

import subprocess
import unicodedata

from citizenlabel.common.charts import BarRow, bar_chart
from citizenlabel.reports import pdf


def test_it_joins_and_orders_the_arabic_of_svg_text_only():
    html = (
        '<p>المشاركة</p><svg><text direction="rtl" x="1">قسم 3 (أ) &amp; المشاركة<title>'
        'المشاركة</title></text><text direction="ltr">Commune الرباط</text>'
        '<text direction="ltr">56,3 %</text></svg>'
    )
    assert pdf.svg_text_for_weasyprint(html) == (
        '<p>المشاركة</p><svg><text direction="rtl" x="1">'
        "\ufe94\ufedb\ufead\ufe8e\ufeb8\ufee4\ufedf\ufe8d &amp; (\ufe83) 3 \ufee2\ufeb4\ufed7"
        '<title>المشاركة</title></text><text direction="ltr">Commune '
        '\ufec1\ufe8e\ufe91\ufeae\ufedf\ufe8d</text><text direction="ltr">56,3 %</text></svg>'
    )


def test_it_gives_each_line_of_a_label_the_direction_of_its_text():
    html = '<text direction="rtl"><tspan x="1">النسبة 75%</tspan><tspan>سلام</tspan></text>'
    assert pdf.svg_text_for_weasyprint(html) == (
        '<text direction="rtl"><tspan x="1">%75 \ufe94\ufe92\ufeb4\ufee8\ufedf\ufe8d</tspan>'
        "<tspan>\ufee1\ufefc\ufeb3</tspan></text>"
    )


def test_a_pdf_with_an_arabic_chart_reads_its_words(tmp_path, monkeypatch):
    chart = bar_chart(
        [BarRow("المشاركة", [56.25]), BarRow("الشفافية", [40])], title="النتائج", rtl=True
    )
    monkeypatch.setattr(pdf, "render_to_string", lambda *a, **k: f'<html dir="rtl">{chart}</html>')
    path = tmp_path / "chart.pdf"
    path.write_bytes(pdf.render_pdf("unused.html", {}, language="ar"))
    found = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    # pdftotext marks runs with bidi controls and returns the joined forms: read past both.
    text = "".join(c for c in found.stdout if unicodedata.category(c) != "Cf")
    words = unicodedata.normalize("NFKC", text).split()
    assert {"المشاركة", "الشفافية", "56,3", "%"} <= set(words)
