"""The demo's verification leaves no answer unverified, and differs between communes."""

import pytest

from citizenlabel.demo.verification import verify_every_answer
from citizenlabel.verification.completeness import unverified_answers
from citizenlabel.verification.models import VerifiedAnswer
from tests.factories import default_referential, verification_dossier

pytestmark = pytest.mark.django_db


def test_every_answer_is_verified_or_marked_with_its_reason():
    dossier, verifier = verification_dossier()
    verify_every_answer(dossier, verifier)
    assert unverified_answers(dossier) == []
    rows = VerifiedAnswer.objects.filter(dossier=dossier)
    assert rows.count() == 76
    marked = rows.filter(evidence_status="unverifiable")
    assert all(row.reason and row.options == [] for row in marked)
    assert rows.get(question__code="1.1.2").options in (["b", "g"], ["a"], [])


def field_answers(code: str = "F1") -> tuple[tuple[str, list[str]], ...]:
    """The field's questions answered with their best-scored option."""
    questions = default_referential().questions.filter(field__code=code)
    return tuple(
        (q.code, [max(q.options.filter(not_applicable=False), key=lambda o: o.points).code])
        for q in questions
    )


def test_two_communes_get_different_findings():
    answers, findings = field_answers(), []
    for _ in range(2):
        dossier, verifier = verification_dossier(answers=answers)
        verify_every_answer(dossier, verifier)
        findings.append(
            list(
                VerifiedAnswer.objects.filter(dossier=dossier)
                .order_by("question_id")
                .values_list("evidence_status", flat=True)
            )
        )
    assert findings[0] != findings[1]
