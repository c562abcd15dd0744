"""The evaluation's block on the dossier page. The page fetches it by URL (htmx), so that the
dossiers app, a lower layer, shows it without importing the action plans."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from citizenlabel.dossiers.views.common import get_dossier

from ..selectors_evaluation import evaluation_summary


@login_required
@require_safe
def evaluation_summary_block(request: HttpRequest, pk: int) -> HttpResponse:
    """Empty when the dossier has no plan or the user may not read it; 404 to outsiders."""
    dossier = get_dossier(request, pk)
    summary = evaluation_summary(dossier, request.user)
    return render(request, "actionplans/_evaluation_summary.html", {"summary": summary})
