from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from citizenlabel.referential.selectors import referential_spec

from ..selectors import (
    contradictory_answers,
    dossiers_for_user,
    open_calls_for,
    self_assessment_progress,
)
from .common import get_dossier


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    dossiers = dossiers_for_user(request.user).order_by("-edition__created_at", "commune__code")
    context = {"dossiers": dossiers[:200], "open_editions": open_calls_for(request.user)}
    return render(request, "dossiers/dossier_list.html", context)


@login_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    spec = referential_spec(dossier.edition.referential)
    context = {
        "dossier": dossier,
        "progress": self_assessment_progress(dossier, spec),
        "contradictions": contradictory_answers(dossier, spec),
        "events": dossier.events.select_related("by"),
    }
    return render(request, "dossiers/dossier_detail.html", context)
