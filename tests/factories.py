import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, TechnicalTeam, User
from citizenlabel.territory.models import Commune, Province, Region

PASSWORD = "correct-horse-battery"


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"R{n:02d}")
    name = factory.LazyAttribute(lambda o: {"ar": f"جهة {o.code}", "fr": f"Région {o.code}"})


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"P{n:03d}")
    kind = "province"
    name = factory.LazyAttribute(lambda o: {"ar": f"إقليم {o.code}", "fr": f"Province {o.code}"})


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = Commune

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"C{n:04d}")
    name = factory.LazyAttribute(lambda o: {"ar": f"جماعة {o.code}", "fr": f"Commune {o.code}"})
    kind = "rural"
    population = 12000


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TechnicalTeamFactory(DjangoModelFactory):
    class Meta:
        model = TechnicalTeam

    name = factory.Sequence(lambda n: {"ar": f"فريق {n}", "fr": f"Équipe {n}"})


def user_with_role(role: str, **scope) -> User:
    user = UserFactory()
    Membership.objects.create(user=user, role=role, **scope)
    return user


def coordination_member() -> User:
    return user_with_role(Role.COORDINATION)


# --- Editions and dossiers -------------------------------------------------------------


def default_referential():
    from citizenlabel.demo.base import ensure_default_referential

    return ensure_default_referential()


class EditionFactory(DjangoModelFactory):
    class Meta:
        model = "dossiers.Edition"

    name = factory.Sequence(lambda n: {"ar": f"النسخة {n}", "fr": f"Édition {n}"})
    referential = factory.LazyFunction(default_referential)
    call_opened_at = factory.LazyFunction(timezone.now)


class DossierFactory(DjangoModelFactory):
    class Meta:
        model = "dossiers.Dossier"

    edition = factory.SubFactory(EditionFactory)
    commune = factory.SubFactory(CommuneFactory)
    state = "draft"


def dossier_in_self_assessment(**kwargs):
    """A dossier whose self-assessment is open for three more weeks, with its team."""
    import datetime

    kwargs.setdefault("technical_team", TechnicalTeamFactory())
    kwargs.setdefault("deadline", timezone.localdate() + datetime.timedelta(weeks=3))
    return DossierFactory(state="self_assessment", **kwargs)


def commune_people(dossier):
    """(focal point, president) of the dossier's commune."""
    return (
        user_with_role(Role.FOCAL_POINT, commune=dossier.commune),
        user_with_role(Role.PRESIDENT, commune=dossier.commune),
    )


def team_member(dossier):
    return user_with_role(Role.TECHNICAL_TEAM, technical_team=dossier.technical_team)


# --- clarifications ---


def clarification(dossier, *, by, subject="طلب توضيح", body="ما المقصود بهذا السؤال؟", **fields):
    """A request of the dossier's commune with its first message (asked through the model,
    without the service's notification)."""
    from citizenlabel.dossiers.models import Clarification, ClarificationMessage

    asked = Clarification.objects.create(dossier=dossier, subject=subject, asked_by=by, **fields)
    ClarificationMessage.objects.create(clarification=asked, author=by, body=body)
    return asked


def other_referential_question():
    """A question of a referential that no edition of the tests uses."""
    from citizenlabel.referential.parsing import parse_referential_yaml
    from citizenlabel.referential.services import load_referential
    from tests.referential.samples import SCORING_YAML

    return load_referential(spec=parse_referential_yaml(SCORING_YAML)).questions.first()


# --- profile and good practices ---

TINY_PDF = b"%PDF-1.4\n%%EOF\n"


class InstitutionalProfileFactory(DjangoModelFactory):
    class Meta:
        model = "dossiers.InstitutionalProfile"

    dossier = factory.SubFactory(DossierFactory)
    census_year = 2024
    population = 12000
    population_women = 6100
    area_km2 = "120.50"
    council_seats = 25
    council_women = 7
    council_opposition = 8
    council_under_35 = 3


def complete_profile(dossier, *, bodies: int = 1):
    """A saved profile with its four tables filled (written directly, not through the service)."""
    from citizenlabel.dossiers.models import (
        BudgetYear,
        ParticipatoryBody,
        ServiceDelivery,
        StaffCount,
    )
    from citizenlabel.dossiers.services.profile import budget_years

    profile = InstitutionalProfileFactory(dossier=dossier)
    StaffCount.objects.bulk_create(
        StaffCount(profile=profile, category=category, women=3, men=5)
        for category in StaffCount.Category.values
    )
    BudgetYear.objects.bulk_create(
        BudgetYear(
            profile=profile,
            year=year,
            operating_revenue=1000,
            operating_expenditure=900,
            investment_revenue=500,
            investment_expenditure=400,
        )
        for year in budget_years()
    )
    ServiceDelivery.objects.bulk_create(
        ServiceDelivery(profile=profile, service=service, mode="direct")
        for service in ServiceDelivery.Service.values
    )
    ParticipatoryBody.objects.bulk_create(
        ParticipatoryBody(profile=profile, kind="youth", name=f"مجلس الشباب {n}")
        for n in range(bodies)
    )
    return profile


class GoodPracticeFactory(DjangoModelFactory):
    class Meta:
        model = "dossiers.GoodPractice"

    dossier = factory.SubFactory(DossierFactory)
    title = factory.Sequence(lambda n: f"ممارسة جيدة {n}")
    principle = factory.LazyAttribute(lambda o: o.dossier.edition.referential.principles.first())
    description = "ميزانية تشاركية مع جمعيات الأحياء."
    results = "مشاريع مختارة من طرف الساكنة."
    started_on = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    created_by = factory.SubFactory(UserFactory)


def practice_file(practice, *, name: str = "report.pdf", content: bytes = TINY_PDF):
    """A PDF attached to a good practice (stored directly, not through the service)."""
    import hashlib

    from django.core.files.base import ContentFile

    from citizenlabel.dossiers.models import DossierFile

    stored = DossierFile(
        dossier=practice.dossier,
        purpose=DossierFile.Purpose.PRACTICE,
        good_practice=practice,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=practice.created_by,
    )
    stored.file.save("upload", ContentFile(content), save=False)
    stored.save()
    return stored


# --- verification ---


def submitted_dossier(answers=(("1.1.1", ["d"]), ("1.1.2", ["b", "g"]))):
    """A dossier whose self-assessment was answered (through the services) and submitted."""
    from citizenlabel.dossiers.services.approval import approve_self_assessment, send_for_approval
    from citizenlabel.dossiers.services.selfassessment import save_answer
    from citizenlabel.referential.models import Question

    dossier = dossier_in_self_assessment()
    focal, president = commune_people(dossier)
    for code, options in answers:
        question = Question.objects.get(referential=dossier.edition.referential, code=code)
        save_answer(
            dossier=dossier,
            question=question,
            options=options,
            comment="",
            seen_version=0,
            by=focal,
        )
    send_for_approval(dossier=dossier, by=focal)
    approve_self_assessment(dossier=dossier, by=president)
    return dossier


def verification_dossier(**kwargs):
    """(dossier, team member): provisionally scored, in `verification`, its visit scheduled
    (the state is set directly: the visit slice owns that transition)."""
    from citizenlabel.verification.models import Visit
    from citizenlabel.verification.services.scores import record_provisional_score

    dossier = submitted_dossier(**kwargs)
    member = coordination_member()
    record_provisional_score(dossier=dossier, by=member)
    dossier.state = "verification"
    dossier.save()
    verifier = team_member(dossier)
    Visit.objects.create(
        dossier=dossier, date=dossier.created_at.date(), agenda="زيارة التحقق", scheduled_by=member
    )
    return dossier, verifier


def finish_verification(dossier, verifier, *, levels=(3, 2, 4)):
    """Make the verification complete without changing a recorded value: every answer not
    verified yet is verified as declared (an unanswered one is marked "could not be
    verified", which scores the same 0), the components not scored get `levels` (in
    Component order: 75 / 50 / 100 by default) and an empty diagnosis gets one finding,
    one participant and one priority. Written with the ORM, like the dossiers above."""
    from citizenlabel.dossiers.models import Answer
    from citizenlabel.referential.models import Question
    from citizenlabel.verification import rubrics
    from citizenlabel.verification.enums import Component
    from citizenlabel.verification.models import (
        AgreedPriority,
        ComponentScore,
        DiagnosisParticipant,
        DiagnosisPoint,
        VerifiedAnswer,
    )

    declared = dict(Answer.objects.filter(dossier=dossier).values_list("question_id", "options"))
    visit = VerifiedAnswer.objects.filter(dossier=dossier, round="visit")
    done = set(visit.values_list("question_id", flat=True))
    questions = Question.objects.filter(referential=dossier.edition.referential)
    VerifiedAnswer.objects.bulk_create(
        VerifiedAnswer(
            dossier=dossier,
            question=question,
            evidence_status="seen" if declared.get(question.pk) else "unverifiable",
            options=list(declared.get(question.pk) or []),
            reason="" if declared.get(question.pk) else "لم تصرح الجماعة بجواب",
            verified_by=verifier,
        )
        for question in questions
        if question.pk not in done
    )
    scored = set(ComponentScore.objects.filter(dossier=dossier).values_list("component", flat=True))
    for component, value in zip(Component, levels, strict=True):
        if component.value not in scored:
            ComponentScore.objects.create(
                dossier=dossier,
                component=component.value,
                level=value,
                score=rubrics.level(component.value, value).score,
                justification="ملاحظات الفريق التقني",
                scored_by=verifier,
            )
    principle = dossier.edition.referential.principles.first()
    if not DiagnosisPoint.objects.filter(dossier=dossier).exists():
        DiagnosisPoint.objects.create(
            dossier=dossier, principle=principle, kind="strength", text="نشر محاضر الدورات"
        )
    if not DiagnosisParticipant.objects.filter(dossier=dossier).exists():
        DiagnosisParticipant.objects.create(
            dossier=dossier, full_name="سعاد المرابط", category="equality_body", gender="woman"
        )
    if not AgreedPriority.objects.filter(dossier=dossier).exists():
        AgreedPriority.objects.create(
            dossier=dossier, position=1, text="تتبع برنامج عمل الجماعة", principle=principle
        )


def finish_reverification(dossier, verifier):
    """Make the plan's re-verification complete without changing a recorded value: every
    answer the plan targets and nobody re-verified yet is re-verified at its verified value
    (sources seen; no reason needed, it does not differ), one without a value is marked
    "could not be verified" with its reason. Written with the ORM, like
    finish_verification; call it once the plan's expected results have their targets."""
    from citizenlabel.actionplans.selectors_evaluation import targeted_question_ids
    from citizenlabel.referential.models import Question
    from citizenlabel.verification.enums import Round
    from citizenlabel.verification.models import VerifiedAnswer
    from citizenlabel.verification.services.verify import reference_options

    rows = VerifiedAnswer.objects.filter(dossier=dossier, round=Round.REVERIFICATION)
    done = set(rows.values_list("question_id", flat=True))
    waiting = [pk for pk in targeted_question_ids(dossier) if pk not in done]
    for question in Question.objects.filter(pk__in=waiting):
        options = reference_options(dossier, question, Round.REVERIFICATION)
        VerifiedAnswer.objects.create(
            dossier=dossier,
            question=question,
            round=Round.REVERIFICATION,
            evidence_status="seen" if options else "unverifiable",
            options=options,
            reason="" if options else "لا جواب محقق منه",
            verified_by=verifier,
        )


# --- action plans (timeline, dashboard, follow-up, PDF) ---


def dossier_with_running_plan(*, months_before: int = 6, months_after: int = 6):
    """The ActionPlan of a dossier in `action_plan` (with its technical team) that started
    `months_before` months ago and ends `months_after` months ahead. Written directly with
    the ORM: the pages only need the state, the team and the plan."""
    import datetime

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
    from citizenlabel.actionplans.models import ExpectedResult

    principle = plan.dossier.edition.referential.principles.first()
    return ExpectedResult.objects.create(plan=plan, text=text, principle=principle, **fields)


def plan_activity(plan, *, days=(0, 30), title="ورشة تكوينية للمنتخبين", **fields):
    """An activity from today + days[0] to today + days[1]."""
    import datetime

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
    from citizenlabel.actionplans.models import Indicator

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
    import datetime

    from citizenlabel.actionplans.models import ActionPlan
    from citizenlabel.dossiers.services.approval import approve_self_assessment, send_for_approval
    from citizenlabel.dossiers.services.selfassessment import save_answer
    from citizenlabel.referential.models import Question
    from citizenlabel.verification.models import ComponentScore, VerifiedAnswer, Visit
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
    from citizenlabel.actionplans.models import ExpectedResult, ResultTarget
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
    from citizenlabel.referential.models import Question
    from citizenlabel.verification.enums import Round
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
    from citizenlabel.referential.models import Question
    from citizenlabel.verification.models import ComponentScore, Proposal, VerifiedAnswer
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
    import datetime

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


# The answer to the confirmation step of an irreversible action (common/confirm.py).
CONFIRMED = {"confirmed": "yes"}
