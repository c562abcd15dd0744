"""Editions: creating them with their calendar and checklist, and opening the call."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.people.enums import Role
from citizenlabel.referential.services import lock_referential

from ..enums import Phase
from ..models import Edition, EditionPhase, EligibilityCondition
from .notifications import commune_people, send_bilingual


@dataclass(frozen=True)
class PhaseDates:
    phase: str
    starts_on: date
    ends_on: date


def calendar_problems(phases: list[PhaseDates]) -> list[str]:
    """Dates in order: each phase ends after it starts, and starts no earlier than the one
    before it in the programme's timeline."""
    problems = []
    order = list(Phase.values)
    ordered = sorted(phases, key=lambda p: order.index(p.phase))
    for current in ordered:
        if current.ends_on < current.starts_on:
            problems.append(
                _("“%(phase)s” ends before it starts.") % {"phase": Phase(current.phase).label}
            )
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.starts_on < before.starts_on:
            problems.append(
                _("“%(after)s” starts before “%(before)s”.")
                % {"after": Phase(after.phase).label, "before": Phase(before.phase).label}
            )
    return problems


@transaction.atomic
def save_edition(
    *, edition: Edition, phases: list[PhaseDates], conditions: list[dict], target_communes
) -> Edition:
    """Create or update an edition with its calendar, checklist and target communes."""
    problems = calendar_problems(phases)
    if problems:
        raise ValidationError(problems)
    edition.full_clean()
    edition.save()
    edition.target_communes.set(target_communes)
    edition.phases.all().delete()
    order = list(Phase.values)
    EditionPhase.objects.bulk_create(
        EditionPhase(
            edition=edition,
            phase=p.phase,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            position=order.index(p.phase),
        )
        for p in phases
    )
    edition.eligibility_conditions.all().delete()
    EligibilityCondition.objects.bulk_create(
        EligibilityCondition(edition=edition, text=text, position=i)
        for i, text in enumerate(conditions)
    )
    lock_referential(referential=edition.referential)
    return edition


@transaction.atomic
def open_call_for_candidacies(*, edition: Edition, by) -> int:
    """Open the call once and tell the target communes' focal points; returns emails sent."""
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.call_opened_at is not None:
        raise ValidationError(_("The call for candidacies of this edition is already open."))
    if not locked.target_communes.exists():
        raise ValidationError(_("Choose the target communes before opening the call."))
    locked.call_opened_at = edition.call_opened_at = timezone.now()
    locked.save(update_fields=["call_opened_at"])
    communes = locked.target_communes.values_list("pk", flat=True)
    recipients = {u.email for u in commune_people(communes, roles=(Role.FOCAL_POINT,)) if u.email}
    candidacy = locked.phases.filter(phase=Phase.CANDIDACY).first()
    context = {
        "edition": locked,
        "site_url": settings.SITE_URL,
        "candidacy_ends_on": candidacy.ends_on if candidacy else None,
    }
    send_bilingual(recipients, "dossiers/emails/call_opened", context)
    return len(recipients)
