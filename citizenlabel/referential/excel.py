"""Reading a referential from an Excel workbook, for the people who write it in a spreadsheet.

Reading builds the same nested dict as a YAML file and hands it to the one validator
(`validation.build_referential`), so both formats refuse the same mistakes; this module only
adds what is particular to a workbook: its sheets, columns and cells.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from citizenlabel.common.problems import InvalidInput, Problem

from .excel_export import (
    BOOLEAN_COLUMNS,
    NUMBER_COLUMNS,
    REFERENTIAL_ROWS,
    REQUIRED_COLUMNS,
    columns_of,
    is_code_column,
    write_referential_xlsx,
)
from .spec import LANGUAGES, ReferentialSpec, Texts
from .validation import DataPath, build_referential

__all__ = ["read_referential_xlsx", "write_referential_xlsx"]


TRUE_WORDS, FALSE_WORDS = ("true", "yes", "1", "vrai", "oui"), ("false", "no", "0", "faux", "non")
OPTIONAL_SHEETS = ("anchors", "evidence")

Cell = tuple[str, int | None, str | None]  # sheet, row, column


class _Absent:
    """An empty cell. Its key is left out of the data, as a key absent from a YAML file."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


def read_referential_xlsx(path: Path) -> ReferentialSpec:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        message = _("Cannot read the workbook: %(error)s")
        raise InvalidInput([Problem(path.name, message % {"error": error})]) from error
    try:
        reader = _WorkbookReader(path.name, workbook)
        data = reader.data()
    finally:
        workbook.close()
    return build_referential(data, reader, reader.problems)


def _empty(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _number_as_text(number: int | float) -> str:
    # A code typed as 1.1 or 2022 comes back as a number; 2022.0 must read "2022".
    return str(int(number)) if float(number).is_integer() else repr(number)


def _number(cell: Any) -> Any:
    if isinstance(cell, str):  # a number stored as text still counts
        try:
            return Decimal(cell.strip())
        except InvalidOperation:
            return cell  # the validator says it is not a number
    return cell


def _boolean(cell: Any) -> Any:
    if isinstance(cell, int | float) and not isinstance(cell, bool) and cell in (0, 1):
        return bool(cell)
    word = cell.strip().lower() if isinstance(cell, str) else None
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    return cell  # True/False already, or a mistake the validator reports


@dataclass(frozen=True)
class _Row:
    sheet: str
    number: int
    cells: dict[str, Any]  # column -> value; ABSENT when the cell is empty

    def get(self, column: str) -> Any:
        return self.cells.get(column, ABSENT)

    def at(self, column: str | None = None) -> Cell:
        return (self.sheet, self.number, column)


class _WorkbookReader:
    """Builds the nested dict and is its `Locator`: every value remembers its cell."""

    def __init__(self, source: str, workbook: Workbook) -> None:
        self.source, self.workbook = source, workbook
        self.problems: list[Problem] = []
        self.places: dict[DataPath, Cell] = {(): ("referential", None, None)}
        self.questions: dict[Any, tuple[dict, DataPath]] = {}

    def place(self, path: DataPath) -> str:
        cell = next(
            self.places[path[:n]] for n in range(len(path), -1, -1) if path[:n] in self.places
        )
        return self.cell_place(*cell)

    def raw(self, path: DataPath) -> str | None:
        return None  # a number typed in a code column has already become text

    def cell_place(self, sheet: str, row: int | None = None, column: str | None = None) -> str:
        place = _('%(file)s sheet "%(sheet)s"') % {"file": self.source, "sheet": sheet}
        if row is not None:
            place += " " + _("row %(row)s") % {"row": row}
        if column is not None:
            place += " " + _('column "%(column)s"') % {"column": column}
        return place

    def report(self, cell: Cell, message: str) -> None:
        self.problems.append(Problem(self.cell_place(*cell), message))

    # Sheets, rows and cells.

    def data(self) -> dict[str, Any]:
        for sheet in REQUIRED_COLUMNS:
            self._check_sheet(sheet)
        if self.problems:  # without the expected sheets and columns nothing else makes sense
            raise InvalidInput(self.problems)
        data = self._referential()
        data["principles"] = self._principles()
        data["fields"] = self._fields()
        self._questions(data["fields"])
        self._attach("evidence", self._evidence)
        self._attach("options", self._option)
        return data

    def _check_sheet(self, sheet: str) -> None:
        if sheet not in self.workbook.sheetnames:
            if sheet not in OPTIONAL_SHEETS:
                self.report((sheet, None, None), _("This sheet is missing."))
            return
        header, expected = self._header(sheet), columns_of(sheet)
        for column in header:
            if column and column not in expected:
                message = _("Unknown column; expected columns: %(columns)s.")
                self.report((sheet, 1, column), message % {"columns": ", ".join(expected)})
        for column in REQUIRED_COLUMNS[sheet]:
            if column not in header:
                self.report((sheet, 1, column), _("This column is missing."))

    def _header(self, sheet: str) -> list[str]:
        first = next(self.workbook[sheet].iter_rows(max_row=1, values_only=True), ())
        return [str(name).strip().lower() if name is not None else "" for name in first]

    def rows(self, sheet: str) -> Iterator[_Row]:
        """Every row that is not empty, its cells already converted."""
        if sheet not in self.workbook.sheetnames:
            return
        header = self._header(sheet)
        values = self.workbook[sheet].iter_rows(min_row=2, values_only=True)
        for number, row in enumerate(values, start=2):
            cells = {column: cell for column, cell in zip(header, row, strict=False) if column}
            if not all(_empty(cell) for cell in cells.values()):
                converted = {key: self._value((sheet, number, key), c) for key, c in cells.items()}
                yield _Row(sheet, number, converted)

    def _value(self, where: Cell, cell: Any) -> Any:
        column = where[2] or ""
        if _empty(cell):
            return ABSENT
        if column in NUMBER_COLUMNS:
            return _number(cell)
        if column in BOOLEAN_COLUMNS:
            return _boolean(cell)
        if isinstance(cell, datetime.date | datetime.time):
            # Excel turns a typed 1.1 into the 1st of January in some locales.
            message = _("Excel made this cell a date; format the column as Text and retype it.")
            self.report(where, message)
            return ABSENT
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            return _number_as_text(cell)
        return cell.strip() if isinstance(cell, str) and is_code_column(column) else cell

    # Putting cells into the nested data, remembering where each value came from.

    def start(self, path: DataPath, row: _Row) -> dict[str, Any]:
        self.places[path] = row.at()
        return {}

    def put(self, target: dict, key: str, row: _Row, path: DataPath, column: str = "") -> None:
        self.places[(*path, key)] = row.at(column or key)
        if (value := row.get(column or key)) is not ABSENT:
            target[key] = value

    def put_texts(
        self, target: dict, key: str, row: _Row, path: DataPath, prefix: str = ""
    ) -> None:
        target[key] = self.texts(row, prefix or key, (*path, key))

    def texts(self, row: _Row, prefix: str, path: DataPath) -> Texts:
        """{ar, fr, en} from the `prefix_ar`… columns; the text's place is its `_ar` cell."""
        self.places[path] = row.at(f"{prefix}_ar")
        texts = {}
        for language in LANGUAGES:
            self.places[(*path, language)] = row.at(f"{prefix}_{language}")
            if (text := row.get(f"{prefix}_{language}")) is not ABSENT:
                texts[language] = text
        return texts

    def find(self, by_code: dict, row: _Row, column: str, message: str) -> tuple | None:
        """The parent a row points to (an option's question, …), or None, reported."""
        code = row.get(column)
        if code is ABSENT:
            self.report(row.at(column), _("A value is required."))
        elif code not in by_code:
            self.report(row.at(column), message % {"code": code})
        return None if code is ABSENT else by_code.get(code)

    # The referential's parts, sheet by sheet.

    def _referential(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for row in self.rows("referential"):
            key = row.get("key")
            key = key.lower() if isinstance(key, str) else key
            if key is ABSENT:
                self.report(row.at("key"), _("A value is required."))
            elif key not in REFERENTIAL_ROWS:
                message = _('Unknown key "%(key)s"; allowed keys: %(allowed)s.')
                allowed = ", ".join(REFERENTIAL_ROWS)
                self.report(row.at("key"), message % {"key": key, "allowed": allowed})
            elif "_" in key:  # title_ar -> data["title"]["ar"]
                name, language = key.split("_")
                self.places.setdefault((name,), row.at("value"))
                self.put(data.setdefault(name, {}), language, row, (name,), "value")
            else:
                self.put(data, key, row, (), "value")
        return data

    def _principles(self) -> list[dict]:
        principles: list[dict] = []
        for row in self.rows("principles"):
            path = ("principles", len(principles))
            principle = self.start(path, row)
            self.put(principle, "code", row, path)
            self.put_texts(principle, "title", row, path)
            self.put_texts(principle, "description", row, path)
            principle["anchors"] = []
            principles.append(principle)
        self._anchors(principles)
        return principles

    def _anchors(self, principles: list[dict]) -> None:
        by_code = _by_code(principles, "principles")
        message = _('Unknown principle "%(code)s"; it is not in the sheet "principles".')
        for row in self.rows("anchors"):
            if found := self.find(by_code, row, "principle", message):
                principle, principle_path = found
                path = (*principle_path, "anchors", len(principle["anchors"]))
                anchor = self.start(path, row)
                self.put(anchor, "ref", row, path)
                self.put_texts(anchor, "text", row, path)
                principle["anchors"].append(anchor)

    def _fields(self) -> list[dict]:
        fields: list[dict] = []
        for row in self.rows("fields"):
            path = ("fields", len(fields))
            field_ = self.start(path, row)
            self.put(field_, "code", row, path)
            self.put_texts(field_, "title", row, path)
            self.put_texts(field_, "description", row, path)
            field_.update(questions=[], topics=[])
            fields.append(field_)
        return fields

    def _questions(self, fields: list[dict]) -> None:
        by_code, topics = _by_code(fields, "fields"), {}
        message = _('Unknown field "%(code)s"; it is not in the sheet "fields".')
        for row in self.rows("questions"):
            if found := self.find(by_code, row, "field", message):
                parent, parent_path = self._topic(*found, row, topics)
            else:  # kept aside, so that its options are not reported as orphans too
                parent, parent_path = {"questions": []}, ("orphans", row.number)
            path = (*parent_path, "questions", len(parent["questions"]))
            question = self._question(path, row)
            parent["questions"].append(question)
            self.questions.setdefault(question.get("code"), (question, path))

    def _topic(self, field_: dict, field_path: DataPath, row: _Row, topics: dict) -> tuple:
        """The topic a question row names (by code, else by title), created on first use."""
        code = row.get("topic_code")
        titles = tuple(row.get(f"topic_{language}") for language in LANGUAGES)
        if code is ABSENT and all(title is ABSENT for title in titles):
            return field_, field_path  # a question directly under its field
        key = (field_path, titles if code is ABSENT else code)
        if key not in topics:
            path = (*field_path, "topics", len(field_["topics"]))
            topic = self.start(path, row)
            self.put(topic, "code", row, path, "topic_code")
            self.put_texts(topic, "title", row, path, "topic")
            topic["questions"] = []
            field_["topics"].append(topic)
            topics[key] = (topic, path)
        return topics[key]

    def _question(self, path: DataPath, row: _Row) -> dict[str, Any]:
        question = self.start(path, row)
        for key in ("code", "letter", "principle", "kind", "weight", "max_points", "critical"):
            self.put(question, key, row, path)
        self.put_texts(question, "text", row, path)
        self.put_texts(question, "help", row, path)
        self.places[(*path, "legal_basis")] = row.at("legal_basis")
        if isinstance(references := row.get("legal_basis"), str):  # "ref 1; ref 2"
            question["legal_basis"] = [ref.strip() for ref in references.split(";") if ref.strip()]
        question.update(evidence=[], options=[])
        return question

    def _attach(self, sheet: str, add: Callable[[dict, DataPath, _Row], None]) -> None:
        message = _('Unknown question "%(code)s"; it is not in the sheet "questions".')
        for row in self.rows(sheet):
            if found := self.find(self.questions, row, "question", message):
                add(*found, row)

    def _evidence(self, question: dict, question_path: DataPath, row: _Row) -> None:
        path = (*question_path, "evidence", len(question["evidence"]))
        question["evidence"].append(self.texts(row, "text", path))

    def _option(self, question: dict, question_path: DataPath, row: _Row) -> None:
        path = (*question_path, "options", len(question["options"]))
        option = self.start(path, row)
        for key in ("code", "points", "not_applicable", "exclusive"):
            self.put(option, key, row, path)
        self.put_texts(option, "text", row, path)
        question["options"].append(option)


def _by_code(items: list[dict], name: str) -> dict[Any, tuple[dict, DataPath]]:
    """First item with each code (a repeated code is the validator's to report)."""
    found: dict[Any, tuple[dict, DataPath]] = {}
    for index, item in enumerate(items):
        found.setdefault(item.get("code"), (item, (name, index)))
    return found
