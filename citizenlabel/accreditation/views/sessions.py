"""Deliberation sessions: convening, the session page (attendance), each dossier on the agenda
(conflicts of interest, votes, the decision); the minutes and letters are in reports/views.py."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizenlabel.common.confirm import confirmation_page, is_confirmed

from .. import rules as accreditation_rules
from ..enums import RoundResult
from ..forms.sessions import (
    AttendanceForm,
    CloseRoundForm,
    ConflictForm,
    RoundForm,
    SessionForm,
    VoteForm,
)
from ..models import AgendaItem, DeliberationSession
from ..selectors import (
    agenda_candidates,
    close_round_consequences,
    invitable_members,
    item_charts,
    item_for_user,
    item_view,
    latest_round,
    present_count,
    session_for_user,
    session_with_agenda,
    sessions_for_user,
    tally,
)
from ..services.decisions import close_round, open_round, other_outcomes, postpone_item, record_vote
from ..services.sessions import convene_session, declare_conflict, record_attendance


def _refusal(form: forms.Form, refused: Exception) -> int:
    """Put a service's refusal on the form; the HTTP status that goes with it."""
    if isinstance(refused, PermissionDenied):
        form.add_error(None, str(refused) or _("You cannot do this now."))
        return 403
    form.add_error(None, refused)
    return 400


# --- the list and the convening form ---------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    if not accreditation_rules.can_list_sessions(request.user):
        raise Http404
    context = {
        "sessions": sessions_for_user(request.user),
        "can_convene": accreditation_rules.can_convene_session(request.user),
    }
    return render(request, "accreditation/sessions/list.html", context)


@login_required
def session_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not accreditation_rules.can_convene_session(request.user):
        raise Http404
    session = session_for_user(request.user, pk) if pk else DeliberationSession()
    locked = pk is not None and not accreditation_rules.can_change_session(request.user, session)
    data = request.POST if request.method == "POST" and not locked else None
    form = SessionForm(
        data,
        instance=session,
        members=invitable_members(),
        candidates=agenda_candidates(session),
    )
    status = 409 if locked and request.method == "POST" else 200
    if data is not None and form.is_valid():
        try:
            convene_session(
                session=form.save(commit=False),
                members=list(form.cleaned_data["members"]),
                dossiers=list(form.cleaned_data["dossiers"]),
                by=request.user,
            )
        except (ValidationError, PermissionDenied) as refused:
            session.pk = pk  # the transaction was rolled back: a new session stays new
            status = _refusal(form, refused)
        else:
            messages.success(request, _("The session was convened. Its members see it now."))
            return redirect("accreditation:session", pk=session.pk)
    elif data is not None:
        status = 400
    context = {"form": form, "session": session, "locked": locked}
    return render(request, "accreditation/sessions/form.html", context, status=status)


# --- the session page and its attendance ----------------------------------------------


def _session_page(request, session, form=None, status: int = 200) -> HttpResponse:
    session = session_with_agenda(session)
    user = request.user
    seats = list(session.members.all())
    can_attend = accreditation_rules.can_record_attendance(user, session)
    context = {
        "session": session,
        "seats": seats,
        "items": [(item, tally(item)) for item in session.agenda.all()],
        "present": present_count(session),
        "can_convene": accreditation_rules.can_convene_session(user),
        "can_change": accreditation_rules.can_change_session(user, session),
        "attendance_form": form or (AttendanceForm(seats=seats) if can_attend else None),
        "my_seat": next((s for s in seats if s.user_id == user.pk), None),
        "before_the_day": not accreditation_rules.session_day_has_come(user, session),
    }
    return render(request, "accreditation/sessions/detail.html", context, status=status)


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_page(request, session_for_user(request.user, pk))


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_user(request.user, pk)
    if not accreditation_rules.can_convene_session(request.user):
        raise Http404
    form = AttendanceForm(request.POST, seats=list(session.members.select_related("user")))
    status = 400
    if form.is_valid():
        try:
            record_attendance(
                session=session, present=form.cleaned_data["present"], by=request.user
            )
        except (ValidationError, PermissionDenied) as refused:
            status = _refusal(form, refused)
        else:
            messages.success(request, _("The attendance was recorded."))
            return redirect("accreditation:session", pk=pk)
    return _session_page(request, session, form, status=status)


# --- one dossier on the agenda: conflicts, votes, the decision ---------------------------


def _item_page(request, item: AgendaItem, forms_: dict | None = None, status: int = 200):
    user = request.user
    view = item_view(item)
    seat = accreditation_rules.seat_of(user, item)
    voting = latest_round(item)
    my_vote = next(
        (v for v in (voting.votes.all() if voting else ()) if seat and v.member_id == seat.pk),
        None,
    )
    can_decide = accreditation_rules.can_decide_item(user, item)
    next_outcomes = [str(o) for o in other_outcomes(item)] if can_decide and view.rejected else []
    page_forms = {
        "conflict_form": ConflictForm(),
        "vote_form": VoteForm(initial={"choice": my_vote.choice if my_vote else None}),
        "close_form": CloseRoundForm(),
        "round_form": RoundForm(outcomes=next_outcomes),
        **(forms_ or {}),
    }
    context = {
        "item": item,
        "session": item.session,
        "dossier": item.dossier,
        "view": view,
        "charts": item_charts(view, rtl=get_language_bidi()),
        "my_seat": seat,
        "my_vote": my_vote if view.open_round else None,
        "recused": accreditation_rules.is_recused_from_item(user, item),
        "can_declare": accreditation_rules.can_declare_conflict(user, item),
        "can_vote": accreditation_rules.can_vote_on_item(user, item) and bool(view.open_round),
        "can_close": can_decide and bool(view.open_round),
        "can_reopen": bool(next_outcomes),
        "can_postpone": can_decide and not (view.open_round and view.votes_cast),
        "before_the_day": not accreditation_rules.item_day_has_come(user, item),
        **page_forms,
    }
    return render(request, "accreditation/sessions/item.html", context, status=status)


@login_required
def item_detail(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _item_page(request, item_for_user(request.user, pk, item_pk))


def _act(request, pk: int, item_pk: int, name: str, make_form: Callable, action: Callable, done):
    """Run one service on the item; on refusal, the page again with the message (nothing
    was changed: the service's transaction was rolled back)."""
    item = item_for_user(request.user, pk, item_pk)
    form, status = make_form(item), 400
    if form.is_valid():
        try:
            action(item, form.cleaned_data)
        except (ValidationError, PermissionDenied) as refused:
            status = _refusal(form, refused)
        else:
            messages.success(request, done)
            return redirect("accreditation:item", pk=pk, item_pk=item_pk)
        item = item_for_user(request.user, pk, item_pk)
    return _item_page(request, item, {name: form}, status=status)


@login_required
@require_POST
def conflict(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    def action(item, data):
        declare_conflict(item=item, reason=data["reason"], by=request.user)

    done = _("Your conflict of interest was recorded: you do not vote on this dossier.")
    form = lambda item: ConflictForm(request.POST)  # noqa: E731
    return _act(request, pk, item_pk, "conflict_form", form, action, done)


@login_required
@require_POST
def vote(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    def action(item, data):
        record_vote(item=item, choice=data["choice"], by=request.user)

    done = _("Your vote was recorded.")
    form = lambda item: VoteForm(request.POST)  # noqa: E731
    return _act(request, pk, item_pk, "vote_form", form, action, done)


def _vote_is_open(item: AgendaItem) -> bool:
    voting = latest_round(item)
    return voting is not None and voting.result == RoundResult.OPEN


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The chair closes the vote; what the tally adopts is the decision. Asked first."""
    item = item_for_user(request.user, pk, item_pk)
    form = CloseRoundForm(request.POST)
    asks = form.is_valid() and not is_confirmed(request)
    if asks and accreditation_rules.can_decide_item(request.user, item) and _vote_is_open(item):
        page = close_round_consequences(item, form.cleaned_data["justification"])
        if page is not None:
            cancel = reverse("accreditation:item", args=[pk, item_pk])
            return confirmation_page(request, page, cancel_url=cancel)

    def action(item, data):
        close_round(item=item, justification=data["justification"], by=request.user)

    done = _("The vote was closed and its outcome recorded.")
    return _act(request, pk, item_pk, "close_form", lambda item: form, action, done)


@login_required
@require_POST
def new_round(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    def form(item):
        return RoundForm(request.POST, outcomes=[str(o) for o in other_outcomes(item)])

    def action(item, data):
        open_round(item=item, outcome=data["outcome"], by=request.user)

    done = _("A new vote is open: the members present may vote.")
    return _act(request, pk, item_pk, "round_form", form, action, done)


@login_required
@require_POST
def postpone(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    def action(item, data):
        postpone_item(item=item, by=request.user)

    done = _("The dossier was postponed: put it on the agenda of a later session.")
    return _act(request, pk, item_pk, "close_form", lambda item: forms.Form({}), action, done)
