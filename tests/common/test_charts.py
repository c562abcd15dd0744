import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from citizenlabel.common.charts import (
    BarRow,
    GanttRow,
    RadarSeries,
    bar_chart,
    gantt_chart,
    progress_bar,
    radar_chart,
)
from citizenlabel.common.charts._svg import text_width

SVG = "{http://www.w3.org/2000/svg}"
PRINCIPLES = ["المشاركة", "الشفافية وربط المسؤولية بالمحاسبة", "المساواة", "النجاعة"]
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
LONG = "Transparence, reddition des comptes et accès à l'information " * 3


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def viewbox(root: ET.Element) -> list[float]:
    return [float(n) for n in root.get("viewBox").split()]


def points(polygon: ET.Element) -> list[tuple[float, float]]:
    return [tuple(float(n) for n in pair.split(",")) for pair in polygon.get("points").split()]


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def bar_centre(rect: ET.Element) -> float:
    return float(rect.get("x")) + float(rect.get("width")) / 2


def every_chart(rtl: bool) -> list[str]:
    series = [RadarSeries("Déclaré", [80, 62.5, None, 45]), RadarSeries("Vérifié", [70, 40, 30, 0])]
    plan = [
        GanttRow(PRINCIPLES[0], date(2025, 1, 6), date(2025, 2, 28), "done"),
        GanttRow(PRINCIPLES[1], date(2025, 2, 15), date(2025, 5, 31), "current", note="<b>"),
        GanttRow(LONG, date(2025, 3, 1), date(2025, 9, 30), "late"),
        GanttRow("Publication", date(2025, 6, 1), date(2025, 7, 15)),
    ]
    rows = [BarRow(label, [55, None]) for label in [*PRINCIPLES, LONG]]
    return [
        radar_chart(PRINCIPLES, series, title="Résultats", rtl=rtl),
        radar_chart([*PRINCIPLES, LONG, *"ABCDE"], series[:0], title="Dix axes", rtl=rtl),
        radar_chart(PRINCIPLES[:2], [RadarSeries("x", [10, None])], title="Deux axes", rtl=rtl),
        bar_chart(rows, title="Barres", rtl=rtl, series_names=["Déclaré", "Vérifié"]),
        bar_chart([], title="Vide", rtl=rtl),
        progress_bar(7, 12, label=LONG, rtl=rtl),
        gantt_chart(plan, title="Plan", rtl=rtl, today=date(2025, 4, 15)),
        gantt_chart([], title="Plan vide", rtl=rtl, today=None),
    ]


@pytest.mark.parametrize("rtl", [True, False])
def test_it_draws_well_formed_svg_without_style_or_script(rtl):
    for markup in every_chart(rtl):
        root = parse(markup)
        assert root.tag == f"{SVG}svg"
        assert [e for e in root.iter() if "style" in e.attrib] == []
        assert [e.tag for e in root.iter() if e.tag in (f"{SVG}style", f"{SVG}script")] == []
        assert "href" not in markup and "url(http" not in markup


@pytest.mark.parametrize("rtl", [True, False])
def test_it_is_labelled_by_its_title_and_described(rtl):
    for markup in every_chart(rtl):
        root = parse(markup)
        title, desc = root[0], root[1]
        assert root.get("role") == "img"
        assert float(root.get("width")) == viewbox(root)[2]
        assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
        assert root.get("aria-labelledby") == title.get("id")
        assert root.get("aria-describedby") == desc.get("id")
        assert title.text and desc.text


def test_it_describes_the_figures():
    series = [RadarSeries("Déclaré", [80, 62.5, None, 45])]
    with translation.override("fr"):
        desc = parse(radar_chart(PRINCIPLES, series, title="R", rtl=False))[1].text
    assert desc == (
        "Déclaré: المشاركة 80,0 %, الشفافية وربط المسؤولية بالمحاسبة 62,5 %, المساواة —, "
        "النجاعة 45,0 %"
    )


def test_it_chooses_the_font_by_direction():
    arabic = parse(progress_bar(1, 2, label="المشاركة", rtl=True))
    french = parse(progress_bar(1, 2, label="Participation", rtl=False))
    assert arabic.get("font-family") == "Noto Naskh Arabic, Amiri, DejaVu Sans, sans-serif"
    assert french.get("font-family") == "Noto Sans, DejaVu Sans, sans-serif"


def test_it_puts_a_full_first_axis_at_the_top_centre():
    root = parse(
        radar_chart(list("ABCD"), [RadarSeries("s", [100, 0, 0, 0])], title="t", rtl=False)
    )
    width, height = viewbox(root)[2:]
    outer_ring = with_class(root, "chart-grid")[-1]
    first = points(with_class(root, "chart-series")[0])[0]
    assert first == (width / 2, min(y for _, y in points(outer_ring)))
    assert first[1] < height / 2
    assert points(with_class(root, "chart-series")[0])[1] == (width / 2, height / 2)


def test_it_turns_clockwise_in_ltr_and_counter_clockwise_in_rtl():
    series = [RadarSeries("s", [0, 100, 0, 0])]
    ltr = parse(radar_chart(list("ABCD"), series, title="t", rtl=False))
    rtl = parse(radar_chart(list("ABCD"), series, title="t", rtl=True))
    centre = viewbox(ltr)[2] / 2
    second_ltr = points(with_class(ltr, "chart-series")[0])[1]
    second_rtl = points(with_class(rtl, "chart-series")[0])[1]
    assert second_ltr[0] > centre > second_rtl[0]
    assert (second_ltr[0] - centre, second_ltr[1]) == (centre - second_rtl[0], second_rtl[1])
    anchors = [with_class(root, "chart-axis-label")[1].get("text-anchor") for root in (ltr, rtl)]
    assert anchors == ["start", "end"]


def test_it_draws_a_missing_value_at_the_centre_as_a_hollow_point():
    root = parse(radar_chart(list("ABC"), [RadarSeries("s", [50, None, 50])], title="t", rtl=False))
    width, height = viewbox(root)[2:]
    missing = with_class(root, "chart-point-missing")
    assert len(missing) == 1
    assert (float(missing[0].get("cx")), float(missing[0].get("cy"))) == (width / 2, height / 2)
    assert missing[0].get("fill") == "#ffffff"


def test_it_shows_a_legend_only_for_several_series():
    one = parse(radar_chart(list("ABC"), [RadarSeries("Déclaré", [1, 2, 3])], title="t", rtl=False))
    two = parse(
        radar_chart(
            list("ABC"),
            [RadarSeries("Déclaré", [1, 2, 3]), RadarSeries("Vérifié", [3, 2, 1])],
            title="t",
            rtl=False,
        )
    )
    assert [e.text for e in with_class(one, "chart-legend")] == []
    assert [e.text for e in with_class(two, "chart-legend")] == ["Déclaré", "Vérifié"]


@pytest.mark.parametrize("axes", [[], ["A"], ["A", "B"], list("ABCDEFGHIJK")])
def test_it_draws_bars_instead_of_a_radar_without_3_to_10_axes(axes):
    root = parse(radar_chart(axes, [RadarSeries("s", [50] * len(axes))], title="t", rtl=True))
    assert root.get("class") == "chart chart-bars"
    assert len(with_class(root, "chart-bar")) == len(axes)


def test_it_grows_bars_from_the_start_side():
    rows = [BarRow("a", [20]), BarRow("b", [90])]
    ltr = with_class(parse(bar_chart(rows, title="t", rtl=False)), "chart-bar")
    rtl = with_class(parse(bar_chart(rows, title="t", rtl=True)), "chart-bar")
    assert float(ltr[0].get("x")) == float(ltr[1].get("x"))
    ends = [float(r.get("x")) + float(r.get("width")) for r in rtl]
    assert ends[0] == ends[1]
    assert float(rtl[1].get("x")) < float(rtl[0].get("x"))


def test_it_prints_each_value_at_the_end_of_its_bar():
    root = parse(bar_chart([BarRow("a", [40, None])], title="t", rtl=True, series_names=["x", "y"]))
    bar, values = with_class(root, "chart-bar")[0], with_class(root, "chart-value")
    assert [v.text for v in values] == ["40,0 %", "—"]
    assert float(values[0].get("x")) < float(bar.get("x"))
    assert values[0].get("text-anchor") == "end"


def test_it_fills_the_progress_bar_from_the_start_side():
    with translation.override("fr"):
        ltr = parse(progress_bar(7, 12, label="Réalisation", rtl=False))
    rtl = parse(progress_bar(7, 12, label="الإنجاز", rtl=True))
    track, fill = (
        with_class(rtl, "chart-progress-track")[0],
        with_class(rtl, "chart-progress-fill")[0],
    )
    right = float(track.get("x")) + float(track.get("width"))
    assert float(fill.get("x")) + float(fill.get("width")) == right
    assert with_class(ltr, "chart-progress-fill")[0].get("x") == track.get("x")
    assert [e.text for e in with_class(ltr, "chart-value")] == ["58,3 %"]
    assert parse(progress_bar(5, 0, label="x", rtl=False)).find(f".//{SVG}title").text == "x: 0,0 %"


def gantt_bars(rtl: bool, today: date | None = date(2025, 4, 15)) -> ET.Element:
    rows = [
        GanttRow("Janvier", date(2025, 1, 1), date(2025, 1, 31), "done"),
        GanttRow("Juin", date(2025, 6, 1), date(2025, 6, 30), "late"),
    ]
    return parse(gantt_chart(rows, title="Plan", rtl=rtl, today=today, today_label="Aujourd'hui"))


def test_it_runs_time_right_to_left_in_rtl_and_left_to_right_in_ltr():
    january, june = with_class(gantt_bars(rtl=True), "chart-bar")
    assert bar_centre(january) > bar_centre(june)
    january, june = with_class(gantt_bars(rtl=False), "chart-bar")
    assert bar_centre(january) < bar_centre(june)


@pytest.mark.parametrize("rtl", [True, False])
def test_it_draws_today_between_an_earlier_and_a_later_activity(rtl):
    root = gantt_bars(rtl)
    january, june = with_class(root, "chart-bar")
    today = float(with_class(root, "chart-today")[0].get("x1"))
    centres = sorted([bar_centre(january), bar_centre(june)])
    assert centres[0] < today < centres[1]
    assert with_class(root, "chart-today-label")[0].text == "Aujourd'hui"


def test_it_leaves_out_a_today_outside_the_months_shown():
    assert with_class(gantt_bars(rtl=False, today=date(2030, 1, 1)), "chart-today") == []


def test_it_marks_each_status_apart_from_its_colour():
    root = gantt_bars(rtl=False)
    done, late = with_class(root, "chart-bar")
    assert done.get("stroke-dasharray") is None
    assert late.get("stroke-dasharray") == "5 3"
    assert late.get("fill") == f"url(#{root.find(f'.//{SVG}pattern').get('id')})"


def test_it_highlights_the_current_rows():
    rows = [GanttRow("Formation", date(2025, 1, 1), date(2025, 3, 1), "current")]
    root = parse(gantt_chart(rows, title="t", rtl=False, today=None))
    assert len(with_class(root, "chart-row-current")) == 1
    assert with_class(root, "chart-label")[0].get("font-weight") == "bold"


def test_it_refuses_an_unknown_status_or_an_end_before_the_start():
    with pytest.raises(ValueError):
        GanttRow("x", date(2025, 1, 1), date(2025, 2, 1), "cancelled")
    with pytest.raises(ValueError):
        GanttRow("x", date(2025, 2, 1), date(2025, 1, 1))


def test_it_escapes_labels():
    evil = "<script>alert('x')</script>"
    charts = [
        bar_chart([BarRow(evil, [1])], title=evil, rtl=False),
        radar_chart([evil, "b", "c"], [RadarSeries(evil, [1, 2, 3])], title=evil, rtl=False),
        gantt_chart(
            [GanttRow(evil, date(2025, 1, 1), date(2025, 1, 2))],
            title=evil,
            rtl=True,
            today=None,
            months_labels=lambda day: evil,
        ),
        progress_bar(1, 2, label=evil, rtl=False),
    ]
    for markup in charts:
        assert "<script" not in markup
        assert "&lt;script&gt;" in markup
        assert parse(markup).find(f"{SVG}title").text.startswith(evil)


def test_it_cuts_long_labels_and_keeps_them_whole_in_a_title():
    root = parse(bar_chart([BarRow(LONG, [50])], title="t", rtl=False))
    label = with_class(root, "chart-label")[0]
    shown = " ".join(span.text for span in label.iter(f"{SVG}tspan"))
    assert shown.endswith("…")
    assert len(shown) < len(LONG)
    assert label.find(f"{SVG}title").text == LONG


def test_it_writes_arabic_as_real_text_in_the_order_it_is_read():
    root = parse(
        bar_chart([BarRow("المشاركة", [1]), BarRow("يناير 2025", [2])], title="t", rtl=True)
    )
    first, second = with_class(root, "chart-label")
    assert (first.text, second.text) == ("المشاركة", "يناير 2025")
    assert (first.get("direction"), first.get("text-anchor")) == ("rtl", "start")
    assert first.get("unicode-bidi") is None


@pytest.mark.parametrize("rtl", [True, False])
def test_it_draws_no_presentation_forms(rtl):
    for markup in every_chart(rtl):
        drawn = "".join(parse(markup).itertext())
        assert PRESENTATION_FORMS.findall(drawn) == []
    assert "الشفافية وربط المسؤولية بالمحاسبة" in "".join(parse(every_chart(rtl)[0]).itertext())


def test_it_writes_figures_left_to_right_in_an_arabic_chart():
    root = parse(bar_chart([BarRow("المشاركة", [56.25])], title="t", rtl=True))
    value = with_class(root, "chart-value")[0]
    assert (value.text, value.get("direction"), value.get("text-anchor")) == (
        "56,3 %",
        "ltr",
        "end",
    )


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_it_rounds_a_figure_as_the_table_beside_it_does(language):
    table = Template("{% load texts %}{{ value|percent }}")
    with translation.override(language):
        root = parse(bar_chart([BarRow("a", [56.25]), BarRow("b", [0.05])], title="t", rtl=False))
        cells = [table.render(Context({"value": v})) for v in (56.25, 0.05)]
    assert [v.text for v in with_class(root, "chart-value")] == ["56,3 %", "0,1 %"]
    assert cells == [f'<bdi dir="ltr">{v.text}</bdi>' for v in with_class(root, "chart-value")]


@pytest.mark.parametrize("rtl", [True, False])
def test_it_keeps_every_text_inside_the_viewbox(rtl):
    for markup in every_chart(rtl):
        root = parse(markup)
        width = viewbox(root)[2]
        for node in root.iter(f"{SVG}text"):
            spans = list(node.iter(f"{SVG}tspan")) or [node]
            for span in spans:
                size = float(node.get("font-size")) * (1.1 if node.get("font-weight") else 1)
                drawn = span.text or ""
                anchor = physical(node.get("text-anchor"), node.get("direction"))
                left, right = extent(float(span.get("x")), anchor, drawn, size)
                assert left >= 0 and right <= width, (drawn, left, right, width)


def physical(anchor: str, direction: str) -> str:
    """SVG anchors follow the text's direction: "start" is the right end of RTL text."""
    return {"start": "end", "end": "start"}.get(anchor, anchor) if direction == "rtl" else anchor


def extent(x: float, anchor: str, content: str, size: float) -> tuple[float, float]:
    measured = text_width(content, size)
    start = {"start": x, "middle": x - measured / 2, "end": x - measured}[anchor]
    return start, start + measured


def test_it_uses_text_colours_readable_on_white():
    colours = set()
    for rtl in (True, False):
        for markup in every_chart(rtl):
            colours |= {node.get("fill") for node in parse(markup).iter(f"{SVG}text")}
    assert colours and all(contrast(colour) >= 4.5 for colour in colours), colours


def contrast(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_it_draws_the_same_bytes_for_the_same_input():
    assert every_chart(True) == every_chart(True)
    assert every_chart(False) == every_chart(False)


def test_it_rounds_coordinates_to_two_decimals():
    markup = radar_chart(
        PRINCIPLES, [RadarSeries("s", [33.333, 66.667, 12.5, 99.99])], title="t", rtl=True
    )
    assert re.findall(r"\d\.\d{3,}", markup) == []
