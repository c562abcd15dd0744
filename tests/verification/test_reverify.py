"""The re-verification round: the answers an action plan targeted, verified again by the
dossier's team while the plan is evaluated, kept beside the declared and verified values by
the same service, view and card as the visit."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.urls import reverse
from django.utils.translation import gettext

from citizenlabel.common.problems import InvalidInput
from citizenlabel.dossiers.enums import DossierState
from citizenlabel.people.enums import Role
from citizenlabel.verification.enums import Round
from citizenlabel.verification.models import VerifiedAnswer
from citizenlabel.verification.services.verify import StaleVerification, record_verified_answer
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    only_the_team,
    question,
    reverify,
    team_member,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def reverified():
    return VerifiedAnswer.objects.filter(round=Round.REVERIFICATION)


def people(dossier) -> dict:
    focal, president = commune_people(dossier)
    return {
        "focal": focal,
        "president": president,
        "coordination": coordination_member(),
        "other_team": team_member(dossier_in_self_assessment()),
    }


# --- the service -----------------------------------------------------------------------


def test_the_team_reverifies_beside_the_declared_and_verified_values(targeted_plan):
    dossier, member = targeted_plan
    saved = reverify(dossier, member)
    assert (saved.round, saved.options, saved.version, saved.verified_by) == (
        "reverification",
        ["d"],
        1,
        member,
    )
    assert dossier.answers.get(question__code="1.1.1").options == ["d"]
    visit = VerifiedAnswer.objects.get(dossier=dossier, question__code="1.1.1", round="visit")
    assert (visit.options, visit.version) == (["c"], 1)
    again = reverify(dossier, member, options=["c"], reason="", status="insufficient", version=1)
    assert (again.pk, again.options, again.version) == (
        saved.pk,
        ["c"],
        2,
    )  # no reason: as verified
    assert [h.options for h in again.history.order_by("history_date")] == [["d"], ["c"]]
    assert {(h.round, h.history_user) for h in again.history.all()} == {("reverification", member)}


@pytest.mark.parametrize("who", ["focal", "president", "coordination", "other_team"])
def test_only_the_assigned_team_reverifies(targeted_plan, who):
    dossier, _member = targeted_plan
    with pytest.raises(PermissionDenied) as refused:
        reverify(dossier, people(dossier)[who])
    assert str(refused.value) == only_the_team()
    assert not reverified().exists()


def test_the_visit_round_is_closed_while_the_plan_is_evaluated(targeted_plan):
    dossier, member = targeted_plan
    with pytest.raises(PermissionDenied) as refused:
        record_verified_answer(
            dossier=dossier,
            question=question(dossier, "1.1.1"),
            round=Round.VISIT,
            evidence_status="seen",
            options=["d"],
            reason="تغيير",
            seen_version=1,
            by=member,
        )
    assert str(refused.value) == gettext(
        "The verification of this dossier is closed: nothing was changed."
    )
    visit = VerifiedAnswer.objects.get(dossier=dossier, question__code="1.1.1", round="visit")
    assert (visit.options, visit.version) == (["c"], 1)


def test_the_reverification_is_closed_before_the_plan_and_after_the_updated_score(targeted_plan):
    dossier, member = targeted_plan
    dossier.state = DossierState.VERIFICATION
    dossier.save()
    with pytest.raises(PermissionDenied) as refused:
        reverify(dossier, member)
    assert str(refused.value) == gettext(
        "The plan is not open for evaluation: nothing was changed."
    )
    dossier.state = DossierState.PLAN_EVALUATED
    dossier.save()
    with pytest.raises(PermissionDenied) as refused:
        reverify(dossier, member)
    assert str(refused.value) == gettext(
        "The updated score is recorded: the evaluation is closed and nothing was changed."
    )
    assert not reverified().exists()


@pytest.mark.parametrize(
    ("options", "reason", "status", "message"),
    [
        (
            ["z"],
            "سبب",
            "seen",
            (
                'Unknown option code "%(option)s" for question "%(code)s".',
                {"option": "z", "code": "1.1.1"},
            ),
        ),
        (
            ["c", "d"],
            "سبب",
            "seen",
            ("This question takes one option code, not %(value)s.", {"value": ["c", "d"]}),
        ),
        (
            ["d"],
            "",
            "seen",
            ("Give the reason: the re-verified answer differs from the verified one.", {}),
        ),
        ([], "سبب", "seen", ("Choose the re-verified option.", {})),
        (
            ["c"],
            "",
            "maybe",
            ("Say whether the verification sources were seen, missing or insufficient.", {}),
        ),
        ([], "", "unverifiable", ("Say why this answer could not be re-verified.", {})),
    ],
)
def test_a_bad_reverification_is_refused_with_its_message(
    targeted_plan, options, reason, status, message
):
    dossier, member = targeted_plan
    with pytest.raises(InvalidInput) as refused:
        reverify(dossier, member, options=options, reason=reason, status=status)
    text, values = message
    assert [p.message for p in refused.value.problems] == [gettext(text) % values]
    assert not reverified().exists()


def test_could_not_be_reverified_keeps_its_reason_and_no_option(targeted_plan):
    dossier, member = targeted_plan
    saved = reverify(dossier, member, options=["d"], reason="المكتب مغلق", status="unverifiable")
    assert (saved.options, saved.reason, saved.could_not_verify) == ([], "المكتب مغلق", True)


def test_a_question_the_plan_did_not_target_is_refused(targeted_plan):
    dossier, member = targeted_plan
    with pytest.raises(InvalidInput) as refused:
        reverify(dossier, member, code="1.1.2", options=["b"])
    assert [p.message for p in refused.value.problems] == [
        gettext("The action plan does not target this question: it is not re-verified.")
    ]
    assert not reverified().exists()


def test_a_stale_reverification_is_refused_and_shows_the_current_one(targeted_plan):
    dossier, member = targeted_plan
    colleague = team_member(dossier)
    reverify(dossier, colleague, options=["b"], reason="تراجع")
    with pytest.raises(StaleVerification) as stale:
        reverify(dossier, member, options=["d"], version=0)
    assert (stale.value.current.options, stale.value.current.verified_by) == (["b"], colleague)
    assert [r.options for r in reverified()] == [["b"]]


def test_one_row_per_answer_and_round(targeted_plan):
    dossier, member = targeted_plan
    reverify(dossier, member)
    rows = VerifiedAnswer.objects.filter(dossier=dossier, question__code="1.1.1")
    assert sorted(rows.values_list("round", "options")) == [
        ("reverification", ["d"]),
        ("visit", ["c"]),
    ]
    with pytest.raises(IntegrityError):
        VerifiedAnswer.objects.create(
            dossier=dossier,
            question=question(dossier, "1.1.1"),
            round=Round.REVERIFICATION,
            evidence_status="seen",
            options=["b"],
            verified_by=member,
        )


# --- the card, saved by the verification's view -----------------------------------------


def url(dossier, q=None):
    if q is None:
        return reverse("actionplans:evaluation", args=[dossier.pk])
    return reverse("actionplans:reverify", args=[dossier.pk, q.pk])


def test_the_card_saves_refuses_and_shows_conflicts(client, targeted_plan):
    dossier, member = targeted_plan
    q = question(dossier, "1.1.1")
    client.force_login(member)

    def post(**data):
        return client.post(url(dossier, q), data, HTTP_HX_REQUEST="true")

    response = post(evidence_status="seen", options="z", reason="", version="0")
    assert response.status_code == 422
    assert response.context["errors"] == [
        gettext('Unknown option code "%(option)s" for question "%(code)s".')
        % {"option": "z", "code": "1.1.1"},
        gettext("Give the reason: the re-verified answer differs from the verified one."),
    ]
    response = post(evidence_status="seen", options="d", reason="محضر كامل", version="0")
    assert response.status_code == 200 and response.context["saved"]
    row = response.context["row"]
    assert (row.current.options, row.verified.options, row.declared_options) == (
        ["d"],
        ["c"],
        ["d"],
    )
    assert row.differs and row.target_options == {"d"}
    body = response.content.decode()
    assert f'id="rv-{q.pk}"' in body and 'data-offline-key="citizenlabel:pending-' in body
    response = post(evidence_status="seen", options="b", reason="تراجع", version="0")
    assert response.status_code == 409
    assert (response.context["conflict"].options, response.context["mine"].options) == (
        ["d"],
        ["b"],
    )
    assert [r.options for r in reverified()] == [["d"]]
    other = question(dossier, "1.1.2")
    assert client.post(url(dossier, other), {"options": "b"}).status_code == 404


def test_without_javascript_the_card_goes_back_to_the_page(client, targeted_plan):
    dossier, member = targeted_plan
    q = question(dossier, "1.1.1")
    client.force_login(member)
    data = {"evidence_status": "seen", "options": "d", "reason": "", "version": "0"}
    response = client.post(url(dossier, q), data)
    assert (response.status_code, response["Location"]) == (302, f"{url(dossier)}#rv-{q.pk}")
    assert [str(m) for m in response.wsgi_request._messages] == [
        gettext("Give the reason: the re-verified answer differs from the verified one.")
    ]
    assert not reverified().exists()


@pytest.mark.parametrize("who", ["focal", "coordination"])
def test_the_commune_and_the_coordination_posting_a_card_get_403(client, targeted_plan, who):
    dossier, _member = targeted_plan
    client.force_login(people(dossier)[who])
    q = question(dossier, "1.1.1")
    data = {"evidence_status": "seen", "options": "d", "reason": "x", "version": "0"}
    response = client.post(url(dossier, q), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert response.context["errors"] == [only_the_team()]
    assert not response.context["editable"]
    assert not reverified().exists()


@pytest.mark.parametrize("who", ["other_team", "accreditation", "other_focal"])
def test_others_get_404(client, targeted_plan, who):
    dossier, _member = targeted_plan
    other = dossier_in_self_assessment()
    outsider = {
        "other_team": lambda: team_member(other),
        "accreditation": lambda: user_with_role(Role.ACCREDITATION),
        "other_focal": lambda: commune_people(other)[0],
    }[who]()
    client.force_login(outsider)
    q = question(dossier, "1.1.1")
    data = {"evidence_status": "seen", "options": "d", "reason": "x", "version": "0"}
    assert client.post(url(dossier, q), data).status_code == 404
    assert not reverified().exists()


def test_the_visit_route_does_not_reach_the_reverification(client, targeted_plan):
    dossier, member = targeted_plan
    client.force_login(member)
    q = question(dossier, "1.1.1")
    data = {"evidence_status": "seen", "options": "d", "reason": "x", "version": "1"}
    visit_url = reverse("verification:verify_answer", args=[dossier.pk, q.pk])
    response = client.post(visit_url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert not reverified().exists()
    visit = VerifiedAnswer.objects.get(dossier=dossier, question=q, round="visit")
    assert (visit.options, visit.version) == (["c"], 1)
