"""The candidacy: a commune joins an edition, fills its candidacy, the president submits it,
the coordination committee decides on its eligibility."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.people.models import TechnicalTeam

from .. import rules as dossier_rules
from ..enums import DossierState
from ..models import Candidacy, Dossier, DossierFile, Edition, EligibilityCheck, FocalPointMember
from .files import PDF_ONLY, check_upload, store_file
from .transitions import transition_dossier


def start_candidacy(*, edition: Edition, commune, by) -> Dossier:
    """Open the commune's dossier in an edition whose call is open and that targets it."""
    if edition.call_opened_at is None:
        raise ValidationError(_("The call for candidacies of this edition is not open."))
    if not edition.target_communes.filter(pk=commune.pk).exists():
        raise ValidationError(_("This edition does not target your commune."))
    dossier = Dossier(edition=edition, commune=commune)
    if not dossier_rules.is_dossier_commune_member(by, dossier):
        raise PermissionDenied
    try:
        with transaction.atomic():
            dossier.save()
    except IntegrityError:
        return Dossier.objects.get(edition=edition, commune=commune)
    return dossier


@transaction.atomic
def save_candidacy(
    *, dossier: Dossier, candidacy: Candidacy, members: list[FocalPointMember], deliberation, by
) -> Candidacy:
    """Save the candidacy form, its focal-point team and, if given, the signed deliberation."""
    if not dossier_rules.can_edit_candidacy(by, dossier):
        raise PermissionDenied
    if deliberation is not None:
        checked = check_upload(deliberation, allowed=PDF_ONLY)
        candidacy.deliberation_file = store_file(
            dossier=dossier, checked=checked, purpose=DossierFile.Purpose.DELIBERATION, by=by
        )
    candidacy.dossier = dossier
    candidacy.full_clean()
    candidacy.save()
    dossier.focal_team.all().delete()
    for position, member in enumerate(members):
        member.dossier, member.position = dossier, position
        member.full_clean()
    FocalPointMember.objects.bulk_create(members)
    return candidacy


def candidacy_gaps(dossier: Dossier) -> list[str]:
    """What still stops the president from submitting the candidacy."""
    candidacy = getattr(dossier, "candidacy", None)
    gaps = []
    if candidacy is None:
        gaps.append(_("The candidacy form is not filled in."))
    elif candidacy.deliberation_file_id is None:
        gaps.append(_("The signed deliberation (PDF) is missing."))
    if not dossier.focal_team.exists():
        gaps.append(_("Name at least one member of the focal-point team."))
    return gaps


@transaction.atomic
def submit_candidacy(*, dossier: Dossier, by) -> None:
    gaps = candidacy_gaps(dossier)
    if gaps:
        raise ValidationError(gaps)
    transition_dossier(dossier, to=DossierState.CANDIDACY_SUBMITTED, by=by)
    Candidacy.objects.filter(dossier=dossier).update(submitted_at=timezone.now(), submitted_by=by)


@transaction.atomic
def decide_eligibility(
    *,
    dossier: Dossier,
    checks: dict[int, tuple[bool, str]],
    eligible: bool,
    reason: str,
    technical_team: TechnicalTeam | None,
    by,
) -> None:
    """Record the checklist and the decision; an ineligible dossier needs a reason."""
    if not dossier_rules.can_decide_eligibility(by, dossier):
        raise PermissionDenied
    conditions = list(dossier.edition.eligibility_conditions.all())
    if {c.pk for c in conditions} != set(checks):
        raise ValidationError(_("Give a decision on every eligibility condition of the edition."))
    if not eligible and not reason.strip():
        raise ValidationError(_("Give the reason why the dossier is not eligible."))
    if eligible and not all(met for met, _note in checks.values()):
        raise ValidationError(_("A dossier is eligible only when every condition is met."))
    dossier.eligibility_checks.all().delete()
    EligibilityCheck.objects.bulk_create(
        EligibilityCheck(dossier=dossier, condition_id=pk, met=met, note=note[:500])
        for pk, (met, note) in checks.items()
    )
    dossier.eligibility_reason = reason.strip()
    dossier.technical_team = technical_team if eligible else None
    dossier.save(update_fields=["eligibility_reason", "technical_team"])
    to = DossierState.ELIGIBLE if eligible else DossierState.INELIGIBLE
    transition_dossier(dossier, to=to, by=by, note=reason.strip())
