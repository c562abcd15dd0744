"""The plan's evaluation: the achievement rate, the evaluation itself, the updated score and
the page that shows them (with the re-verification cards), for every role. The
re-verification round itself is tested with the verification (tests/verification/
test_reverify.py)."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext

from citizenlabel.actionplans.models import (
    Activity,
    Effect,
    Indicator,
    Measurement,
    PlanEvaluation,
)
from citizenlabel.actionplans.selectors_evaluation import achievement_of, evaluation_summary
from citizenlabel.actionplans.services.evaluation import evaluate_action_plan
from citizenlabel.actionplans.services.updated_score import record_updated_score
from citizenlabel.common.templatetags.texts import percent
from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.models import DossierFile
from citizenlabel.dossiers.services.notifications import AUDIENCE
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

pytestmark = pytest.mark.django_db


def activity(plan, percent, budget=0, status="in_progress", title="ورشة"):
    return Activity.objects.create(
        plan=plan,
        title=title,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        responsible="العنصر المحوري",
        budget=budget,
        status=status,
        percent_done=percent,
    )


def evaluate(dossier, by, effects=(("institutional", "إحداث هيئة المساواة"),), narrative="تحسن"):
    return evaluate_action_plan(
        plan=dossier.action_plan,
        activities_summary="أنجزت الورشات",
        results_obtained="نتائج",
        narrative=narrative,
        effects=[Effect(kind=k, text=t) for k, t in effects],
        by=by,
    )


def closed() -> str:
    return gettext(
        "The updated score is recorded: the evaluation is closed and nothing was changed."
    )


# --- the achievement rate --------------------------------------------------------------


def test_the_achievement_rate_weighs_by_budget_and_leaves_cancelled_activities_out():
    rows = [
        Activity(budget=Decimal(30000), percent_done=100, status="done"),
        Activity(budget=Decimal(10000), percent_done=50),
        Activity(budget=Decimal(50000), percent_done=0, status="cancelled"),
    ]
    # (30000 × 100 + 10000 × 50) / 40000 = 87.5; the cancelled one counts nowhere
    assert achievement_of(rows).rate == achievement_of(rows[:2]).rate
    assert (achievement_of(rows).rate, achievement_of(rows).method) == (Decimal("87.50"), "budget")
    assert achievement_of(rows).cancelled == 1


def test_without_a_budget_everywhere_the_rate_is_the_plain_mean():
    rows = [
        Activity(budget=Decimal(30000), percent_done=100),
        Activity(budget=0, percent_done=40),
        Activity(budget=0, percent_done=25),
    ]
    # (100 + 40 + 25) / 3 = 55
    assert (achievement_of(rows).rate, achievement_of(rows).method) == (Decimal("55.00"), "mean")
    assert achievement_of([Activity(status="cancelled", percent_done=80)]).rate == 0
    assert achievement_of([]).method == "none"


# --- the evaluation --------------------------------------------------------------------


def test_the_team_evaluates_with_the_computed_rate_and_history_keeps_both_versions(targeted_plan):
    dossier, member = targeted_plan
    activity(dossier.action_plan, 100, budget=1000)
    first = evaluate(dossier, member, effects=(("institutional", "هيئة"), ("service", "شباك")))
    assert first.achievement_rate == Decimal("100.00")
    assert [(e.kind, e.text) for e in first.effects.all()] == [
        ("institutional", "هيئة"),
        ("service", "شباك"),
    ]
    activity(dossier.action_plan, 0, budget=1000)
    second = evaluate(dossier, member, effects=(("equality", "مناصفة"),), narrative="تغير")
    assert second.pk == first.pk
    assert second.achievement_rate == Decimal("50.00")
    assert [(e.kind, e.text) for e in second.effects.all()] == [("equality", "مناصفة")]
    history = list(second.history.order_by("history_date"))
    assert [(h.narrative, h.achievement_rate, h.history_user) for h in history] == [
        ("تحسن", Decimal("100.00"), member),
        ("تغير", Decimal("50.00"), member),
    ]


@pytest.mark.parametrize("who", ["focal", "president", "coordination", "other_team"])
def test_only_the_dossiers_team_evaluates(targeted_plan, who):
    dossier, _member = targeted_plan
    focal, president = commune_people(dossier)
    people = {
        "focal": focal,
        "president": president,
        "coordination": coordination_member(),
        "other_team": team_member(dossier_in_self_assessment()),
    }
    with pytest.raises(PermissionDenied) as refused:
        evaluate(dossier, people[who])
    assert str(refused.value) == only_the_team()
    assert not PlanEvaluation.objects.exists()


def test_a_bad_evaluation_is_refused_whole_and_the_effects_stay(targeted_plan):
    dossier, member = targeted_plan
    evaluate(dossier, member)
    with pytest.raises(ValidationError) as refused:
        evaluate(dossier, member, effects=(("nonsense", ""),), narrative="  ")
    assert refused.value.message_dict["narrative"] == [gettext("This field cannot be blank.")]
    assert refused.value.message_dict["effects"] == [
        gettext("Effect %(number)s: choose its kind.") % {"number": 1},
        gettext("Effect %(number)s: describe it.") % {"number": 1},
    ]
    evaluation = PlanEvaluation.objects.get()
    assert (evaluation.narrative, evaluation.history.count()) == ("تحسن", 1)
    assert list(evaluation.effects.values_list("text", flat=True)) == ["إحداث هيئة المساواة"]


# --- the updated score -----------------------------------------------------------------


def test_the_updated_score_equals_the_hand_computation(
    targeted_plan, django_capture_on_commit_callbacks
):
    dossier, member = targeted_plan
    plan = dossier.action_plan
    activity(plan, 100, budget=30000, status="done")
    activity(plan, 50, budget=10000)
    activity(plan, 0, budget=50000, status="cancelled")
    reverify(dossier, member, options=["d"])
    evaluate(dossier, member)
    with django_capture_on_commit_callbacks(execute=True):
        updated = record_updated_score(dossier=dossier, by=member)
    # Weights 70/10/10/10, achievement weight 30. Referential maximum 211 points.
    # Re-verified questionnaire: 1.1.1 d = 3 × 2 = 6, 1.1.2 b + g = 3 → 100 × 9 / 211 = 4.2654
    # Final formula on it: 0.7 × 4.2654 + 0.1 × 75 + 0.1 × 50 + 0.1 × 100 = 25.4858
    # Achievement: (30000 × 100 + 10000 × 50) / 40000 = 87.5 (the cancelled one left out)
    # Updated score: 0.7 × 25.4858 + 0.3 × 87.5 = 17.8400 + 26.25 = 44.09
    assert (updated.kind, updated.questionnaire, updated.overall) == (
        "updated",
        Decimal("4.27"),
        Decimal("44.09"),
    )
    assert updated.components["achievement"] == 87.5
    assert updated.weights == {
        "questionnaire": 70.0,
        "information_access": 10.0,
        "ownership": 10.0,
        "equality_body": 10.0,
        "achievement": 30.0,
    }
    final = ScoreSnapshot.objects.get(dossier=dossier, kind="final")
    # the final score was 0.7 × 100 × 7 / 211 + 22.5 = 24.82; EQUAL rises from 7/… to 9/…
    assert final.overall == Decimal("24.82")
    assert updated.by_principle["EQUAL"] > final.by_principle["EQUAL"]
    dossier.refresh_from_db()
    assert dossier.state == DossierState.PLAN_EVALUATED
    assert len(mail.outbox) == (1 if AUDIENCE.get(DossierState.PLAN_EVALUATED) else 0)


def test_once_the_score_is_recorded_the_evaluation_is_closed(targeted_plan):
    dossier, member = targeted_plan
    evaluate(dossier, member)
    reverify(dossier, member)
    record_updated_score(dossier=dossier, by=member)
    with pytest.raises(PermissionDenied) as refused:
        evaluate(dossier, member, narrative="تعديل")
    assert str(refused.value) == closed()
    with pytest.raises(PermissionDenied) as refused:
        reverify(dossier, member)
    assert str(refused.value) == closed()
    with pytest.raises(PermissionDenied):
        record_updated_score(dossier=dossier, by=member)
    assert ScoreSnapshot.objects.filter(kind="updated").count() == 1
    assert PlanEvaluation.objects.get().narrative == "تحسن"


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
        activity(plan, 60, budget=1000, title=f"نشاط {code}")


def test_the_team_sees_the_whole_page_with_its_forms(client, targeted_plan):
    dossier, member = targeted_plan
    activity(dossier.action_plan, 40, budget=2000)
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
    evaluate(dossier, member)
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
    evaluate(dossier, member)
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
    activity(dossier.action_plan, 80, budget=100)
    evaluate(dossier, member)
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
        evaluate(dossier, member)
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
    evaluate(dossier, member)
    reverify(dossier, member)
    updated = record_updated_score(dossier=dossier, by=member)
    summary = evaluation_summary(dossier, commune_people(dossier)[0])
    assert summary.updated == updated
    html = render_to_string("actionplans/_evaluation_summary.html", {"summary": summary})
    assert f"<strong>{percent(updated.overall, 2)}</strong>" in html
