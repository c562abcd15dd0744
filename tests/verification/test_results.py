"""The final score page, recording the final score, and publishing the results."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from citizenlabel.people.models import User
from citizenlabel.verification.enums import Component
from citizenlabel.verification.models import ComponentScore, ScoreSnapshot
from citizenlabel.verification.services.scores import record_final_score
from tests.factories import (
    CONFIRMED,
    CommuneFactory,
    commune_people,
    dossier_in_self_assessment,
    finish_verification,
    question,
    team_member,
)
from tests.factories.verification import (
    COMPONENTS,
    dossier_in_verification,
    score_components,
    verified_dossier,
    verify_answers,
)

pytestmark = pytest.mark.django_db


def final_url(dossier):
    return reverse("verification:final", args=[dossier.pk])


# --- reading the page ------------------------------------------------------------------


def test_before_the_final_score_the_team_sees_the_components_and_the_missing_ones(client):
    dossier, verifier, _coordination, _focal = dossier_in_verification()
    score_components(dossier, verifier, COMPONENTS[:1])
    client.force_login(verifier)
    response = client.get(final_url(dossier))
    assert response.status_code == 200
    view = response.context["view"]
    assert [row.code for row in view.components] == [
        "questionnaire",
        "information_access",
        "ownership",
        "equality_body",
    ]
    assert [row.weight for row in view.components] == [70.0, 10.0, 10.0, 10.0]
    assert [row.code for row in view.missing] == ["ownership", "equality_body"]
    assert view.components[1].score == 75.0
    assert view.components[1].level.value == 3
    assert view.final is None and view.accuracy is None and view.preview is None
    assert response.context["can_record"] is True
    assert b'name="confirm"' not in response.content  # something is missing: no button
    assert [m.url for m in response.context["missing"]][-5:] == [
        reverse("verification:components", args=[dossier.pk]) + "#component-ownership",
        reverse("verification:components", args=[dossier.pk]) + "#component-equality_body",
        reverse("verification:diagnosis", args=[dossier.pk]) + "#points",
        reverse("verification:diagnosis", args=[dossier.pk]) + "#participants",
        reverse("verification:diagnosis", args=[dossier.pk]) + "#priorities",
    ]
    finish_verification(dossier, verifier)
    response = client.get(final_url(dossier))
    assert response.context["missing"] == []
    assert b'name="confirm"' in response.content


def test_the_coordination_reads_the_page_without_the_button(client):
    dossier, _verifier, coordination, _focal = dossier_in_verification()
    client.force_login(coordination)
    response = client.get(final_url(dossier))
    assert response.status_code == 200
    assert response.context["can_record"] is False
    assert b'name="confirm"' not in response.content


@pytest.mark.parametrize("who", ["focal point", "president", "other team", "other commune"])
def test_outsiders_and_the_commune_before_publication_get_404(client, who):
    dossier, _verifier, _coordination, focal = dossier_in_verification()
    other = dossier_in_self_assessment()
    user = {
        "focal point": lambda: focal,
        "president": lambda: commune_people(dossier)[1],
        "other team": lambda: team_member(other),
        "other commune": lambda: commune_people(other)[0],
    }[who]()
    client.force_login(user)
    assert client.get(final_url(dossier)).status_code == 404
    assert client.post(final_url(dossier), {"confirm": "on"}).status_code == 404
    assert ScoreSnapshot.objects.filter(dossier=dossier, kind="final").count() == 0


# --- recording the final score ---------------------------------------------------------


def test_the_team_records_the_final_score_and_reads_it_from_the_snapshot(client):
    dossier, verifier, _coordination, _focal = dossier_in_verification()
    verify_answers(dossier, verifier)
    score_components(dossier, verifier)
    finish_verification(dossier, verifier)
    client.force_login(verifier)
    response = client.post(final_url(dossier), {"confirm": "on"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "verified"
    final = ScoreSnapshot.objects.get(dossier=dossier, kind="final")
    # 0.7 × 100 × 7 / 211 + 0.1 × (75 + 50 + 100) = 24.82
    assert str(final.overall) == "24.82"
    # later edits of the components never change what the page shows
    ComponentScore.objects.filter(dossier=dossier).update(score=0)
    view = client.get(final_url(dossier)).context["view"]
    assert view.final == final
    assert [row.score for row in view.components][1:] == [75.0, 50.0, 100.0]
    assert [row.weighted for row in view.components][1:] == [7.5, 5.0, 10.0]


def test_the_confirmation_box_is_required(client):
    dossier, verifier, _coordination, _focal = dossier_in_verification()
    verify_answers(dossier, verifier)
    score_components(dossier, verifier)
    client.force_login(verifier)
    response = client.post(final_url(dossier), {})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "confirm": [gettext("Tick the box to confirm that the verification is complete.")]
    }
    assert ScoreSnapshot.objects.filter(dossier=dossier, kind="final").count() == 0


def test_missing_components_are_named_and_nothing_is_recorded(client):
    dossier, verifier, _coordination, _focal = dossier_in_verification()
    score_components(dossier, verifier, COMPONENTS[:1])
    client.force_login(verifier)
    response = client.post(final_url(dossier), {"confirm": "on"})
    assert response.status_code == 400
    assert response.context["error"] == gettext(
        "The verification is not finished: see what is missing below."
    )
    messages = [m.message for m in response.context["missing"]]
    for component in (Component.OWNERSHIP, Component.EQUALITY_BODY):
        assert (
            gettext("Component not scored: %(component)s.") % {"component": component.label}
            in messages
        )
    dossier.refresh_from_db()
    assert dossier.state == "verification"
    assert ScoreSnapshot.objects.filter(dossier=dossier, kind="final").count() == 0


def test_a_second_final_score_is_refused_with_a_clear_message(client):
    dossier, verifier, _coordination, _focal = verified_dossier()
    client.force_login(verifier)
    response = client.post(final_url(dossier), {"confirm": "on"})
    assert response.status_code == 409
    assert response.context["error"] == gettext(
        "This dossier already has its final score: it cannot be recorded twice."
    )
    assert 'role="alert"' in response.content.decode()
    assert ScoreSnapshot.objects.filter(dossier=dossier, kind="final").count() == 1


def test_the_coordination_cannot_record_the_final_score(client):
    dossier, verifier, coordination, _focal = dossier_in_verification()
    verify_answers(dossier, verifier)
    score_components(dossier, verifier)
    client.force_login(coordination)
    response = client.post(final_url(dossier), {"confirm": "on"})
    assert response.status_code == 403
    assert response.context["error"]
    dossier.refresh_from_db()
    assert dossier.state == "verification"


# --- the self-assessment accuracy ------------------------------------------------------


def test_the_accuracy_compares_the_submitted_file_with_the_final_snapshot(client):
    dossier, verifier, _coordination, _focal = verified_dossier()
    client.force_login(verifier)
    response = client.get(final_url(dossier))
    accuracy = response.context["view"].accuracy
    # 1.1.1 declared d = 6/6, verified c = 4/6
    assert [(r.code, r.declared, r.verified, r.gap) for r in accuracy.changed] == [
        ("1.1.1", 100.0, 66.67, -33.33)
    ]
    assert accuracy.unchanged_count == len(accuracy.questions) - 1
    principle = question(dossier, "1.1.1").principle.code
    row = next(r for r in accuracy.principles if r.code == principle)
    submission = dossier.submissions.get()
    final = ScoreSnapshot.objects.get(dossier=dossier, kind="final")
    assert (row.declared, row.verified) == (
        submission.scores["by_principle"][principle],
        final.by_principle[principle],
    )
    assert row.gap == round(row.verified - row.declared, 2) < 0
    assert (accuracy.overall.declared, accuracy.overall.verified) == (
        submission.scores["overall"],
        float(final.questionnaire),
    )
    content = response.content.decode()
    assert content.count('class="chart chart-bars') + content.count("chart-bars") >= 1
    assert "chart-radar" in content
    assert content.count("chart-series-1") >= 2  # the verified series in both charts


# session, user, roles, dossier, referential (7), final snapshot, submission, components,
# and the two permission reads of the site menu
QUERIES = 18


@pytest.mark.parametrize("count", [1, 70])
def test_the_page_costs_the_same_queries_whatever_the_number_of_answers(
    client, count, django_assert_max_num_queries
):
    dossier, verifier, _coordination, _focal = dossier_in_verification()
    verify_answers(dossier, verifier, count)
    score_components(dossier, verifier)
    finish_verification(dossier, verifier)
    record_final_score(dossier=dossier, by=verifier)
    client.force_login(verifier)
    client.get(final_url(dossier))  # warm the session
    with django_assert_max_num_queries(QUERIES):
        response = client.get(final_url(dossier))
    assert len(response.context["view"].accuracy.questions) == 76


# --- publication -----------------------------------------------------------------------


def publish_url(dossier):
    return reverse("verification:publish", args=[dossier.pk])


def test_the_coordination_publishes_the_results_once_and_the_commune_is_told(
    client, django_capture_on_commit_callbacks
):
    dossier, _verifier, coordination, focal = verified_dossier()
    people = User.objects.filter(memberships__commune=dossier.commune)
    assert people.count() == 2  # the focal point and the president
    mail.outbox.clear()
    client.force_login(coordination)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(dossier), CONFIRMED)
    assert response.status_code == 302
    dossier.refresh_from_db()
    published = dossier.results_published_at
    assert published is not None
    assert dossier.history.first().history_user == coordination
    assert [sorted(m.to) for m in mail.outbox] == [sorted(p.email for p in people)]
    assert focal.email in mail.outbox[0].to
    assert "24,8" in mail.outbox[0].body or "24.8" in mail.outbox[0].body
    again = client.post(publish_url(dossier), CONFIRMED)
    assert again.status_code == 409
    already = gettext("The verification results were already published on %(date)s.")
    assert again.context["error"].startswith(already.split("%(date)s")[0])
    dossier.refresh_from_db()
    assert dossier.results_published_at == published
    assert len(mail.outbox) == 1


def test_after_publication_the_commune_reads_the_page_and_cannot_publish(client):
    dossier, _verifier, coordination, focal = verified_dossier()
    client.force_login(focal)
    assert client.get(final_url(dossier)).status_code == 404
    client.force_login(coordination)
    client.post(publish_url(dossier), CONFIRMED)
    client.force_login(focal)
    response = client.get(final_url(dossier))
    assert response.status_code == 200
    assert response.context["can_publish"] is False
    assert response.context["can_see_proposal"] is False
    assert response.context["view"].final.overall is not None


def test_only_the_coordination_publishes_a_verified_dossier(client):
    dossier, verifier, coordination, _focal = dossier_in_verification()
    client.force_login(coordination)
    assert client.post(publish_url(dossier), CONFIRMED).status_code == 403  # not verified yet
    verify_answers(dossier, verifier)
    score_components(dossier, verifier)
    finish_verification(dossier, verifier)
    record_final_score(dossier=dossier, by=verifier)
    client.force_login(verifier)
    assert client.post(publish_url(dossier), CONFIRMED).status_code == 403
    client.force_login(team_member(dossier_in_self_assessment()))
    assert client.post(publish_url(dossier), CONFIRMED).status_code == 404
    client.force_login(coordination)
    assert client.get(publish_url(dossier)).status_code == 405
    dossier.refresh_from_db()
    assert dossier.results_published_at is None


def test_the_links_snippet_follows_the_permissions():
    from django.template.loader import render_to_string

    dossier, _verifier, coordination, focal = verified_dossier(
        commune=CommuneFactory(name={"ar": "تازة", "fr": "Taza"})
    )
    for user, expected in ((coordination, 3), (focal, 0)):
        html = render_to_string(
            "verification/_result_links.html", {"dossier": dossier, "user": user}
        )
        assert html.count("<li>") == expected
