"""The final score page (recording it, then reading it) and the publication of the results to
the commune (the verification report as PDF: reports/views.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizenlabel.common.confirm import confirmation_page, is_confirmed
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.views.common import get_dossier, require_or_404
from citizenlabel.referential.selectors import referential_spec

from .. import rules as verification_rules
from ..completeness import final_score_missing
from ..consequences import final_consequences, publish_consequences
from ..enums import SnapshotKind
from ..forms.results import FinalScoreForm
from ..selectors import snapshot
from ..selectors_results import accuracy_charts, final_score_view
from ..services.results import publish_verification_results
from ..services.scores import record_final_score
from ..services.verify import not_open_message, why_not_open


def _visible_dossier(request: HttpRequest, pk: int) -> Dossier:
    """The dossier if the user may read its verification results; 404 for anyone else."""
    dossier = get_dossier(request, pk)
    require_or_404(verification_rules.can_see_verification, request, dossier)
    return dossier


def _page(request, dossier, form=None, error: str = "", status: int = 200) -> HttpResponse:
    view = final_score_view(dossier, referential_spec(dossier.edition.referential))
    charts = {}
    if view.accuracy is not None:
        charts = accuracy_charts(view.accuracy, language=get_language(), rtl=get_language_bidi())
    user = request.user
    can_record = verification_rules.can_record_final_score(user, dossier)
    context = {
        "dossier": dossier,
        "view": view,
        "charts": charts,
        "form": form or FinalScoreForm(),
        "error": error,
        "can_record": can_record,
        "consequences": final_consequences(dossier) if can_record else None,
        "missing": [] if view.final else final_score_missing(dossier),
        "before_visit": why_not_open(user, dossier) == "before_visit",
        "not_open": not_open_message(user, dossier),
        "can_publish": verification_rules.can_publish_results(user, dossier),
        "can_see_proposal": verification_rules.can_see_proposal(user, dossier),
    }
    return render(request, "verification/results/final.html", context, status=status)


def _refusal(dossier: Dossier, error: PermissionDenied) -> tuple[str, int]:
    """Why the final score was refused: already recorded (409) or not this user's now (403)."""
    if snapshot(dossier, SnapshotKind.FINAL) is not None:
        return _("This dossier already has its final score: it cannot be recorded twice."), 409
    return str(error) or _("You cannot record the final score of this dossier now."), 403


@login_required
def final(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _visible_dossier(request, pk)
    if request.method != "POST":
        return _page(request, dossier)
    form = FinalScoreForm(request.POST)
    if not form.is_valid():
        return _page(request, dossier, form, status=400)
    try:
        record_final_score(dossier=dossier, by=request.user)
    except ValidationError as refused:
        message = " ".join(refused.messages)
        if final_score_missing(dossier):  # the page lists each missing item with its link
            message = _("The verification is not finished: see what is missing below.")
        return _page(request, dossier, form, message, status=400)
    except PermissionDenied as refused:
        message, status = _refusal(dossier, refused)
        return _page(request, dossier, form, message, status=status)
    messages.success(request, _("The final score was recorded. The dossier is verified."))
    return redirect("verification:final", pk=pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _visible_dossier(request, pk)
    if not is_confirmed(request) and verification_rules.can_publish_results(request.user, dossier):
        cancel = reverse("verification:final", args=[pk])
        return confirmation_page(request, publish_consequences(dossier), cancel_url=cancel)
    try:
        publish_verification_results(dossier=dossier, by=request.user)
    except ValidationError as refused:
        return _page(request, dossier, error=" ".join(refused.messages), status=409)
    except PermissionDenied as refused:
        message = str(refused) or _("You cannot publish these results now.")
        return _page(request, dossier, error=message, status=403)
    messages.success(
        request, _("The verification results were published; the commune was notified.")
    )
    return redirect("verification:final", pk=pk)
