"""Reading referentials (YAML and Excel) and answers files: what is accepted, exclusive
options, files and round trips. One mistake at a time is in test_parsing_mistakes.py."""

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings

from citizenlabel.common.problems import InvalidInput, Problem
from citizenlabel.referential.excel import write_referential_xlsx
from citizenlabel.referential.parsing import parse_referential_yaml, read_answers, read_referential
from citizenlabel.referential.spec import (
    AnchorSpec,
    FieldSpec,
    OptionSpec,
    PrincipleSpec,
    QuestionSpec,
    ReferentialSpec,
    TopicSpec,
)
from citizenlabel.referential.yaml_export import dump_referential_yaml
from tests.referential.samples import OPTION_B, at, problems_of

from .samples import DESIGN_YAML, SCORING_YAML, referential_specs

pytestmark = pytest.mark.usefixtures("english")


# --- the valid example ----------------------------------------------------------------


def test_it_parses_the_example_of_the_design():
    dots = {"ar": "…", "fr": "…"}
    question = QuestionSpec(
        code="1.1",
        letter="A",
        principle="EQUAL",
        kind="single",
        weight=Decimal(1),
        text=dots,
        legal_basis=("LO 113.14 art. 27",),
        evidence=(dots,),
        options=(
            OptionSpec("a", {"ar": "0%", "fr": "0 %"}, Decimal(0)),
            OptionSpec("b", dots, Decimal(2)),
            OptionSpec("na", {"ar": "لا ينطبق", "fr": "Sans objet"}, not_applicable=True),
        ),
    )
    council = {"ar": "أعضاء المجلس الجماعي", "fr": "Membres du conseil"}
    assert parse_referential_yaml(DESIGN_YAML, "lcc.yaml") == ReferentialSpec(
        code="LCC",
        version="2022",
        title={"ar": "ميزة الجماعة المواطنة", "fr": "Label Commune Citoyenne"},
        aggregation="points",
        principles=(
            PrincipleSpec(
                "PART",
                {"ar": "المشاركة", "fr": "Participation"},
                anchors=(AnchorSpec("LO 113.14 art. 119", dots),),
            ),
            PrincipleSpec("EQUAL", {"ar": "المساواة", "fr": "Égalité"}),
        ),
        fields=(
            FieldSpec(
                "F1",
                {"ar": "الهيئات المنتخبة وأجهزة الحكامة", "fr": "Organes élus et de gouvernance"},
                topics=(TopicSpec(council, (question,)),),
            ),
        ),
    )


def test_it_takes_a_plain_string_as_the_same_text_in_both_languages():
    spec = parse_referential_yaml(SCORING_YAML)
    assert spec.title == {"ar": "Référentiel d'essai", "fr": "Référentiel d'essai"}


# --- exclusive options ("none of these") ----------------------------------------------

MULTIPLE_YAML = DESIGN_YAML.replace("kind: single", "kind: multiple")
NONE = "{code: a, points: 0,"


def test_it_reads_an_exclusive_option_of_a_multiple_question():
    text = MULTIPLE_YAML.replace(NONE, "{code: a, points: 0, exclusive: true,")
    options = parse_referential_yaml(text).fields[0].topics[0].questions[0].options
    assert [(o.code, o.exclusive) for o in options] == [("a", True), ("b", False), ("na", False)]


@pytest.mark.parametrize(
    ("kind_yaml", "exclusive", "message"),
    [
        (
            DESIGN_YAML,
            "true",
            "exclusive is for the options of a multiple question; this one is single.",
        ),
        (MULTIPLE_YAML, "sometimes", "Expected true or false, not 'sometimes'."),
        (MULTIPLE_YAML, '"yes"', "Expected true or false, not 'yes'."),
    ],
    ids=["on a single question", "not a boolean", "quoted"],
)
def test_it_refuses_a_misplaced_or_malformed_exclusive_at_its_line(kind_yaml, exclusive, message):
    text = kind_yaml.replace(NONE, f"{{code: a, points: 0, exclusive: {exclusive},")
    where = 'question "1.1" options[0].exclusive'
    assert problems_of(text) == [Problem(at(text, "exclusive:", where), message)]


def test_it_refuses_an_option_both_exclusive_and_not_applicable():
    na = "{code: na, not_applicable: true,"
    text = MULTIPLE_YAML.replace(na, "{code: na, not_applicable: true, exclusive: true,")
    assert problems_of(text) == [
        Problem(
            at(text, "exclusive: true", 'question "1.1" options[2].exclusive'),
            "An option is exclusive or not_applicable, not both: "
            "not_applicable already cannot be chosen with another option.",
        )
    ]


def test_an_exclusive_option_survives_a_yaml_round_trip():
    text = MULTIPLE_YAML.replace(NONE, "{code: a, points: 0, exclusive: true,")
    spec = parse_referential_yaml(text)
    written = dump_referential_yaml(spec)
    assert "exclusive: true" in written
    assert parse_referential_yaml(written) == spec


def test_it_requires_the_top_level_keys():
    assert problems_of("{}") == [
        Problem("lcc.yaml:1 code", "A value is required."),
        Problem("lcc.yaml:1 version", "A value is required."),
        Problem("lcc.yaml:1 title", "A text in Arabic (ar) or French (fr) is required."),
        Problem("lcc.yaml:1 principles", "A value is required."),
        Problem("lcc.yaml:1 fields", "A value is required."),
    ]


def test_it_refuses_an_empty_file():
    assert problems_of("# nothing\n") == [Problem("lcc.yaml", "The file is empty.")]


def test_it_reports_every_problem_of_a_file_with_several_mistakes():
    text = (
        DESIGN_YAML.replace('version: "2022"', "version: 2022")
        .replace("principle: EQUAL", "principle: NOPE")
        .replace("kind: single", "kind: singel")
        .replace(OPTION_B, "{code: b, text")
        .replace("aggregation: points", "aggregation: average")
    )
    assert [problem.place for problem in problems_of(text)] == [
        at(text, "version: 2022", "version"),
        at(text, "aggregation: average", "aggregation"),
        at(text, "principle: NOPE", 'question "1.1" principle'),
        at(text, "kind: singel", 'question "1.1" kind'),
        at(text, "{code: b, text", 'question "1.1" options[1]'),
    ]


# --- reading files and round trips ---------------------------------------------------


def test_it_reads_yaml_and_excel_files_by_their_suffix(tmp_path):
    spec = parse_referential_yaml(SCORING_YAML)
    (tmp_path / "ref.yml").write_text(SCORING_YAML, encoding="utf-8")
    write_referential_xlsx(spec, tmp_path / "ref.xlsx")
    assert read_referential(tmp_path / "ref.yml") == spec
    assert read_referential(tmp_path / "ref.xlsx") == spec
    with pytest.raises(InvalidInput) as error:
        read_referential(tmp_path / "ref.csv")
    assert error.value.problems == [
        Problem("ref.csv", "Unsupported file type .csv; use .yaml, .yml or .xlsx.")
    ]


@pytest.mark.parametrize("text", [DESIGN_YAML, SCORING_YAML], ids=["design", "scoring"])
def test_a_yaml_round_trip_gives_the_same_referential(text):
    spec = parse_referential_yaml(text)
    dumped = dump_referential_yaml(spec)
    assert parse_referential_yaml(dumped) == spec
    assert "ميزة الجماعة المواطنة" in dumped or "المشاركة" in dumped  # not \\u escapes
    assert "- code: '1.1'\n" in dumped  # codes stay text


# --- answers files -------------------------------------------------------------------


def test_it_reads_answers_from_yaml_and_json(tmp_path):
    answers = {"1.1": "b", "1.2": ["a", "c"], "1.3": []}
    (tmp_path / "answers.json").write_text(json.dumps({"answers": answers}))
    (tmp_path / "answers.yaml").write_text('answers: {"1.1": b, "1.2": [a, c], "1.3": []}')
    assert read_answers(tmp_path / "answers.json") == answers
    assert read_answers(tmp_path / "answers.yaml") == answers


def test_it_refuses_answers_that_are_not_codes_with_their_key(tmp_path):
    (tmp_path / "answers.yaml").write_text('answers:\n  1.1: b\n  "2.1": 3\n  "2.2": [a, 1]\n')
    with pytest.raises(InvalidInput) as error:
        read_answers(tmp_path / "answers.yaml")
    assert error.value.problems == [
        Problem('answers.yaml question "1.1"', "Question codes must be text: put 1.1 in quotes."),
        Problem(
            'answers.yaml question "2.1"',
            "Expected an option code or a list of option codes, not 3.",
        ),
        Problem(
            'answers.yaml question "2.2"',
            "Expected an option code or a list of option codes, not ['a', 1].",
        ),
    ]


def test_it_refuses_an_answers_file_without_answers(tmp_path):
    (tmp_path / "answers.json").write_text('{"1.1": "b"}')
    with pytest.raises(InvalidInput) as error:
        read_answers(tmp_path / "answers.json")
    message = "Expected a mapping with one key, answers: {question code: option code}."
    assert error.value.problems == [Problem("answers.json", message)]


# --- round trips of generated referentials -------------------------------------------


@settings(max_examples=60, deadline=None)
@given(referential_specs())
def test_any_referential_survives_a_yaml_round_trip(spec):
    assert parse_referential_yaml(dump_referential_yaml(spec)) == spec
