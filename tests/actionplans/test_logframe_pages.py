"""The logical framework's pages, for every role."""

import pytest

from citizenlabel.actionplans.models import Activity, Indicator, SpecificObjective
from citizenlabel.actionplans.services import logframe as services
from citizenlabel.people.enums import Role
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    dossier_with_plan,
    team_member,
    user_with_role,
)
from tests.factories.actionplans import add_activity, add_indicator, add_objective, add_result

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


# --- pages -------------------------------------------------------------------------------


def url(plan, tail=""):
    return f"/dossiers/{plan.dossier.pk}/plan/{tail}"


def indicator_form(row="overall", **fields):
    values = {"row": row, "name": "عدد العرائض", "baseline": "2", "target": "10"}
    return {**values, "unit": "عريضة", "source": "سجل", "frequency": "yearly", **fields}


def test_the_commune_edits_the_matrix(client, planned):
    plan, focal = planned
    client.force_login(focal)
    response = client.get(url(plan))
    assert response.status_code == 200
    assert response.context["editable"] is True
    assert [row.item for row in response.context["frame"].results] == [plan.results.get()]
    assert f'href="{url(plan, "objective/new/")}"' in response.content.decode()


@pytest.mark.parametrize("who", ["team", "coordination", "president"])
def test_the_team_the_coordination_and_the_president_read_it(client, planned, who):
    plan, _focal = planned
    user = {
        "team": lambda: team_member(plan.dossier),
        "coordination": coordination_member,
        "president": lambda: user_with_role(Role.PRESIDENT, commune=plan.dossier.commune),
    }[who]()
    client.force_login(user)
    response = client.get(url(plan))
    assert response.status_code == 200
    assert response.context["editable"] is (who == "president")
    page = response.content.decode()
    assert ("objective/new/" in page) is (who == "president")


def test_insiders_who_may_not_edit_get_a_clear_refusal(client, planned):
    plan, _focal = planned
    client.force_login(team_member(plan.dossier))
    response = client.post(url(plan, "objective/new/"), {"text": "x"})
    assert response.status_code == 403
    assert "Only the commune edits its action plan" in response.content.decode()
    assert not SpecificObjective.objects.exists()


@pytest.mark.parametrize("who", ["other team", "other commune"])
def test_outsiders_get_404_everywhere(client, planned, who):
    plan, focal = planned
    task = add_activity(plan, focal)
    other = dossier_in_self_assessment()
    client.force_login(team_member(other) if who == "other team" else commune_people(other)[0])
    assert client.get(url(plan)).status_code == 404
    assert client.get(url(plan, "objective/new/")).status_code == 404
    assert client.post(url(plan, f"activity/{task.pk}/delete/")).status_code == 404
    assert Activity.objects.filter(pk=task.pk).exists()


def test_a_dossier_without_a_plan_has_no_logframe(client):
    dossier = dossier_in_self_assessment()
    client.force_login(team_member(dossier))
    assert client.get(f"/dossiers/{dossier.pk}/plan/").status_code == 404


def test_rows_are_added_edited_and_deleted_through_their_forms(client, planned):
    plan, focal = planned
    client.force_login(focal)
    response = client.post(url(plan, "objective/new/"), {"text": "إشراك الساكنة"})
    assert (response.status_code, response["Location"]) == (302, url(plan))
    added = SpecificObjective.objects.get()
    response = client.get(url(plan, f"assumption/new/?row=specific:{added.pk}"))
    assert response.context["form"]["row"].value() == f"specific:{added.pk}"
    client.post(url(plan, f"objective/{added.pk}/edit/"), {"text": "جديد"})
    assert SpecificObjective.objects.get().text == "جديد"
    form = client.get(url(plan, f"objective/{added.pk}/edit/")).context["form"]
    assert form["text"].value() == "جديد"
    client.post(url(plan, f"objective/{added.pk}/delete/"))
    assert not SpecificObjective.objects.exists()


def test_a_target_equal_to_the_baseline_is_refused_on_the_form(client, planned):
    plan, focal = planned
    client.force_login(focal)
    response = client.post(url(plan, "indicator/new/"), indicator_form(target="2.00"))
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "target": ["The target equals the baseline: an indicator measures a change."]
    }
    assert 'role="alert"' in response.content.decode()
    assert not Indicator.objects.exists()
    response = client.post(url(plan, "indicator/new/"), indicator_form())
    assert response.status_code == 302
    assert Indicator.objects.get().level == "overall"


def test_a_forged_row_and_a_percentage_over_100_are_refused_on_the_forms(client, planned):
    plan, focal = planned
    other, other_focal = dossier_with_plan()
    client.force_login(focal)
    forged = f"result:{other.results.get().pk}"
    response = client.post(url(plan, "indicator/new/"), indicator_form(row=forged))
    assert response.context["form"].errors == {"row": ["Choose a row of this action plan."]}
    values = {"title": "ورشة", "starts_on": "2027-01-01", "ends_on": "2027-02-01"}
    values |= {"responsible": "x", "budget": "0", "spent": "0", "status": "done"}
    response = client.post(url(plan, "activity/new/"), {**values, "percent_done": "101"})
    assert response.status_code == 422
    assert response.context["form"].errors == {"percent_done": ["A percentage cannot be over 100."]}
    assert not Indicator.objects.exists() and not Activity.objects.exists()


def test_another_plans_rows_are_not_found(client, planned):
    plan, focal = planned
    other, other_focal = dossier_with_plan()
    theirs = add_indicator(other, other_focal)
    client.force_login(focal)
    assert client.get(url(plan, f"indicator/{theirs.pk}/edit/")).status_code == 404
    assert client.post(url(plan, f"indicator/{theirs.pk}/delete/")).status_code == 404
    assert client.get(url(plan, "measurement/new/")).status_code == 404
    assert Indicator.objects.filter(pk=theirs.pk).exists()


def fill(plan, focal, count):
    """`count` more activities, each with its indicator, and as many objectives and results."""
    for _n in range(count):
        goal = add_objective(plan, focal)
        result = add_result(plan, focal, objective_id=goal.pk)
        task = add_activity(plan, focal, result_id=result.pk)
        add_indicator(plan, focal, level="activity", row_id=task.pk)
        add_indicator(plan, focal, level="result", row_id=result.pk)
        services.save_assumption(
            plan=plan, assumption_id=None, level="result", row_id=result.pk, text="x", by=focal
        )


def test_the_logframe_costs_the_same_queries_with_1_and_10_rows(
    client, planned, django_assert_max_num_queries
):
    plan, focal = planned
    client.force_login(focal)
    fill(plan, focal, 1)
    client.get(url(plan))
    with django_assert_max_num_queries(15) as one:
        client.get(url(plan))
    fill(plan, focal, 9)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url(plan))
    assert len(response.context["frame"].activities) == 10
