"""The self-assessment deadline: its recorded extensions, and the coordination committee's
two ways of giving the commune time again: an extension, or the reopening of a submitted
file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import rules as dossier_rules
from ..forms.clarifications import DeadlineForm
from ..models import Dossier
from ..selectors_clarifications import extensions_of_dossier, reopenings_of_dossier
from ..services.approval import reopen_submission
from ..services.selfassessment import grant_extension
from .common import get_dossier


def _extend(dossier: Dossier, data: dict, by) -> str:
    grant_extension(
        dossier=dossier, new_deadline=data["new_deadline"], reason=data["reason"], by=by
    )
    return _("The extension is recorded: the commune can work on its self-assessment again.")


def _reopen(dossier: Dossier, data: dict, by) -> str:
    reopen_submission(
        dossier=dossier, new_deadline=data["new_deadline"], reason=data["reason"], by=by
    )
    return _("The file is reopened: the commune can correct its self-assessment.")


NOT_POSSIBLE = gettext_lazy("This change of the deadline is not possible: nothing changed.")

# action -> (the rule that allows it, the service call)
ACTIONS = {
    "extend": (dossier_rules.can_grant_extension, _extend),
    "reopen": (dossier_rules.can_reopen_submission, _reopen),
}


@login_required
def extension(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    allowed = {name: rule(request.user, dossier) for name, (rule, _act) in ACTIONS.items()}
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and not allowed.get(action):
        messages.error(request, NOT_POSSIBLE)
        return redirect("dossiers:extension", pk=dossier.pk)
    forms = {
        name: DeadlineForm(request.POST if name == action else None, prefix=name)
        for name in ACTIONS
    }
    if action and forms[action].is_valid():
        try:
            done = ACTIONS[action][1](dossier, forms[action].cleaned_data, request.user)
        except PermissionDenied:
            messages.error(request, NOT_POSSIBLE)
            return redirect("dossiers:extension", pk=dossier.pk)
        except ValidationError as error:
            forms[action].add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("dossiers:extension", pk=dossier.pk)
    context = {
        "dossier": dossier,
        "extensions": list(extensions_of_dossier(dossier)),
        "reopenings": reopenings_of_dossier(dossier),
        "extend_form": forms["extend"] if allowed["extend"] else None,
        "reopen_form": forms["reopen"] if allowed["reopen"] else None,
    }
    return render(request, "dossiers/extensions/extension.html", context)
