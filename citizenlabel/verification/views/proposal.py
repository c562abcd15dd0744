"""The proposal to the accreditation committee: the edition's rules as a checklist, then the
coordination's recommendation (read-only for the dossier's team)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citizenlabel.common.confirm import confirmation_page, is_confirmed
from citizenlabel.dossiers.views.common import get_dossier, require_or_404
from citizenlabel.referential.selectors import referential_spec

from .. import rules as verification_rules
from ..consequences import proposal_consequences
from ..enums import Recommendation, SnapshotKind
from ..forms.proposal import ProposalForm
from ..models import Proposal
from ..selectors import snapshot
from ..selectors_results import proposal_verdict, rule_rows
from ..services.proposal import expected_recommendation, goes_against_the_rules, prepare_proposal


def _initial(stored: Proposal | None, verdict) -> dict:
    if stored is not None:
        return {"recommendation": stored.recommendation, "justification": stored.justification}
    return {"recommendation": expected_recommendation(verdict) if verdict else ""}


def _submit(request: HttpRequest, dossier, form: ProposalForm) -> int:
    """Save the proposal; the HTTP status of the refusal, or 0 when it was saved."""
    if not form.is_valid():
        return 400
    try:
        prepare_proposal(dossier=dossier, by=request.user, **form.cleaned_data)
    except ValidationError as refused:
        form.add_error(None, refused)
        return 400
    except PermissionDenied as refused:
        form.add_error(None, str(refused) or _("You cannot prepare this proposal."))
        return 403
    return 0


@login_required
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    require_or_404(verification_rules.can_see_proposal, request, dossier)
    spec = referential_spec(dossier.edition.referential)
    final = snapshot(dossier, SnapshotKind.FINAL)
    verdict = proposal_verdict(dossier, spec, final) if final is not None else None
    stored = Proposal.objects.filter(dossier=dossier).select_related("prepared_by").first()
    form, status = ProposalForm(initial=_initial(stored, verdict)), 200
    if request.method == "POST":
        form = ProposalForm(request.POST)
        asks = verdict is not None and form.is_valid() and not is_confirmed(request)
        if asks and verification_rules.can_prepare_proposal(request.user, dossier):
            chosen = form.cleaned_data["recommendation"]
            against = goes_against_the_rules(verdict, chosen)
            if not (against and not form.cleaned_data["justification"].strip()):
                page = proposal_consequences(dossier, chosen, against)
                return confirmation_page(request, page, cancel_url=request.path)
        if not (status := _submit(request, dossier, form)):
            messages.success(request, _("The proposal to the accreditation committee was saved."))
            return redirect("verification:proposal", pk=pk)
    context = {
        "dossier": dossier,
        "final": final,
        "verdict": verdict,
        "rules": rule_rows(spec, verdict.as_json()) if verdict else [],
        "expected": Recommendation(expected_recommendation(verdict)) if verdict else None,
        "stored": stored,
        "form": form,
        "editable": verdict is not None
        and verification_rules.can_prepare_proposal(request.user, dossier),
    }
    return render(request, "verification/proposal/proposal.html", context, status=status)
