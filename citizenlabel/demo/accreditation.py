"""Demo dossiers past submission: review, verification, action plans, deliberations and
labels — walked through the same services as real use, so history and snapshots are real."""

from datetime import date, datetime, time

from django.utils import timezone

from citizenlabel.accreditation.enums import VoteChoice
from citizenlabel.accreditation.models import (
    AgendaItem,
    Decision,
    DeliberationSession,
    Label,
    VoteRound,
)
from citizenlabel.accreditation.services.decisions import (
    add_months,
    close_round,
    goes_against_rules,
    open_round,
    record_vote,
    voters,
)
from citizenlabel.accreditation.services.labels import expire_labels
from citizenlabel.accreditation.services.sessions import convene_session, record_attendance
from citizenlabel.dossiers.models import Dossier, Edition
from citizenlabel.dossiers.services.approval import approve_self_assessment, send_for_approval
from citizenlabel.dossiers.services.editions import open_call_for_candidacies, save_edition
from citizenlabel.dossiers.services.selfassessment import save_answer
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, User
from citizenlabel.referential.models import Question, Referential
from citizenlabel.territory.models import Commune
from citizenlabel.verification.services.proposal import prepare_proposal
from citizenlabel.verification.services.results import publish_verification_results
from citizenlabel.verification.services.scores import record_final_score, record_provisional_score
from citizenlabel.verification.services.visit import schedule_visit

from .actionplans import open_and_follow_plan
from .dossiers import CONDITIONS, add_good_practice, demo_calendar, walk_dossier
from .verification import (
    confirm_every_answer,
    score_components_and_diagnosis,
    team_user,
    verify_every_answer,
    verify_some_answers,
)

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
        confirm_every_answer(dossier, verifier)
    else:
        verify_some_answers(dossier, verifier)
    if target == "verification":
        return
    verify_every_answer(dossier, verifier)  # the final score needs every answer verified
    score_components_and_diagnosis(dossier, verifier, levels=(4, 4, 3) if exemplary else (3, 2, 2))
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
        open_and_follow_plan(dossier, verifier, evaluate=target == "plan_evaluated")


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
    walk_dossier(edition, aourir, "self_assessment", coordination)
    dossier = Dossier.objects.get(edition=edition, commune=aourir)
    focal = Membership.objects.filter(role=Role.FOCAL_POINT, commune=aourir).first().user
    president = Membership.objects.filter(role=Role.PRESIDENT, commune=aourir).first().user
    _answer_at_best(dossier, focal)
    add_good_practice(dossier, focal)
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
