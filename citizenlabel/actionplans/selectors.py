"""Reads of the action plan's scores."""

from citizenlabel.dossiers.models import Dossier
from citizenlabel.verification.selectors import verified_answers

from .models import ReverifiedAnswer


def reverified_answers(dossier: Dossier) -> dict[str, list[str]]:
    """Declared → verified → re-verified: the latest value of each answer."""
    answers = verified_answers(dossier)
    for code, options in ReverifiedAnswer.objects.filter(dossier=dossier).values_list(
        "question__code", "options"
    ):
        if options:
            answers[code] = options
        else:
            answers.pop(code, None)
    return answers
