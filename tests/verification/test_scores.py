from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from citizenlabel.verification.enums import Component
from citizenlabel.verification.models import (
    AnswerReview,
    ComponentScore,
    ScoreSnapshot,
    VerifiedAnswer,
)
from citizenlabel.verification.services.scores import record_final_score, record_provisional_score
from tests.factories import (
    coordination_member,
    dossier_in_self_assessment,
    finish_verification,
    question,
    submitted_dossier,
    team_member,
    verification_dossier,
)

pytestmark = pytest.mark.django_db


def test_the_provisional_score_counts_unsupported_answers_zero():
    dossier = submitted_dossier()
    member = coordination_member()
    AnswerReview.objects.create(
        dossier=dossier,
        question=question(dossier, "1.1.1"),
        unsupported=True,
        reason="لا محضر",
        reviewed_by=member,
    )
    snapshot = record_provisional_score(dossier=dossier, by=member)
    dossier.refresh_from_db()
    assert dossier.state == "provisionally_scored"
    # only 1.1.2 counts: 3 points over the referential's 211 -> 1.42 %
    assert (snapshot.points, snapshot.maximum) == (Decimal(3), Decimal(211))
    assert snapshot.overall == Decimal("1.42")
    assert snapshot.answers == {"1.1.2": ["b", "g"]}
    with pytest.raises(PermissionDenied):
        record_provisional_score(dossier=dossier, by=member)


def test_the_final_score_weights_the_verified_questionnaire_and_the_components():
    dossier, verifier = verification_dossier()
    with pytest.raises(ValidationError):
        record_final_score(dossier=dossier, by=verifier)  # components not scored yet
    # verified: 1.1.1 is c (2 points × 2 = 4) instead of the declared d (6)
    VerifiedAnswer.objects.create(
        dossier=dossier,
        question=question(dossier, "1.1.1"),
        evidence_status="insufficient",
        options=["c"],
        reason="محضر ناقص",
        verified_by=verifier,
    )
    for component, score in (
        (Component.INFORMATION_ACCESS, 75),
        (Component.OWNERSHIP, 50),
        (Component.EQUALITY_BODY, 100),
    ):
        ComponentScore.objects.create(
            dossier=dossier,
            component=component,
            level=score // 25,
            score=score,
            justification="…",
            scored_by=verifier,
        )
    finish_verification(dossier, verifier)
    snapshot = record_final_score(dossier=dossier, by=verifier)
    # questionnaire = 100 × (4 + 3) / 211 = 3.3175…; final = 0.7 × 3.3175 + 7.5 + 5 + 10
    assert snapshot.questionnaire == Decimal("3.32")
    assert snapshot.overall == Decimal("24.82")
    assert snapshot.components["questionnaire"] == pytest.approx(3.3175, abs=1e-3)
    dossier.refresh_from_db()
    assert dossier.state == "verified"
    assert ScoreSnapshot.objects.filter(dossier=dossier, kind="final").count() == 1
    with pytest.raises(PermissionDenied):
        record_final_score(dossier=dossier, by=verifier)


def test_only_the_dossiers_team_records_the_final_score():
    dossier, _verifier = verification_dossier()
    outsider = team_member(dossier_in_self_assessment())
    with pytest.raises(PermissionDenied):
        record_final_score(dossier=dossier, by=outsider)
    assert ScoreSnapshot.objects.filter(kind="final").count() == 0
