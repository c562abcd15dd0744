"""The coordination's review of an answer (flag, withdraw, refusals, conflicts); its pages
are in test_review_pages.py."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from citizenlabel.people.enums import Role
from citizenlabel.verification.models import AnswerReview
from citizenlabel.verification.services.review import StaleReview, review_answer
from tests.factories import (
    coordination_member,
    other_referential_question,
    question,
    submitted_dossier,
    team_member,
    user_with_role,
)
from tests.factories.verification import flag_answer

pytestmark = pytest.mark.django_db


# --- reviewing an answer -------------------------------------------------------------------


def test_the_coordination_flags_an_answer_with_its_reason(coordination):
    dossier = submitted_dossier()
    review = flag_answer(dossier, "1.1.1", coordination)
    assert (review.unsupported, review.reason, review.reviewed_by) == (
        True,
        "لا يوجد محضر",
        coordination,
    )
    assert review.history.first().history_user == coordination


def test_a_flag_can_be_withdrawn_and_keeps_the_remark(coordination):
    dossier = submitted_dossier()
    first = flag_answer(dossier, "1.1.1", coordination)
    review = review_answer(
        dossier=dossier,
        question=question(dossier, "1.1.1"),
        unsupported=False,
        reason="ignored",
        remark="اطلب المحضر الأصلي",
        seen_at=first.reviewed_at,
        by=coordination,
    )
    assert (review.unsupported, review.reason, review.remark) == (False, "", "اطلب المحضر الأصلي")
    assert AnswerReview.objects.count() == 1


@pytest.mark.parametrize(
    ("code", "reason", "errors"),
    [
        ("1.1.1", "  ", {"reason": ["Give the reason why the answer is not supported."]}),
        (
            "1.1.3",
            "x",
            {"unsupported": ["This question was not answered: there is no answer to flag."]},
        ),
    ],
)
def test_a_bad_review_is_refused_and_nothing_is_written(coordination, code, reason, errors):
    dossier = submitted_dossier()
    with pytest.raises(ValidationError) as refused:
        flag_answer(dossier, code, coordination, reason=reason)
    assert refused.value.message_dict == {k: [_(m) for m in v] for k, v in errors.items()}
    assert AnswerReview.objects.count() == 0


def test_a_question_of_another_referential_is_refused(coordination):
    dossier = submitted_dossier()
    with pytest.raises(ValidationError) as refused:
        review_answer(
            dossier=dossier,
            question=other_referential_question(),
            unsupported=False,
            reason="",
            remark="x",
            by=coordination,
        )
    assert refused.value.messages == [_("This question is not part of the dossier's referential.")]
    assert AnswerReview.objects.count() == 0


def test_a_review_saved_meanwhile_is_not_overwritten(coordination):
    dossier = submitted_dossier()
    theirs = flag_answer(dossier, "1.1.1", coordination_member(), reason="theirs")
    with pytest.raises(StaleReview) as stale:
        flag_answer(dossier, "1.1.1", coordination, reason="mine")  # loaded before theirs
    assert stale.value.current == theirs
    assert AnswerReview.objects.get().reason == "theirs"


def test_only_the_coordination_reviews_and_only_while_submitted(coordination):
    dossier = submitted_dossier()
    for user in (team_member(dossier), user_with_role(Role.ADMINISTRATOR)):
        with pytest.raises(PermissionDenied):
            flag_answer(dossier, "1.1.1", user)
    from citizenlabel.verification.services.scores import record_provisional_score

    record_provisional_score(dossier=dossier, by=coordination)
    with pytest.raises(PermissionDenied):
        flag_answer(dossier, "1.1.1", coordination)
    assert AnswerReview.objects.count() == 0
