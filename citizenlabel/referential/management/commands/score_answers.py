"""`manage.py score_answers REFERENTIAL_FILE ANSWERS_FILE [--json]`: scores without a database.

Operators and scripts rely on this interface (DESIGN.md, "Command line"); keep it stable.
"""

from json import dumps
from pathlib import Path

from django.utils.translation import gettext as _

from citizenlabel.common.commands import TranslatedCommand
from citizenlabel.common.problems import InvalidInput
from citizenlabel.referential.parsing import read_answers, read_referential
from citizenlabel.referential.scoring import ScoreResult, result_as_json, score_answers


class Command(TranslatedCommand):
    help = "Score an answers file against a referential file (YAML or Excel), without a database."
    requires_system_checks = []  # nothing here touches the database or the models

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("referential_file", type=Path)
        parser.add_argument("answers_file", type=Path)
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def run(self, *, referential_file: Path, answers_file: Path, json: bool, **options) -> None:
        try:
            spec = read_referential(referential_file)
            result = score_answers(spec, read_answers(answers_file))
        except InvalidInput as error:
            self.report_problems(error, _("%(count)s problem(s) found; nothing was scored."))
        if json:
            self.stdout.write(dumps(result_as_json(result), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(summary_lines(result)))


def summary_lines(result: ScoreResult) -> list[str]:
    """A short table for a person at a terminal."""
    shown = result_as_json(result)
    overall = "—" if shown["overall"] is None else f"{shown['overall']:.2f} %"
    lines = [
        f"{_('Overall')}: {overall}",
        f"{_('Points')}: {shown['points']:g} / {shown['maximum']:g}",
    ]
    lines += [f"  {_('Field')} {code}: {value:.2f} %" for code, value in shown["by_field"].items()]
    lines += [
        f"  {_('Principle')} {code}: {value:.2f} %" for code, value in shown["by_principle"].items()
    ]
    if shown["unanswered"]:
        lines.append(f"{_('Unanswered')}: {', '.join(shown['unanswered'])}")
    return lines
