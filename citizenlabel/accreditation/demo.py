"""Demo dossiers past submission: review, verification, action plans, deliberations and
labels — walked through the same services as real use, so history and snapshots are real."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from citizenlabel.actionplans.enums import ActivityStatus, EffectKind, Frequency, Level
from citizenlabel.actionplans.models import Effect
from citizenlabel.actionplans.planning import weaknesses
from citizenlabel.actionplans.services.evaluation import (
    evaluate_action_plan,
    record_reverified_answer,
)
from citizenlabel.actionplans.services.followup import record_measurement
from citizenlabel.actionplans.services.logframe import save_activity, save_indicator
from citizenlabel.actionplans.services.plan import Selection, open_action_plan
from citizenlabel.actionplans.services.updated_score import record_updated_score
from citizenlabel.dossiers.enums import Gender
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.services.approval import approve_self_assessment, send_for_approval
from citizenlabel.dossiers.services.selfassessment import save_answer
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, User
from citizenlabel.referential.models import Question
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.verification.demo import verify_every_answer
from citizenlabel.verification.enums import Component, DiagnosisKind, ParticipantCategory
from citizenlabel.verification.models import AgreedPriority, DiagnosisParticipant, DiagnosisPoint
from citizenlabel.verification.selectors import verified_answers
from citizenlabel.verification.services.components import score_component
from citizenlabel.verification.services.diagnosis import save_diagnosis
from citizenlabel.verification.services.proposal import prepare_proposal
from citizenlabel.verification.services.results import publish_verification_results
from citizenlabel.verification.services.scores import record_final_score, record_provisional_score
from citizenlabel.verification.services.verify import record_verified_answer
from citizenlabel.verification.services.visit import schedule_visit

from .enums import VoteChoice
from .models import AgendaItem, Decision, DeliberationSession, Label, VoteRound
from .services.decisions import (
    add_months,
    close_round,
    goes_against_rules,
    open_round,
    record_vote,
    voters,
)
from .services.labels import expire_labels
from .services.sessions import convene_session, record_attendance

# Where each submitted demo dossier goes next (commune code -> state reached).
LATER = {
    "01.151.02": "provisionally_scored",
    "01.151.03": "verification",
    "01.331.01": "verified",
    "01.331.02": "action_plan",
    "01.405.01": "plan_evaluated",
    "01.571.01": "labelled",
    "01.573.02": "withdrawn",
}
ORDER = ["provisionally_scored", "verification", "verified", "action_plan", "plan_evaluated"]


def committee(coordination: User) -> list[User]:
    """The demo accreditation member and two more, so that a quorum of two can sit."""
    members = [m.user for m in Membership.objects.filter(role=Role.ACCREDITATION)]
    for index in range(len(members), 3):
        user = User.objects.create(username=f"accreditation-{index}", first_name=f"عضو {index}")
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, role=Role.ACCREDITATION)
        members.append(user)
    return members[:3]


def team_user(dossier: Dossier) -> User:
    return dossier.technical_team.memberships.select_related("user").first().user


def _reached(target: str, step: str) -> bool:
    return target in ORDER and ORDER.index(target) >= ORDER.index(step)


def walk_later_stages(
    dossier: Dossier, target: str, coordination: User, *, exemplary: bool = False
) -> None:
    """Provisional score, visit, verification, final score, proposal, action plan. An
    exemplary dossier is confirmed as declared and its components score high."""
    record_provisional_score(dossier=dossier, by=coordination)
    if target == "provisionally_scored":
        return
    verifier = team_user(dossier)
    schedule_visit(
        dossier=dossier,
        date=timezone.localdate(),
        members=[verifier],
        agenda="مراجعة مصادر التحقق ولقاء مع العنصر المحوري وهيئة المساواة",
        documents="محاضر الدورات، الميزانية، برنامج عمل الجماعة",
        by=coordination,
    )
    if exemplary:
        _confirm_every_answer(dossier, verifier)
    else:
        _verify(dossier, verifier)
    if target == "verification":
        return
    verify_every_answer(dossier, verifier)  # the final score needs every answer verified
    _components_and_diagnosis(dossier, verifier, levels=(4, 4, 3) if exemplary else (3, 2, 2))
    record_final_score(dossier=dossier, by=verifier)
    publish_verification_results(dossier=dossier, by=coordination)
    recommendation = (
        "withdrawal"
        if target == "withdrawn"
        else ("label" if target == "labelled" else "action_plan")
    )
    prepare_proposal(
        dossier=dossier,
        recommendation=recommendation,
        justification="اقتراح لجنة التنسيق بعد دراسة تقرير التحقق",
        by=coordination,
    )
    if _reached(target, "action_plan"):
        _plan(dossier, verifier, evaluate=target == "plan_evaluated")


def _verify(dossier: Dossier, verifier: User) -> None:
    """Confirm most declared answers; lower one, so the accuracy table has a gap."""
    questions = {
        q.code: q for q in Question.objects.filter(referential=dossier.edition.referential)
    }
    for index, (code, options) in enumerate(sorted(dossier.submissions.first().answers.items())):
        lowered = index == 1 and not any(o == "na" for o in options)
        question = questions[code]
        chosen = (
            [question.options.exclude(not_applicable=True).first().code] if lowered else options
        )
        record_verified_answer(
            dossier=dossier,
            question=question,
            evidence_status="insufficient" if lowered else "seen",
            options=chosen,
            reason="المحضر المقدم لا يثبت الجواب المصرح به" if lowered else "",
            seen_version=0,
            by=verifier,
        )
        if index >= 11:
            break


def _confirm_every_answer(dossier: Dossier, verifier: User) -> None:
    """Every declared answer seen in its sources, as declared."""
    questions = Question.objects.filter(referential=dossier.edition.referential)
    declared = dossier.submissions.first().answers
    for question in questions:
        record_verified_answer(
            dossier=dossier,
            question=question,
            evidence_status="seen",
            options=list(declared.get(question.code, [])),
            reason="",
            seen_version=0,
            by=verifier,
        )


def _components_and_diagnosis(dossier: Dossier, verifier: User, *, levels) -> None:
    components = (Component.INFORMATION_ACCESS, Component.OWNERSHIP, Component.EQUALITY_BODY)
    for component, level in zip(components, levels, strict=True):
        score_component(
            dossier=dossier,
            component=component,
            level=level,
            justification="ملاحظات الفريق التقني خلال الزيارة",
            by=verifier,
        )
    principles = {p.code: p for p in dossier.edition.referential.principles.all()}
    save_diagnosis(
        dossier=dossier,
        points=[
            DiagnosisPoint(
                principle=principles["TRANSP"],
                kind=DiagnosisKind.STRENGTH,
                text="نشر جداول أعمال الدورات ومحاضرها بانتظام",
            ),
            DiagnosisPoint(
                principle=principles["PART"],
                kind=DiagnosisKind.WEAKNESS,
                text="ضعف إشراك الجمعيات في إعداد برنامج عمل الجماعة",
            ),
        ],
        participants=[
            DiagnosisParticipant(
                full_name="سعاد المرابط",
                category=ParticipantCategory.EQUALITY_BODY,
                gender=Gender.WOMAN,
            ),
            DiagnosisParticipant(
                full_name="يوسف الحداد", category=ParticipantCategory.STAFF, gender=Gender.MAN
            ),
        ],
        priorities=[
            AgreedPriority(
                text="إحداث آلية لتتبع تنفيذ برنامج عمل الجماعة", principle=principles["EFFIC"]
            )
        ],
        by=verifier,
    )


def _plan(dossier: Dossier, verifier: User, *, evaluate: bool) -> None:
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
        _evaluate(dossier, plan, verifier, candidates)


def _evaluate(dossier, plan, verifier, candidates) -> None:
    for candidate in candidates:
        record_reverified_answer(
            dossier=dossier,
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


# Why the committee departs from the edition's rules, written in the minutes and published.
AGAINST_THE_RULES = (
    "رغم عدم بلوغ كل عتبات النسخة، لاحظت اللجنة تحسنا ملموسا في نشر المعلومات وفي إشراك "
    "الجمعيات خلال الزيارة، وقررت منح الميزة مع تتبع خاص."
)


def _vote(item: AgendaItem, chair: User, choices: tuple[str, ...], justification: str = ""):
    """The members who may vote cast `choices` in turn (the chair first); the chair closes."""
    seats = sorted(voters(item), key=lambda seat: seat.user_id != chair.pk)
    for seat, choice in zip(seats, choices, strict=False):
        record_vote(item=item, choice=choice, by=seat.user)
    return close_round(item=item, justification=justification, by=chair)


def _decide_by_vote(item: AgendaItem, outcome: str, chair: User) -> None:
    """The proposal is voted first. When the committee wants another outcome, its majority
    rejects the proposal, then adopts that outcome in a second round; an outcome against the
    edition's rules carries its justification."""
    adopt = (VoteChoice.FOR, VoteChoice.FOR, VoteChoice.ABSTAIN)
    if item.proposal["recommendation"] != outcome:
        _vote(item, chair, (VoteChoice.AGAINST, VoteChoice.AGAINST, VoteChoice.FOR))
        open_round(item=item, outcome=outcome, by=chair)
    justification = AGAINST_THE_RULES if goes_against_rules(item, outcome) else ""
    _vote(item, chair, adopt, justification)


def _as_held(session: DeliberationSession) -> None:
    """A session of the past is recorded as it happened: its votes closed and its decisions
    taken on its day, and its labels granted that day (the services date them today)."""
    held = timezone.make_aware(datetime.combine(session.date, time(11, 30)))
    VoteRound.objects.filter(item__session=session).update(opened_at=held, closed_at=held)
    Decision.objects.filter(item__session=session).update(decided_at=held)
    for label in Label.objects.filter(decision__item__session=session).select_related("edition"):
        label.granted_on = session.date
        label.valid_until = add_months(session.date, label.edition.label_validity_months)
        label.save(update_fields=["granted_on", "valid_until"])


def deliberate(edition, dossiers: list[tuple[Dossier, str]], coordination: User, on: date):
    """A session of the committee on `on` (today or past) deciding the given dossiers by vote:
    the first member chairs it, the second is its secretary, all three are present."""
    members = committee(coordination)
    session = DeliberationSession(
        edition=edition,
        date=on,
        place="الرباط، مقر الجمعية المغربية لرؤساء مجالس الجماعات",
        quorum=2,
        convened_by=coordination,
        chair=members[0],
        secretary=members[1],
    )
    convene_session(
        session=session, members=members, dossiers=[d for d, _o in dossiers], by=coordination
    )
    record_attendance(
        session=session, present=session.members.values_list("pk", flat=True), by=coordination
    )
    outcomes = {d.pk: outcome for d, outcome in dossiers}
    for item in session.agenda.select_related("dossier", "session__edition"):
        _decide_by_vote(item, outcomes[item.dossier_id], members[0])
    if on < timezone.localdate():
        _as_held(session)
    return session


def create_past_edition(coordination: User) -> None:
    """The 2023 edition: Aourir, which met the threshold and every floor, was labelled by the
    committee's vote in June 2023, as the rules call for; its label has expired since."""
    from citizenlabel.dossiers.demo import CONDITIONS, _good_practice, _walk, demo_calendar
    from citizenlabel.dossiers.models import Edition
    from citizenlabel.dossiers.services.editions import open_call_for_candidacies, save_edition
    from citizenlabel.referential.models import Referential
    from citizenlabel.territory.models import Commune

    aourir = Commune.objects.get(code="09.001.01")
    edition = save_edition(
        edition=Edition(
            name={
                "ar": "ميزة الجماعة المواطنة — نسخة 2023",
                "fr": "Label Commune Citoyenne — édition 2023",
            },
            referential=Referential.objects.get(code="LCC", version="2022"),
        ),
        phases=demo_calendar(date(2023, 3, 1)),
        conditions=CONDITIONS,
        target_communes=[aourir],
    )
    open_call_for_candidacies(edition=edition, by=coordination)
    _walk(edition, aourir, "self_assessment", coordination)
    dossier = Dossier.objects.get(edition=edition, commune=aourir)
    focal = Membership.objects.filter(role=Role.FOCAL_POINT, commune=aourir).first().user
    president = Membership.objects.filter(role=Role.PRESIDENT, commune=aourir).first().user
    _answer_at_best(dossier, focal)
    _good_practice(dossier, focal)
    send_for_approval(dossier=dossier, by=focal)
    approve_self_assessment(dossier=dossier, by=president)
    walk_later_stages(dossier, "labelled", coordination, exemplary=True)
    deliberate(edition, [(dossier, "label")], coordination, on=date(2023, 6, 10))


def _answer_at_best(dossier: Dossier, focal: User) -> None:
    """Every question at its best (never a "none of these" beside another option)."""
    versions = dict(dossier.answers.values_list("question_id", "version"))
    questions = Question.objects.filter(referential=dossier.edition.referential)
    for question in questions.prefetch_related("options"):
        options = [o for o in question.options.all() if not (o.not_applicable or o.exclusive)]
        best = (
            [o.code for o in options]
            if question.kind == "multiple"
            else [max(options, key=lambda o: o.points).code]
        )
        save_answer(
            dossier=dossier,
            question=question,
            options=best,
            comment="",
            seen_version=versions.get(question.pk, 0),
            by=focal,
        )


def create_later_stages(edition, coordination: User) -> None:
    dossiers = {
        d.commune.code: d for d in Dossier.objects.filter(edition=edition).select_related("commune")
    }
    for code, target in LATER.items():
        walk_later_stages(dossiers[code], target, coordination)
    deliberate(
        edition,
        [(dossiers["01.571.01"], "label"), (dossiers["01.573.02"], "withdrawal")],
        coordination,
        on=timezone.localdate(),  # the day of the visit and the final scores: held after them
    )
    create_past_edition(coordination)
    expire_labels(today=timezone.localdate())
