"""Referentials as Excel workbooks: round trips, and problems placed by sheet, row and column.

The workbook goes through the same validator as YAML (see test_parsing.py for the rules).
"""

import dataclasses
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings

from citizenlabel.common.problems import InvalidInput, Problem
from citizenlabel.referential.excel import read_referential_xlsx, write_referential_xlsx
from citizenlabel.referential.parsing import parse_referential_yaml

from .samples import DESIGN_YAML, SCORING_YAML, referential_specs

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("text", [DESIGN_YAML, SCORING_YAML], ids=["design", "scoring"])
def test_an_excel_round_trip_gives_the_same_referential(text, tmp_path):
    spec = parse_referential_yaml(text)
    write_referential_xlsx(spec, tmp_path / "ref.xlsx")
    assert read_referential_xlsx(tmp_path / "ref.xlsx") == spec


XLSX = "ref.xlsx"


def _edited_workbook(tmp_path: Path, edit) -> Path:
    """SCORING_YAML as a workbook, changed by `edit(workbook)`."""
    path = tmp_path / XLSX
    write_referential_xlsx(parse_referential_yaml(SCORING_YAML), path)
    workbook = openpyxl.load_workbook(path)
    edit(workbook)
    workbook.save(path)
    return path


def _excel_problems(path: Path) -> list[Problem]:
    with pytest.raises(InvalidInput) as error:
        read_referential_xlsx(path)
    return error.value.problems


def test_excel_reports_a_malformed_cell_by_sheet_row_and_column(tmp_path):
    def edit(workbook):
        workbook["options"]["C3"] = "many"  # the points of the second option (row 3)

    assert _excel_problems(_edited_workbook(tmp_path, edit)) == [
        Problem(
            'ref.xlsx sheet "options" row 3 column "points"',
            "Points must be a number, zero or more, not 'many'.",
        )
    ]


def test_excel_refuses_the_same_mistakes_as_yaml(tmp_path):
    def edit(workbook):
        workbook["questions"]["G2"] = "NOPE"  # principle of question 1.1
        workbook["questions"]["H3"] = "singel"  # kind of question 1.2
        workbook["options"]["B3"] = "a"  # option b of 1.1 becomes a second "a"

    assert _excel_problems(_edited_workbook(tmp_path, edit)) == [
        Problem(
            'ref.xlsx sheet "questions" row 2 column "principle"',
            'Unknown principle "NOPE"; declared principles: EQUAL, PART, TRANS.',
        ),
        Problem(
            'ref.xlsx sheet "options" row 3 column "code"',
            'Duplicate option code "a"; first used at '
            'ref.xlsx sheet "options" row 2 column "code".',
        ),
        Problem(
            'ref.xlsx sheet "questions" row 3 column "kind"',
            'Unknown kind "singel"; use single or multiple.',
        ),
    ]


def test_excel_reads_codes_typed_as_numbers_as_text(tmp_path):
    def edit(workbook):
        workbook["referential"]["B3"] = 2022  # version
        workbook["questions"]["E2"] = 1.1  # code of question 1.1
        for row in range(2, 6):  # its four options
            workbook["options"][f"A{row}"] = 1.1

    path = _edited_workbook(tmp_path, edit)
    spec = parse_referential_yaml(SCORING_YAML)
    assert read_referential_xlsx(path) == dataclasses.replace(spec, version="2022")


def test_excel_refuses_unknown_and_missing_columns_and_sheets(tmp_path):
    def edit(workbook):
        workbook["options"]["C1"] = "pionts"
        del workbook["fields"]

    assert _excel_problems(_edited_workbook(tmp_path, edit)) == [
        Problem('ref.xlsx sheet "fields"', "This sheet is missing."),
        Problem(
            'ref.xlsx sheet "options" row 1 column "pionts"',
            "Unknown column; expected columns: question, code, points, not_applicable, "
            "text_ar, text_fr, text_en, exclusive.",
        ),
        Problem('ref.xlsx sheet "options" row 1 column "points"', "This column is missing."),
    ]


def test_excel_reports_rows_that_point_to_nothing(tmp_path):
    def edit(workbook):
        workbook["options"]["A2"] = "9.9"
        workbook["questions"]["A2"] = "F9"

    assert _excel_problems(_edited_workbook(tmp_path, edit)) == [
        Problem(
            'ref.xlsx sheet "questions" row 2 column "field"',
            'Unknown field "F9"; it is not in the sheet "fields".',
        ),
        Problem(
            'ref.xlsx sheet "options" row 2 column "question"',
            'Unknown question "9.9"; it is not in the sheet "questions".',
        ),
    ]


@settings(max_examples=25, deadline=None)
@given(referential_specs())
def test_any_referential_survives_an_excel_round_trip(spec):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "ref.xlsx"
        write_referential_xlsx(spec, path)
        assert read_referential_xlsx(path) == spec


# --- exclusive options ("none of these") ----------------------------------------------

MULTIPLE_WITH_NONE = SCORING_YAML.replace(
    '- {code: a, points: 1, text: "1"}', '- {code: a, points: 0, exclusive: true, text: "0"}'
)


def _exclusive_column(workbook) -> str:
    header = [cell.value for cell in workbook["options"][1]]
    return openpyxl.utils.get_column_letter(header.index("exclusive") + 1)


def test_an_exclusive_option_survives_an_excel_round_trip(tmp_path):
    spec = parse_referential_yaml(MULTIPLE_WITH_NONE)
    write_referential_xlsx(spec, tmp_path / XLSX)
    column = _exclusive_column(openpyxl.load_workbook(tmp_path / XLSX))
    assert openpyxl.load_workbook(tmp_path / XLSX)["options"][f"{column}6"].value is True
    assert read_referential_xlsx(tmp_path / XLSX) == spec


def test_a_workbook_without_the_exclusive_column_still_loads(tmp_path):
    def edit(workbook):
        workbook["options"].delete_cols(
            openpyxl.utils.column_index_from_string(_exclusive_column(workbook))
        )

    spec = read_referential_xlsx(_edited_workbook(tmp_path, edit))
    assert spec == parse_referential_yaml(SCORING_YAML)
    assert not any(o.exclusive for _f, q in spec.questions() for o in q.options)


def test_excel_reads_oui_as_exclusive_and_places_its_mistakes(tmp_path):
    def edit(workbook):
        column = _exclusive_column(workbook)
        workbook["options"][f"{column}6"] = "oui"  # option a of 1.2 (multiple): "none"
        workbook["options"][f"{column}2"] = "oui"  # option a of 1.1, a single question
        workbook["options"][f"{column}7"] = "peut-être"  # option b of 1.2

    assert _excel_problems(_edited_workbook(tmp_path, edit)) == [
        Problem(
            'ref.xlsx sheet "options" row 2 column "exclusive"',
            "exclusive is for the options of a multiple question; this one is single.",
        ),
        Problem(
            'ref.xlsx sheet "options" row 7 column "exclusive"',
            "Expected true or false, not 'peut-être'.",
        ),
    ]
