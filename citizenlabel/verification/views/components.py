"""The four components of the final score: the verified questionnaire (computed) and the
three scored by the team on their rubrics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citizenlabel.dossiers.models import Dossier

from .. import rules as verification_rules
from ..enums import Component
from ..forms.components import ComponentForm
from ..models import ComponentScore
from ..selectors_verify import component_scores, verification_summary
from ..services.components import score_component, unknown_component
from .verify import dossier_for_verification, read_only_notice


def _form(component: str, scored: ComponentScore | None, data=None) -> ComponentForm:
    initial = {"level": str(scored.level), "justification": scored.justification} if scored else {}
    return ComponentForm(data, component=component, initial=initial)


def _save(request: HttpRequest, dossier: Dossier, form: ComponentForm) -> int:
    """200 once scored, else the status of the refusal (its message on the form)."""
    if not form.is_valid():
        return 422
    try:
        score_component(
            dossier=dossier,
            component=form.component,
            level=form.cleaned_data["level"],
            justification=form.cleaned_data["justification"],
            by=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return 422
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return 403
    return 200


def _render(request, dossier, forms, scores, status=200, errors=()) -> HttpResponse:
    editable = verification_rules.can_verify(request.user, dossier)
    weights = dossier.edition.component_weights()
    context = {
        "dossier": dossier,
        "editable": editable,
        "not_open": "" if editable else read_only_notice(request.user, dossier),
        "summary": verification_summary(dossier),
        "questionnaire_weight": weights["questionnaire"],
        "cards": [(form, scores.get(form.component), weights[form.component]) for form in forms],
        "errors": errors,
    }
    return render(request, "verification/components/components.html", context, status=status)


@login_required
def components(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_for_verification(request, pk)
    scores = component_scores(dossier)
    posted = request.POST.get("component", "") if request.method == "POST" else None
    forms = [
        _form(c, scores.get(c), request.POST if c == posted else None) for c in Component.values
    ]
    if posted is None:
        return _render(request, dossier, forms, scores)
    if posted not in Component.values:
        return _render(request, dossier, forms, scores, 422, unknown_component(posted).messages)
    status = _save(request, dossier, next(f for f in forms if f.component == posted))
    if status != 200:
        return _render(request, dossier, forms, scores, status)
    name = Component(posted).label
    messages.success(request, _("The component “%(name)s” was scored.") % {"name": name})
    return redirect(f"{request.path}#component-{posted}")
