"""Reads of the deliberation sessions that depend on who asks. Outsiders get 404; each read
costs a fixed number of queries whatever the number of members, dossiers and votes."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from citizenlabel.common.charts import BarRow, RadarSeries, bar_chart, radar_chart
from citizenlabel.common.charts._svg import ACCENT, GREEN
from citizenlabel.common.confirm import Consequences
from citizenlabel.common.texts import translated
from citizenlabel.dossiers.enums import DossierState as S
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.services.notifications import AUDIENCE, told_of
from citizenlabel.people.enums import Role
from citizenlabel.people.models import User
from citizenlabel.people.rules import is_accreditation_member, is_national_staff
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.referential.spec import ReferentialSpec
from citizenlabel.verification.enums import SnapshotKind
from citizenlabel.verification.models import ScoreSnapshot
from citizenlabel.verification.selectors_results import RuleRow, rule_rows

from . import rules as accreditation_rules
from .enums import Outcome, RoundResult, VoteChoice
from .models import AgendaItem, DeliberationSession, Recusal, SessionMember, Vote, VoteRound
from .services.decisions import OUTCOMES, add_months, count_round, goes_against_rules


def sessions_for_user(user) -> QuerySet[DeliberationSession]:
    """National staff see every session; a committee member the sessions they sit in."""
    sessions = (
        DeliberationSession.objects.select_related("edition")
        .annotate(
            member_count=Count("members", distinct=True),
            item_count=Count("agenda", distinct=True),
            decided_count=Count("agenda__decision", distinct=True),
        )
        .order_by("-date", "-pk")
    )
    if is_national_staff(user):
        return sessions
    if is_accreditation_member(user):
        seats = SessionMember.objects.filter(user=user).values("session_id")
        return sessions.filter(pk__in=seats)
    return sessions.none()


def session_for_user(user, pk: int) -> DeliberationSession:
    session = sessions_for_user(user).filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def _items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.select_related(
        "dossier__commune__province__region",
        "dossier__edition",
        "decision__decided_by",
        "decision__round",
    ).prefetch_related(
        Prefetch("recusals", queryset=Recusal.objects.select_related("member__user")),
        _rounds(),
    )


def _rounds() -> Prefetch:
    """Each round of voting with its votes and their members."""
    votes = Vote.objects.select_related("member__user").order_by("pk")
    return Prefetch(
        "rounds",
        queryset=VoteRound.objects.order_by("number").prefetch_related(
            Prefetch("votes", queryset=votes)
        ),
    )


def _seats() -> Prefetch:
    return Prefetch(
        "members",
        queryset=SessionMember.objects.select_related("user").order_by(
            "user__last_name", "user__first_name", "user__username"
        ),
    )


def session_with_agenda(session: DeliberationSession) -> DeliberationSession:
    """The session with its seats and its agenda (decisions, recusals, votes) read at once."""
    return (
        DeliberationSession.objects.select_related("edition", "convened_by", "chair", "secretary")
        .prefetch_related(_seats(), Prefetch("agenda", queryset=_items()))
        .get(pk=session.pk)
    )


def item_for_user(user, session_pk: int, item_pk: int) -> AgendaItem:
    """An agenda item of a session the user may see, with everything its page reads; 404
    otherwise (a committee member reads only the dossiers of their own sessions)."""
    session = session_for_user(user, session_pk)
    item = (
        _items()
        .select_related(
            "session__edition",
            "session__chair",
            "session__secretary",
            "dossier__edition__referential",
        )
        .prefetch_related(Prefetch("session__members", queryset=_seats().queryset))
        .filter(session=session, pk=item_pk)
        .first()
    )
    if item is None:
        raise Http404
    return item


def letter_item_for_user(user, session_pk: int, item_pk: int) -> AgendaItem:
    """A decided item whose letter the user may read: the committee, the coordination and
    the commune's focal points and president; 404 for anyone else."""
    item = (
        AgendaItem.objects.select_related(
            "session__edition", "dossier__commune__province__region", "dossier__edition"
        )
        .select_related("decision__decided_by", "dossier__label")
        .prefetch_related(
            Prefetch("session__members", queryset=_seats().queryset),
            Prefetch("recusals", queryset=Recusal.objects.select_related("member__user")),
            _rounds(),
        )
        .filter(session_id=session_pk, pk=item_pk)
        .first()
    )
    if item is None or not accreditation_rules.can_read_decision_letter(user, item):
        raise Http404
    return item


def invitable_members() -> QuerySet[User]:
    """The active accreditation committee members."""
    return (
        User.objects.filter(is_active=True, memberships__role=Role.ACCREDITATION)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def agenda_candidates(session: DeliberationSession | None = None) -> QuerySet[Dossier]:
    """Dossiers the committee can deliberate on: verified with the coordination's proposal,
    or with an updated score after their action plan; plus those already on this agenda."""
    ready = Q(state=S.VERIFIED, proposal__isnull=False, snapshots__kind=SnapshotKind.FINAL) | Q(
        state=S.PLAN_EVALUATED, snapshots__kind=SnapshotKind.UPDATED
    )
    if session is not None and session.pk:
        ready |= Q(agenda_items__session=session)
    return (
        Dossier.objects.filter(ready)
        .select_related("edition", "commune__province")
        .distinct()
        .order_by("edition_id", "commune__code")
    )


# --- a session's figures ---------------------------------------------------------------


def latest_round(item: AgendaItem) -> VoteRound | None:
    """The item's last round (prefetched): the open one, or the one that closed last."""
    rounds = list(item.rounds.all())
    return rounds[-1] if rounds else None


def tally(item: AgendaItem) -> dict[str, int]:
    """The votes cast in the latest round (prefetched): for, against, abstain."""
    counts = {choice: 0 for choice in VoteChoice.values}
    voting = latest_round(item)
    for vote in voting.votes.all() if voting else ():
        counts[vote.choice] += 1
    return counts


def present_count(session: DeliberationSession) -> int:
    return sum(1 for seat in session.members.all() if seat.present)


@dataclass(frozen=True)
class SeatRow:
    seat: SessionMember
    recusal: Recusal | None
    voted: bool


def seat_rows(item: AgendaItem) -> list[SeatRow]:
    """Each invited member with their attendance, recusal and whether they voted (not how)."""
    recusals = {r.member_id: r for r in item.recusals.all()}
    voting = latest_round(item)
    voters = {v.member_id for v in voting.votes.all()} if voting else set()
    return [
        SeatRow(seat, recusals.get(seat.pk), seat.pk in voters)
        for seat in item.session.members.all()
    ]


# --- the page of one dossier on the agenda ---------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    title: str
    percent: float | None
    final: float | None  # the final score's figure beside an updated score


@dataclass(frozen=True)
class ItemView:
    item: AgendaItem
    spec: ReferentialSpec
    scored: ScoreSnapshot | None
    final: ScoreSnapshot | None  # set when the committee reads an updated score
    rules: list[RuleRow]
    principles: list[ScoreRow]
    fields: list[ScoreRow]
    seats: list[SeatRow]
    votes: dict[str, int]
    present: int
    voters: int  # present and not recused: the item's quorum counts these
    outcomes: list[Outcome]
    rounds: list[VoteRound]

    @property
    def open_round(self) -> VoteRound | None:
        last = self.rounds[-1] if self.rounds else None
        return last if last is not None and last.result == RoundResult.OPEN else None

    @property
    def votes_cast(self) -> int:
        return sum(self.votes.values())

    @property
    def rejected(self) -> bool:
        """The last round rejected its outcome: another round or a postponement follows."""
        return bool(self.rounds) and self.rounds[-1].result == RoundResult.REJECTED

    @property
    def kind(self) -> str:
        return self.item.proposal.get("kind", SnapshotKind.FINAL)

    @property
    def quorum_reached(self) -> bool:
        return self.voters >= self.item.session.quorum

    @property
    def rules_met(self) -> bool | None:
        return self.item.proposal.get("rules", {}).get("all_met")

    @property
    def expected(self) -> Outcome | None:
        """What the edition's rules call for on this dossier."""
        if self.rules_met is None:
            return None
        if self.rules_met:
            return Outcome.LABEL
        return Outcome.NOT_LABELLED if self.kind == SnapshotKind.UPDATED else Outcome.ACTION_PLAN

    def recommendation(self) -> Outcome | None:
        code = self.item.proposal.get("recommendation")
        return Outcome(code) if code in Outcome.values else None


def _snapshots(item: AgendaItem) -> tuple[ScoreSnapshot | None, ScoreSnapshot | None]:
    """The snapshot frozen in the proposal (and the final one beside an updated score)."""
    kind = item.proposal.get("kind", SnapshotKind.FINAL)
    wanted = Q(pk=item.proposal.get("snapshot") or 0) | Q(kind=SnapshotKind.FINAL)
    found = list(ScoreSnapshot.objects.filter(wanted, dossier=item.dossier).order_by("created_at"))
    scored = next((s for s in found if s.pk == item.proposal.get("snapshot")), None)
    scored = scored or next((s for s in reversed(found) if s.kind == kind), None)
    final = next((s for s in found if s.kind == SnapshotKind.FINAL), None)
    return scored, (final if kind == SnapshotKind.UPDATED else None)


def _score_rows(items, scored, final, attribute: str) -> list[ScoreRow]:
    now = getattr(scored, attribute, {}) if scored else {}
    before = getattr(final, attribute, {}) if final else {}
    return [
        ScoreRow(translated(entry.title) or entry.code, now.get(entry.code), before.get(entry.code))
        for entry in items
        if entry.code in now or entry.code in before
    ]


def item_voter_count(item: AgendaItem) -> int:
    """Present members who have not recused from the item (prefetched)."""
    recused = {r.member_id for r in item.recusals.all()}
    return sum(1 for seat in item.session.members.all() if seat.present and seat.pk not in recused)


def allowed_outcomes(item: AgendaItem) -> list[Outcome]:
    """The decisions the dossier's state allows (decisions.OUTCOMES)."""
    return list(OUTCOMES.get(item.dossier.state, {}))


def item_view(item: AgendaItem) -> ItemView:
    spec = referential_spec(item.dossier.edition.referential)
    scored, final = _snapshots(item)
    rules = item.proposal.get("rules", {})
    return ItemView(
        item=item,
        spec=spec,
        scored=scored,
        final=final,
        rules=rule_rows(spec, rules) if "score" in rules else [],
        principles=_score_rows(spec.principles, scored, final, "by_principle"),
        fields=_score_rows(spec.fields, scored, final, "by_field"),
        seats=seat_rows(item),
        votes=tally(item),
        present=present_count(item.session),
        voters=item_voter_count(item),
        outcomes=allowed_outcomes(item),
        rounds=list(item.rounds.all()),
    )


def item_charts(view: ItemView, *, rtl: bool) -> dict:
    """The radar by principle and the bars by field; an updated score beside the final one."""
    if not view.principles:
        return {}
    names = [_("Final score")]
    colors = (GREEN,)
    if view.final is not None:
        names, colors = [_("Final score"), _("Updated score")], (GREEN, ACCENT)

    def values(row: ScoreRow) -> list[float | None]:
        return [row.final, row.percent] if view.final is not None else [row.percent]

    series = [
        RadarSeries(name, [values(r)[i] for r in view.principles], color=colors[i])
        for i, name in enumerate(names)
    ]
    radar = radar_chart(
        [r.title for r in view.principles], series, title=_("Score by principle"), rtl=rtl
    )
    bars = bar_chart(
        [BarRow(r.title, values(r)) for r in view.fields],
        title=_("Score by field"),
        rtl=rtl,
        series_names=names if len(names) > 1 else (),
        colors=colors,
    )
    return {"radar": radar, "bars": bars}


# --- what closing the vote will do, for the confirmation step ---------------------------


def close_round_consequences(item: AgendaItem, justification: str) -> Consequences | None:
    """The tally as it stands and what the outcome it adopts or rejects will bring; None when
    closing would be refused anyway (adopted against the rules without a justification)."""
    voting = latest_round(item)
    counted = count_round(item, voting)
    outcome = Outcome(voting.outcome)
    if counted["adopted"] and goes_against_rules(item, outcome) and not justification.strip():
        return None
    tally_line = (
        _(
            "The tally: %(for)s for, %(against)s against, %(abstain)s abstentions, among "
            "%(voters)s members who may vote."
        )
        % counted
    )
    title = _("Close the vote on “%(outcome)s”") % {"outcome": outcome.label}
    if not counted["adopted"]:
        effects = [
            tally_line,
            _("“%(outcome)s” is rejected: nothing is decided.") % {"outcome": outcome.label},
            _("You may then put another outcome to the vote, or postpone the dossier."),
        ]
        return Consequences(title, _("Close the vote"), effects, [])
    new_state = OUTCOMES.get(item.dossier.state, {}).get(outcome)
    effects = [
        tally_line,
        _("“%(outcome)s” is adopted: it is recorded as the committee's decision, for good.")
        % {"outcome": outcome.label},
    ]
    if counted["casting"]:
        effects.append(_("The votes are tied: the chair's vote decides, as the edition says."))
    if new_state and new_state != item.dossier.state:
        effects.append(_("The dossier becomes “%(state)s”.") % {"state": S(new_state).label})
    if outcome == Outcome.LABEL:
        today = timezone.localdate()
        until = add_months(today, item.dossier.edition.label_validity_months)
        effects.append(
            _("The label is granted today, %(today)s, valid until %(until)s.")
            % {"today": date_format(today), "until": date_format(until)}
        )
    if goes_against_rules(item, outcome):
        effects.append(
            _("This outcome goes against the edition's rules: its justification is published.")
        )
    audience = {"commune", *AUDIENCE.get(new_state, ())} if new_state else {"commune"}
    told = told_of(audience)
    return Consequences(title, _("Record the decision"), effects, told, danger=False)
