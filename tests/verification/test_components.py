"""The three visit components scored on their rubrics: the service and the page."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from citizenlabel.verification.enums import Component
from citizenlabel.verification.models import ComponentScore
from citizenlabel.verification.rubrics import RUBRICS
from citizenlabel.verification.services.components import score_component
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    team_member,
)

pytestmark = pytest.mark.django_db


def score(dossier, by, component=Component.OWNERSHIP, level=3, justification="الفريق يقود"):
    return score_component(
        dossier=dossier, component=component, level=level, justification=justification, by=by
    )


def outside_rubric(level, component=Component.OWNERSHIP) -> str:
    message = _(
        "Level %(level)s is not on the rubric of “%(component)s”: choose one of its "
        "%(count)s written levels. Nothing was changed."
    )
    return message % {"level": level, "component": Component(component).label, "count": 5}


# --- the service -------------------------------------------------------------------------


def test_the_score_is_the_rubric_levels_and_the_history_keeps_old_and_new(visit):
    dossier, verifier = visit
    score(dossier, verifier, level=2)
    scored = score(dossier, verifier, level=4, justification="المجلس يملك المسار")
    assert (scored.level, scored.score, scored.scored_by) == (4, Decimal(100), verifier)
    history = list(scored.history.order_by("history_date").values_list("level", "score"))
    assert history == [(2, Decimal(50)), (4, Decimal(100))]
    assert {h.history_user for h in scored.history.all()} == {verifier}


@pytest.mark.parametrize("level", [5, -1, 99])
def test_a_level_outside_the_rubric_is_refused_and_nothing_changes(visit, level):
    dossier, verifier = visit
    score(dossier, verifier, level=1)
    with pytest.raises(ValidationError) as refused:
        score(dossier, verifier, level=level)
    assert refused.value.messages == [outside_rubric(level)]
    assert list(ComponentScore.objects.values_list("level", "score")) == [(1, Decimal(25))]


def test_an_unknown_component_is_refused(visit):
    dossier, verifier = visit
    with pytest.raises(ValidationError) as refused:
        score(dossier, verifier, component="questionnaire")
    message = _('Unknown component "%(component)s": nothing was changed.')
    assert refused.value.messages == [message % {"component": "questionnaire"}]
    assert ComponentScore.objects.count() == 0


def test_a_level_needs_its_justification(visit):
    dossier, verifier = visit
    with pytest.raises(ValidationError) as refused:
        score(dossier, verifier, justification="   ")
    assert refused.value.messages == [_("Justify the level with what the team observed.")]
    assert ComponentScore.objects.count() == 0


@pytest.mark.parametrize("who", ["other_team", "coordination", "after_final_score"])
def test_only_the_team_scores_during_the_verification(visit, who):
    dossier, verifier = visit
    user = verifier
    if who == "other_team":
        user = team_member(dossier_in_self_assessment())
    elif who == "coordination":
        user = coordination_member()
    else:
        dossier.state = "verified"
    with pytest.raises(PermissionDenied):
        score(dossier, user)
    assert ComponentScore.objects.count() == 0


# --- the page ----------------------------------------------------------------------------


def url(dossier):
    return reverse("verification:components", args=[dossier.pk])


def post(component=Component.OWNERSHIP, level="3", justification="الفريق والرئيس قادا المسار"):
    return {
        "component": component,
        f"{component}-level": level,
        f"{component}-justification": justification,
    }


def test_the_team_sees_each_level_with_its_descriptor_and_the_computed_questionnaire(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    response = client.get(url(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    for component in Component.values:
        for level in RUBRICS[component]:
            assert str(level.descriptor) in html
        assert f'name="{component}-level" value="4"' in html
    assert response.context["summary"].score.overall is not None


def test_scoring_a_component_stores_the_levels_score(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    response = client.post(url(dossier), post(Component.EQUALITY_BODY, "2"))
    assert response.status_code == 302
    scored = ComponentScore.objects.get()
    assert (scored.component, scored.level, scored.score) == ("equality_body", 2, Decimal(50))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (post(level="7"), "Choose one of the rubric's written levels."),
        (post(level=""), "Choose the level that describes what the team observed."),
        (post(justification=""), "Justify the level with what the team observed."),
    ],
)
def test_a_wrong_form_is_refused_with_its_message(client, visit, data, message):
    dossier, verifier = visit
    client.force_login(verifier)
    response = client.post(url(dossier), data)
    assert response.status_code == 422
    form = next(f for f, _s, _w in response.context["cards"] if f.component == "ownership")
    assert [e for errors in form.errors.values() for e in errors] == [_(message)]
    assert 'role="alert"' in response.content.decode()
    assert ComponentScore.objects.count() == 0


def test_a_forged_component_is_refused(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    response = client.post(url(dossier), {"component": "questionnaire", "questionnaire-level": "4"})
    assert response.status_code == 422
    message = _('Unknown component "%(component)s": nothing was changed.')
    assert response.context["errors"] == [message % {"component": "questionnaire"}]
    assert ComponentScore.objects.count() == 0


def test_the_coordination_reads_the_scores_but_cannot_score(client, visit):
    dossier, verifier = visit
    score(dossier, verifier, level=3)
    client.force_login(coordination_member())
    html = client.get(url(dossier)).content.decode()
    assert "is-chosen" in html and 'name="ownership-level"' not in html
    response = client.post(url(dossier), post(level="1"))
    assert response.status_code == 403
    assert ComponentScore.objects.get().level == 3


@pytest.mark.parametrize("who", ["other_team", "focal_point"])
def test_outsiders_get_404(client, visit, who):
    dossier, _verifier = visit
    if who == "other_team":
        user = team_member(dossier_in_self_assessment())
    else:
        user = commune_people(dossier)[0]  # results not published
    client.force_login(user)
    assert client.get(url(dossier)).status_code == 404
    assert client.post(url(dossier), post()).status_code == 404
    assert ComponentScore.objects.count() == 0


def test_the_page_costs_the_same_queries_whatever_is_scored(
    client, visit, django_assert_max_num_queries
):
    dossier, verifier = visit
    client.force_login(verifier)
    score(dossier, verifier, Component.OWNERSHIP)
    with django_assert_max_num_queries(21) as one:
        client.get(url(dossier))
    score(dossier, verifier, Component.INFORMATION_ACCESS)
    score(dossier, verifier, Component.EQUALITY_BODY)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url(dossier))
    assert [s is not None for _f, s, _w in response.context["cards"]] == [True, True, True]
