from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from citizenlabel.common.commands import TranslatedCommand
from citizenlabel.referential.excel import write_referential_xlsx
from citizenlabel.referential.models import Referential
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.referential.yaml_export import dump_referential_yaml


class Command(TranslatedCommand):
    help = "Write a stored referential to YAML or Excel; load_referential reads it back."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("code")
        parser.add_argument("version")
        parser.add_argument("--format", choices=["yaml", "xlsx"], default="yaml")
        parser.add_argument("-o", "--output", type=Path, required=True)

    def run(self, *, code: str, version: str, format: str, output: Path, **options) -> None:
        referential = Referential.objects.filter(code=code, version=version).first()
        if referential is None:
            message = _("No referential %(code)s version %(version)s; see list_referentials.")
            raise CommandError(message % {"code": code, "version": version})
        spec = referential_spec(referential)
        if format == "yaml":
            output.write_text(dump_referential_yaml(spec), encoding="utf-8")
        else:
            write_referential_xlsx(spec, output)
        self.stdout.write(
            _("%(code)s %(version)s written to %(path)s")
            % {"code": code, "version": version, "path": output}
        )
