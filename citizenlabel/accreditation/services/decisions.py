"""Votes and decisions of a deliberation session. Members vote on one outcome at a time (a
round); the chair (or the secretary) closes the round; an adopted outcome becomes the
decision, granting creates the label. Nothing is recorded before the session's day."""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.dossiers.enums import DossierState as S
from citizenlabel.dossiers.services.notifications import commune_people, send_bilingual
from citizenlabel.dossiers.services.transitions import transition_dossier

from .. import rules as accreditation_rules
from ..enums import LabelStatus, Outcome, RoundResult, VoteChoice
from ..models import AgendaItem, Decision, DeliberationSession, Label, Vote, VoteRound

# Which decisions a dossier can receive, by state, and the state each one leads to.
OUTCOMES = {
    S.VERIFIED: {
        Outcome.LABEL: S.LABELLED,
        Outcome.ACTION_PLAN: S.ACTION_PLAN,
        Outcome.WITHDRAWAL: S.WITHDRAWN,
    },
    S.ACTION_PLAN: {Outcome.ACTION_PLAN: S.ACTION_PLAN},
    S.PLAN_EVALUATED: {Outcome.LABEL: S.LABELLED, Outcome.NOT_LABELLED: S.NOT_LABELLED},
}


def require_session_day(session: DeliberationSession) -> None:
    """Attendance, votes and decisions are taken on the session's day or after, never before."""
    if not accreditation_rules.session_day_has_come(None, session):
        message = _("The session takes place on %(date)s: nothing can be recorded before then.")
        raise ValidationError(message % {"date": session.date.isoformat()})


def voters(item: AgendaItem) -> list:
    """The seats that may vote on the item: present and not recused from it."""
    recused = {r.member_id for r in item.recusals.all()}
    return [s for s in item.session.members.all() if s.present and s.pk not in recused]


def check_quorum(item: AgendaItem) -> None:
    """The quorum of an item counts the present members who may vote on it."""
    count = len(voters(item))
    if count < item.session.quorum:
        message = _(
            "The quorum is not reached: %(voters)s members present may vote on this dossier "
            "(recusals excluded), %(quorum)s needed."
        )
        raise ValidationError(message % {"voters": count, "quorum": item.session.quorum})


def current_round(item: AgendaItem) -> VoteRound | None:
    return item.rounds.order_by("-number").first()


def _require_undecided(item: AgendaItem) -> None:
    if Decision.objects.filter(item=item).exists():
        raise ValidationError(_("This dossier has already been decided in this session."))
    if item.postponed_at is not None:
        raise ValidationError(_("This dossier was postponed to a later session."))


def _require_recorder(item: AgendaItem, by) -> None:
    """The chair or the secretary records, present and not recused from the dossier."""
    if not accreditation_rules.is_item_recorder(by, item):
        raise PermissionDenied(
            _("The session's chair or secretary records the committee's decisions.")
        )
    if accreditation_rules.is_recused_from_item(by, item):
        raise ValidationError(
            _("You declared a conflict of interest on this dossier: you may not decide on it.")
        )
    if not accreditation_rules.is_present_at_item(by, item):
        raise ValidationError(_("Only members recorded as present may record the decision."))


def open_first_round(item: AgendaItem, by) -> VoteRound:
    """The first vote is on the proposal put on the agenda."""
    return VoteRound.objects.create(
        item=item, number=1, outcome=item.proposal["recommendation"], opened_by=by
    )


@transaction.atomic
def record_vote(*, item: AgendaItem, choice: str, by) -> Vote:
    """A present, non-recused member votes (or changes their vote) while the round is open."""
    seat = item.session.members.filter(user=by).first()
    if seat is None:
        raise PermissionDenied
    _require_undecided(item)
    require_session_day(item.session)
    if choice not in VoteChoice.values:
        raise ValidationError(_("Choose for, against or abstain."))
    if not seat.present:
        raise ValidationError(_("Only members recorded as present may vote."))
    if item.recusals.filter(member=seat).exists():
        raise ValidationError(
            _("You declared a conflict of interest on this dossier: you may not vote.")
        )
    check_quorum(item)
    voting = current_round(item)
    if voting is None or voting.result != RoundResult.OPEN:
        raise ValidationError(_("No vote is open on this dossier."))
    vote, _created = Vote.objects.update_or_create(
        round=voting, member=seat, defaults={"choice": choice}
    )
    return vote


def count_round(item: AgendaItem, voting: VoteRound) -> dict:
    """The round's tally among the members who may vote, and whether it adopts its outcome:
    for must outnumber against; a tie rejects unless the edition gives the chair the casting
    vote, and then the chair's side wins."""
    eligible = {seat.pk: seat for seat in voters(item)}
    counts = {choice: 0 for choice in VoteChoice.values}
    chair_choice = ""
    for vote in voting.votes.all():
        if vote.member_id in eligible:
            counts[vote.choice] += 1
            if eligible[vote.member_id].user_id == item.session.chair_id:
                chair_choice = vote.choice
    tied = counts["for"] == counts["against"]
    casting = chair_choice if tied and item.session.edition.chair_casting_vote else ""
    adopted = counts["for"] > counts["against"] or casting == VoteChoice.FOR
    present = sum(1 for seat in item.session.members.all() if seat.present)
    return {
        **counts,
        "voters": len(eligible),
        "present": present,
        "casting": casting,
        "adopted": adopted,
    }


def goes_against_rules(item: AgendaItem, outcome: str) -> bool:
    """Granting while a rule fails, or refusing while every rule is met."""
    rules_met = item.proposal.get("rules", {}).get("all_met")
    if rules_met is None:
        return False
    return (outcome == Outcome.LABEL) != bool(rules_met)


@transaction.atomic
def close_round(*, item: AgendaItem, justification: str, by) -> VoteRound:
    """The chair closes the open round. Adopted: its outcome is the decision (the dossier
    moves, the label is granted, the commune is told). Rejected: the item waits for another
    round or a postponement."""
    item = AgendaItem.objects.select_for_update().select_related("session__edition").get(pk=item.pk)
    _require_recorder(item, by)
    _require_undecided(item)
    require_session_day(item.session)
    check_quorum(item)
    voting = current_round(item)
    if voting is None or voting.result != RoundResult.OPEN:
        raise ValidationError(_("No vote is open on this dossier."))
    counted = count_round(item, voting)
    adopted = counted.pop("adopted")
    if adopted:
        _decide(item, voting, counted, justification.strip(), by)
    voting.result = RoundResult.ADOPTED if adopted else RoundResult.REJECTED
    voting.tally, voting.closed_by, voting.closed_at = counted, by, timezone.now()
    voting.save(update_fields=["result", "tally", "closed_by", "closed_at"])
    return voting


def _decide(item: AgendaItem, voting: VoteRound, counted: dict, justification: str, by):
    dossier = item.dossier
    allowed = OUTCOMES.get(dossier.state, {})
    if voting.outcome not in allowed:
        raise ValidationError(_("This decision is not possible for a dossier in this state."))
    against = goes_against_rules(item, voting.outcome)
    if against and not justification:
        raise ValidationError(
            _("This decision goes against the edition's rules: write its justification.")
        )
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                item=item,
                round=voting,
                outcome=voting.outcome,
                against_rules=against,
                justification=justification,
                votes=counted,
                decided_by=by,
            )
    except IntegrityError as twice:
        raise ValidationError(
            _("This dossier has already been decided in this session.")
        ) from twice
    if allowed[voting.outcome] != dossier.state:
        transition_dossier(dossier, to=allowed[voting.outcome], by=by, note=justification)
    if voting.outcome == Outcome.LABEL:
        grant_label(decision=decision, on=timezone.localdate(decision.decided_at))
    notify_decision(decision)
    return decision


def other_outcomes(item: AgendaItem) -> list[Outcome]:
    """The outcomes a new round may put to the vote: allowed by the dossier's state and not
    rejected already in this session."""
    rejected = set(
        item.rounds.filter(result=RoundResult.REJECTED).values_list("outcome", flat=True)
    )
    return [o for o in OUTCOMES.get(item.dossier.state, {}) if o not in rejected]


@transaction.atomic
def open_round(*, item: AgendaItem, outcome: str, by) -> VoteRound:
    """After a rejected round, the chair puts another outcome to the vote."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    _require_recorder(item, by)
    _require_undecided(item)
    require_session_day(item.session)
    last = current_round(item)
    if last is not None and last.result == RoundResult.OPEN:
        raise ValidationError(_("A vote is still open on this dossier: close it first."))
    if outcome not in other_outcomes(item):
        raise ValidationError(
            {
                "outcome": _(
                    "Choose an outcome that the dossier's state allows and that was not rejected."
                )
            }
        )
    number = (last.number if last else 0) + 1
    return VoteRound.objects.create(item=item, number=number, outcome=outcome, opened_by=by)


@transaction.atomic
def postpone_item(*, item: AgendaItem, by) -> AgendaItem:
    """The chair postpones an undecided dossier to a later session; the rounds stay recorded.
    A round with votes must be closed first, so no vote is lost silently."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    _require_recorder(item, by)
    _require_undecided(item)
    require_session_day(item.session)
    last = current_round(item)
    if last is not None and last.result == RoundResult.OPEN and last.votes.exists():
        raise ValidationError(_("Members have voted: close the vote before postponing."))
    if last is not None and last.result == RoundResult.OPEN:
        last.delete()  # an empty round: nothing to keep
    item.postponed_at, item.postponed_by = timezone.now(), by
    item.save(update_fields=["postponed_at", "postponed_by"])
    return item


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):  # the 31st of a shorter month -> its last day
        try:
            return day.replace(year=year, month=month, day=candidate_day)
        except ValueError:
            continue
    raise ValueError(day)


def grant_label(*, decision: Decision, on: date) -> Label:
    dossier = decision.item.dossier
    previous = Label.objects.filter(commune=dossier.commune, status=LabelStatus.ACTIVE).first()
    label = Label.objects.create(
        dossier=dossier,
        commune=dossier.commune,
        edition=dossier.edition,
        decision=decision,
        granted_on=on,
        valid_until=add_months(on, dossier.edition.label_validity_months),
    )
    if previous is not None:  # renewal: the commune's earlier label is carried forward
        previous.status, previous.renewed_by = LabelStatus.RENEWED, label
        previous.status_reason = _("Renewed by the label of %(edition)s.") % {
            "edition": dossier.edition
        }
        previous.save(update_fields=["status", "renewed_by", "status_reason"])
    return label


def notify_decision(decision: Decision) -> None:
    """The decision letter to the commune's focal points and president."""
    dossier = decision.item.dossier
    recipients = {u.email for u in commune_people([dossier.commune_id]) if u.email}
    context = {
        "decision": decision,
        "dossier": dossier,
        "site_url": settings.SITE_URL,
        "label": getattr(dossier, "label", None),
        "today": timezone.localdate(),
    }
    send_bilingual(recipients, "accreditation/emails/decision", context)
