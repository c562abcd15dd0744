"""Factories and builders of the tests, one module per stage of the programme;
`from tests.factories import X` reaches them all."""

from tests.factories.actionplans import (
    dossier_ready_for_plan,
    dossier_with_plan,
    dossier_with_plan_to_evaluate,
    dossier_with_running_plan,
    plan_activity,
    plan_indicator,
    plan_result,
    plan_target,
    reverify,
)
from tests.factories.dossiers import (
    TINY_PDF,
    DossierFactory,
    EditionFactory,
    GoodPracticeFactory,
    InstitutionalProfileFactory,
    clarification,
    commune_people,
    complete_profile,
    default_referential,
    dossier_in_self_assessment,
    other_referential_question,
    practice_file,
    team_member,
)
from tests.factories.people import (
    PASSWORD,
    TechnicalTeamFactory,
    UserFactory,
    coordination_member,
    user_with_role,
)
from tests.factories.territory import CommuneFactory, ProvinceFactory, RegionFactory
from tests.factories.verification import (
    finish_reverification,
    finish_verification,
    submitted_dossier,
    verification_dossier,
)

# The answer to the confirmation step of an irreversible action (common/confirm.py).
CONFIRMED = {"confirmed": "yes"}

__all__ = [
    "CONFIRMED",
    "PASSWORD",
    "TINY_PDF",
    "CommuneFactory",
    "DossierFactory",
    "EditionFactory",
    "GoodPracticeFactory",
    "InstitutionalProfileFactory",
    "ProvinceFactory",
    "RegionFactory",
    "TechnicalTeamFactory",
    "UserFactory",
    "clarification",
    "commune_people",
    "complete_profile",
    "coordination_member",
    "default_referential",
    "dossier_in_self_assessment",
    "dossier_ready_for_plan",
    "dossier_with_plan",
    "dossier_with_plan_to_evaluate",
    "dossier_with_running_plan",
    "finish_reverification",
    "finish_verification",
    "other_referential_question",
    "plan_activity",
    "plan_indicator",
    "plan_result",
    "plan_target",
    "practice_file",
    "reverify",
    "submitted_dossier",
    "team_member",
    "user_with_role",
    "verification_dossier",
]
