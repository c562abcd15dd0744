import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from citizenlabel.dossiers.models import Answer, DossierEvent, Submission
from citizenlabel.dossiers.services.approval import (
    approve_self_assessment,
    return_self_assessment,
    send_for_approval,
)
from citizenlabel.dossiers.services.selfassessment import save_answer
from citizenlabel.dossiers.services.transitions import TransitionRefused
from citizenlabel.referential.models import Question
from tests.factories import commune_people, dossier_in_self_assessment

pytestmark = pytest.mark.django_db


def answered_dossier():
    dossier = dossier_in_self_assessment()
    focal, president = commune_people(dossier)
    for code, options in (("1.1.1", ["c"]), ("1.1.2", ["b", "g"]), ("4.1.4", ["na"])):
        question = Question.objects.get(referential=dossier.edition.referential, code=code)
        save_answer(
            dossier=dossier,
            question=question,
            options=options,
            comment="",
            seen_version=0,
            by=focal,
        )
    return dossier, focal, president


def test_approval_submits_locks_and_snapshots_the_answers_and_scores():
    dossier, focal, president = answered_dossier()
    send_for_approval(dossier=dossier, by=focal)
    with pytest.raises(TransitionRefused):
        approve_self_assessment(dossier=dossier, by=focal)
    submission = approve_self_assessment(dossier=dossier, by=president)
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
    assert submission.answers == {"1.1.1": ["c"], "1.1.2": ["b", "g"], "4.1.4": ["na"]}
    # 1.1.1: c = 2 points × weight 2 = 4; 1.1.2: b + g = 1 + 2 = 3 (cap 5); 4.1.4: not applicable
    assert submission.scores["points"] == 7.0
    assert "4.1.4" not in submission.scores["unanswered"]
    assert "1.1.3" in submission.scores["unanswered"]
    assert (submission.referential_code, submission.referential_version) == ("LCC", "2022")
    question = Question.objects.get(referential=dossier.edition.referential, code="1.1.1")
    with pytest.raises(PermissionDenied):
        save_answer(
            dossier=dossier, question=question, options=["a"], comment="", seen_version=1, by=focal
        )
    assert Answer.objects.get(question=question).options == ["c"]


def test_the_president_returns_the_file_with_a_comment():
    dossier, focal, president = answered_dossier()
    send_for_approval(dossier=dossier, by=focal)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        return_self_assessment(dossier=dossier, comment=" ", by=president)
    return_self_assessment(dossier=dossier, comment="أكملوا المجال الثاني", by=president)
    dossier.refresh_from_db()
    assert (dossier.state, dossier.return_comment) == ("self_assessment", "أكملوا المجال الثاني")
    assert DossierEvent.objects.filter(dossier=dossier).last().note == "أكملوا المجال الثاني"
    assert Submission.objects.count() == 0


def test_the_approval_page_summarises_and_approves(client):
    dossier, focal, president = answered_dossier()
    client.force_login(focal)
    client.post(reverse("dossiers:send_for_approval", args=[dossier.pk]))
    client.force_login(president)
    url = reverse("dossiers:approval", args=[dossier.pk])
    response = client.get(url)
    assert response.context["answered_count"] == 3
    assert len(response.context["unanswered"]) == response.context["total"] - 3
    client.post(reverse("dossiers:approve", args=[dossier.pk]))  # without confirming
    dossier.refresh_from_db()
    assert dossier.state == "awaiting_approval"
    client.post(reverse("dossiers:approve", args=[dossier.pk]), {"confirm": "yes"})
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
    assert Submission.objects.get().submitted_by == president
