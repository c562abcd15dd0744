from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.accreditation.services.reminders import KINDS, ReminderRun, send_reminders
from citizenlabel.common.commands import TranslatedCommand


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            _("--today: “%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": value}
        ) from error


class Command(TranslatedCommand):
    help = (
        "Daily job, safe to run again: marks the labels past their validity as expired, then "
        "sends each reminder once (labels ending within 90 and 30 days, calendar phases ending "
        "within 7 days, requests for clarification unanswered for more than 3 days)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be done; change nothing."
        )
        parser.add_argument("--today", help="Run as on this day (YYYY-MM-DD); default: today.")

    def run(self, *, dry_run: bool, today: str | None, **options) -> None:
        day = _day(today) if today else timezone.localdate()
        outcome = send_reminders(today=day, dry_run=dry_run)
        if dry_run:
            self._show_details(outcome)
        self._summary(outcome)

    def _show_details(self, outcome: ReminderRun) -> None:
        for label in outcome.expired:
            self.stdout.write(_("would expire: %(code)s") % {"code": label.code})
        for reminder in outcome.reminders:
            self.stdout.write(
                _("would send: %(key)s to %(recipients)s")
                % {"key": reminder.key, "recipients": ", ".join(sorted(reminder.recipients))}
            )

    def _summary(self, outcome: ReminderRun) -> None:
        names = {
            "label-90": _("labels ending within 90 days"),
            "label-30": _("labels ending within 30 days"),
            "phase-7": _("phases ending within 7 days"),
            "clarification-3d": _("requests unanswered for more than 3 days"),
        }
        counts = "; ".join(f"{names[kind]}: {outcome.count(kind)}" for kind in KINDS)
        if outcome.dry_run:
            line = _(
                "%(day)s, dry run, nothing changed: %(expired)s label(s) would expire; "
                "reminders that would be sent: %(counts)s."
            )
        else:
            line = _("%(day)s: %(expired)s label(s) expired; reminders sent: %(counts)s.")
        values = {"day": outcome.today.isoformat(), "expired": len(outcome.expired)}
        self.stdout.write(line % {**values, "counts": counts})
