"""The proposal to the accreditation committee: the rules, the recommendation, who may act."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from citizenlabel.referential.models import Question
from citizenlabel.verification.enums import Recommendation
from citizenlabel.verification.models import Proposal, VerifiedAnswer
from citizenlabel.verification.services.proposal import prepare_proposal
from citizenlabel.verification.services.results import publish_verification_results
from citizenlabel.verification.services.scores import record_final_score
from tests.factories import CONFIRMED, dossier_in_self_assessment, finish_verification, team_member
from tests.factories.verification import (
    dossier_in_verification,
    score_components,
    verified_dossier,
    verify_answers,
)

pytestmark = pytest.mark.django_db


def url(dossier):
    return reverse("verification:proposal", args=[dossier.pk])


def dossier_meeting_every_rule():
    """No threshold nor floor, and every critical question verified at its best option."""
    dossier, verifier, coordination, focal = dossier_in_verification()
    dossier.edition.label_threshold = 0
    dossier.edition.principle_floor = 0
    dossier.edition.save()
    verify_answers(dossier, verifier)
    critical = Question.objects.filter(
        referential=dossier.edition.referential, critical=True
    ).prefetch_related("options")
    for question in critical:
        best = max(
            (o for o in question.options.all() if not o.not_applicable), key=lambda o: o.points
        )
        VerifiedAnswer.objects.create(
            dossier=dossier,
            question=question,
            evidence_status="seen",
            options=[best.code],
            verified_by=verifier,
        )
    score_components(dossier, verifier)
    finish_verification(dossier, verifier)
    record_final_score(dossier=dossier, by=verifier)
    return dossier, verifier, coordination, focal


# --- the rules -------------------------------------------------------------------------


def test_the_rules_are_shown_and_the_plan_preselected_when_one_fails(client):
    dossier, _verifier, coordination, _focal = verified_dossier()
    client.force_login(coordination)
    response = client.get(url(dossier))
    assert response.status_code == 200
    verdict = response.context["verdict"]
    assert (verdict.score, verdict.threshold, verdict.threshold_met) == (24.82, 70.0, False)
    assert verdict.all_met is False
    rules = response.context["rules"]
    assert [r.kind for r in rules][:2] == ["threshold", "floor"]
    assert len([r for r in rules if r.kind == "floor"]) == 7
    assert [r.label for r in rules if r.kind == "critical"] == [
        "1.2.3",
        "1.3.1",
        "2.2.3",
        "2.5.1",
        "3.1.1",
        "3.3.1",
    ]
    assert response.context["form"].initial == {"recommendation": "action_plan"}
    assert response.context["editable"] is True
    assert b'class="rule is-unmet"' in response.content


def test_the_label_is_preselected_when_every_rule_is_met(client):
    dossier, _verifier, coordination, _focal = dossier_meeting_every_rule()
    client.force_login(coordination)
    response = client.get(url(dossier))
    assert response.context["verdict"].all_met is True
    assert response.context["form"].initial == {"recommendation": "label"}
    assert b'class="rule is-unmet"' not in response.content


# --- preparing it ----------------------------------------------------------------------


def test_following_the_rules_needs_no_justification_and_stores_the_verdict(client):
    dossier, _verifier, coordination, _focal = verified_dossier()
    client.force_login(coordination)
    response = client.post(
        url(dossier), {**CONFIRMED, "recommendation": "action_plan", "justification": ""}
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(dossier=dossier)
    assert (proposal.recommendation, proposal.justification) == ("action_plan", "")
    assert proposal.rules["all_met"] is False
    assert proposal.rules["score"] == 24.82
    assert proposal.rules["threshold_met"] is False
    assert proposal.prepared_by == coordination
    assert proposal.history.get().history_user == coordination


def test_the_label_against_the_rules_needs_a_justification(client):
    dossier, _verifier, coordination, _focal = verified_dossier()
    client.force_login(coordination)
    response = client.post(
        url(dossier), {**CONFIRMED, "recommendation": "label", "justification": "  "}
    )
    assert response.status_code == 400
    message = gettext(
        "The edition's rules call for “%(expected)s”: explain why you propose “%(chosen)s”."
    ) % {"expected": Recommendation.ACTION_PLAN.label, "chosen": Recommendation.LABEL.label}
    assert response.context["form"].errors == {"justification": [message]}
    assert 'role="alert"' in response.content.decode()
    assert not Proposal.objects.filter(dossier=dossier).exists()
    response = client.post(
        url(dossier),
        {**CONFIRMED, "recommendation": "label", "justification": "Effort exceptionnel"},
    )
    assert response.status_code == 302
    assert Proposal.objects.get(dossier=dossier).justification == "Effort exceptionnel"


@pytest.mark.parametrize("recommendation", ["action_plan", "withdrawal"])
def test_no_label_while_every_rule_is_met_needs_a_justification(client, recommendation):
    dossier, _verifier, coordination, _focal = dossier_meeting_every_rule()
    client.force_login(coordination)
    response = client.post(url(dossier), {**CONFIRMED, "recommendation": recommendation})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["justification"]
    assert not Proposal.objects.filter(dossier=dossier).exists()


def test_changing_the_proposal_keeps_its_history(client):
    dossier, _verifier, coordination, _focal = verified_dossier()
    client.force_login(coordination)
    client.post(url(dossier), {**CONFIRMED, "recommendation": "action_plan"})
    client.post(
        url(dossier),
        {**CONFIRMED, "recommendation": "withdrawal", "justification": "Retrait demandé"},
    )
    proposal = Proposal.objects.get(dossier=dossier)
    assert proposal.recommendation == "withdrawal"
    assert [h.recommendation for h in proposal.history.order_by("history_date")] == [
        "action_plan",
        "withdrawal",
    ]
    response = client.get(url(dossier))
    assert response.context["form"].initial == {
        "recommendation": "withdrawal",
        "justification": "Retrait demandé",
    }


def test_an_unknown_recommendation_is_refused(client):
    dossier, _verifier, coordination, _focal = verified_dossier()
    client.force_login(coordination)
    response = client.post(url(dossier), {**CONFIRMED, "recommendation": "medal"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["recommendation"]
    with pytest.raises(ValidationError) as refused:
        prepare_proposal(dossier=dossier, recommendation="medal", justification="", by=coordination)
    assert list(refused.value.message_dict) == ["recommendation"]
    assert not Proposal.objects.filter(dossier=dossier).exists()


# --- who may see and act ---------------------------------------------------------------


def test_the_team_reads_the_proposal_but_cannot_prepare_it(client):
    dossier, verifier, coordination, _focal = verified_dossier()
    prepare_proposal(
        dossier=dossier, recommendation="action_plan", justification="", by=coordination
    )
    client.force_login(verifier)
    response = client.get(url(dossier))
    assert response.status_code == 200
    assert response.context["editable"] is False
    assert b'name="recommendation"' not in response.content
    response = client.post(
        url(dossier), {**CONFIRMED, "recommendation": "label", "justification": "x"}
    )
    assert response.status_code == 403
    assert Proposal.objects.get(dossier=dossier).recommendation == "action_plan"


def test_nothing_to_prepare_before_the_final_score(client):
    dossier, verifier, coordination, _focal = dossier_in_verification()
    client.force_login(coordination)
    response = client.get(url(dossier))
    assert response.status_code == 200
    assert response.context["verdict"] is None and response.context["editable"] is False
    refused = client.post(
        url(dossier), {**CONFIRMED, "recommendation": "label", "justification": "x"}
    )
    assert refused.status_code == 403
    with pytest.raises(PermissionDenied):
        prepare_proposal(
            dossier=dossier, recommendation="label", justification="x", by=coordination
        )
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("who", ["focal point", "other team"])
def test_the_commune_and_other_teams_get_404_even_after_publication(client, who):
    dossier, _verifier, coordination, focal = verified_dossier()
    publish_verification_results(dossier=dossier, by=coordination)
    user = focal if who == "focal point" else team_member(dossier_in_self_assessment())
    client.force_login(user)
    assert client.get(url(dossier)).status_code == 404
    assert client.post(url(dossier), {**CONFIRMED, "recommendation": "label"}).status_code == 404
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("count", [1, 70])
def test_the_page_costs_the_same_queries_whatever_the_number_of_answers(
    client, count, django_assert_max_num_queries
):
    dossier, verifier, coordination, _focal = dossier_in_verification()
    verify_answers(dossier, verifier, count)
    score_components(dossier, verifier)
    finish_verification(dossier, verifier)
    record_final_score(dossier=dossier, by=verifier)
    client.force_login(coordination)
    client.get(url(dossier))
    with django_assert_max_num_queries(15):
        client.get(url(dossier))
