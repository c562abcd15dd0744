"""The dossier — one commune in one edition — and everything that hangs off it."""

from .candidacy import Candidacy, FocalPointMember
from .clarifications import Clarification, ClarificationMessage
from .dossier import DeadlineExtension, Dossier, DossierEvent, EligibilityCheck
from .editions import Edition, EditionPhase, EligibilityCondition
from .files import DossierFile
from .practices import GoodPractice
from .profile import (
    BudgetYear,
    InstitutionalProfile,
    ParticipatoryBody,
    ServiceDelivery,
    StaffCount,
)
from .selfassessment import Answer, Launch, ScheduleStep, Submission, TrainingAttendance

__all__ = [
    "Answer",
    "BudgetYear",
    "Candidacy",
    "Clarification",
    "ClarificationMessage",
    "DeadlineExtension",
    "Dossier",
    "DossierEvent",
    "DossierFile",
    "Edition",
    "EditionPhase",
    "EligibilityCheck",
    "EligibilityCondition",
    "FocalPointMember",
    "GoodPractice",
    "InstitutionalProfile",
    "Launch",
    "ParticipatoryBody",
    "ScheduleStep",
    "ServiceDelivery",
    "StaffCount",
    "Submission",
    "TrainingAttendance",
]
