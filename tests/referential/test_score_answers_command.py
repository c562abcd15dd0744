"""`manage.py score_answers`: scores files without a database (no test here may use one)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from citizenlabel.referential.excel import write_referential_xlsx
from citizenlabel.referential.parsing import parse_referential_yaml

from .samples import ANSWERS_FULL_JSON, ANSWERS_YAML, SCORING_YAML, line_of

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def referential(tmp_path):
    path = tmp_path / "referential.yaml"
    path.write_text(SCORING_YAML, encoding="utf-8")
    return path


def write_answers(tmp_path, answers: dict, name: str = "answers.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"answers": answers}), encoding="utf-8")
    return path


def run(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("score_answers", *args, "--lang", "en", stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def run_failing(*args: str) -> tuple[CommandError, str]:
    stderr = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("score_answers", *args, "--lang", "en", stdout=StringIO(), stderr=stderr)
    return error.value, stderr.getvalue()


def test_it_prints_the_hand_computed_result_as_json(referential, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS_YAML, encoding="utf-8")
    stdout, stderr = run(str(referential), str(answers), "--json")
    # See samples.py: 16 of 21 points; F1 60 %, F2 10/11; EQUAL 40, PART 80, TRANS 100.
    assert json.loads(stdout) == ANSWERS_FULL_JSON
    assert stderr == ""


def test_it_scores_an_excel_referential_the_same(tmp_path):
    path = tmp_path / "referential.xlsx"
    write_referential_xlsx(parse_referential_yaml(SCORING_YAML), path)
    answers = write_answers(tmp_path, {"1.1": "na", "1.2": [], "2.1": ["c"], "2.2": "na"})
    stdout, _stderr = run(str(path), str(answers), "--json")
    # 1.2: 0 of 6; 2.1: 1 of 4; 2.3 unanswered: 0 of 1 -> 1 of 11 = 9.09 %
    assert json.loads(stdout) == {
        "overall": 9.09,
        "points": 1.0,
        "maximum": 11.0,
        "by_field": {"F1": 0.0, "F2": 20.0},
        "by_principle": {"PART": 10.0, "EQUAL": 0.0},
        "unanswered": ["2.3"],
    }


def test_it_keeps_arabic_readable_in_json(tmp_path):
    referential = tmp_path / "referential.yaml"
    referential.write_text(SCORING_YAML.replace("code: F1", "code: مجال"), encoding="utf-8")
    stdout, _stderr = run(str(referential), str(write_answers(tmp_path, {})), "--json")
    assert '"مجال": 0.0' in stdout


def test_it_prints_a_short_table_without_json(referential, tmp_path):
    answers = write_answers(tmp_path, {"1.1": "b", "1.2": ["a", "c"], "2.1": ["a", "b"]})
    stdout, _stderr = run(str(referential), str(answers))
    # 2 + 4 + 4 = 10 of 21 -> 47.62 %; F2 4 of 11 = 36.36 %; TRANS 0 of 6
    assert stdout.splitlines() == [
        "Overall: 47.62 %",
        "Points: 10 / 21",
        "  Field F1: 60.00 %",
        "  Field F2: 36.36 %",
        "  Principle PART: 80.00 %",
        "  Principle EQUAL: 40.00 %",
        "  Principle TRANS: 0.00 %",
        "Unanswered: 2.2, 2.3",
    ]


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        (
            {"9.9": "a"},
            'question "9.9": Unknown question code "9.9"; the referential has no such question.',
        ),
        ({"1.1": "z"}, 'question "1.1": Unknown option code "z" for question "1.1".'),
        ({"1.1": ["b"]}, "question \"1.1\": This question takes one option code, not ['b']."),
    ],
    ids=["unknown question", "unknown option", "list for a single"],
)
def test_it_refuses_answers_it_cannot_score(referential, tmp_path, answers, problem):
    error, stderr = run_failing(str(referential), str(write_answers(tmp_path, answers)))
    assert stderr.splitlines() == [problem]
    assert str(error) == "1 problem(s) found; nothing was scored."


def test_it_reports_every_problem_of_a_broken_referential(tmp_path):
    referential = tmp_path / "lcc.yaml"
    text = SCORING_YAML.replace("kind: multiple\n        max_points: 4", "kind: several")
    referential.write_text(text.replace('version: "1"', "version: 1"), encoding="utf-8")
    error, stderr = run_failing(str(referential), str(write_answers(tmp_path, {})))
    assert stderr.splitlines() == [
        'lcc.yaml:2 version: Codes must be text: put 1 in quotes, "1".',
        f'lcc.yaml:{line_of(text, "kind: several")} question "2.1" kind: '
        'Unknown kind "several"; use single or multiple.',
    ]
    assert str(error) == "2 problem(s) found; nothing was scored."


def test_it_refuses_a_missing_file(tmp_path, referential):
    _error, stderr = run_failing(str(referential), str(tmp_path / "missing.yaml"))
    assert stderr.startswith("missing.yaml: Cannot read the file: ")


def test_it_refuses_an_answer_that_contradicts_itself(tmp_path):
    referential = tmp_path / "lcc.yaml"
    text = SCORING_YAML.replace(
        '- {code: a, points: 1, text: "1"}',
        "- {code: a, points: 0, exclusive: true, text: {ar: لا شيء, fr: Aucun}}",
    )
    referential.write_text(text, encoding="utf-8")
    answers = write_answers(tmp_path, {"1.2": ["a", "c"], "2.1": ["a"]})
    error, stderr = run_failing(str(referential), str(answers))
    assert stderr.splitlines() == [
        'question "1.2": Question "1.2": "a" (لا شيء) means none of the other options, '
        'so it cannot be chosen with "c" (3).'
    ]
    assert str(error) == "1 problem(s) found; nothing was scored."
