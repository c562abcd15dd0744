from django.core.management.base import BaseCommand

from citizenlabel.outbox.services import deliver_due


class Command(BaseCommand):
    help = "Send the outbox's emails whose turn has come (retries of failed deliveries)."

    def handle(self, *args, **options) -> None:
        counts = deliver_due()
        self.stdout.write(f"sent {counts['sent']}, failed {counts['failed']}")
