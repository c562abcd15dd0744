"""The coordination committee's proposal to the accreditation committee for a verified dossier."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.selectors import referential_spec

from .. import rules as verification_rules
from ..enums import Recommendation, SnapshotKind
from ..evaluation import RulesVerdict
from ..models import Proposal
from ..selectors import snapshot
from ..selectors_results import proposal_verdict


def expected_recommendation(verdict: RulesVerdict) -> str:
    """What the edition's rules call for: the label when every rule is met, else a plan."""
    return Recommendation.LABEL if verdict.all_met else Recommendation.ACTION_PLAN


def goes_against_the_rules(verdict: RulesVerdict, recommendation: str) -> bool:
    """The label while a rule fails, or no label while every rule is met."""
    return (recommendation == Recommendation.LABEL) != verdict.all_met


@transaction.atomic
def prepare_proposal(*, dossier: Dossier, recommendation: str, justification: str, by) -> Proposal:
    """Store (or change) the proposal with the rules as evaluated now; history keeps each
    version. A recommendation that goes against the rules needs a justification."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not verification_rules.can_prepare_proposal(by, locked):
        raise PermissionDenied(
            _("The coordination committee prepares the proposal once the dossier is verified.")
        )
    final = snapshot(locked, SnapshotKind.FINAL)
    if final is None:
        raise ValidationError(_("This dossier has no final score yet."))
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Choose one of the proposals listed.")})
    verdict = proposal_verdict(locked, referential_spec(locked.edition.referential), final)
    justification = justification.strip()
    if goes_against_the_rules(verdict, recommendation) and not justification:
        message = _(
            "The edition's rules call for “%(expected)s”: explain why you propose “%(chosen)s”."
        )
        labels = {
            "expected": Recommendation(expected_recommendation(verdict)).label,
            "chosen": Recommendation(recommendation).label,
        }
        raise ValidationError({"justification": message % labels})
    proposal = Proposal.objects.filter(dossier=locked).first() or Proposal(dossier=locked)
    proposal.recommendation = recommendation
    proposal.justification = justification
    proposal.rules = verdict.as_json()
    proposal.prepared_by = by
    proposal._history_user = by
    proposal.full_clean()
    proposal.save()
    return proposal
