"""The workbook layout of a referential, and writing a referential in it.

`excel.py` reads the same layout back to the same `ReferentialSpec`. Sheets have a header
row, then data; a multi-valued cell (legal_basis) separates its values with ";".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from .spec import AnchorSpec, OptionSpec, PrincipleSpec, QuestionSpec, ReferentialSpec, Texts

# Sheet -> the columns that must be there, in the order they are written.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "referential": ("key", "value"),
    "principles": ("code", "title_ar", "title_fr", "description_ar", "description_fr"),
    "anchors": ("principle", "ref", "text_ar", "text_fr"),
    "fields": ("code", "title_ar", "title_fr"),
    "questions": (
        *("field", "topic_code", "topic_ar", "topic_fr", "code", "letter", "principle"),
        *("kind", "weight", "max_points", "critical", "text_ar", "text_fr", "help_ar"),
        *("help_fr", "legal_basis"),
    ),
    "evidence": ("question", "text_ar", "text_fr"),
    "options": ("question", "code", "points", "not_applicable", "text_ar", "text_fr"),
}
# Optional columns, so that English texts and fields' descriptions survive a round trip.
EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {
    "principles": ("title_en", "description_en"),
    "anchors": ("text_en",),
    "fields": ("title_en", "description_ar", "description_fr", "description_en"),
    "questions": ("topic_en", "text_en", "help_en"),
    "evidence": ("text_en",),
    # Optional so that workbooks written before exclusive options existed still load.
    "options": ("text_en", "exclusive"),
}
REFERENTIAL_ROWS = ("code", "version", "aggregation", "title_ar", "title_fr", "title_en")
REFERENTIAL_ROWS += ("description_ar", "description_fr", "description_en")
NUMBER_COLUMNS = ("points", "weight", "max_points")
BOOLEAN_COLUMNS = ("critical", "not_applicable", "exclusive")
TEXT_PREFIXES = ("title_", "description_", "text_", "help_", "topic_ar", "topic_fr", "topic_en")


def columns_of(sheet: str) -> tuple[str, ...]:
    return (*REQUIRED_COLUMNS[sheet], *EXTRA_COLUMNS.get(sheet, ()))


def is_code_column(column: str) -> bool:
    """Codes, kinds and references: text, where a typed number must stay text."""
    return not column.startswith(TEXT_PREFIXES) and column not in (
        *NUMBER_COLUMNS,
        *BOOLEAN_COLUMNS,
    )


def write_referential_xlsx(spec: ReferentialSpec, path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet, rows in _sheets(spec):
        _write_sheet(workbook.create_sheet(sheet), columns_of(sheet), rows)
    workbook.save(path)


def _write_sheet(sheet: Worksheet, columns: tuple[str, ...], rows: Iterable[dict]) -> None:
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([row.get(column) for column in columns])
        for cell, column in zip(sheet[sheet.max_row], columns, strict=True):
            if is_code_column(column):  # so that a code typed later as 1.1 stays text
                cell.number_format = "@"
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a text, never a formula that Excel would run


def _text_cells(prefix: str, texts: Texts) -> dict[str, str]:
    return {f"{prefix}_{language}": text for language, text in texts.items()}


def _sheets(spec: ReferentialSpec) -> list[tuple[str, Iterable[dict]]]:
    questions = [question for _field, question in spec.questions()]
    anchors = [(p, a) for p in spec.principles for a in p.anchors]
    return [
        ("referential", _referential_rows(spec)),
        ("principles", [_coded(p.code, p.title, p.description) for p in spec.principles]),
        ("anchors", [_anchor_cells(principle, anchor) for principle, anchor in anchors]),
        ("fields", [_coded(f.code, f.title, f.description) for f in spec.fields]),
        ("questions", _question_rows(spec)),
        ("evidence", [_evidence_cells(q, texts) for q in questions for texts in q.evidence]),
        ("options", [_option_cells(q, option) for q in questions for option in q.options]),
    ]


def _coded(code: str, title: Texts, description: Texts) -> dict[str, Any]:
    return {"code": code, **_text_cells("title", title), **_text_cells("description", description)}


def _anchor_cells(principle: PrincipleSpec, anchor: AnchorSpec) -> dict[str, Any]:
    return {"principle": principle.code, "ref": anchor.ref, **_text_cells("text", anchor.text)}


def _evidence_cells(question: QuestionSpec, texts: Texts) -> dict[str, Any]:
    return {"question": question.code, **_text_cells("text", texts)}


def _option_cells(question: QuestionSpec, option: OptionSpec) -> dict[str, Any]:
    return {
        "question": question.code,
        "code": option.code,
        # A not-applicable option needs no points; keep them only if someone gave some.
        "points": None if option.not_applicable and not option.points else option.points,
        "not_applicable": option.not_applicable,
        "exclusive": option.exclusive,
        **_text_cells("text", option.text),
    }


def _referential_rows(spec: ReferentialSpec) -> Iterator[dict]:
    values = {
        "code": spec.code,
        "version": spec.version,
        "aggregation": spec.aggregation,
        **_text_cells("title", spec.title),
        **_text_cells("description", spec.description),
    }
    return ({"key": key, "value": values.get(key)} for key in REFERENTIAL_ROWS)


def _question_rows(spec: ReferentialSpec) -> Iterator[dict]:
    for field_ in spec.fields:
        blocks = [({}, field_.questions)] + [
            ({"topic_code": topic.code, **_text_cells("topic", topic.title)}, topic.questions)
            for topic in field_.topics
        ]
        for topic_cells, questions in blocks:
            for question in questions:
                yield {"field": field_.code, **topic_cells, **_question_cells(question)}


def _question_cells(question: QuestionSpec) -> dict[str, Any]:
    return {
        "code": question.code,
        "letter": question.letter,
        "principle": question.principle,
        "kind": question.kind,
        "weight": question.weight,
        "max_points": question.max_points,
        "critical": question.critical,
        **_text_cells("text", question.text),
        **_text_cells("help", question.help),
        "legal_basis": "; ".join(question.legal_basis),
    }
