from django.utils.translation import gettext as _

from citizenlabel.common.commands import TranslatedCommand
from citizenlabel.referential.selectors import referentials_with_counts


class Command(TranslatedCommand):
    help = "One line per referential: code, version, principles, fields, questions."

    def run(self, **options) -> None:
        referentials = list(referentials_with_counts())
        if not referentials:
            self.stdout.write(_("No referential has been loaded yet."))
        for r in referentials:
            locked = _("locked") if r.is_locked else _("editable")
            self.stdout.write(
                f"{r.code}\t{r.version}\t"
                + _("%(p)s principles\t%(f)s fields\t%(q)s questions")
                % {"p": r.principle_count, "f": r.field_count, "q": r.question_count}
                + f"\t{locked}"
            )
