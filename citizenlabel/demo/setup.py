"""Every stage of the demo in order, in one transaction."""

from django.db import transaction

from citizenlabel.people.models import User

from .accreditation import create_later_stages
from .base import DemoAccount, create_accounts
from .dossiers import create_demo_journey


@transaction.atomic
def create_demo_data() -> list[DemoAccount]:
    accounts = create_accounts()
    coordination = User.objects.get(username="coordination")
    edition = create_demo_journey(coordination)
    if edition is not None:
        create_later_stages(edition, coordination)
    return accounts
