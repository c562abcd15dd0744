"""Publishing the verification results to the commune: once, by the coordination committee."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.services.notifications import commune_people, send_bilingual
from citizenlabel.people.rules import is_coordination_member

from .. import rules as verification_rules
from ..enums import SnapshotKind
from ..selectors import snapshot


@transaction.atomic
def publish_verification_results(*, dossier: Dossier, by) -> Dossier:
    """Open the final score and the verification report to the commune; tell its people."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.results_published_at is not None and is_coordination_member(by):
        when = formats.date_format(timezone.localtime(locked.results_published_at), "DATE_FORMAT")
        raise ValidationError(
            _("The verification results were already published on %(date)s.") % {"date": when}
        )
    if not verification_rules.can_publish_results(by, locked):
        raise PermissionDenied(
            _("Only the coordination committee publishes the results of a verified dossier.")
        )
    locked.results_published_at = timezone.now()
    locked._history_user = by
    locked.full_clean()
    locked.save(update_fields=["results_published_at"])
    dossier.results_published_at = locked.results_published_at
    notify_results_published(locked)
    return locked


def notify_results_published(dossier: Dossier) -> int:
    """One bilingual email to the commune's focal points and president."""
    recipients = {user.email for user in commune_people([dossier.commune_id]) if user.email}
    context = {
        "dossier": dossier,
        "final": snapshot(dossier, SnapshotKind.FINAL),
        "site_url": settings.SITE_URL,
    }
    return send_bilingual(recipients, "verification/emails/results_published", context)
