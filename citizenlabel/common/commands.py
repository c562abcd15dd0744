"""A base for our management commands: messages in the operator's language, problems listed
one per line on stderr, and a non-zero exit."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from citizenlabel.common.problems import InvalidInput


class TranslatedCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "--lang",
            # English shows the untranslated source messages, for logs and scripts.
            choices=[*(code for code, _name in settings.LANGUAGES), "en"],
            default=settings.LANGUAGE_CODE,
            help="Language of the messages (default: %(default)s).",
        )

    def handle(self, *args, lang: str, **options):
        with translation.override(lang):
            self.run(**options)

    def run(self, **options) -> None:
        raise NotImplementedError

    def report_problems(self, error: InvalidInput, conclusion: str = "") -> None:
        """Print each problem with its place, then stop with a non-zero exit."""
        for problem in error.problems:
            self.stderr.write(str(problem))
        conclusion = conclusion or _("%(count)s problem(s) found; nothing was written.")
        raise CommandError(conclusion % {"count": len(error.problems)}) from error
