"""Convening a deliberation session: its members, its agenda (each dossier with the proposal
as it stands when it is put there), its chair and secretary, attendance and conflicts of
interest. Votes, rounds and decisions are in decisions.py."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from citizenlabel.dossiers.enums import DossierState as S
from citizenlabel.dossiers.models import Dossier
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.verification.enums import SnapshotKind
from citizenlabel.verification.models import Proposal
from citizenlabel.verification.selectors import snapshot
from citizenlabel.verification.selectors_results import proposal_verdict

from .. import rules as accreditation_rules
from ..enums import Outcome, RoundResult
from ..models import AgendaItem, Decision, DeliberationSession, Recusal, SessionMember, Vote
from . import decisions

# The states a dossier is put on the agenda in, and the score the committee reads.
AGENDA_STATES = {S.VERIFIED: SnapshotKind.FINAL, S.PLAN_EVALUATED: SnapshotKind.UPDATED}
# Reasons of the recusals the platform records itself (translated when they are written).
SAME_COMMUNE = gettext_noop("Holds a role in the commune %(commune)s: recusal required.")
SAME_PROVINCE = gettext_noop(
    "Holds a role in a commune of the same province as %(commune)s: recusal required."
)


def agenda_proposal(dossier: Dossier) -> dict:
    """The proposal as it stands: the coordination's recommendation after the verification,
    or what the rules call for on the updated score; with the rules evaluated on that score."""
    kind = AGENDA_STATES.get(dossier.state)
    scored = snapshot(dossier, kind) if kind else None
    proposal = Proposal.objects.filter(dossier=dossier).first() if kind else None
    if scored is None or (kind == SnapshotKind.FINAL and proposal is None):
        message = _("%(dossier)s is not ready for the committee: it needs its score and proposal.")
        raise ValidationError({"dossiers": message % {"dossier": dossier.commune}})
    verdict = proposal_verdict(dossier, referential_spec(dossier.edition.referential), scored)
    if kind == SnapshotKind.FINAL:
        recommendation, justification = proposal.recommendation, proposal.justification
    else:
        recommendation = Outcome.LABEL if verdict.all_met else Outcome.NOT_LABELLED
        justification = ""
    return {
        "recommendation": str(recommendation),
        "justification": justification,
        "rules": verdict.as_json(),
        "score": float(scored.overall or 0),
        "kind": str(kind),
        "snapshot": scored.pk,
    }


def _require_convener(by) -> None:
    if not accreditation_rules.can_convene_session(by):
        raise PermissionDenied(_("Only the coordination committee convenes sessions."))


def _require_undecided(session: DeliberationSession) -> None:
    if session.pk and accreditation_rules.session_has_decision(None, session):
        raise ValidationError(_("This session has decisions: it can no longer be changed."))


@transaction.atomic
def add_agenda_item(*, session: DeliberationSession, dossier: Dossier, by) -> AgendaItem:
    """Put a dossier on the agenda with its proposal frozen as it is now."""
    _require_convener(by)
    _require_undecided(session)
    if dossier.edition_id != session.edition_id:
        raise ValidationError(
            {"dossiers": _("Every dossier on the agenda must belong to the session's edition.")}
        )
    if session.agenda.filter(dossier=dossier).exists():
        raise ValidationError({"dossiers": _("This dossier is already on the agenda.")})
    last = session.agenda.aggregate(last=Max("position"))["last"]
    item = AgendaItem(
        session=session,
        dossier=dossier,
        position=0 if last is None else last + 1,
        proposal=agenda_proposal(dossier),
    )
    item.full_clean()
    item.save()
    decisions.open_first_round(item, by)
    force_recusals(session)
    return item


@transaction.atomic
def remove_agenda_item(*, item: AgendaItem, by) -> None:
    """Take a dossier off the agenda before it is decided (its votes go with it)."""
    _require_convener(by)
    if Decision.objects.filter(item=item).exists():
        raise ValidationError(_("This dossier has been decided: it stays on the agenda."))
    _require_undecided(item.session)
    item.delete()


def _check_officers(session: DeliberationSession, members: list) -> None:
    """The chair, and the secretary if any, are among the members invited."""
    invited = {user.pk for user in members}
    if session.chair_id is None:
        raise ValidationError({"chair": _("Name the session's chair.")})
    if session.chair_id not in invited:
        raise ValidationError({"chair": _("The chair must be one of the members invited.")})
    if session.secretary_id is not None and session.secretary_id not in invited:
        raise ValidationError({"secretary": _("The secretary must be one of the members invited.")})


def _check_members(members: list, quorum: int | None) -> None:
    committee = set(
        Membership.objects.filter(
            user__in=members, user__is_active=True, role=Role.ACCREDITATION
        ).values_list("user_id", flat=True)
    )
    outside = [str(user) for user in members if user.pk not in committee]
    if outside:
        message = _("Only active accreditation committee members can be invited: %(names)s.")
        raise ValidationError({"members": message % {"names": ", ".join(outside)}})
    if not members:
        raise ValidationError({"members": _("Invite at least one member.")})
    if quorum is not None and quorum > len(members):
        message = _("The quorum (%(quorum)s) cannot exceed the number of members invited (%(n)s).")
        raise ValidationError({"quorum": message % {"quorum": quorum, "n": len(members)}})


def _sync_members(session: DeliberationSession, members: list, by) -> None:
    wanted = {user.pk for user in members}
    for seat in session.members.select_related("user"):
        if seat.user_id in wanted:
            wanted.discard(seat.user_id)
        elif seat.votes.exists():
            message = _("%(member)s has already voted: they stay invited.")
            raise ValidationError({"members": message % {"member": seat.user}})
        else:
            seat._history_user = by
            seat.delete()
    for user in members:
        if user.pk in wanted:
            seat = SessionMember(session=session, user=user)
            seat._history_user = by
            seat.save()


@transaction.atomic
def convene_session(
    *, session: DeliberationSession, members: list, dossiers: list[Dossier], by
) -> DeliberationSession:
    """Create or change a session, its invited members and its agenda, before any decision."""
    _require_convener(by)
    _require_undecided(session)
    _check_members(list(members), session.quorum)
    _check_officers(session, list(members))
    if not dossiers:
        raise ValidationError({"dossiers": _("Put at least one dossier on the agenda.")})
    if session.pk is None:
        session.convened_by = by
    session._history_user = by
    session.full_clean()
    session.save()
    _sync_members(session, list(members), by)
    kept = {d.pk for d in dossiers}
    for item in session.agenda.exclude(dossier_id__in=kept):
        remove_agenda_item(item=item, by=by)
    present = set(session.agenda.values_list("dossier_id", flat=True))
    for dossier in dossiers:
        if dossier.pk not in present:
            add_agenda_item(session=session, dossier=dossier, by=by)
    force_recusals(session)
    return session


def _both_languages(message: str, **values) -> str:
    """A reason written by the platform, kept in Arabic and French for the minutes."""
    parts = []
    for language in ("ar", "fr"):
        with translation.override(language):
            parts.append(_(message) % values)
    return " / ".join(parts)


def _tie(seat: SessionMember, commune, held: list[tuple[int, int, int]]) -> str:
    """Why the member must recuse from a dossier of `commune`, or "" when nothing ties them."""
    ties = [(c, p) for user_id, c, p in held if user_id == seat.user_id]
    if any(c == commune.pk for c, _p in ties):
        return _both_languages(SAME_COMMUNE, commune=commune.code)
    if any(p == commune.province_id for _c, p in ties):
        return _both_languages(SAME_PROVINCE, commune=commune.code)
    return ""


def force_recusals(session: DeliberationSession) -> list[Recusal]:
    """A member who holds a role in a dossier's commune, or in its province, recuses."""
    seats = list(session.members.all())
    held = list(
        Membership.objects.filter(
            user_id__in=[s.user_id for s in seats], commune__isnull=False
        ).values_list("user_id", "commune_id", "commune__province_id")
    )
    if not held:
        return []
    existing = set(
        Recusal.objects.filter(item__session=session).values_list("item_id", "member_id")
    )
    created = []
    for item in session.agenda.select_related("dossier__commune"):
        for seat in seats:
            reason = _tie(seat, item.dossier.commune, held)
            if reason and (item.pk, seat.pk) not in existing:
                Vote.objects.filter(
                    round__item=item, round__result=RoundResult.OPEN, member=seat
                ).delete()
                created.append(Recusal.objects.create(item=item, member=seat, reason=reason))
    return created


@transaction.atomic
def record_attendance(*, session: DeliberationSession, present: Iterable[int], by) -> int:
    """Mark the invited members present (their seat ids) and the others absent, on the
    session's day or after."""
    _require_convener(by)
    _require_undecided(session)
    decisions.require_session_day(session)
    present = set(present)
    seats = list(session.members.select_related("user"))
    unknown = present - {seat.pk for seat in seats}
    if unknown:
        raise ValidationError({"present": _("Choose among the members invited to this session.")})
    changed = 0
    for seat in seats:
        if seat.present == (seat.pk in present):
            continue
        if seat.present and seat.votes.exists():
            message = _("%(member)s has already voted: they cannot be marked absent.")
            raise ValidationError({"present": message % {"member": seat.user}})
        seat.present = seat.pk in present
        seat._history_user = by
        seat.save(update_fields=["present"])
        changed += 1
    return changed


@transaction.atomic
def declare_conflict(*, item: AgendaItem, reason: str, by) -> Recusal:
    """A member recuses from one dossier; a vote they cast on it no longer counts."""
    seat = item.session.members.filter(user=by).first()
    if seat is None:
        raise PermissionDenied(_("Only the members invited to this session declare conflicts."))
    if Decision.objects.filter(item=item).exists():
        raise ValidationError(_("This dossier has already been decided in this session."))
    if Recusal.objects.filter(item=item, member=seat).exists():
        raise ValidationError(
            _("You have already declared a conflict of interest on this dossier.")
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why: the reason is written in the minutes.")})
    recusal = Recusal(item=item, member=seat, reason=reason)
    recusal.full_clean()
    Vote.objects.filter(round__item=item, round__result=RoundResult.OPEN, member=seat).delete()
    recusal.save()
    return recusal
