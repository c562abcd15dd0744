"""Reads of the action plan's scores."""

from citizenlabel.dossiers.models import Dossier
from citizenlabel.verification.enums import EvidenceStatus, Round
from citizenlabel.verification.models import VerifiedAnswer
from citizenlabel.verification.selectors import verified_answers


def reverified_answers(dossier: Dossier) -> dict[str, list[str]]:
    """Declared → verified → re-verified: the latest value of each answer. A re-verification
    marked "could not be verified" leaves the verified value in place: the plan's effect on
    that answer is not proven, the visit's finding is."""
    answers = verified_answers(dossier)
    rows = VerifiedAnswer.objects.filter(dossier=dossier, round=Round.REVERIFICATION).exclude(
        evidence_status=EvidenceStatus.UNVERIFIABLE
    )
    for code, options in rows.values_list("question__code", "options"):
        if options:
            answers[code] = options
        else:
            answers.pop(code, None)
    return answers
