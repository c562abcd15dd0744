"""The logical framework (الإطار المنطقي): the matrix, read by the commune, its team and the
coordination; its rows added, edited and deleted by the commune while the plan is open, one
small form per row kind."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.views.common import get_dossier, require, require_or_404

from .. import rules as plan_rules
from ..forms.logframe import ActivityForm, AssumptionForm, IndicatorForm, ObjectiveForm, ResultForm
from ..forms.plan import PlanForm
from ..models import ActionPlan
from ..selectors_plan import form_choices, logframe_of
from ..services import logframe as services
from ..services.logframe import edit_refused_message


@dataclass(frozen=True)
class Kind:
    """A row kind of the matrix: its form, its rows in the plan, its two services."""

    form: type
    rows: str  # the plan's related name
    id_argument: str
    save: Any
    delete: Any
    title_new: str
    title_edit: str


KINDS = {
    "objective": Kind(
        ObjectiveForm, "objectives", "objective_id", services.save_specific_objective,
        services.delete_specific_objective, gettext_lazy("Add a specific objective"),
        gettext_lazy("Edit the specific objective"),
    ),
    "result": Kind(
        ResultForm, "results", "result_id", services.save_expected_result,
        services.delete_expected_result, gettext_lazy("Add an expected result"),
        gettext_lazy("Edit the expected result"),
    ),
    "activity": Kind(
        ActivityForm, "activities", "activity_id", services.save_activity,
        services.delete_activity, gettext_lazy("Add an activity"),
        gettext_lazy("Edit the activity"),
    ),
    "indicator": Kind(
        IndicatorForm, "indicators", "indicator_id", services.save_indicator,
        services.delete_indicator, gettext_lazy("Add an indicator"),
        gettext_lazy("Edit the indicator"),
    ),
    "assumption": Kind(
        AssumptionForm, "assumptions", "assumption_id", services.save_assumption,
        services.delete_assumption, gettext_lazy("Add an assumption or a risk"),
        gettext_lazy("Edit the assumption or risk"),
    ),
}  # fmt: skip
# The route of a row: /dossiers/<pk>/plan/<kind>/… (re_path hands pk and row over as text).
ROW = rf"^dossiers/(?P<pk>[0-9]+)/plan/(?P<kind>{'|'.join(KINDS)})/"


def plan_of(request: HttpRequest, pk: int) -> tuple[Dossier, ActionPlan]:
    """The dossier and its plan, or 404 for outsiders and for a dossier without a plan."""
    dossier = get_dossier(request, pk)
    require_or_404(plan_rules.can_see_plan, request, dossier)
    return dossier, dossier.action_plan


@login_required
def logframe(request: HttpRequest, pk: int) -> HttpResponse:
    dossier, plan = plan_of(request, pk)
    editable = plan_rules.can_edit_plan(request.user, dossier)
    context = {
        "dossier": dossier,
        "plan": plan,
        "frame": logframe_of(plan),
        "editable": editable,
        "not_editable": "" if editable else edit_refused_message(),
    }
    return render(request, "actionplans/logframe/logframe.html", context)


def _saved(request: HttpRequest, form, call) -> bool:
    """Run the service; its refusal becomes the form's error, shown above it."""
    try:
        call()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, _("The logical framework was saved."))
    return True


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier, plan = plan_of(request, pk)
    require(plan_rules.can_edit_plan, request, dossier, edit_refused_message())
    initial = {n: getattr(plan, n) for n in ("overall_objective", "starts_on", "ends_on")}
    form = PlanForm(request.POST or None, initial=initial)
    if form.is_valid():

        def call():
            services.update_action_plan(plan=plan, **form.cleaned_data, by=request.user)

        if _saved(request, form, call):
            return redirect("actionplans:logframe", pk=pk)
    context = {"dossier": dossier, "form": form, "title": _("Overall objective and period")}
    status = 422 if form.is_bound else 200
    return render(request, "actionplans/logframe/row_form.html", context, status=status)


def _kind_or_404(kind: str) -> Kind:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


@login_required
def row_form(request: HttpRequest, pk: str, kind: str, row: str | None = None) -> HttpResponse:
    """Add (row None) or edit one row of the matrix; another plan's row is not found."""
    dossier, plan = plan_of(request, int(pk))
    row = None if row is None else int(row)
    spec = _kind_or_404(kind)
    require(plan_rules.can_edit_plan, request, dossier, edit_refused_message())
    item = None
    if row is not None:
        item = getattr(plan, spec.rows).filter(pk=row).first()
        if item is None:
            raise Http404
    initial = spec.form.initial_of(item) if item else {"row": request.GET.get("row", "")}
    form = spec.form(request.POST or None, initial=initial, choices=form_choices(plan, kind))
    if form.is_valid():
        arguments = {**form.arguments(), spec.id_argument: row}

        def call():
            spec.save(plan=plan, **arguments, by=request.user)

        if _saved(request, form, call):
            return redirect("actionplans:logframe", pk=pk)
    context = {
        "dossier": dossier,
        "form": form,
        "kind": kind,
        "item": item,
        "title": spec.title_edit if item else spec.title_new,
    }
    status = 422 if form.is_bound else 200
    return render(request, "actionplans/logframe/row_form.html", context, status=status)


@login_required
@require_POST
def row_delete(request: HttpRequest, pk: str, kind: str, row: str) -> HttpResponse:
    dossier, plan = plan_of(request, int(pk))
    row = int(row)
    spec = _kind_or_404(kind)
    if not getattr(plan, spec.rows).filter(pk=row).exists():
        raise Http404
    spec.delete(plan=plan, **{spec.id_argument: row}, by=request.user)
    messages.success(request, _("The row was deleted from the logical framework."))
    return redirect("actionplans:logframe", pk=pk)
