from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from citizenlabel.common.commands import TranslatedCommand
from citizenlabel.common.problems import InvalidInput
from citizenlabel.territory.services import import_communes


class Command(TranslatedCommand):
    help = (
        "Import communes from a CSV or Excel file (columns: code, name_ar, name_fr, "
        "province, kind, population). Any bad row refuses the whole file."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("file", type=Path)

    def run(self, *, file: Path, **options) -> None:
        if not file.exists():
            raise CommandError(_("File not found: %(path)s") % {"path": file})
        try:
            report = import_communes(path=file)
        except InvalidInput as error:
            self.report_problems(error)
        self.stdout.write(
            _("%(created)s communes created, %(updated)s updated.")
            % {"created": report.created, "updated": report.updated}
        )
