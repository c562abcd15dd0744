"""Reading referentials: one mistake at a time, each refused at its line."""

import pytest

from citizenlabel.common.problems import Problem
from citizenlabel.referential.parsing import parse_referential_yaml
from tests.referential.samples import OPTION_B, at, problems_of

from .samples import DESIGN_YAML

pytestmark = pytest.mark.usefixtures("english")


# --- one mistake at a time, each at its line ------------------------------------------


QUESTION_ALLOWED = (
    "code, letter, principle, kind, weight, max_points, text, help, legal_basis, "
    "evidence, critical, options"
)


MISTAKES = {
    "duplicate principle": (
        "fields:\n",
        "  - {code: PART, title: Encore}\nfields:\n",
        "{code: PART, title: Encore}",
        'principle "PART" code',
        'Duplicate principle code "PART"; first used at lcc.yaml:6 principle "PART" code.',
    ),
    "unknown principle": (
        "principle: EQUAL",
        "principle: NOPE",
        "principle: NOPE",
        'question "1.1" principle',
        'Unknown principle "NOPE"; declared principles: EQUAL, PART.',
    ),
    "option without points": (
        OPTION_B,
        "{code: b, text",
        "{code: b, text",
        'question "1.1" options[1]',
        'Option "b" has no points; give points or mark it not_applicable.',
    ),
    "unquoted numeric code": (
        'code: "1.1"',
        "code: 1.10",
        "code: 1.10",
        'field "F1" topics[0].questions[0].code',
        'Codes must be text: put 1.10 in quotes, "1.10".',
    ),
    "unquoted version": (
        'version: "2022"',
        "version: 2022",
        "version: 2022",
        "version",
        'Codes must be text: put 2022 in quotes, "2022".',
    ),
    "unknown key": (
        "            letter: A",
        "            letter: A\n            colour: red",
        "colour: red",
        'question "1.1" colour',
        f'Unknown key "colour"; allowed keys: {QUESTION_ALLOWED}.',
    ),
    "negative points": (
        OPTION_B,
        "{code: b, points: -2, text",
        "points: -2",
        'question "1.1" options[1].points',
        "Points must be a number, zero or more, not -2.",
    ),
    "bad kind": (
        "kind: single",
        "kind: singel",
        "kind: singel",
        'question "1.1" kind',
        'Unknown kind "singel"; use single or multiple.',
    ),
    "bad aggregation": (
        "aggregation: points",
        "aggregation: average",
        "aggregation: average",
        "aggregation",
        'Unknown aggregation "average"; use points or principle_mean.',
    ),
    "duplicate option": (
        "{code: b, points: 2,",
        "{code: a, points: 2,",
        "{code: a, points: 2,",
        'question "1.1" options[1].code',
        'Duplicate option code "a"; first used at lcc.yaml:26 question "1.1" options[0].code.',
    ),
    "weight zero": (
        "weight: 1",
        "weight: 0",
        "weight: 0",
        'question "1.1" weight',
        "The weight must be a positive number, not 0.",
    ),
    "points not a number": (
        OPTION_B,
        "{code: b, points: many, text",
        "points: many",
        'question "1.1" options[1].points',
        "Points must be a number, zero or more, not 'many'.",
    ),
    "boolean as text": (
        "            letter: A",
        '            letter: A\n            critical: "yes"',
        "critical:",
        'question "1.1" critical',
        "Expected true or false, not 'yes'.",
    ),
    "text without ar or fr": (
        '            text: {ar: "…", fr: "…"}',
        "            text: {en: Only English}",
        "text: {en: Only English}",
        'question "1.1" text',
        "A text in Arabic (ar) or French (fr) is required.",
    ),
    "unknown language": (
        "title: {ar: المشاركة, fr: Participation}",
        "title: {ar: المشاركة, es: Participación}",
        "es: Participación",
        'principle "PART" title.es',
        'Unknown language "es"; allowed: ar, fr, en.',
    ),
    "duplicate key": (
        "kind: single",
        "kind: single\n            kind: multiple",
        "kind: multiple",
        "",
        'Duplicate key "kind"; each key may appear once.',
    ),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_it_refuses_a_mistake_at_its_line(name):
    old, new, needle, where, message = MISTAKES[name]
    assert old in DESIGN_YAML
    text = DESIGN_YAML.replace(old, new, 1)
    assert problems_of(text) == [Problem(at(text, needle, where), message)]


def test_it_reports_a_syntax_error_with_its_line():
    text = DESIGN_YAML.replace("kind: single", "kind: single: oops")
    assert problems_of(text) == [
        Problem(at(text, "single: oops"), "YAML syntax error: mapping values are not allowed here")
    ]


def test_it_refuses_a_duplicate_question_code_and_says_where_the_first_is():
    text = DESIGN_YAML + (
        '          - code: "1.1"\n'
        "            principle: PART\n"
        "            kind: single\n"
        "            text: Encore\n"
        "            options: [{code: a, points: 1, text: un}]\n"
    )
    first = at(text, 'code: "1.1"', 'question "1.1" code')
    assert problems_of(text) == [
        Problem(
            at(text, 'code: "1.1"', 'question "1.1" code', occurrence=2),
            f'Duplicate question code "1.1"; first used at {first}.',
        )
    ]


def test_it_refuses_empty_options():
    options = DESIGN_YAML[DESIGN_YAML.index("            options:") :]
    text = DESIGN_YAML.replace(options, "            options: []\n")
    assert problems_of(text) == [
        Problem(
            at(text, "options: []", 'question "1.1" options'),
            "A question needs at least one option.",
        )
    ]


def test_it_refuses_a_question_with_only_not_applicable_options():
    lines = DESIGN_YAML.splitlines(keepends=True)
    text = "".join(line for line in lines if "{code: a," not in line and "{code: b," not in line)
    assert problems_of(text) == [
        Problem(
            at(text, "options:", 'question "1.1" options'),
            "Every option is not_applicable; at least one must give points.",
        )
    ]


def test_it_checks_max_points_on_multiple_questions_only():
    multiple = DESIGN_YAML.replace("kind: single", "kind: multiple\n            max_points: -1")
    assert problems_of(multiple) == [
        Problem(
            at(multiple, "max_points: -1", 'question "1.1" max_points'),
            "max_points must be a positive number, not -1.",
        )
    ]
    single = DESIGN_YAML.replace("kind: single", "kind: single\n            max_points: -1")
    assert parse_referential_yaml(single).fields[0].topics[0].questions[0].max_points is None
