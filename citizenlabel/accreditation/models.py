"""Deliberation sessions of the accreditation committee, their decisions, and the labels."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citizenlabel.dossiers.models import Dossier, Edition
from citizenlabel.territory.models import Commune

from .enums import LabelStatus, Outcome, RoundResult, VoteChoice

# Unambiguous characters: no 0/O, 1/I/L, so a code read aloud or retyped stays right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_certificate_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"LCC-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class DeliberationSession(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    quorum = models.PositiveSmallIntegerField(
        _("quorum (members present)"), help_text=_("Votes are refused below this attendance.")
    )
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Named when the session is convened, among its members: they record the vote's outcome.
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("chair"),
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("secretary"),
    )
    convened_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("deliberation session")
        verbose_name_plural = _("deliberation sessions")

    def __str__(self) -> str:
        return f"{self.edition} — {self.date}"


class SessionMember(models.Model):
    """An invited member: attendance and conflicts of interest are recorded here."""

    session = models.ForeignKey(
        DeliberationSession, on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"), default=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_seat_per_member")
        ]

    def __str__(self) -> str:
        return str(self.user)


class AgendaItem(models.Model):
    """A dossier on a session's agenda, with the proposal as it stood when it was put there."""

    session = models.ForeignKey(
        DeliberationSession, on_delete=models.CASCADE, related_name="agenda"
    )
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    proposal = models.JSONField(default=dict)  # recommendation, rules verdict, score
    postponed_at = models.DateTimeField(_("postponed"), null=True, blank=True)
    postponed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )  # blank: an item is validated (full_clean) when it is put on the agenda

    class Meta:
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "dossier"], name="one_agenda_item_per_dossier"
            )
        ]

    def __str__(self) -> str:
        return str(self.dossier)


class Recusal(models.Model):
    """A member's declared conflict of interest on one dossier: they may not vote on it."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(SessionMember, on_delete=models.CASCADE, related_name="recusals")
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_recusal_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.item}"


class VoteRound(models.Model):
    """One vote of the committee on one outcome for a dossier on the agenda. The first round is
    on the proposal; a rejected round may be followed by another on a different outcome."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    outcome = models.CharField(_("outcome voted on"), max_length=12, choices=Outcome.choices)
    result = models.CharField(
        _("result"), max_length=8, choices=RoundResult.choices, default=RoundResult.OPEN
    )
    # Frozen when the round is closed: {"for", "against", "abstain", "voters", "present",
    # "casting": the chair's vote when it broke a tie, else ""}. Set by close_round only.
    tally = models.JSONField(default=dict)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="one_round_number_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item} — {self.number}"


class Vote(models.Model):
    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(SessionMember, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member"], name="one_vote_per_member_and_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.choice}"


class Decision(models.Model):
    """The committee's decision on one agenda item; a second one is refused."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="decision")
    round = models.OneToOneField(
        VoteRound, on_delete=models.PROTECT, related_name="decision", null=True
    )  # the round that adopted the outcome
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome.choices)
    against_rules = models.BooleanField(default=False)
    justification = models.TextField(_("justification"), blank=True)
    votes = models.JSONField(default=dict)  # the adopting round's tally
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.get_outcome_display()


class Label(models.Model):
    """The Citizen Commune Label granted to a commune for an edition."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="label")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="labels")
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="labels")
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="label")
    granted_on = models.DateField(_("granted on"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=8, choices=LabelStatus.choices, default=LabelStatus.ACTIVE
    )
    code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=new_certificate_code
    )
    status_reason = models.TextField(_("reason of the last status change"), blank=True)
    renewed_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="renews"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_on"]
        verbose_name = _("label")
        verbose_name_plural = _("labels")

    def __str__(self) -> str:
        return f"{self.commune} — {self.edition} ({self.code})"


class SentReminder(models.Model):
    """One row per reminder ever sent: send_reminders never sends the same one twice."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
