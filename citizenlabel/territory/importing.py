"""Reading a communes file (CSV or Excel) into validated rows, without touching the database
except to look provinces up. Every row is checked; any problem refuses the whole file."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from citizenlabel.common.problems import InvalidInput, Problem

from .enums import CommuneKind

COLUMNS = ("code", "name_ar", "name_fr", "province", "kind", "population")
KIND_SYNONYMS = {
    "urban": CommuneKind.URBAN,
    "urbaine": CommuneKind.URBAN,
    "حضرية": CommuneKind.URBAN,
    "rural": CommuneKind.RURAL,
    "rurale": CommuneKind.RURAL,
    "قروية": CommuneKind.RURAL,
}


@dataclass(frozen=True)
class CommuneRow:
    line: int
    code: str
    name: dict[str, str]
    province_code: str
    kind: str
    population: int | None


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) for every data row; the header is line 1."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
    elif suffix == ".xlsx":
        rows = _xlsx_rows(path)
    else:
        raise InvalidInput([Problem(str(path), _("Use a .csv or .xlsx file."))])
    if not rows:
        raise InvalidInput([Problem(str(path), _("The file is empty."))])
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        message = _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
        raise InvalidInput([Problem(f"{path.name}:1", message)])
    return [
        (number, {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)})
        for number, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row)
    ]


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    return [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def validate_rows(
    source: str, rows: list[tuple[int, dict[str, str]]], province_codes: set[str]
) -> list[CommuneRow]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    valid: list[CommuneRow] = []
    for line, row in rows:
        place = f"{source}:{line}"
        row_problems = _row_problems(row, province_codes)
        if row["code"] in seen:
            message = _("Commune code %(code)s already appears on line %(line)s.")
            row_problems.append(message % {"code": row["code"], "line": seen[row["code"]]})
        seen.setdefault(row["code"], line)
        problems += [Problem(place, message) for message in row_problems]
        if not row_problems:
            valid.append(_commune_row(line, row))
    if problems:
        raise InvalidInput(problems)
    return valid


def _row_problems(row: dict[str, str], province_codes: set[str]) -> list[str]:
    problems = []
    if not row["code"]:
        problems.append(_("The column “code” is empty."))
    if not (row["name_ar"] or row["name_fr"]):
        problems.append(_("Give the name in Arabic (name_ar) or in French (name_fr)."))
    if row["province"] not in province_codes:
        problems.append(_("Unknown province code “%(code)s”.") % {"code": row["province"]})
    if row["kind"].lower() not in KIND_SYNONYMS:
        problems.append(
            _("“kind” must be urban or rural, not “%(value)s”.") % {"value": row["kind"]}
        )
    if row["population"] and not row["population"].isdigit():
        message = _("“population” must be a whole number, not “%(value)s”.")
        problems.append(message % {"value": row["population"]})
    return problems


def _commune_row(line: int, row: dict[str, str]) -> CommuneRow:
    return CommuneRow(
        line=line,
        code=row["code"],
        name={lang: row[f"name_{lang}"] for lang in ("ar", "fr") if row[f"name_{lang}"]},
        province_code=row["province"],
        kind=KIND_SYNONYMS[row["kind"].lower()],
        population=int(row["population"]) if row["population"] else None,
    )
