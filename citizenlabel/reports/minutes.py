"""The minutes of a deliberation session and the decision letter to a commune, as PDF."""

from dataclasses import dataclass

from django.utils import timezone, translation

from citizenlabel.accreditation.models import AgendaItem, Decision, DeliberationSession
from citizenlabel.accreditation.selectors import session_with_agenda

from .pdf import render_pdf


@dataclass(frozen=True)
class MinutesItem:
    item: AgendaItem
    decision: Decision | None

    @property
    def recusals(self) -> list:
        return list(self.item.recusals.all())

    @property
    def rounds(self) -> list:
        """Every round with its tally and each member's vote (prefetched)."""
        return list(self.item.rounds.all())


def _minutes_item(item: AgendaItem) -> MinutesItem:
    return MinutesItem(item, getattr(item, "decision", None))


def minutes_context(session: DeliberationSession) -> dict:
    session = session_with_agenda(session)
    seats = list(session.members.all())
    present = [seat for seat in seats if seat.present]
    return {
        "session": session,
        "present": present,
        "invited": len(seats),
        "absent": [seat for seat in seats if not seat.present],
        "quorum_reached": len(present) >= session.quorum,
        "items": [_minutes_item(item) for item in session.agenda.all()],
        "generated_at": timezone.now(),
    }


def minutes_pdf(session: DeliberationSession, language: str) -> bytes:
    with translation.override(language):
        context = minutes_context(session)
    return render_pdf("reports/minutes.html", context, language=language)


def letter_context(item: AgendaItem) -> dict:
    return {
        "item": item,
        "entry": _minutes_item(item),
        "session": item.session,
        "dossier": item.dossier,
        "decision": item.decision,
        "label": getattr(item.dossier, "label", None),
        "generated_at": timezone.now(),
    }


def decision_letter_pdf(item: AgendaItem, language: str) -> bytes:
    with translation.override(language):
        context = letter_context(item)
    return render_pdf("reports/decision_letter.html", context, language=language)
