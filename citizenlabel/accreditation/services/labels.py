"""The life of a granted label after the decision: revocation by the coordination, expiry
at the end of its validity. Granting and renewal are in `decisions.grant_label`."""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citizenlabel.dossiers.services.notifications import commune_people, send_bilingual

from .. import rules as accreditation_rules
from ..enums import LabelStatus
from ..models import Label

MAX_REASON = 2000


def _save_status(label: Label, status: str, reason: str, by) -> None:
    """Change the status with its reason; simple_history records who, when, old and new."""
    label.status, label.status_reason = status, reason
    label._history_user = by
    label._change_reason = reason
    label.full_clean()
    label.save(update_fields=["status", "status_reason"])


@transaction.atomic
def revoke_label(*, label: Label, reason: str, by) -> Label:
    """Withdraw an active label for a recorded reason; the commune is told by email."""
    if not accreditation_rules.can_revoke_labels(by):
        raise PermissionDenied(_("Only the coordination committee revokes a label."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason of the revocation: it is recorded.")})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {
                "reason": _("Keep the reason under %(limit_value)s characters.")
                % {"limit_value": MAX_REASON}
            }
        )
    locked = Label.objects.select_for_update().get(pk=label.pk)
    if locked.status != LabelStatus.ACTIVE:
        raise ValidationError(
            _("This label is %(status)s: only an active label can be revoked.")
            % {"status": locked.get_status_display().lower()}
        )
    _save_status(locked, LabelStatus.REVOKED, reason, by)
    label.status, label.status_reason = locked.status, locked.status_reason
    notify_revocation(locked)
    return label


def notify_revocation(label: Label) -> None:
    recipients = {u.email for u in commune_people([label.commune_id]) if u.email}
    context = {"label": label, "site_url": settings.SITE_URL}
    send_bilingual(recipients, "accreditation/emails/label_revoked", context)


def labels_to_expire(today: date):
    """Active labels whose last valid day is before `today`."""
    return Label.objects.filter(status=LabelStatus.ACTIVE, valid_until__lt=today).select_related(
        "commune", "edition"
    )


@transaction.atomic
def expire_labels(*, today: date) -> list[Label]:
    """Mark the labels past their validity as expired (the daily job; no user)."""
    expired = list(labels_to_expire(today).select_for_update(of=("self",)))
    for label in expired:  # one by one, so that each change is in the label's history
        _save_status(label, LabelStatus.EXPIRED, "", None)
    return expired
