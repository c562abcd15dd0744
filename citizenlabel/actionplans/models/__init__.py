"""The action plan of a dossier that did not obtain the label at once: its logical
framework, activities, indicators and their measurements, follow-up and evaluation."""

from .evaluation import Effect, PlanEvaluation
from .followup import FollowUpComment, Measurement, MonitoringVisit
from .plan import (
    ActionPlan,
    Activity,
    Assumption,
    ExpectedResult,
    Indicator,
    ResultTarget,
    SpecificObjective,
)

__all__ = [
    "ActionPlan",
    "Activity",
    "Assumption",
    "Effect",
    "ExpectedResult",
    "FollowUpComment",
    "Indicator",
    "Measurement",
    "MonitoringVisit",
    "PlanEvaluation",
    "ResultTarget",
    "SpecificObjective",
]
