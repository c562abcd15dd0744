"""Emails to the people a change concerns, in Arabic with the French beside it."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from citizenlabel.outbox.services import queue_email
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, User

from ..enums import DossierState as S

LANGUAGES = ("ar", "fr")

# Who hears of each new state: the commune's people, its president, the coordination.
AUDIENCE = {
    S.CANDIDACY_SUBMITTED: ("coordination",),
    S.ELIGIBLE: ("commune",),
    S.INELIGIBLE: ("commune",),
    S.AWAITING_APPROVAL: ("president",),
    S.SELF_ASSESSMENT: ("commune",),
    S.SUBMITTED: ("commune", "coordination", "team"),
    S.PROVISIONALLY_SCORED: ("commune", "team"),
    S.VERIFICATION: ("commune", "team"),
    S.VERIFIED: ("coordination",),
    S.ACTION_PLAN: ("commune", "team"),
    S.PLAN_EVALUATED: ("commune", "coordination"),
    S.LABELLED: ("coordination", "team"),
    S.WITHDRAWN: ("coordination", "team"),
    S.NOT_LABELLED: ("coordination", "team"),
}


# How the confirmation pages name who will be told.
AUDIENCE_NAMES = {
    "commune": _("the commune's focal points and president"),
    "president": _("the commune's president"),
    "coordination": _("the coordination committee"),
    "team": _("the dossier's technical team"),
}


def told_of(audience) -> list[str]:
    """The names of an audience, in a stable order, for a confirmation page."""
    return [str(name) for key, name in AUDIENCE_NAMES.items() if key in set(audience)]


def commune_people(commune_ids, roles=(Role.FOCAL_POINT, Role.PRESIDENT)) -> list[User]:
    """The active users holding one of `roles` in any of the communes."""
    return list(
        User.objects.filter(
            memberships__commune_id__in=commune_ids, memberships__role__in=roles, is_active=True
        ).distinct()
    )


def _recipients(dossier, audience: tuple[str, ...]) -> set[str]:
    users: list[User] = []
    if "commune" in audience:
        users += commune_people([dossier.commune_id])
    if "president" in audience:
        users += commune_people([dossier.commune_id], roles=(Role.PRESIDENT,))
    if "coordination" in audience:
        users += [m.user for m in Membership.objects.filter(role=Role.COORDINATION)]
    if "team" in audience and dossier.technical_team_id:
        users += [m.user for m in dossier.technical_team.memberships.select_related("user")]
    return {user.email for user in users if user.email}


def send_bilingual(recipients, template: str, context: dict) -> int:
    """One email holding the message in Arabic, then in French, written to the outbox in the
    caller's transaction: it leaves once the change is committed, whatever the mail server does."""
    if not recipients:
        return 0
    parts, subjects = [], []
    for language in LANGUAGES:
        with translation.override(language):
            subjects.append(render_to_string(f"{template}_subject.txt", context).strip())
            parts.append(render_to_string(f"{template}.txt", context).strip())
    queue_email(recipients=recipients, subject=" / ".join(subjects), body="\n\n———\n\n".join(parts))
    return 1


def notify_transition(event) -> None:
    dossier = event.dossier
    audience = AUDIENCE.get(event.to_state)
    if audience:
        context = {
            "dossier": dossier,
            "event": event,
            "state": S(event.to_state),
            "site_url": settings.SITE_URL,
        }
        send_bilingual(_recipients(dossier, audience), "dossiers/emails/transition", context)
