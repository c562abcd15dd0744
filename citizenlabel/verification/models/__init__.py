"""Review, field verification and the scores: what the coordination committee and the
technical teams record about a submitted dossier. Declared answers are never touched."""

from .diagnosis import AgreedPriority, DiagnosisParticipant, DiagnosisPoint
from .review import AnswerReview, ScoreSnapshot
from .visit import ComponentScore, Proposal, VerifiedAnswer, Visit

__all__ = [
    "AgreedPriority",
    "AnswerReview",
    "ComponentScore",
    "DiagnosisParticipant",
    "DiagnosisPoint",
    "Proposal",
    "ScoreSnapshot",
    "VerifiedAnswer",
    "Visit",
]
