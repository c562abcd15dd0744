"""Answers that contradict themselves ("none of these" or "not applicable" ticked with another
option): refused on the questionnaire and the verification screen, and, when stored before
the rule, listed for the commune and left out of its score instead of breaking its pages."""

from fractions import Fraction

import pytest
from django.urls import reverse

from citizenlabel.common.problems import InvalidInput
from citizenlabel.dossiers.models import Answer
from citizenlabel.dossiers.selectors import contradictory_answers, declared_score
from citizenlabel.dossiers.services.selfassessment import save_answer
from citizenlabel.referential.models import Option
from citizenlabel.verification.models import VerifiedAnswer
from citizenlabel.verification.services.verify import record_verified_answer
from tests.factories import (
    commune_people,
    dossier_in_self_assessment,
    question,
    verification_dossier,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]
HTMX = {"HTTP_HX_REQUEST": "true"}

# In the default referential: 1.1.2 a "no woman holds a post", b "vice-presidency" (1 point).
# Messages in their English source; option texts then fall back to Arabic.
REFUSED = (
    'Question "1.1.2": "a" (لا تشغل أي امرأة منصب مسؤولية) means none of the other options, '
    'so it cannot be chosen with "b" (نيابة رئيس المجلس).'
)


def stored(dossier, code: str, options: list[str], by) -> Answer:
    """An answer saved before contradictions were refused: written without the service."""
    return Answer.objects.create(
        dossier=dossier, question=question(dossier, code), options=options, updated_by=by
    )


def test_the_default_referential_loads_its_none_options_as_exclusive():
    dossier = dossier_in_self_assessment()
    none = Option.objects.get(question=question(dossier, "2.2.4"), code="a")
    assert (none.exclusive, none.text["fr"]) == (True, "Aucune publication")


def test_the_service_refuses_none_with_another_option_and_saves_nothing():
    dossier = dossier_in_self_assessment()
    focal, _ = commune_people(dossier)
    with pytest.raises(InvalidInput) as refused:
        save_answer(
            dossier=dossier,
            question=question(dossier, "1.1.2"),
            options=["a", "b"],
            comment="",
            seen_version=0,
            by=focal,
        )
    assert [p.message for p in refused.value.problems] == [REFUSED]
    assert Answer.objects.count() == 0


def test_none_alone_and_several_posts_are_saved():
    dossier = dossier_in_self_assessment()
    focal, _ = commune_people(dossier)
    for options, seen in ((["a"], 0), (["b", "c"], 1)):
        save_answer(
            dossier=dossier,
            question=question(dossier, "1.1.2"),
            options=options,
            comment="",
            seen_version=seen,
            by=focal,
        )
    assert Answer.objects.get().options == ["b", "c"]


def test_the_page_shows_the_refusal_on_the_card_and_keeps_the_stored_answer(client):
    dossier = dossier_in_self_assessment()
    focal, _ = commune_people(dossier)
    saved = stored(dossier, "1.1.2", ["b"], focal)
    client.force_login(focal)
    url = reverse("dossiers:answer", args=[dossier.pk, saved.question_id])
    response = client.post(url, {"options": ["a", "b"], "version": "1"}, **HTMX)
    assert response.status_code == 422
    assert response.context["errors"] == [REFUSED]
    assert REFUSED.replace('"', "&quot;").replace("'", "&#x27;") in response.text
    saved.refresh_from_db()
    assert (saved.options, saved.version) == (["b"], 1)


def test_without_javascript_the_refusal_comes_back_as_a_message(client):
    dossier = dossier_in_self_assessment()
    focal, _ = commune_people(dossier)
    client.force_login(focal)
    url = reverse("dossiers:answer", args=[dossier.pk, question(dossier, "2.2.4").pk])
    response = client.post(url, {"options": ["c", "a"], "version": "0"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        'Question "2.2.4": "a" (لا يتم النشر) means none of the other options, '
        'so it cannot be chosen with "c" (الموقع الإلكتروني للجماعة).'
    ]
    assert Answer.objects.count() == 0


def test_a_stored_contradiction_is_listed_and_left_out_of_the_score():
    dossier = dossier_in_self_assessment()
    focal, _ = commune_people(dossier)
    stored(dossier, "1.1.2", ["a", "b"], focal)
    stored(dossier, "2.2.4", ["b", "c"], focal)  # two channels: consistent
    found = contradictory_answers(dossier)
    assert [(f.question.code, f.field_code, f.options) for f in found] == [
        ("1.1.2", "F1", ["a", "b"])
    ]
    assert found[0].question_id == question(dossier, "1.1.2").pk
    assert found[0].problems == [REFUSED]
    result = declared_score(dossier)  # scoring refuses it: it counts as unanswered
    assert "1.1.2" in result.unanswered and "2.2.4" not in result.unanswered
    assert result.questions["1.1.2"].points == Fraction(0)
    assert result.questions["2.2.4"].points == Fraction(2)


def test_the_dossier_questionnaire_and_approval_pages_list_stored_contradictions(client):
    dossier = dossier_in_self_assessment()
    focal, _ = commune_people(dossier)
    bad = stored(dossier, "1.1.2", ["a", "b"], focal)
    client.force_login(focal)
    link = reverse("dossiers:questionnaire", args=[dossier.pk, "F1"]) + f"#q-{bad.question_id}"
    detail = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    page = client.get(reverse("dossiers:questionnaire", args=[dossier.pk, "F1"]))
    approval = client.get(reverse("dossiers:approval", args=[dossier.pk]))
    for response in (detail, page, approval):
        assert response.status_code == 200
        assert [f.question.code for f in response.context["contradictions"]] == ["1.1.2"]
        assert f'href="{link}"' in response.text
    card = page.text[page.text.index(f'id="q-{bad.question_id}"') :]
    assert "This saved answer contradicts itself" in card[: card.index("</article>")]


def test_correcting_the_answer_clears_the_notice(client):
    dossier = dossier_in_self_assessment()
    focal, _ = commune_people(dossier)
    bad = stored(dossier, "1.1.2", ["a", "b"], focal)
    client.force_login(focal)
    url = reverse("dossiers:answer", args=[dossier.pk, bad.question_id])
    response = client.post(url, {"options": ["b"], "version": "1"}, **HTMX)
    assert response.status_code == 200
    assert response.context["contradictions"] == []
    assert "contradicts" not in response.text


def test_the_verification_refuses_a_contradictory_verified_answer():
    dossier, verifier = verification_dossier()
    with pytest.raises(InvalidInput) as refused:
        record_verified_answer(
            dossier=dossier,
            question=question(dossier, "1.1.2"),
            evidence_status="seen",
            options=["a", "b"],
            reason="…",
            seen_version=0,
            by=verifier,
        )
    assert [p.message for p in refused.value.problems] == [REFUSED]
    assert VerifiedAnswer.objects.count() == 0
