"""The participatory diagnosis made with the commune during the visit: findings by
principle, who took part, and the priorities agreed for the action plan."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.models import Principle

from ..models import AgreedPriority, DiagnosisParticipant, DiagnosisPoint
from .verify import check_can_verify


def _check_principles(dossier: Dossier, points, priorities) -> None:
    """A principle id that is not of the dossier's referential (a forged form) is refused."""
    allowed = set(
        Principle.objects.filter(referential_id=dossier.edition.referential_id).values_list(
            "pk", flat=True
        )
    )
    used = {p.principle_id for p in points} | {p.principle_id for p in priorities}
    if unknown := sorted(pk for pk in used - allowed if pk is not None):
        message = _(
            "Principle %(ids)s is not a principle of this dossier's referential: "
            "nothing was changed."
        )
        raise ValidationError(message % {"ids": ", ".join(map(str, unknown))})
    if any(p.principle_id is None for p in points):
        raise ValidationError(_("Each strength or weakness needs its principle."))


def _clean(rows: Sequence, dossier: Dossier) -> None:
    for row in rows:
        row.dossier = dossier
        # The principle was checked against the referential above, more strictly than
        # a per-row existence query would.
        row.full_clean(exclude=["dossier", "principle"])


@transaction.atomic
def save_diagnosis(
    *,
    dossier: Dossier,
    points: Sequence[DiagnosisPoint],
    participants: Sequence[DiagnosisParticipant],
    priorities: Sequence[AgreedPriority],
    by,
) -> None:
    """Replace the three lists at once; priorities keep the order given (1, 2, 3 …)."""
    check_can_verify(by, dossier)
    _check_principles(dossier, points, priorities)
    for position, priority in enumerate(priorities, start=1):
        priority.position = position
    for rows in (points, participants, priorities):
        _clean(rows, dossier)
    for model, rows in (
        (DiagnosisPoint, points),
        (DiagnosisParticipant, participants),
        (AgreedPriority, priorities),
    ):
        model.objects.filter(dossier=dossier).delete()
        model.objects.bulk_create(rows)
