"""The participatory diagnosis: edited by the dossier's team during the visit, read by the
coordination, and by the commune once the results are published."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citizenlabel.common.texts import translated

from .. import rules as verification_rules
from ..forms.diagnosis import diagnosis_formsets, diagnosis_rows, formset_problems
from ..selectors_verify import diagnosis_of, referential_principles
from ..services.diagnosis import save_diagnosis
from ..services.verify import not_open_message
from .verify import dossier_for_verification, read_only_notice

SECTIONS = {
    "points": _("Strengths and weaknesses"),
    "participants": _("Participants"),
    "priorities": _("Agreed priorities"),
}


def _problems(formsets: dict) -> list[tuple[str, str]]:
    return [
        problem
        for name, formset in formsets.items()
        for problem in formset_problems(formset, str(SECTIONS[name]))
    ]


@login_required
def diagnosis(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_for_verification(request, pk)
    editable = verification_rules.can_verify(request.user, dossier)
    principles = referential_principles(dossier)
    current = diagnosis_of(dossier)
    data = request.POST if request.method == "POST" else None
    formsets = diagnosis_formsets(data, current, [(p.pk, translated(p.title)) for p in principles])
    problems, status = [], 200
    if data is not None and not editable:  # an insider who may not edit now: nothing changes
        problems, status = [("", not_open_message(request.user, dossier))], 403
    elif data is not None and all(f.is_valid() for f in formsets.values()):
        try:
            save_diagnosis(dossier=dossier, **diagnosis_rows(formsets), by=request.user)
        except ValidationError as error:
            problems, status = [("", message) for message in error.messages], 422
        except PermissionDenied as error:
            problems, status = [("", str(error))], 403
        else:
            messages.success(request, _("The participatory diagnosis was saved."))
            return redirect("verification:diagnosis", pk=pk)
    elif data is not None:
        problems, status = _problems(formsets), 422
    context = {
        "dossier": dossier,
        "editable": editable,
        "not_open": "" if editable else read_only_notice(request.user, dossier),
        "formsets": formsets,
        "problems": problems,
        "current": current,
        "findings": current.by_principle(principles),
        "women": sum(1 for p in current.participants if p.gender == "woman"),
    }
    return render(request, "verification/diagnosis/diagnosis.html", context, status=status)
