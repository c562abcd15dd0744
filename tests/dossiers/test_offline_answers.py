"""An answer made offline carries the version it was based on: sent again it is saved once,
sent stale it meets the conflict card, never an overwrite; a comment alone is not an answer."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from citizenlabel.dossiers.models import Answer
from citizenlabel.dossiers.selectors import self_assessment_progress
from citizenlabel.dossiers.services.selfassessment import StaleAnswer, save_answer
from citizenlabel.referential.selectors import referential_spec
from tests.factories import commune_people, verification_dossier

pytestmark = pytest.mark.django_db


def answer(dossier, question, by, options, seen_version, comment="") -> Answer:
    return save_answer(
        dossier=dossier,
        question=question,
        options=options,
        comment=comment,
        seen_version=seen_version,
        by=by,
    )


def test_a_stale_copy_is_refused_and_the_stored_answer_stays(dossier, question):
    focal, president = commune_people(dossier)
    answer(dossier, question, focal, ["a"], 0)
    answer(dossier, question, president, ["b"], 1)
    with pytest.raises(StaleAnswer) as stale:
        answer(dossier, question, focal, ["c"], 1)  # made offline on version 1
    assert (stale.value.current.options, stale.value.current.version) == (["b"], 2)
    stored = Answer.objects.get()
    assert (stored.options, stored.version, stored.updated_by) == (["b"], 2, president)


def test_a_copy_sent_again_after_its_reply_was_lost_is_saved_once(dossier, question):
    focal, _ = commune_people(dossier)
    answer(dossier, question, focal, ["a"], 0, comment="محضر")
    again = answer(dossier, question, focal, ["a"], 0, comment=" محضر ")
    assert (again.options, again.comment, again.version) == (["a"], "محضر", 1)
    assert Answer.objects.get().version == 1


def test_a_stale_copy_gets_the_conflict_card_with_both_values(client, dossier, question):
    focal, president = commune_people(dossier)
    answer(dossier, question, focal, ["a"], 0)
    answer(dossier, question, president, ["b"], 1, comment="قرار المجلس")
    client.force_login(focal)
    url = reverse("dossiers:answer", args=[dossier.pk, question.pk])
    posted = {"options": "c", "version": "1", "comment": "نسخة قديمة"}
    response = client.post(url, posted, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    context = response.context
    assert (context["conflict"].options, context["mine"].options) == (["b"], ["c"])
    html = response.content.decode()
    assert "قرار المجلس" in html and "نسخة قديمة" in html
    assert f'id="comment-{question.pk}-theirs"' in html  # their comment, not kept from ours
    assert list(Answer.objects.values_list("options", "version")) == [(["b"], 2)]


def test_a_comment_alone_is_kept_but_does_not_count_as_answered(client, dossier, question):
    focal, _ = commune_people(dossier)
    answer(dossier, question, focal, [], 0, comment="نبحث عن المحضر")
    progress = self_assessment_progress(dossier, referential_spec(dossier.edition.referential))
    assert sum(field.answered for field in progress) == 0
    client.force_login(focal)
    response = client.get(reverse("dossiers:questionnaire", args=[dossier.pk, "F1"]))
    html = response.content.decode()
    notice = gettext(
        "Only a comment: this question does not count as answered until an option is chosen."
    )
    assert html.count('class="unsaved comment-only"') == 1
    assert notice in html
    assert "نبحث عن المحضر" in html


def test_the_questionnaire_saves_offline_with_one_shared_script(client, dossier):
    client.force_login(commune_people(dossier)[0])
    html = client.get(reverse("dossiers:questionnaire", args=[dossier.pk, "F1"])).content.decode()
    assert "js/offline-save" in html
    assert 'data-offline-key="citizenlabel:pending-answers"' in html
    assert "<script>" not in html  # the strict CSP: every script is a static file


def test_the_verification_screen_saves_offline_with_the_same_script(client):
    dossier, verifier = verification_dossier()
    client.force_login(verifier)
    url = reverse("verification:verify", args=[dossier.pk, "F1"])
    html = client.get(url).content.decode()
    assert "js/offline-save" in html
    assert 'data-offline-key="citizenlabel:pending-verifications"' in html
    assert '<input type="hidden" name="version" value="0">' in html  # the base a copy keeps
