"""Action plans: opened, running, evaluated."""

import datetime
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext

from citizenlabel.actionplans.models import (
    ActionPlan,
    Activity,
    Effect,
    ExpectedResult,
    Indicator,
    PlanEvaluation,
)
from citizenlabel.actionplans.services import logframe as services
from citizenlabel.actionplans.services.evaluation import evaluate_action_plan
from citizenlabel.people.enums import Role
from citizenlabel.referential.models import Principle, Question
from citizenlabel.verification.enums import Round
from citizenlabel.verification.models import ComponentScore, VerifiedAnswer
from citizenlabel.verification.services.scores import record_final_score
from tests.factories.dossiers import (
    DossierFactory,
    commune_people,
    dossier_in_self_assessment,
    question,
    team_member,
)
from tests.factories.people import (
    TechnicalTeamFactory,
    UserFactory,
    coordination_member,
    user_with_role,
)
from tests.factories.verification import finish_verification, verification_dossier


def only_the_team() -> str:
    """The refusal when someone else than the dossier's team evaluates or re-verifies."""
    return gettext(
        "Only the dossier's technical team evaluates the plan and re-verifies the answers: "
        "nothing was changed."
    )


# --- action plans (timeline, dashboard, follow-up, PDF) ---


def dossier_with_running_plan(*, months_before: int = 6, months_after: int = 6):
    """The ActionPlan of a dossier in `action_plan` (with its technical team) that started
    `months_before` months ago and ends `months_after` months ahead. Written directly with
    the ORM: the pages only need the state, the team and the plan."""

    from citizenlabel.actionplans.models import ActionPlan

    today = timezone.localdate()
    dossier = DossierFactory(state="action_plan", technical_team=TechnicalTeamFactory())
    return ActionPlan.objects.create(
        dossier=dossier,
        overall_objective="تعزيز الحكامة الترابية الجيدة في الجماعة",
        starts_on=today - datetime.timedelta(days=30 * months_before),
        ends_on=today + datetime.timedelta(days=30 * months_after),
        opened_by=UserFactory(),
    )


def plan_result(plan, text="إحداث هيئة المساواة وتكافؤ الفرص", **fields):

    principle = plan.dossier.edition.referential.principles.first()
    return ExpectedResult.objects.create(plan=plan, text=text, principle=principle, **fields)


def plan_activity(plan, *, days=(0, 30), title="ورشة تكوينية للمنتخبين", **fields):
    """An activity from today + days[0] to today + days[1]."""

    from citizenlabel.actionplans.models import Activity

    today = timezone.localdate()
    fields.setdefault("responsible", "العنصر المحوري")
    return Activity.objects.create(
        plan=plan,
        title=title,
        starts_on=today + datetime.timedelta(days=days[0]),
        ends_on=today + datetime.timedelta(days=days[1]),
        **fields,
    )


def plan_indicator(plan, *, name="عدد العرائض المودعة", baseline=2, target=10, **fields):

    fields.setdefault("level", "result" if fields.get("result") else "overall")
    fields.setdefault("unit", "عريضة")
    fields.setdefault("source", "سجل العرائض")
    fields.setdefault("frequency", "quarterly")
    values = {"name": name, "baseline": baseline, "target": target}
    return Indicator.objects.create(plan=plan, **values, **fields)


# --- action plans (evaluation, re-verification, updated score) ---


def dossier_with_plan_to_evaluate(**kwargs):
    """(dossier, team member). Declared 1.1.1 = d (3 points × weight 2) and 1.1.2 = b + g
    (3 points); verified 1.1.1 = c (2 × 2); components 75 / 50 / 100; final score recorded
    through the service; then in `action_plan` with its ActionPlan row (those two states are
    set directly: the plan slices own them)."""

    from citizenlabel.actionplans.models import ActionPlan
    from citizenlabel.dossiers.services.approval import approve_self_assessment, send_for_approval
    from citizenlabel.dossiers.services.selfassessment import save_answer
    from citizenlabel.referential.models import Question
    from citizenlabel.verification.models import VerifiedAnswer, Visit
    from citizenlabel.verification.services.scores import (
        record_final_score,
        record_provisional_score,
    )

    dossier = dossier_in_self_assessment(**kwargs)
    focal, president = commune_people(dossier)
    questions = Question.objects.filter(referential=dossier.edition.referential)
    for code, options in (("1.1.1", ["d"]), ("1.1.2", ["b", "g"])):
        save_answer(
            dossier=dossier,
            question=questions.get(code=code),
            options=options,
            comment="",
            seen_version=0,
            by=focal,
        )
    send_for_approval(dossier=dossier, by=focal)
    approve_self_assessment(dossier=dossier, by=president)
    coordination = coordination_member()
    record_provisional_score(dossier=dossier, by=coordination)
    dossier.state = "verification"
    dossier.save()
    verifier = team_member(dossier)
    Visit.objects.create(
        dossier=dossier,
        date=dossier.created_at.date(),
        agenda="زيارة التحقق",
        scheduled_by=coordination,
    )
    VerifiedAnswer.objects.create(
        dossier=dossier,
        question=questions.get(code="1.1.1"),
        evidence_status="insufficient",
        options=["c"],
        reason="محضر ناقص",
        verified_by=verifier,
    )
    for component, score in (("information_access", 75), ("ownership", 50), ("equality_body", 100)):
        ComponentScore.objects.create(
            dossier=dossier,
            component=component,
            level=score // 25,
            score=score,
            justification="…",
            scored_by=verifier,
        )
    finish_verification(dossier, verifier)
    record_final_score(dossier=dossier, by=verifier)
    dossier.state = "action_plan"
    dossier.save()
    ActionPlan.objects.create(
        dossier=dossier,
        overall_objective="تحسين الحكامة",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        opened_by=verifier,
    )
    return dossier, verifier


def plan_target(dossier, code, options, text="رفع تمثيلية النساء في مناصب المسؤولية"):
    """An expected result of the dossier's plan aiming at `options` of question `code`."""
    from citizenlabel.actionplans.models import ResultTarget
    from citizenlabel.referential.models import Question

    q = Question.objects.get(referential=dossier.edition.referential, code=code)
    result = ExpectedResult.objects.create(
        plan=dossier.action_plan, text=text, principle=q.principle
    )
    ResultTarget.objects.create(result=result, question=q, options=options)
    return result


def reverify(
    dossier, by, options=("d",), reason="محضر كامل", status="seen", version=0, code="1.1.1"
):
    """Record the re-verification round of one answer through the service."""
    from citizenlabel.verification.services.verify import record_verified_answer

    return record_verified_answer(
        dossier=dossier,
        question=Question.objects.get(referential=dossier.edition.referential, code=code),
        round=Round.REVERIFICATION,
        evidence_status=status,
        options=list(options),
        reason=reason,
        seen_version=version,
        by=by,
    )


# --- action plans (plan: draft, what-if, logical framework, activities) ---


def dossier_ready_for_plan(*, published: bool = True):
    """(dossier, team member): verified through the services (1.1.1 verified c, 1.1.2 b + g;
    components 75 / 50 / 100), an action plan proposed by the coordination and, unless told
    otherwise, its results published."""
    from citizenlabel.verification.models import Proposal, VerifiedAnswer
    from citizenlabel.verification.services.scores import record_final_score

    dossier, verifier = verification_dossier()
    VerifiedAnswer.objects.create(
        dossier=dossier,
        question=Question.objects.get(referential=dossier.edition.referential, code="1.1.1"),
        evidence_status="insufficient",
        options=["c"],
        reason="محضر ناقص",
        verified_by=verifier,
    )
    for component, score in (("information_access", 75), ("ownership", 50), ("equality_body", 100)):
        ComponentScore.objects.create(
            dossier=dossier,
            component=component,
            level=score // 25,
            score=score,
            justification="…",
            scored_by=verifier,
        )
    finish_verification(dossier, verifier)
    record_final_score(dossier=dossier, by=verifier)
    Proposal.objects.create(
        dossier=dossier, recommendation="action_plan", prepared_by=coordination_member()
    )
    if published:
        dossier.results_published_at = timezone.now()
        dossier.save(update_fields=["results_published_at"])
    return dossier, verifier


def dossier_with_plan(*, selections=(("1.1.1", ("d",)),)):
    """(plan, focal point): opened by the commune's focal point through `open_action_plan`,
    one expected result per selection (question code, options to reach)."""

    from citizenlabel.actionplans.services.plan import Selection, open_action_plan

    dossier, _verifier = dossier_ready_for_plan()
    focal = user_with_role(Role.FOCAL_POINT, commune=dossier.commune)
    plan = open_action_plan(
        dossier=dossier,
        overall_objective="تعزيز الحكامة الترابية الجيدة في الجماعة",
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        selections=[Selection(code, tuple(options)) for code, options in selections],
        by=focal,
    )
    return plan, focal


def evaluated_plan():
    dossier, verifier = verification_dossier()
    VerifiedAnswer.objects.create(
        dossier=dossier,
        question=question(dossier, "1.1.1"),
        evidence_status="insufficient",
        options=["c"],
        reason="محضر ناقص",
        verified_by=verifier,
    )
    finish_verification(dossier, verifier)  # components 75 / 50 / 100, the diagnosis
    record_final_score(dossier=dossier, by=verifier)
    dossier.state = "action_plan"
    dossier.save()
    plan = ActionPlan.objects.create(
        dossier=dossier,
        overall_objective="…",
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 12, 31),
        opened_by=verifier,
    )
    PlanEvaluation.objects.create(
        plan=plan,
        activities_summary="…",
        results_obtained="…",
        narrative="…",
        achievement_rate=80,
        evaluated_by=verifier,
    )
    return dossier, verifier


def add_activity(plan, by, **fields):
    values = {
        "activity_id": None,
        "result_id": None,
        "title": "ورشة تكوينية",
        "starts_on": datetime.date(2027, 1, 1),
        "ends_on": datetime.date(2027, 6, 30),
        "responsible": "العنصر المحوري",
        "status": "not_started",
    }
    return services.save_activity(plan=plan, **{**values, **fields}, by=by)


def add_indicator(plan, by, **fields):
    values = {
        "indicator_id": None,
        "level": "overall",
        "row_id": None,
        "name": "عدد العرائض",
        "baseline": Decimal(2),
        "target": Decimal(10),
        "unit": "عريضة",
        "source": "سجل العرائض",
        "frequency": "quarterly",
    }
    return services.save_indicator(plan=plan, **{**values, **fields}, by=by)


def add_objective(plan, by, text="إشراك الساكنة"):
    return services.save_specific_objective(plan=plan, objective_id=None, text=text, by=by)


def add_result(plan, by, **fields):
    principle = Principle.objects.get(referential=plan.dossier.edition.referential, code="PART")
    values = {
        "result_id": None,
        "text": "عرائض المواطنين",
        "principle_id": principle.pk,
        "objective_id": None,
        "question_ids": [],
    }
    return services.save_expected_result(plan=plan, **{**values, **fields}, by=by)


def activity_done(plan, percent, budget=0, status="in_progress", title="ورشة"):
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


def evaluate_plan(
    dossier, by, effects=(("institutional", "إحداث هيئة المساواة"),), narrative="تحسن"
):
    return evaluate_action_plan(
        plan=dossier.action_plan,
        activities_summary="أنجزت الورشات",
        results_obtained="نتائج",
        narrative=narrative,
        effects=[Effect(kind=k, text=t) for k, t in effects],
        by=by,
    )


def evaluation_closed() -> str:
    return gettext(
        "The updated score is recorded: the evaluation is closed and nothing was changed."
    )
