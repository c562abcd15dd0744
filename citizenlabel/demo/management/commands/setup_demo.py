from django.conf import settings
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils.translation import gettext as _

from citizenlabel.common.commands import TranslatedCommand
from citizenlabel.demo.setup import create_demo_data


class Command(TranslatedCommand):
    help = "Load the default referential and demo data, and print one demo account per role."

    def run(self, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError(_("Demo accounts are never created in production."))
        # The demo walks dossiers through real services, which notify people: keep those
        # emails off the operator's screen.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            accounts = create_demo_data()
        self.stdout.write(_("Demo accounts (username / password — role):"))
        for account in accounts:
            scope = f" — {account.scope}" if account.scope else ""
            self.stdout.write(
                f"  {account.username:<14} {account.password:<28} {account.role}{scope}"
            )
