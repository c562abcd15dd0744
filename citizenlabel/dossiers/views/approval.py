"""The president's approval: a summary of the file, then approve (submit and lock) or return."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import rules as dossier_rules
from ..services.approval import (
    approve_self_assessment,
    return_self_assessment,
    send_for_approval,
)
from .common import get_dossier
from .questionnaire import score_context


@login_required
def approval(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    context = score_context(dossier)
    answered = {
        code
        for code in dossier.answers.exclude(options=[]).values_list("question__code", flat=True)
    }
    context.update(
        {
            "dossier": dossier,
            "unanswered": [
                q.code for _f, q in context["spec"].questions() if q.code not in answered
            ],
            "answered_count": len(answered),
            "total": context["spec"].question_count(),
            "without_evidence": sum(row.without_evidence for row in context["progress"]),
            "can_send": dossier_rules.can_send_for_approval(request.user, dossier),
            "can_approve": dossier_rules.can_approve(request.user, dossier),
            "submission": dossier.submissions.select_related("submitted_by").first(),
        }
    )
    return render(request, "dossiers/selfassessment/approval.html", context)


def _act(request: HttpRequest, pk: int, action, success: str, **kwargs) -> HttpResponse:
    dossier = get_dossier(request, pk)
    try:
        action(dossier=dossier, by=request.user, **kwargs)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text or _("You cannot do this on this dossier now."))
    else:
        messages.success(request, success)
    return redirect("dossiers:approval", pk=pk)


@login_required
@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, send_for_approval, _("The file was sent to the president."))


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you approve the file."))
        return redirect("dossiers:approval", pk=pk)
    return _act(
        request,
        pk,
        approve_self_assessment,
        _("The self-assessment was approved and submitted to the coordination committee."),
    )


@login_required
@require_POST
def return_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        return_self_assessment,
        _("The file was returned to the focal point."),
        comment=request.POST.get("comment", ""),
    )
