"""The on-site verification: its service and its screen, for every role."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citizenlabel.common.problems import InvalidInput
from citizenlabel.dossiers.models import Answer
from citizenlabel.referential.models import Question
from citizenlabel.verification.models import AnswerReview, VerifiedAnswer
from citizenlabel.verification.selectors_verify import verification_summary
from citizenlabel.verification.services.verify import StaleVerification, record_verified_answer
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    other_referential_question,
    question,
    team_member,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def verify(dossier, by, code="1.1.1", *, status="seen", options=("d",), reason="", seen=0):
    return record_verified_answer(
        dossier=dossier,
        question=question(dossier, code),
        evidence_status=status,
        options=list(options),
        reason=reason,
        seen_version=seen,
        by=by,
    )


# --- the service -------------------------------------------------------------------------


def test_it_records_a_verified_option_beside_the_untouched_declared_one(visit):
    dossier, verifier = visit
    declared = Answer.objects.get(dossier=dossier, question=question(dossier))
    verified = verify(dossier, verifier, status="insufficient", options=["c"], reason="محضر ناقص")
    assert (verified.options, verified.evidence_status, verified.reason) == (
        ["c"],
        "insufficient",
        "محضر ناقص",
    )
    assert (verified.version, verified.verified_by) == (1, verifier)
    after = Answer.objects.get(pk=declared.pk)
    assert (after.options, after.version, after.updated_at) == (
        ["d"],
        declared.version,
        declared.updated_at,
    )
    assert verified.history.get().history_user == verifier


def test_the_history_keeps_the_old_and_the_new_verification(visit):
    dossier, verifier = visit
    verify(dossier, verifier, options=["d"])
    verify(dossier, verifier, options=["b"], reason="لا محضر", status="missing", seen=1)
    rows = list(VerifiedAnswer.history.order_by("history_date").values_list("options", "version"))
    assert rows == [(["d"], 1), (["b"], 2)]


def test_it_refuses_an_option_that_is_not_the_questions_and_writes_nothing(visit):
    dossier, verifier = visit
    with pytest.raises(InvalidInput) as refused:
        verify(dossier, verifier, options=["z"], reason="…")
    assert [p.message for p in refused.value.problems] == [unknown_option("z")]
    with pytest.raises(InvalidInput):
        verify(dossier, verifier, code="1.1.2", options=["b", "zz"], reason="…")
    assert VerifiedAnswer.objects.count() == 0


NO_STATUS = "Say whether the verification sources were seen, missing or insufficient."
NO_OPTION = "Choose the verified option."
NO_REASON = (
    "Give the reason: the verified answer differs from the declared one "
    "or its sources were not seen."
)


def unknown_option(code: str) -> str:
    message = _('Unknown option code "%(option)s" for question "%(code)s".')
    return message % {"option": code, "code": "1.1.1"}


@pytest.mark.parametrize(
    ("status", "options", "messages"),
    [
        ("", ["d"], [NO_STATUS, NO_REASON]),
        ("forged", ["d"], [NO_STATUS, NO_REASON]),
        ("seen", [], [NO_OPTION, NO_REASON]),
        ("seen", ["c"], [NO_REASON]),
        ("missing", ["d"], [NO_REASON]),
    ],
)
def test_it_refuses_incomplete_input_with_its_message(visit, status, options, messages):
    dossier, verifier = visit
    with pytest.raises(InvalidInput) as refused:
        verify(dossier, verifier, status=status, options=options, reason="  ")
    assert [p.message for p in refused.value.problems] == [_(m) for m in messages]
    assert VerifiedAnswer.objects.count() == 0


def test_a_single_question_takes_one_verified_option(visit):
    dossier, verifier = visit
    with pytest.raises(InvalidInput) as refused:
        verify(dossier, verifier, options=["c", "d"], reason="…")
    message = _("This question takes one option code, not %(value)s.") % {"value": ["c", "d"]}
    assert [p.message for p in refused.value.problems] == [message]


def test_the_same_answer_with_its_sources_seen_needs_no_reason(visit):
    dossier, verifier = visit
    assert verify(dossier, verifier, code="1.1.2", options=["g", "b"]).reason == ""


def test_a_stale_form_is_refused_with_the_current_verification(visit):
    dossier, verifier = visit
    colleague = team_member(dossier)
    verify(dossier, colleague, options=["c"], reason="سجل ناقص", status="insufficient")
    with pytest.raises(StaleVerification) as stale:
        verify(dossier, verifier, options=["d"], seen=0)
    assert (stale.value.current.options, stale.value.current.verified_by) == (["c"], colleague)
    assert VerifiedAnswer.objects.get().options == ["c"]


@pytest.mark.parametrize("who", ["other_team", "coordination", "focal_point"])
def test_only_the_dossiers_team_verifies(visit, who):
    dossier, _verifier = visit
    user = {
        "other_team": lambda: team_member(dossier_in_self_assessment()),
        "coordination": coordination_member,
        "focal_point": lambda: commune_people(dossier)[0],
    }[who]()
    with pytest.raises(PermissionDenied):
        verify(dossier, user)
    assert VerifiedAnswer.objects.count() == 0


def test_the_verification_opens_with_the_visit_and_closes_with_the_final_score(visit):
    dossier, verifier = visit
    dossier.visit.delete()
    dossier.refresh_from_db()
    with (
        translation.override("en"),
        pytest.raises(PermissionDenied, match="The visit is not scheduled yet"),
    ):
        verify(dossier, verifier)
    dossier.state = "verified"
    with translation.override("en"), pytest.raises(PermissionDenied, match="is closed"):
        verify(dossier, verifier)
    assert VerifiedAnswer.objects.count() == 0


def test_a_question_of_another_referential_is_refused(visit):
    dossier, verifier = visit
    with pytest.raises(PermissionDenied):
        record_verified_answer(
            dossier=dossier,
            question=other_referential_question(),
            evidence_status="seen",
            options=["a"],
            reason="",
            seen_version=0,
            by=verifier,
        )


def test_the_summary_counts_verified_answers_and_scores_the_verified_questionnaire(visit):
    dossier, verifier = visit
    verify(dossier, verifier, options=["c"], reason="محضر ناقص", status="insufficient")
    summary = verification_summary(dossier)
    f1 = summary.fields[0]
    assert (f1.code, f1.verified, f1.total) == ("F1", 1, 18)
    assert (summary.verified, summary.total) == (1, 76)
    # 1.1.1 verified c: 2 points × 2 = 4; 1.1.2 still declared b + g = 3 -> 7 / 211
    assert round(
        Decimal(summary.score.overall.numerator) / summary.score.overall.denominator, 4
    ) == (Decimal("3.3175"))
    assert summary.declared.overall > summary.score.overall


# --- the screen --------------------------------------------------------------------------


def screen_url(dossier, field="F1"):
    return reverse("verification:verify", args=[dossier.pk, field])


def save_url(dossier, code="1.1.1"):
    return reverse("verification:verify_answer", args=[dossier.pk, question(dossier, code).pk])


def test_the_team_sees_declared_and_verified_side_by_side_with_the_declared_preselected(
    client, visit
):
    dossier, verifier = visit
    AnswerReview.objects.create(
        dossier=dossier,
        question=question(dossier),
        unsupported=True,
        reason="لا يوجد محضر",
        remark="اطلبوا المحضر الأصلي",
        reviewed_by=coordination_member(),
    )
    client.force_login(verifier)
    response = client.get(screen_url(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    q = question(dossier)
    assert f'id="vo-{q.pk}-d" name="options" value="d" checked' in html
    assert f'id="vo-{q.pk}-c" name="options" value="c">' in html
    assert "لا يوجد محضر" in html and "اطلبوا المحضر الأصلي" in html
    assert f'hx-post="{save_url(dossier)}"' in html
    assert VerifiedAnswer.objects.count() == 0  # preselected, not stored


def test_saving_on_change_returns_the_card_and_refreshes_the_progress(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    data = {"evidence_status": "insufficient", "options": "c", "reason": "محضر ناقص", "version": 0}
    response = client.post(save_url(dossier), data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="verify-progress" class="verify-progress" hx-swap-oob="true"' in html
    assert "saved--now" in html
    assert VerifiedAnswer.objects.get().options == ["c"]
    assert response.context["summary"].verified == 1


def test_a_forged_option_is_refused_on_the_card_and_nothing_is_stored(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    data = {"evidence_status": "seen", "options": "zz", "reason": "…", "version": 0}
    response = client.post(save_url(dossier), data, **HTMX)
    assert response.status_code == 422
    assert response.context["errors"] == [unknown_option("zz")]
    assert 'role="alert"' in response.content.decode()
    assert VerifiedAnswer.objects.count() == 0


def test_a_missing_reason_keeps_what_the_team_chose(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    data = {"evidence_status": "missing", "options": "b", "reason": "", "version": 0}
    response = client.post(save_url(dossier), data, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    q = question(dossier)
    assert f'id="vo-{q.pk}-b" name="options" value="b" checked' in html
    assert f'id="es-{q.pk}-missing" name="evidence_status" value="missing" checked' in html
    assert VerifiedAnswer.objects.count() == 0


def test_a_conflict_shows_both_verifications(client, visit):
    dossier, verifier = visit
    verify(dossier, team_member(dossier), options=["c"], reason="سجل ناقص", status="insufficient")
    client.force_login(verifier)
    data = {"evidence_status": "seen", "options": "a", "reason": "رأيي", "version": 0}
    response = client.post(save_url(dossier), data, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "سجل ناقص" in html and "رأيي" in html
    assert response.context["mine"].options == ["a"]
    assert VerifiedAnswer.objects.get().options == ["c"]


def test_without_javascript_the_save_goes_back_to_the_question(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    data = {"evidence_status": "seen", "options": "d", "reason": "", "version": 0}
    response = client.post(save_url(dossier), data)
    assert response.status_code == 302
    assert response.url == f"{screen_url(dossier)}#vq-{question(dossier).pk}"
    assert VerifiedAnswer.objects.get().options == ["d"]


def test_the_coordination_reads_the_screen_but_cannot_save(client, visit):
    dossier, _verifier = visit
    client.force_login(coordination_member())
    html = client.get(screen_url(dossier)).content.decode()
    assert "hx-post" not in html
    assert '<fieldset class="evidence-status" disabled>' in html
    data = {"evidence_status": "seen", "options": "d", "reason": "", "version": 0}
    response = client.post(save_url(dossier), data, **HTMX)
    assert response.status_code == 403
    assert VerifiedAnswer.objects.count() == 0


@pytest.mark.parametrize("who", ["other_team", "focal_point", "anonymous_commune"])
def test_outsiders_get_404_on_the_screen_and_the_save(client, visit, who):
    dossier, _verifier = visit
    user = {
        "other_team": lambda: team_member(dossier_in_self_assessment()),
        "focal_point": lambda: commune_people(dossier)[0],  # results not published yet
        "anonymous_commune": lambda: commune_people(dossier_in_self_assessment())[1],
    }[who]()
    client.force_login(user)
    assert client.get(screen_url(dossier)).status_code == 404
    assert client.get(reverse("verification:verify_start", args=[dossier.pk])).status_code == 404
    data = {"evidence_status": "seen", "options": "d", "reason": "", "version": 0}
    assert client.post(save_url(dossier), data, **HTMX).status_code == 404
    assert VerifiedAnswer.objects.count() == 0


def test_the_commune_reads_its_verification_once_published_without_the_review_notes(client, visit):
    dossier, verifier = visit
    verify(dossier, verifier, options=["c"], reason="محضر ناقص", status="insufficient")
    AnswerReview.objects.create(
        dossier=dossier,
        question=question(dossier),
        remark="ملاحظة داخلية",
        reviewed_by=coordination_member(),
    )
    dossier.state, dossier.results_published_at = "verified", timezone.now()
    dossier.save()
    client.force_login(commune_people(dossier)[0])
    html = client.get(screen_url(dossier)).content.decode()
    assert "محضر ناقص" in html
    assert "ملاحظة داخلية" not in html
    assert "hx-post" not in html


def test_an_unknown_field_is_404_and_the_start_goes_to_the_first_field(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    assert client.get(screen_url(dossier, "F9")).status_code == 404
    response = client.get(reverse("verification:verify_start", args=[dossier.pk]))
    assert response.url == screen_url(dossier, "F1")


def test_the_screen_costs_the_same_queries_whatever_the_number_verified(
    client, visit, django_assert_max_num_queries
):
    dossier, verifier = visit
    client.force_login(verifier)
    codes = list(
        Question.objects.filter(field__code="F1", referential=dossier.edition.referential)
        .order_by("position")
        .values_list("code", flat=True)
    )
    verify(dossier, verifier, code=codes[0], options=["d"])
    with django_assert_max_num_queries(27) as one:
        client.get(screen_url(dossier))
    for code in codes[1:10]:
        option = question(dossier, code).options.first().code
        verify(dossier, verifier, code=code, options=[option], reason="…", status="missing")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(screen_url(dossier))
    assert response.context["summary"].fields[0].verified == 10
    with django_assert_max_num_queries(36):  # the save, its history and the card
        client.post(
            save_url(dossier, codes[10]),
            {"evidence_status": "missing", "options": "a", "reason": "…", "version": 0},
            **HTMX,
        )


def test_the_team_links_list_the_three_pages_for_those_who_may_see_them(visit):
    dossier, verifier = visit
    html = render_to_string("verification/_team_links.html", {"dossier": dossier, "user": verifier})
    assert re.findall(r'href="([^"]+)"', html) == [
        reverse("verification:verify_start", args=[dossier.pk]),
        reverse("verification:components", args=[dossier.pk]),
        reverse("verification:diagnosis", args=[dossier.pk]),
    ]
    outsider = team_member(dossier_in_self_assessment())
    assert (
        render_to_string(
            "verification/_team_links.html", {"dossier": dossier, "user": outsider}
        ).strip()
        == ""
    )
