"""Reads of labels: who may see which, a label's status history, the public check of a
certificate code. Each in a fixed number of queries."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.common.confirm import Consequences
from citizenlabel.common.texts import translated
from citizenlabel.dossiers.services.notifications import told_of
from citizenlabel.people.enums import COMMUNE_ROLES, Role
from citizenlabel.people.selectors import roles_of
from citizenlabel.territory.models import Commune

from .enums import LabelStatus
from .models import CODE_ALPHABET, Label

CODE_PREFIX = "LCC"
CODE_LENGTH = 12
# Spaces, dashes (ASCII, Unicode, Arabic tatweel), dots, underscores and slashes people type.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u0640._/]+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
MAX_CODE_INPUT = 64


def normalise_code(raw: str | None) -> str | None:
    """“lcc 7k3m-q9xa 2bfp” -> “LCC-7K3M-Q9XA-2BFP”; None when it cannot be a code."""
    if not raw or len(raw) > MAX_CODE_INPUT:
        return None
    compact = _SEPARATORS.sub("", raw.translate(_DIGITS)).upper()
    if compact.startswith(CODE_PREFIX):
        compact = compact[len(CODE_PREFIX) :]
    if len(compact) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in compact):
        return None
    return f"{CODE_PREFIX}-{compact[:4]}-{compact[4:8]}-{compact[8:]}"


def _labels() -> QuerySet[Label]:
    return Label.objects.select_related("commune__province__region", "edition")


def labels_for_user(user) -> QuerySet[Label]:
    """National staff and committee members: every label; a commune's people: its own."""
    roles = roles_of(user)
    if any(roles.has(role) for role in (Role.ADMINISTRATOR, Role.COORDINATION, Role.ACCREDITATION)):
        return _labels()
    commune_ids = set().union(*(roles.communes.get(role, ()) for role in COMMUNE_ROLES))
    return _labels().filter(commune_id__in=commune_ids)


def label_for_user(user, pk: int) -> Label:
    """The label with what its page shows, or 404 for anyone who may not see it."""
    label = (
        labels_for_user(user)
        .select_related("dossier__commune", "renewed_by__edition")
        .prefetch_related(Prefetch("renews", queryset=Label.objects.select_related("edition")))
        .filter(pk=pk)
        .first()
    )
    if label is None:
        raise Http404
    return label


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    by: object  # the user, or None for the daily job
    old: str | None  # None: the label was granted
    new: str
    reason: str

    @property
    def old_display(self) -> str:
        return LabelStatus(self.old).label if self.old else ""

    @property
    def new_display(self) -> str:
        return LabelStatus(self.new).label


def label_history(label: Label) -> list[StatusChange]:
    """Each change of status, oldest first: who, when, old → new, why (one query)."""
    records = label.history.select_related("history_user").order_by("history_date", "history_id")
    changes, previous = [], None
    for record in records:
        if record.status != previous:
            reason = record.history_change_reason or (record.status_reason if previous else "")
            changes.append(
                StatusChange(
                    record.history_date, record.history_user, previous, record.status, reason
                )
            )
        previous = record.status
    return changes


def current_status(label: Label, today: date | None = None) -> str:
    """Active until its last day: past it, expired even before the daily job records it."""
    today = today or timezone.localdate()
    if label.status == LabelStatus.ACTIVE and label.valid_until < today:
        return LabelStatus.EXPIRED
    return label.status


@dataclass(frozen=True)
class PublicCheck:
    """What the public verification page may say about a code, and nothing more."""

    code: str | None  # the normalised code, None when the input cannot be one
    label: Label | None
    status: str | None
    revoked_on: date | None

    @property
    def found(self) -> bool:
        return self.label is not None


def check_code(raw: str | None) -> PublicCheck:
    """The label behind a certificate code (one query; two when it was revoked)."""
    code = normalise_code(raw)
    label = None
    if code is not None:
        label = (
            Label.objects.select_related(
                "commune__province__region", "edition", "renewed_by__edition"
            )
            .filter(code=code)
            .first()
        )
    if label is None:
        return PublicCheck(code, None, None, None)
    status = current_status(label)
    revoked_on = _revoked_on(label) if status == LabelStatus.REVOKED else None
    return PublicCheck(code, label, status, revoked_on)


def _revoked_on(label: Label) -> date | None:
    record = label.history.filter(status=LabelStatus.REVOKED).order_by("history_date").first()
    return timezone.localdate(record.history_date) if record else None


def with_labels(commune: Commune) -> Commune:
    """The commune with its labels and their editions loaded, for `_commune_labels.html`
    (one query, whatever the number of labels)."""
    prefetch_related_objects(
        [commune], Prefetch("labels", queryset=Label.objects.select_related("edition"))
    )
    return commune


def revocation_consequences(label: Label) -> Consequences:
    """What revoking a label does, for its confirmation page."""
    effects = [
        _("The label %(code)s of %(commune)s is revoked, for good.")
        % {"code": label.code, "commune": translated(label.commune.name)},
        _("The public check of its certificate then says it was revoked, with your reason."),
    ]
    return Consequences(
        _("Revoke the label"), _("Revoke the label"), effects, told_of({"commune"}), danger=True
    )
