"""Requests for clarification: the commune's threads on its dossier, one thread, and the
inbox of the technical teams and the coordination committee."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import rules as dossier_rules
from ..enums import ClarificationStatus
from ..forms.clarifications import ClarificationForm, MessageForm
from ..models import Clarification, Dossier
from ..selectors_clarifications import (
    clarification_inbox,
    clarification_thread,
    clarifications_of_dossier,
    inbox_counts,
)
from ..services.clarifications import (
    answer_clarification,
    ask_clarification,
    can_close_clarification,
    can_reply_to_clarification,
    close_clarification,
    reply_to_clarification,
)
from .common import get_dossier

INBOX_PAGE_SIZE = 50


@login_required
def clarification_list(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    may_ask = dossier_rules.can_ask_clarification(request.user, dossier)
    if request.method == "POST" and not may_ask:
        messages.error(request, _("Requests can no longer be sent for this dossier."))
        return redirect("dossiers:clarifications", pk=dossier.pk)
    form = ClarificationForm(
        request.POST if request.method == "POST" else None,
        referential_id=dossier.edition.referential_id,
        initial={"question": request.GET.get("question")},
    )
    if form.is_bound and form.is_valid():
        try:
            clarification = ask_clarification(dossier=dossier, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request was sent to the technical team."))
            return redirect(clarification_url(clarification))
    context = {
        "dossier": dossier,
        "clarifications": clarifications_of_dossier(dossier),
        "form": form,
        "may_ask": may_ask,
        "is_commune": dossier_rules.is_dossier_commune_member(request.user, dossier),
    }
    return render(request, "dossiers/clarifications/list.html", context)


def clarification_url(clarification: Clarification) -> str:
    return reverse(
        "dossiers:clarification_detail",
        kwargs={"pk": clarification.dossier_id, "c_pk": clarification.pk},
    )


def _writer(user, dossier: Dossier):
    """The service through which this user writes in a thread, or None: the commune
    follows up, the team and the coordination answer."""
    if dossier_rules.is_dossier_commune_member(user, dossier):
        return reply_to_clarification if can_reply_to_clarification(user, dossier) else None
    if dossier_rules.can_answer_clarification(user, dossier):
        return answer_clarification
    return None


@login_required
def clarification_detail(request: HttpRequest, pk: int, c_pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    clarification = clarification_thread(dossier, c_pk)
    if request.method == "POST" and request.POST.get("action") == "close":
        return _close(request, clarification)
    write = _writer(request.user, dossier)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            if write is None:
                raise PermissionDenied(_("You cannot write in this request."))
            write(clarification=clarification, body=form.cleaned_data["body"], by=request.user)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(clarification_url(clarification))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message was sent."))
            return redirect(clarification_url(clarification))
    is_open = clarification.status != ClarificationStatus.CLOSED
    context = {
        "dossier": dossier,
        "clarification": clarification,
        "form": form,
        "can_write": write is not None and is_open,
        "can_close": is_open and can_close_clarification(request.user, dossier),
        "is_commune": dossier_rules.is_dossier_commune_member(request.user, dossier),
    }
    return render(request, "dossiers/clarifications/detail.html", context)


def _close(request: HttpRequest, clarification: Clarification) -> HttpResponse:
    try:
        close_clarification(clarification=clarification, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The request is closed."))
    return redirect(clarification_url(clarification))


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    if not dossier_rules.can_use_clarification_inbox(request.user):
        raise Http404
    status = request.GET.get("status", ClarificationStatus.OPEN)
    if status not in ClarificationStatus.values:
        status = "all"
    threads = clarification_inbox(request.user, "" if status == "all" else status)
    counts = inbox_counts(request.user)
    tabs = [(value, label, counts[value]) for value, label in ClarificationStatus.choices]
    context = {
        "page": Paginator(threads, INBOX_PAGE_SIZE).get_page(request.GET.get("page")),
        "status": status,
        "tabs": [*tabs, ("all", _("All"), counts["all"])],
    }
    return render(request, "dossiers/clarifications/inbox.html", context)
