"""Votes and decisions of a deliberation session; granting creates the label."""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.dossiers.enums import DossierState as S
from citizenlabel.dossiers.services.notifications import commune_people, send_bilingual
from citizenlabel.dossiers.services.transitions import transition_dossier

from ..enums import LabelStatus, Outcome
from ..models import AgendaItem, Decision, Label, SessionMember, Vote

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


def present_members(item: AgendaItem) -> int:
    return item.session.members.filter(present=True).count()


def check_quorum(item: AgendaItem) -> None:
    present = present_members(item)
    if present < item.session.quorum:
        message = _("The quorum is not reached: %(present)s present, %(quorum)s needed.")
        raise ValidationError(message % {"present": present, "quorum": item.session.quorum})


def _seat(item: AgendaItem, user) -> SessionMember:
    seat = item.session.members.filter(user=user).first()
    if seat is None:
        raise PermissionDenied
    return seat


@transaction.atomic
def record_vote(*, item: AgendaItem, choice: str, by) -> Vote:
    """A present, non-recused member votes (or changes their vote) before the decision."""
    seat = _seat(item, by)
    if hasattr(item, "decision"):
        raise ValidationError(_("This dossier has already been decided in this session."))
    if not seat.present:
        raise ValidationError(_("Only members recorded as present may vote."))
    if item.recusals.filter(member=seat).exists():
        raise ValidationError(
            _("You declared a conflict of interest on this dossier: you may not vote.")
        )
    check_quorum(item)
    vote, _created = Vote.objects.update_or_create(
        item=item, member=seat, defaults={"choice": choice}
    )
    return vote


def tally(item: AgendaItem) -> dict[str, int]:
    counts = {"for": 0, "against": 0, "abstain": 0}
    for choice in item.votes.values_list("choice", flat=True):
        counts[choice] += 1
    return {**counts, "present": present_members(item)}


def goes_against_rules(item: AgendaItem, outcome: str) -> bool:
    """Granting while a rule fails, or refusing while every rule is met."""
    rules_met = item.proposal.get("rules", {}).get("all_met")
    if rules_met is None:
        return False
    return (outcome == Outcome.LABEL) != bool(rules_met)


@transaction.atomic
def decide(*, item: AgendaItem, outcome: str, justification: str, by) -> Decision:
    """Record the committee's decision once, move the dossier, grant the label, notify."""
    _seat(item, by)
    check_quorum(item)
    dossier = item.dossier
    allowed = OUTCOMES.get(dossier.state, {})
    if outcome not in allowed:
        raise ValidationError(_("This decision is not possible for a dossier in this state."))
    against = goes_against_rules(item, outcome)
    if against and not justification.strip():
        raise ValidationError(
            _("This decision goes against the edition's rules: write its justification.")
        )
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                item=item,
                outcome=outcome,
                against_rules=against,
                justification=justification.strip(),
                votes=tally(item),
                decided_by=by,
            )
    except IntegrityError as twice:
        raise ValidationError(
            _("This dossier has already been decided in this session.")
        ) from twice
    if allowed[outcome] != dossier.state:
        transition_dossier(dossier, to=allowed[outcome], by=by, note=justification.strip())
    if outcome == Outcome.LABEL:
        grant_label(decision=decision, on=item.session.date)
    transaction.on_commit(lambda: notify_decision(decision))
    return decision


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
