"""The daily reminders: labels about to expire, calendar phases about to end, requests for
clarification left without an answer. Each reminder has a key and is sent once."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from citizenlabel.dossiers.enums import ClarificationStatus, DossierState, Phase
from citizenlabel.dossiers.models import Clarification, Dossier, EditionPhase
from citizenlabel.dossiers.services.notifications import send_bilingual
from citizenlabel.people.enums import COMMUNE_ROLES, Role
from citizenlabel.people.models import Membership

from ..enums import LabelStatus
from ..models import Label, SentReminder
from .labels import expire_labels, labels_to_expire

LABEL_NOTICES = (30, 90)  # days before the end of validity, nearest first
PHASE_NOTICE = 7
CLARIFICATION_WAIT = 3
# The coordination committee itself does the work of these phases.
STUDY_PHASES = frozenset({Phase.ELIGIBILITY, Phase.FILE_STUDY})
# Dossiers that left the process hear nothing more of its calendar.
OUT_OF_PROCESS = (DossierState.INELIGIBLE, DossierState.WITHDRAWN)
KINDS = ("label-90", "label-30", "phase-7", "clarification-3d")


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str
    template: str
    recipients: frozenset[str]
    context: dict = field(hash=False, compare=False)


@dataclass
class ReminderRun:
    today: date
    dry_run: bool
    expired: list[Label]
    reminders: list[Reminder]  # due: sent, or that would be sent in a dry run

    def count(self, kind: str) -> int:
        return sum(1 for r in self.reminders if r.kind == kind)


def _emails(memberships) -> dict[int, set[str]]:
    """{scope id: emails} from (scope id, email) pairs of active users."""
    found: dict[int, set[str]] = defaultdict(set)
    for scope, email in memberships:
        if email:
            found[scope].add(email)
    return found


def _commune_emails(commune_ids, roles) -> dict[int, set[str]]:
    rows = Membership.objects.filter(
        commune_id__in=commune_ids, role__in=roles, user__is_active=True
    ).values_list("commune_id", "user__email")
    return _emails(rows)


def _coordination_emails() -> set[str]:
    rows = Membership.objects.filter(role=Role.COORDINATION, user__is_active=True)
    return {email for email in rows.values_list("user__email", flat=True) if email}


def label_reminders(today: date) -> list[Reminder]:
    """Active labels ending within 90 days, then within 30 days: to the commune's people."""
    horizon = today + timedelta(days=max(LABEL_NOTICES))
    labels = list(
        Label.objects.filter(
            status=LabelStatus.ACTIVE, valid_until__gte=today, valid_until__lte=horizon
        ).select_related("commune", "edition")
    )
    emails = _commune_emails({label.commune_id for label in labels}, COMMUNE_ROLES)
    reminders = []
    for label in labels:
        days_left = (label.valid_until - today).days
        notice = next(n for n in LABEL_NOTICES if days_left <= n)
        reminders.append(
            Reminder(
                key=f"label-{notice}:{label.pk}",
                kind=f"label-{notice}",
                template="accreditation/emails/label_expiring",
                recipients=frozenset(emails[label.commune_id]),
                context={"label": label, "days_left": days_left},
            )
        )
    return reminders


def phase_reminders(today: date) -> list[Reminder]:
    """Phases ending within 7 days: to the focal points of the edition's communes, and to
    the coordination for the phases it carries out itself."""
    phases = list(
        EditionPhase.objects.filter(
            ends_on__gte=today, ends_on__lte=today + timedelta(days=PHASE_NOTICE)
        ).select_related("edition")
    )
    dossiers = Dossier.objects.filter(edition__in={p.edition_id for p in phases}).exclude(
        state__in=OUT_OF_PROCESS
    )
    communes_of: dict[int, set[int]] = defaultdict(set)
    for edition_id, commune_id in dossiers.values_list("edition_id", "commune_id"):
        communes_of[edition_id].add(commune_id)
    all_communes = set().union(*communes_of.values())
    emails = _commune_emails(all_communes, (Role.FOCAL_POINT,))
    coordination = _coordination_emails() if any(p.phase in STUDY_PHASES for p in phases) else set()
    reminders = []
    for phase in phases:
        recipients = set().union(*(emails[c] for c in communes_of[phase.edition_id]))
        if phase.phase in STUDY_PHASES:
            recipients |= coordination
        reminders.append(
            Reminder(
                key=f"phase-{PHASE_NOTICE}:{phase.pk}:{phase.ends_on.isoformat()}",
                kind=f"phase-{PHASE_NOTICE}",
                template="accreditation/emails/phase_ending",
                recipients=frozenset(recipients),
                context={"phase": phase, "days_left": (phase.ends_on - today).days},
            )
        )
    return reminders


def clarification_reminders(today: date) -> list[Reminder]:
    """Requests waiting for an answer more than 3 days since the commune's last message:
    to the dossier's technical team (the coordination while no team is assigned)."""
    waiting = (
        Clarification.objects.filter(status=ClarificationStatus.OPEN)
        .annotate(last_at=Max("messages__at"), last_pk=Max("messages__pk"))
        .select_related("dossier__commune")
    )
    overdue = [
        c
        for c in waiting
        if c.last_at and (today - timezone.localdate(c.last_at)).days > CLARIFICATION_WAIT
    ]
    teams = _emails(
        Membership.objects.filter(
            role=Role.TECHNICAL_TEAM,
            technical_team_id__in={c.dossier.technical_team_id for c in overdue},
            user__is_active=True,
        ).values_list("technical_team_id", "user__email")
    )
    coordination = _coordination_emails() if overdue else set()
    return [
        Reminder(
            key=f"clarification-{CLARIFICATION_WAIT}d:{c.pk}:{c.last_pk}",
            kind=f"clarification-{CLARIFICATION_WAIT}d",
            template="accreditation/emails/clarification_waiting",
            recipients=frozenset(
                teams[c.dossier.technical_team_id] if c.dossier.technical_team_id else coordination
            ),
            context={
                "clarification": c,
                "dossier": c.dossier,
                "waiting_days": (today - timezone.localdate(c.last_at)).days,
            },
        )
        for c in overdue
    ]


def due_reminders(today: date) -> list[Reminder]:
    """The reminders to send today that have someone to receive them and were never sent."""
    candidates = [
        r
        for r in (*label_reminders(today), *phase_reminders(today), *clarification_reminders(today))
        if r.recipients
    ]
    sent = set(
        SentReminder.objects.filter(key__in=[r.key for r in candidates]).values_list(
            "key", flat=True
        )
    )
    return [r for r in candidates if r.key not in sent]


def send_reminder(reminder: Reminder) -> bool:
    """Record the key and write the email to the outbox in one transaction: the outbox
    delivers it, retrying while the mail server fails, so no reminder is lost or doubled."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=reminder.key)
            context = {**reminder.context, "site_url": settings.SITE_URL}
            send_bilingual(reminder.recipients, reminder.template, context)
    except IntegrityError:  # another run sent it meanwhile
        return False
    return True


def send_reminders(*, today: date, dry_run: bool = False) -> ReminderRun:
    """Expire the labels past their validity, then send each due reminder once."""
    if dry_run:
        return ReminderRun(today, True, list(labels_to_expire(today)), due_reminders(today))
    outcome = ReminderRun(today, False, expire_labels(today=today), [])
    for reminder in due_reminders(today):
        if send_reminder(reminder):
            outcome.reminders.append(reminder)
    return outcome
