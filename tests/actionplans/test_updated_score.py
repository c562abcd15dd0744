from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from citizenlabel.actionplans.services.updated_score import record_updated_score
from citizenlabel.verification.enums import Round
from citizenlabel.verification.models import ScoreSnapshot, VerifiedAnswer
from tests.factories import dossier_in_self_assessment, question, team_member
from tests.factories.actionplans import evaluated_plan

pytestmark = pytest.mark.django_db


def test_the_updated_score_uses_the_reverified_answers_and_the_achievement_rate():
    dossier, verifier = evaluated_plan()
    VerifiedAnswer.objects.create(
        dossier=dossier,
        question=question(dossier, "1.1.1"),
        round=Round.REVERIFICATION,
        evidence_status="seen",
        options=["d"],
        reason="محضر كامل",
        verified_by=verifier,
    )
    snapshot = record_updated_score(dossier=dossier, by=verifier)
    # questionnaire = 100 × (3 × 2 + 3) / 211 = 4.2654; final formula = 0.7 × 4.2654 + 7.5
    # + 5 + 10 = 25.4858; updated = 0.7 × 25.4858 + 0.3 × 80 = 41.84
    assert snapshot.kind == "updated"
    assert snapshot.questionnaire == Decimal("4.27")
    assert snapshot.overall == Decimal("41.84")
    assert snapshot.answers["1.1.1"] == ["d"]
    dossier.refresh_from_db()
    assert dossier.state == "plan_evaluated"
    # the three values stay side by side
    assert dossier.answers.get(question__code="1.1.1").options == ["d"]
    rounds = dossier.verified_answers.filter(question__code="1.1.1").order_by("round")
    assert list(rounds.values_list("round", "options")) == [
        ("reverification", ["d"]),
        ("visit", ["c"]),
    ]
    assert ScoreSnapshot.objects.get(dossier=dossier, kind="final").answers["1.1.1"] == ["c"]


def test_only_the_dossiers_team_produces_the_updated_score():
    dossier, _verifier = evaluated_plan()
    with pytest.raises(PermissionDenied):
        record_updated_score(dossier=dossier, by=team_member(dossier_in_self_assessment()))
    assert not ScoreSnapshot.objects.filter(kind="updated").exists()
