"""Reads of the verification: the answers as reviewed and verified, and the scores."""

from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.selectors import as_scoring_answers, declared_answers
from citizenlabel.referential.scoring import ScoreResult, score_answers
from citizenlabel.referential.spec import ReferentialSpec

from .enums import Round
from .models import AnswerReview, ScoreSnapshot, VerifiedAnswer


def provisional_answers(dossier: Dossier) -> dict[str, list[str]]:
    """The declared answers without those flagged unsupported (they count 0 until verified)."""
    flagged = set(
        AnswerReview.objects.filter(dossier=dossier, unsupported=True).values_list(
            "question__code", flat=True
        )
    )
    return {
        code: options for code, options in declared_answers(dossier).items() if code not in flagged
    }


def verified_answers(dossier: Dossier) -> dict[str, list[str]]:
    """The answers verified on the visit; an answer the team did not verify keeps its
    declared value."""
    answers = declared_answers(dossier)
    visit = VerifiedAnswer.objects.filter(dossier=dossier, round=Round.VISIT)
    for code, options in visit.values_list("question__code", "options"):
        if options:
            answers[code] = options
        else:
            answers.pop(code, None)  # verified as unanswerable: scores 0
    return answers


def score_of(spec: ReferentialSpec, answers: dict[str, list[str]]) -> ScoreResult:
    return score_answers(spec, as_scoring_answers(spec, answers))


def snapshot(dossier: Dossier, kind: str) -> ScoreSnapshot | None:
    return ScoreSnapshot.objects.filter(dossier=dossier, kind=kind).order_by("-created_at").first()
