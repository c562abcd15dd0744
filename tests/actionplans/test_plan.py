"""The plan's draft from the weaknesses, its what-if, and opening the plan."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from citizenlabel.actionplans.models import ActionPlan, ExpectedResult
from citizenlabel.actionplans.services.plan import Selection, open_action_plan
from citizenlabel.dossiers.models import DossierEvent
from citizenlabel.people.enums import Role
from citizenlabel.referential.models import Principle
from citizenlabel.verification.models import AgreedPriority
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    dossier_ready_for_plan,
    team_member,
    user_with_role,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

START, END = datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)


@pytest.fixture
def ready():
    """(dossier, focal point, team member) of a verified dossier with an action plan proposed."""
    dossier, verifier = dossier_ready_for_plan()
    focal = user_with_role(Role.FOCAL_POINT, commune=dossier.commune)
    return dossier, focal, verifier


def open_plan(dossier, by, selections=(("1.1.1", ("d",)),), **fields):
    values = {"overall_objective": "تعزيز الحكامة", "starts_on": START, "ends_on": END}
    return open_action_plan(
        dossier=dossier,
        **{**values, **fields},
        selections=[Selection(code, tuple(options)) for code, options in selections],
        by=by,
    )


def nothing_opened(dossier):
    dossier.refresh_from_db()
    assert dossier.state == "verified"
    assert not ActionPlan.objects.exists()
    assert not ExpectedResult.objects.exists()


# --- the service -----------------------------------------------------------------------


def test_opening_moves_the_dossier_and_turns_each_selection_into_an_expected_result(ready):
    dossier, focal, _verifier = ready
    plan = open_plan(dossier, focal, (("1.1.1", ("d",)), ("1.1.2", ("b", "c", "d", "g"))))
    dossier.refresh_from_db()
    assert dossier.state == "action_plan"
    assert DossierEvent.objects.filter(dossier=dossier).last().to_state == "action_plan"
    assert (plan.opened_by, plan.starts_on, plan.ends_on) == (focal, START, END)
    results = list(plan.results.prefetch_related("targets__question"))
    assert [(r.position, r.principle.code) for r in results] == [(1, "EQUAL"), (2, "EQUAL")]
    assert [[(t.question.code, t.options) for t in r.targets.all()] for r in results] == [
        [("1.1.1", ["d"])],
        [("1.1.2", ["b", "c", "d", "g"])],
    ]
    assert results[0].text.startswith("Reach the option “")
    assert "of question 1.1.1: " in results[0].text
    assert results[1].text.startswith("Add the options “")
    assert plan.history.get().history_user == focal


def test_the_result_text_is_stored_in_the_users_language(ready):
    dossier, focal, _verifier = ready
    with translation.override("ar"):
        plan = open_plan(dossier, focal)
    text = plan.results.get().text
    assert "1.1.1" in text
    assert "عدد المستشارات" in text  # the question's Arabic text


def test_the_team_may_open_the_plan_too(ready):
    dossier, _focal, verifier = ready
    assert open_plan(dossier, verifier).opened_by == verifier


def test_an_end_before_the_start_is_refused(ready):
    dossier, focal, _verifier = ready
    with pytest.raises(ValidationError) as error:
        open_plan(dossier, focal, starts_on=END, ends_on=START)
    assert error.value.message_dict == {
        "ends_on": ["The end (Jan. 1, 2027) is before the start (Dec. 31, 2027)."]
    }
    nothing_opened(dossier)


@pytest.mark.parametrize(
    "selection",
    [("1.1.1", ("c",)), ("1.1.1", ("b",)), ("1.1.1", ("zz",)), ("9.9.9", ("a",))],
)
def test_a_forged_selection_is_refused(ready, selection):
    dossier, focal, _verifier = ready
    with pytest.raises(ValidationError) as error:
        open_plan(dossier, focal, (selection,))
    code, options = selection
    assert error.value.messages == [
        f"“{', '.join(options)}” of question {code} is not a proposed improvement."
    ]
    nothing_opened(dossier)


def test_a_question_selected_twice_is_refused(ready):
    dossier, focal, _verifier = ready
    with pytest.raises(ValidationError):
        open_plan(dossier, focal, (("1.1.1", ("d",)), ("1.1.1", ("d",))))
    nothing_opened(dossier)


@pytest.mark.parametrize("who", ["coordination", "other team", "other commune"])
def test_only_the_commune_and_its_team_open_the_plan(ready, who):
    dossier, _focal, _verifier = ready
    other = dossier_in_self_assessment()
    user = {
        "coordination": coordination_member,
        "other team": lambda: team_member(other),
        "other commune": lambda: commune_people(other)[0],
    }[who]()
    with pytest.raises(PermissionDenied):
        open_plan(dossier, user)
    nothing_opened(dossier)


def test_the_plan_opens_once(ready):
    dossier, focal, _verifier = ready
    open_plan(dossier, focal)
    with pytest.raises(PermissionDenied):
        open_plan(dossier, focal)
    assert ActionPlan.objects.count() == 1


def test_without_an_action_plan_proposal_the_plan_does_not_open(ready):
    dossier, focal, _verifier = ready
    dossier.proposal.recommendation = "label"
    dossier.proposal.save()
    with pytest.raises(PermissionDenied):
        open_plan(dossier, focal)
    nothing_opened(dossier)


# --- the draft page ----------------------------------------------------------------------


def draft_url(dossier, query=""):
    return f"/dossiers/{dossier.pk}/plan/draft/{query}"


def priority(dossier, code, position=1):
    principle = Principle.objects.get(referential=dossier.edition.referential, code=code)
    return AgreedPriority.objects.create(
        dossier=dossier, position=position, text="هيئة المساواة", principle=principle
    )


def test_the_draft_lists_the_weaknesses_agreed_priorities_first(client, ready):
    dossier, focal, _verifier = ready
    AgreedPriority.objects.filter(dossier=dossier).delete()  # the one finish_verification agreed
    priority(dossier, "INNOV")
    client.force_login(focal)
    response = client.get(draft_url(dossier))
    assert response.status_code == 200
    groups = response.context["groups"]
    first_title, _percent, first_items = groups[0]
    assert first_title["fr"] == "Innovation"
    assert all(item.candidate.priority for item, _t, _c in first_items)
    codes = [item.candidate.code for _title, _p, items in groups for item, _t, _c in items]
    assert "1.1.1" in codes and len(codes) == len(set(codes)) == 76
    assert response.context["steps"]  # the what-if selection
    assert response.context["can_open"] is True
    assert b'action="/dossiers/%d/plan/open/"' % dossier.pk in response.content


def test_the_what_if_of_the_ticked_changes_is_shown(client, ready):
    dossier, focal, _verifier = ready
    client.force_login(focal)
    response = client.get(draft_url(dossier, "?pick=1.1.1&to-1.1.1=d&pick=1.1.2"))
    projection = response.context["projection"]
    assert projection["count"] == 2
    # 1.1.1: c → d adds 2 × 1 points; 1.1.2: b + g → cap 5 adds 2: (7 + 4) / 211
    assert projection["questionnaire"] == pytest.approx(100 * 11 / 211)
    assert projection["threshold_met"] is False
    assert [c for _item, c in response.context["ticked"]] == [("d",), ("b", "c", "d", "g")]
    assert b'name="pick" value="1.1.1"' in response.content


def test_a_forged_tick_is_refused_with_its_message(client, ready):
    dossier, focal, _verifier = ready
    client.force_login(focal)
    response = client.get(draft_url(dossier, "?pick=1.1.1&pick=9.9.9"))
    assert response.context["projection"] is None
    assert "Question 9.9.9 is not one of the proposed improvements." in response.content.decode()


@pytest.mark.parametrize("who", ["president", "team", "coordination"])
def test_the_commune_its_team_and_the_coordination_read_the_draft(client, ready, who):
    dossier, _focal, verifier = ready
    user = {
        "president": lambda: user_with_role(Role.PRESIDENT, commune=dossier.commune),
        "team": lambda: verifier,
        "coordination": coordination_member,
    }[who]()
    client.force_login(user)
    response = client.get(draft_url(dossier))
    assert response.status_code == 200
    assert len(response.context["draft"].items) == 76
    assert response.context["can_open"] is (who != "coordination")


@pytest.mark.parametrize("who", ["other team", "other commune"])
def test_outsiders_get_404(client, ready, who):
    dossier, _focal, _verifier = ready
    other = dossier_in_self_assessment()
    user = team_member(other) if who == "other team" else commune_people(other)[0]
    client.force_login(user)
    assert client.get(draft_url(dossier)).status_code == 404
    assert client.post(f"/dossiers/{dossier.pk}/plan/open/").status_code == 404


def test_the_commune_waits_for_the_published_results(client):
    dossier, _verifier = dossier_ready_for_plan(published=False)
    client.force_login(user_with_role(Role.FOCAL_POINT, commune=dossier.commune))
    response = client.get(draft_url(dossier))
    assert response.status_code == 200
    assert "draft" not in response.context
    assert response.context["notice"] == (
        "The draft of the action plan is shown once the verification results are published."
    )


def test_before_the_final_score_there_is_no_draft(client):
    dossier = dossier_in_self_assessment()
    client.force_login(team_member(dossier))
    response = client.get(draft_url(dossier))
    assert response.context["notice"] == (
        "The draft of the action plan is proposed once the dossier has its final score."
    )


def test_the_draft_costs_the_same_queries_with_1_and_10_priorities(
    client, ready, django_assert_max_num_queries
):
    dossier, focal, _verifier = ready
    client.force_login(focal)
    priority(dossier, "PART")
    client.get(draft_url(dossier))
    with django_assert_max_num_queries(20) as one:
        client.get(draft_url(dossier, "?pick=1.1.1"))
    for position, code in enumerate(["EQUAL", "COOP", "EFFIC", "TRANSP", "SUST"] * 2, 2):
        priority(dossier, code, position)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(draft_url(dossier, "?pick=1.1.1"))


# --- opening through the page --------------------------------------------------------------


def open_form(**fields):
    return {
        "overall_objective": "تعزيز الحكامة الترابية",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "pick": ["1.1.1", "1.1.2"],
        "to-1.1.1": "d",
        **fields,
    }


def test_the_focal_point_opens_the_plan_from_the_draft(client, ready):
    dossier, focal, _verifier = ready
    client.force_login(focal)
    response = client.post(f"/dossiers/{dossier.pk}/plan/open/", open_form())
    assert response.status_code == 302
    assert response["Location"] == f"/dossiers/{dossier.pk}/plan/"
    plan = ActionPlan.objects.get(dossier=dossier)
    assert [r.targets.get().question.code for r in plan.results.all()] == ["1.1.1", "1.1.2"]
    assert plan.overall_objective == "تعزيز الحكامة الترابية"


def test_an_end_before_the_start_is_shown_on_the_draft_and_nothing_opens(client, ready):
    dossier, focal, _verifier = ready
    client.force_login(focal)
    backwards = open_form(starts_on="2027-12-31", ends_on="2027-01-01")
    response = client.post(f"/dossiers/{dossier.pk}/plan/open/", backwards)
    assert response.status_code == 422
    assert response.context["plan_form"].errors == {"ends_on": ["The end is before the start."]}
    assert 'role="alert"' in response.content.decode()
    nothing_opened(dossier)


def test_the_coordination_may_not_open_the_plan(client, ready):
    dossier, _focal, _verifier = ready
    client.force_login(coordination_member())
    response = client.post(f"/dossiers/{dossier.pk}/plan/open/", open_form())
    assert response.status_code == 403
    assert "The action plan cannot be opened now" in response.content.decode()
    nothing_opened(dossier)


# --- the links of the dossier's page ---------------------------------------------------------


def links(dossier, user) -> str:
    from django.template.loader import render_to_string

    return render_to_string("actionplans/_plan_links.html", {"dossier": dossier, "user": user})


def test_the_dossier_page_links_to_the_draft_then_to_every_page_of_the_plan(ready):
    dossier, focal, verifier = ready
    before = links(dossier, focal)
    assert f'href="/dossiers/{dossier.pk}/plan/draft/"' in before
    assert f'href="/dossiers/{dossier.pk}/plan/"' not in before
    open_plan(dossier, focal)
    dossier.refresh_from_db()
    after = links(dossier, verifier)
    for tail in ("draft/", "", "timeline/", "dashboard/", "evaluation/"):
        assert f'href="/dossiers/{dossier.pk}/plan/{tail}"' in after
    assert links(dossier, team_member(dossier_in_self_assessment())).strip() == ""
