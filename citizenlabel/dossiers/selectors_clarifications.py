"""Reads of clarification threads and of a dossier's deadline history, each in a fixed
number of queries whatever the number of threads or messages."""

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from citizenlabel.people.enums import COMMUNE_ROLES, Role
from citizenlabel.people.models import Membership, User
from citizenlabel.people.selectors import roles_of

from .enums import ClarificationStatus, DossierState
from .models import Clarification, ClarificationMessage, DeadlineExtension, Dossier, DossierEvent


def _with_counts(clarifications: QuerySet[Clarification]) -> QuerySet[Clarification]:
    """Each thread with `message_count` and `last_message_at` (response time: a property)."""
    return clarifications.select_related("question").annotate(
        message_count=Count("messages"), last_message_at=Max("messages__at")
    )


def clarifications_of_dossier(dossier: Dossier) -> QuerySet[Clarification]:
    """The dossier's threads, the latest first, in one query."""
    threads = _with_counts(Clarification.objects.filter(dossier=dossier))
    return threads.select_related("asked_by").order_by("-asked_at", "-pk")


def clarification_thread(dossier: Dossier, pk: int) -> Clarification:
    """The thread with its messages in two queries; 404 if it is not this dossier's.

    Each message says for whom its author speaks: `from_commune`, `from_team` (the
    dossier's technical team), else the coordination committee."""
    roles = Membership.objects.filter(user=OuterRef("author"))
    messages = ClarificationMessage.objects.select_related("author").annotate(
        from_commune=Exists(roles.filter(commune_id=dossier.commune_id, role__in=COMMUNE_ROLES)),
        from_team=Exists(
            roles.filter(technical_team_id=dossier.technical_team_id, role=Role.TECHNICAL_TEAM)
        ),
    )
    clarification = (
        Clarification.objects.filter(dossier=dossier, pk=pk)
        .select_related("question", "asked_by")
        .prefetch_related(Prefetch("messages", queryset=messages))
        .first()
    )
    if clarification is None:
        raise Http404
    clarification.dossier = dossier
    return clarification


def _inbox_scope(user: User) -> QuerySet[Clarification]:
    """Coordination and administrators: every thread; a team member: their teams' dossiers."""
    roles = roles_of(user)
    clarifications = Clarification.objects.all()
    if roles.has(Role.COORDINATION) or roles.has(Role.ADMINISTRATOR):
        return clarifications
    team_ids = roles.team_ids if roles.has(Role.TECHNICAL_TEAM) else frozenset()
    return clarifications.filter(dossier__technical_team_id__in=team_ids)


def clarification_inbox(user: User, status: str = "") -> QuerySet[Clarification]:
    """The threads a user answers, filtered by status; open ones longest-waiting first."""
    threads = _with_counts(_inbox_scope(user)).select_related(
        "dossier__commune", "dossier__edition"
    )
    if status:
        threads = threads.filter(status=status)
    if status == ClarificationStatus.OPEN:
        return threads.order_by("asked_at", "pk")
    return threads.order_by("-asked_at", "-pk")


def inbox_counts(user: User) -> dict[str, int]:
    """{status: number of threads} over the user's inbox, in one query."""
    totals = _inbox_scope(user).aggregate(
        all=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in ClarificationStatus.values},
    )
    return totals


def extensions_of_dossier(dossier: Dossier) -> QuerySet[DeadlineExtension]:
    return dossier.extensions.select_related("granted_by").order_by("-granted_at", "-pk")


def reopenings_of_dossier(dossier: Dossier) -> QuerySet[DossierEvent]:
    """The recorded reopenings of the submitted file: who, when, why."""
    return (
        dossier.events.filter(
            from_state=DossierState.SUBMITTED, to_state=DossierState.SELF_ASSESSMENT
        )
        .select_related("by")
        .order_by("-at", "-pk")
    )
