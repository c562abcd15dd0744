"""The plan evaluation's page (with the re-verification cards) and its overview, for every role."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext

from citizenlabel.actionplans.models import Indicator, Measurement, PlanEvaluation
from citizenlabel.actionplans.selectors_evaluation import evaluation_summary
from citizenlabel.actionplans.services.updated_score import record_updated_score
from citizenlabel.common.templatetags.texts import percent
from citizenlabel.dossiers.models import DossierFile
from citizenlabel.people.enums import Role
from citizenlabel.referential.models import Question
from citizenlabel.verification.enums import Round
from citizenlabel.verification.models import ScoreSnapshot, VerifiedAnswer
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    dossier_with_plan_to_evaluate,
    only_the_team,
    plan_target,
    question,
    reverify,
    team_member,
    user_with_role,
)
from tests.factories.actionplans import activity_done, evaluate_plan

pytestmark = pytest.mark.django_db


# --- the page --------------------------------------------------------------------------


def url(dossier, name="evaluation", *args):
    return reverse(f"actionplans:{name}", args=[dossier.pk, *args])


def evidence(dossier, q, by):
    return DossierFile.objects.create(
        dossier=dossier,
        purpose=DossierFile.Purpose.EVIDENCE,
        question=q,
        file="x/y",
        original_name=f"محضر {q.code}.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=by,
    )


def fill(dossier, member, count):
    """`count` targeted questions (each with a result, an indicator, a measurement, an
    evidence file and a re-verification) and `count` activities."""
    plan = dossier.action_plan
    codes = list(
        Question.objects.filter(referential=dossier.edition.referential)
        .exclude(code="1.1.1")
        .values_list("code", flat=True)[: count - 1]
    )
    for code in ["1.1.1", *codes]:
        q = question(dossier, code)
        result = plan_target(dossier, code, [q.options.last().code], text=f"نتيجة {code}")
        indicator = Indicator.objects.create(
            plan=plan,
            level="result",
            result=result,
            name=f"مؤشر {code}",
            baseline=0,
            target=10,
            unit="عدد",
            source="سجل",
            frequency="quarterly",
        )
        Measurement.objects.create(
            indicator=indicator, measured_on=plan.starts_on, value=4, recorded_by=member
        )
        evidence(dossier, q, member)
        VerifiedAnswer.objects.create(
            dossier=dossier,
            question=q,
            round=Round.REVERIFICATION,
            evidence_status="seen",
            options=[q.options.last().code],
            reason="…",
            verified_by=member,
        )
        activity_done(plan, 60, budget=1000, title=f"نشاط {code}")


def test_the_team_sees_the_whole_page_with_its_forms(client, targeted_plan):
    dossier, member = targeted_plan
    activity_done(dossier.action_plan, 40, budget=2000)
    client.force_login(member)
    response = client.get(url(dossier))
    assert response.status_code == 200
    page = response.context["page"]
    assert (page.achievement.rate, page.achievement.method) == (Decimal("40.00"), "budget")
    assert [row.question.code for row in page.reverification] == ["1.1.1"]
    assert response.context["editable"] and response.context["can_reverify"]
    body = response.content.decode()
    assert (
        'name="effects-0-kind"' in body
        and url(dossier, "reverify", question(dossier, "1.1.1").pk) in body
    )


@pytest.mark.parametrize("who", ["focal", "coordination"])
def test_the_commune_and_the_coordination_read_without_forms(client, targeted_plan, who):
    dossier, member = targeted_plan
    evaluate_plan(dossier, member)
    focal, _president = commune_people(dossier)
    client.force_login({"focal": focal, "coordination": coordination_member()}[who])
    response = client.get(url(dossier))
    assert response.status_code == 200
    assert not response.context["editable"] and not response.context["can_reverify"]
    body = response.content.decode()
    assert "إحداث هيئة المساواة" in body
    q = question(dossier, "1.1.1")
    assert 'name="effects-0-kind"' not in body
    assert f'hx-post="{url(dossier, "reverify", q.pk)}"' not in body  # the card, read only
    assert f'id="rv-{q.pk}"' in body


@pytest.mark.parametrize("who", ["other_team", "accreditation", "other_focal"])
def test_others_get_404(client, targeted_plan, who):
    dossier, _member = targeted_plan
    other = dossier_in_self_assessment()
    people = {
        "other_team": lambda: team_member(other),
        "accreditation": lambda: user_with_role(Role.ACCREDITATION),
        "other_focal": lambda: commune_people(other)[0],
    }
    client.force_login(people[who]())
    assert client.get(url(dossier)).status_code == 404
    assert client.post(url(dossier, "updated_score")).status_code == 404
    q = question(dossier, "1.1.1")
    assert client.post(url(dossier, "reverify", q.pk), {"options": "d"}).status_code == 404
    assert not VerifiedAnswer.objects.filter(round=Round.REVERIFICATION).exists()


def test_a_dossier_without_plan_has_no_evaluation_page(client):
    dossier = dossier_in_self_assessment()
    client.force_login(team_member(dossier))
    assert client.get(url(dossier)).status_code == 404


def test_the_team_saves_the_evaluation_from_the_page(client, targeted_plan):
    dossier, member = targeted_plan
    client.force_login(member)
    data = {
        "activities_summary": "ورشات",
        "results_obtained": "نتائج",
        "narrative": "تحسن",
        "effects-TOTAL_FORMS": "2",
        "effects-INITIAL_FORMS": "0",
        "effects-0-kind": "participation",
        "effects-0-text": "مشاركة أوسع",
        "effects-1-kind": "",
        "effects-1-text": "",
    }
    response = client.post(url(dossier), data)
    assert response.status_code == 302
    evaluation = PlanEvaluation.objects.get()
    assert [(e.kind, e.text) for e in evaluation.effects.all()] == [
        ("participation", "مشاركة أوسع")
    ]
    response = client.post(url(dossier), {**data, "narrative": ""})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert PlanEvaluation.objects.get().narrative == "تحسن"


def test_the_commune_cannot_post_an_evaluation(client, targeted_plan):
    dossier, _member = targeted_plan
    client.force_login(commune_people(dossier)[0])
    response = client.post(url(dossier), {"narrative": "x"})
    assert response.status_code == 403
    assert response.context["error"] == only_the_team()
    assert not PlanEvaluation.objects.exists()


def test_the_updated_score_button_before_and_after_the_evaluation(client, targeted_plan):
    dossier, member = targeted_plan
    client.force_login(member)
    response = client.post(url(dossier, "updated_score"))
    assert response.status_code == 400
    assert response.context["error"] == gettext(
        "The evaluation is not finished: see what is missing below."
    )
    q = question(dossier, "1.1.1")
    assert [(m.message, m.url) for m in response.context["missing"]] == [
        (gettext("The evaluation of the plan is not saved."), url(dossier) + "#evaluation"),
        (
            gettext(
                'Question %(code)s, targeted by the plan: neither re-verified nor marked "could '
                'not be verified".'
            )
            % {"code": "1.1.1"},
            url(dossier) + f"#rv-{q.pk}",
        ),
    ]
    assert b'class="form updated-score-form"' not in response.content
    evaluate_plan(dossier, member)
    reverify(dossier, member, options=["c"], reason="لم يتغير شيء", status="unverifiable")
    response = client.get(url(dossier))
    assert response.context["missing"] == []
    assert b'class="form updated-score-form"' in response.content
    assert client.post(url(dossier, "updated_score")).status_code == 302
    response = client.get(url(dossier))
    updated = ScoreSnapshot.objects.get(kind="updated")
    assert response.context["page"].updated_score.updated == updated
    body = response.content.decode()
    assert f'id="updated-score-figure">{percent(updated.overall, 2)}</p>' in body
    assert response.context["notice"] == gettext(
        "The updated score is recorded: the evaluation is closed and reads as recorded."
    )


def test_the_page_reads_the_snapshot_and_its_own_achievement_weight(client, targeted_plan):
    dossier, member = targeted_plan
    activity_done(dossier.action_plan, 80, budget=100)
    evaluate_plan(dossier, member)
    reverify(dossier, member)
    updated = record_updated_score(dossier=dossier, by=member)
    edition = dossier.edition
    edition.achievement_weight, edition.weight_questionnaire = 50, 40
    edition.save()
    client.force_login(coordination_member())
    shown = client.get(url(dossier)).context["page"].updated_score
    assert shown.updated.overall == updated.overall
    # the snapshot's weights, not the edited edition's: 70/10/10/10 scaled to 70 %, then 30 %
    assert [(row.code, row.weight) for row in shown.breakdown] == [
        ("questionnaire", 49.0),
        ("information_access", 7.0),
        ("ownership", 7.0),
        ("equality_body", 7.0),
        ("achievement", 30.0),
    ]
    assert sum(row.contribution for row in shown.breakdown) == pytest.approx(
        float(updated.overall), abs=0.03
    )
    assert shown.rules[0].kind == "threshold" and shown.rules[0].figure == float(updated.overall)
    assert not shown.verdict.threshold_met  # 70 % is far


# session, user, roles, dossier, plan, activities, results + targets + indicators +
# measurements, evaluation + effects, targets, declared, verified and re-verified (one query:
# the two rounds of VerifiedAnswer), files, questions + options, snapshots, and the two
# permission lookups of the menu


BEFORE = 21


AFTER = BEFORE + 7  # the referential's spec, read to evaluate the rules on the updated score


def test_the_page_costs_the_same_queries_with_1_and_10_rows(client, django_assert_max_num_queries):
    counts = []
    for count in (1, 10):
        dossier, member = dossier_with_plan_to_evaluate()
        fill(dossier, member, count)
        evaluate_plan(dossier, member)
        client.force_login(member)
        with django_assert_max_num_queries(BEFORE) as captured:
            response = client.get(url(dossier))
        assert len(response.context["page"].reverification) == count
        counts.append(len(captured))
        record_updated_score(dossier=dossier, by=member)
        with django_assert_max_num_queries(AFTER) as captured:
            client.get(url(dossier))
        counts.append(len(captured))
    assert counts[0] == counts[2] and counts[1] == counts[3]


def test_the_overview_snippet(targeted_plan):
    dossier, member = targeted_plan
    outsider = team_member(dossier_in_self_assessment())
    assert evaluation_summary(dossier, outsider) is None
    html = render_to_string(
        "actionplans/_evaluation_summary.html", {"summary": evaluation_summary(dossier, member)}
    )
    assert url(dossier) in html
    evaluate_plan(dossier, member)
    reverify(dossier, member)
    updated = record_updated_score(dossier=dossier, by=member)
    summary = evaluation_summary(dossier, commune_people(dossier)[0])
    assert summary.updated == updated
    html = render_to_string("actionplans/_evaluation_summary.html", {"summary": summary})
    assert f"<strong>{percent(updated.overall, 2)}</strong>" in html
