"""Demo action plans: activities, an indicator with its measurements, and for one dossier
the re-verification, the evaluation and the updated score."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from citizenlabel.actionplans.enums import ActivityStatus, EffectKind, Frequency, Level
from citizenlabel.actionplans.models import Effect
from citizenlabel.actionplans.planning import weaknesses
from citizenlabel.actionplans.services.evaluation import evaluate_action_plan
from citizenlabel.actionplans.services.followup import record_measurement
from citizenlabel.actionplans.services.logframe import save_activity, save_indicator
from citizenlabel.actionplans.services.plan import Selection, open_action_plan
from citizenlabel.actionplans.services.updated_score import record_updated_score
from citizenlabel.dossiers.models import Dossier
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, User
from citizenlabel.referential.models import Question
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.verification.enums import Round
from citizenlabel.verification.selectors import verified_answers
from citizenlabel.verification.services.verify import record_verified_answer


def open_and_follow_plan(dossier: Dossier, verifier: User, *, evaluate: bool) -> None:
    focal = Membership.objects.filter(role=Role.FOCAL_POINT, commune=dossier.commune).first().user
    spec = referential_spec(dossier.edition.referential)
    candidates = weaknesses(spec, verified_answers(dossier))[:2]
    today = timezone.localdate()
    plan = open_action_plan(
        dossier=dossier,
        overall_objective="تعزيز الحكامة التشاركية وتتبع برنامج عمل الجماعة",
        starts_on=today - timedelta(days=120),
        ends_on=today + timedelta(days=240),
        selections=[Selection(c.code, c.best.options) for c in candidates],
        by=focal,
    )
    activities = [
        ("ورشة تشاورية مع الجمعيات", -110, -80, ActivityStatus.DONE, 100, 15000),
        ("إعداد دليل تتبع برنامج عمل الجماعة", -70, 20, ActivityStatus.IN_PROGRESS, 60, 30000),
        (
            "نشر التقارير الدورية على الموقع الإلكتروني",
            -20,
            -5,
            ActivityStatus.NOT_STARTED,
            0,
            5000,
        ),
    ]
    for title, start, end, status, done, budget in activities:
        save_activity(
            plan=plan,
            activity_id=None,
            result_id=None,
            title=title,
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=end),
            responsible="العنصر المحوري",
            budget=Decimal(budget),
            status=status,
            percent_done=done,
            by=focal,
        )
    indicator = save_indicator(
        plan=plan,
        indicator_id=None,
        level=Level.OVERALL,
        row_id=None,
        name="عدد الجمعيات المشاركة في التشاور",
        baseline=Decimal(3),
        target=Decimal(15),
        unit="جمعية",
        source="محاضر الورشات",
        frequency=Frequency.QUARTERLY,
        by=focal,
    )
    for days, value in ((-90, 6), (-30, 10)):
        record_measurement(
            indicator=indicator,
            measured_on=today + timedelta(days=days),
            value=Decimal(value),
            note="",
            by=focal,
        )
    if evaluate:
        evaluate_plan(dossier, plan, verifier, candidates)


def evaluate_plan(dossier, plan, verifier, candidates) -> None:
    for candidate in candidates:
        record_verified_answer(
            dossier=dossier,
            round=Round.REVERIFICATION,
            question=Question.objects.get(
                referential=dossier.edition.referential, code=candidate.code
            ),
            evidence_status="seen",
            options=list(candidate.best.options),
            reason="تم التحقق من الوثائق الجديدة بعد تنفيذ الخطة",
            seen_version=0,
            by=verifier,
        )
    evaluate_action_plan(
        plan=plan,
        activities_summary="أنجزت الورشات التشاورية وأعد دليل التتبع",
        results_obtained="آلية لتتبع برنامج عمل الجماعة وتقارير دورية",
        narrative="تحسن ملموس في إشراك الجمعيات وفي تتبع المشاريع",
        effects=[
            Effect(kind=EffectKind.PARTICIPATION, text="مشاركة 12 جمعية في التشاور"),
            Effect(kind=EffectKind.INSTITUTIONAL, text="إحداث فريق تتبع داخلي"),
        ],
        by=verifier,
    )
    record_updated_score(dossier=dossier, by=verifier)
