import hashlib
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from citizenlabel.common.commands import TranslatedCommand
from citizenlabel.common.problems import InvalidInput
from citizenlabel.referential.parsing import read_referential
from citizenlabel.referential.services import load_referential


class Command(TranslatedCommand):
    help = "Validate a referential (YAML or Excel) and load it; on any error nothing is written."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Validate only.")
        parser.add_argument(
            "--replace", action="store_true", help="Reload a version that no edition uses yet."
        )

    def run(self, *, file: Path, dry_run: bool, replace: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": file})
        try:
            spec = read_referential(file)
            if not dry_run:
                sha256 = hashlib.sha256(file.read_bytes()).hexdigest()
                load_referential(spec=spec, replace=replace, source_sha256=sha256)
        except InvalidInput as error:
            self.report_problems(error)
        summary = _(
            "%(code)s %(version)s: %(principles)s principles, %(fields)s fields, "
            "%(questions)s questions"
        ) % {
            "code": spec.code,
            "version": spec.version,
            "principles": len(spec.principles),
            "fields": len(spec.fields),
            "questions": spec.question_count(),
        }
        verdict = _("valid, nothing written (dry run)") if dry_run else _("loaded")
        self.stdout.write(f"{summary} — {verdict}")
