"""Deliberation sessions, their agenda and votes, and the labels they grant."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.accreditation.models import (
    AgendaItem,
    Decision,
    DeliberationSession,
    Label,
    Recusal,
    SessionMember,
    Vote,
)
from citizenlabel.accreditation.services.decisions import (
    close_round,
    grant_label,
    open_first_round,
    record_vote,
)
from citizenlabel.accreditation.services.sessions import convene_session, record_attendance
from citizenlabel.people.enums import Role
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.verification.models import Proposal, ScoreSnapshot
from citizenlabel.verification.selectors import score_of
from tests.factories.dossiers import DossierFactory, EditionFactory
from tests.factories.people import TechnicalTeamFactory, coordination_member, user_with_role
from tests.factories.territory import CommuneFactory


def best_answers(spec) -> dict[str, list[str]]:
    """Every question at its best option: every rule of the edition is met."""
    answers = {}
    for _field, question in spec.questions():
        options = [o for o in question.options if not o.not_applicable]
        if question.kind == "multiple":
            answers[question.code] = [o.code for o in options]
        else:
            answers[question.code] = [max(options, key=lambda o: o.points).code]
    return answers


def half_answers(spec) -> dict[str, list[str]]:
    """Every other question at its best option, the rest unanswered: the rules are not met."""
    return {code: options for n, (code, options) in enumerate(best_answers(spec).items()) if n % 2}


def snapshot_of(dossier, kind: str, *, rules_met: bool, by, overall=None) -> ScoreSnapshot:
    spec = referential_spec(dossier.edition.referential)
    answers = best_answers(spec) if rules_met else half_answers(spec)
    result = score_of(spec, answers)
    as_map = lambda values: {k: round(float(v), 2) for k, v in values.items()}  # noqa: E731
    questionnaire = round(float(result.overall or 0), 2)
    return ScoreSnapshot.objects.create(
        dossier=dossier,
        kind=kind,
        overall=Decimal(str(overall if overall is not None else (92.5 if rules_met else 31.25))),
        questionnaire=Decimal(str(questionnaire)),
        points=Decimal(float(result.points)).quantize(Decimal("0.001")),
        maximum=Decimal(float(result.maximum)).quantize(Decimal("0.001")),
        by_field=as_map(result.by_field),
        by_principle=as_map(result.by_principle),
        answers=answers,
        referential_code=spec.code,
        referential_version=spec.version,
        created_by=by,
    )


def ready_dossier(edition=None, *, rules_met=True, state="verified", commune=None, **kwargs):
    """A dossier the committee can deliberate on: verified with its final score and the
    coordination's proposal, or evaluated after its plan with an updated score."""
    coordination = coordination_member()
    dossier = DossierFactory(
        edition=edition or EditionFactory(),
        commune=commune or CommuneFactory(),
        state=state,
        technical_team=TechnicalTeamFactory(),
        **kwargs,
    )
    snapshot_of(dossier, "final", rules_met=rules_met and state == "verified", by=coordination)
    if state == "verified":
        Proposal.objects.create(
            dossier=dossier,
            recommendation="label" if rules_met else "action_plan",
            justification="" if rules_met else "عتبة غير مبلوغة",
            prepared_by=coordination,
        )
    else:
        snapshot_of(dossier, "updated", rules_met=rules_met, by=coordination, overall=74.5)
    return dossier


def committee(n: int):
    return [user_with_role(Role.ACCREDITATION) for _ in range(n)]


def convened(*, dossiers=None, members=None, quorum=2, present=None, day=None):
    """(session, members, coordination): a session held today (or on `day`) of 3 members,
    all present by default; the first member chairs it, the second is its secretary. A
    session still to come has no attendance yet."""
    coordination = coordination_member()
    dossiers = dossiers or [ready_dossier()]
    members = members or committee(3)
    session = DeliberationSession(
        edition=dossiers[0].edition,
        date=day or timezone.localdate(),
        place="الرباط",
        quorum=quorum,
        chair=members[0],
        secretary=members[1] if len(members) > 1 else None,
    )
    convene_session(session=session, members=members, dossiers=dossiers, by=coordination)
    if session.date <= timezone.localdate():
        seats = {seat.user_id: seat.pk for seat in session.members.all()}
        chosen = members if present is None else present
        record_attendance(session=session, present=[seats[u.pk] for u in chosen], by=coordination)
    return session, members, coordination


def vote_and_close(item, votes: dict, *, by, justification=""):
    """Each member votes as given (user -> choice), then `by` (chair or secretary) closes."""
    for user, choice in votes.items():
        record_vote(item=item, choice=choice, by=user)
    return close_round(item=item, justification=justification, by=by)


def counts() -> tuple[int, ...]:
    return (
        DeliberationSession.objects.count(),
        SessionMember.objects.count(),
        AgendaItem.objects.count(),
        Recusal.objects.count(),
        Vote.objects.count(),
        Decision.objects.count(),
    )


def item_votes(item) -> list[tuple[int, str]]:
    return list(
        Vote.objects.filter(round__item=item).order_by("pk").values_list("member__user", "choice")
    )


def messages_of(error) -> list[str]:
    return error.value.messages


def session_url(session, name="session"):
    return reverse(f"accreditation:{name}", args=[session.pk])


def item_url(item, name="item"):
    return reverse(f"accreditation:{name}", args=[item.session_id, item.pk])


SECRET_SCORE = "83.47"


SECRET_JUSTIFICATION = "ملاحظة سرية من المداولة"


def decided_item(*, commune=None, edition=None, on: date | None = None, state="verified"):
    """An agenda item of a session held on `on` (today by default; quorum 1), its dossier in
    `state`; its chair is the one member, present; the vote on the proposal is open."""
    dossier = DossierFactory(
        state=state, commune=commune or CommuneFactory(), edition=edition or EditionFactory()
    )
    chair = user_with_role(Role.ACCREDITATION)
    session = DeliberationSession.objects.create(
        edition=dossier.edition,
        date=on or timezone.localdate(),
        place="الرباط",
        quorum=1,
        convened_by=coordination_member(),
        chair=chair,
    )
    SessionMember.objects.create(session=session, user=chair, present=True)
    item = AgendaItem.objects.create(
        session=session,
        dossier=dossier,
        proposal={"recommendation": "label", "score": SECRET_SCORE, "rules": {"all_met": True}},
    )
    open_first_round(item, session.convened_by)
    return item


TALLY = {"for": 3, "against": 0, "abstain": 0, "voters": 3, "present": 3, "casting": ""}


def granted_label(*, commune=None, edition=None, on: date | None = None) -> Label:
    """A label granted through `grant_label` on a past day, as the committee's decision that
    day created it: the round that adopted it, then the decision (written directly, since
    the services decide only today)."""
    item = decided_item(commune=commune, edition=edition, on=on, state="labelled")
    voting = item.rounds.get()
    voting.result, voting.tally = "adopted", TALLY
    voting.closed_by, voting.closed_at = item.session.chair, timezone.now()
    voting.save()
    decision = Decision.objects.create(
        item=item,
        round=voting,
        outcome="label",
        justification=SECRET_JUSTIFICATION,
        votes=TALLY,
        decided_by=item.session.chair,
    )
    return grant_label(decision=decision, on=item.session.date)


def quorum_message(voters: int, quorum: int) -> str:
    return _(
        "The quorum is not reached: %(voters)s members present may vote on this dossier "
        "(recusals excluded), %(quorum)s needed."
    ) % {"voters": voters, "quorum": quorum}
