"""The plan's draft from the weaknesses, its what-if, and opening the plan. Read by the
commune, its team and the coordination; opened by those the rules allow."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from citizenlabel.common.texts import translated
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.views.common import get_dossier, require

from .. import rules as plan_rules
from ..forms.plan import PlanForm, SelectionForm
from ..selectors_plan import Draft, plan_draft
from ..services.plan import not_open_message, open_action_plan


def _notice(dossier: Dossier, user) -> str:
    if not plan_rules.can_see_draft(user, dossier):
        return _(
            "The draft of the action plan is shown once the verification results are published."
        )
    return _("The draft of the action plan is proposed once the dossier has its final score.")


def _ticked_groups(draft: Draft, changes: dict) -> list:
    """The principle groups, each item with whether it is ticked and the option to reach."""

    def ticked(item):
        code = item.candidate.code
        return item, code in changes, changes.get(code, item.candidate.best.options)[0]

    return [(title, percent, [ticked(i) for i in items]) for title, percent, items in draft.groups]


def _projection(draft: Draft, changes: dict) -> dict | None:
    if not changes:
        return None
    projection = draft.score(changes)
    titles = {p.code: translated(p.title) for p in draft.spec.principles}
    return {
        "count": len(changes),
        "score": projection.score,
        "questionnaire": projection.questionnaire.overall,
        "threshold_met": projection.threshold_met(draft.threshold),
        "failing": pgettext("list separator", ", ").join(
            titles.get(code, code) for code in projection.failing_principles(draft.floor)
        ),
    }


def _draft_context(request: HttpRequest, dossier: Dossier, draft: Draft, selection, form) -> dict:
    changes = selection.changes()
    steps = draft.what_if.steps
    items = {item.candidate.code: item for item in draft.items}
    return {
        "dossier": dossier,
        "draft": draft,
        "groups": _ticked_groups(draft, changes),
        "steps": [(items[step.candidate.code], step) for step in steps],
        "minimal_query": urlencode([("pick", step.candidate.code) for step in steps]),
        "selection": selection,
        "ticked": [(items[code], options) for code, options in changes.items()],
        "changes": changes,
        "projection": _projection(draft, changes),
        "can_open": plan_rules.can_open_plan(request.user, dossier),
        "plan": getattr(dossier, "action_plan", None),
        "plan_form": form,
    }


def _render_draft(request, dossier, *, data=None, form=None, status=200) -> HttpResponse:
    draft = plan_draft(dossier) if plan_rules.can_see_draft(request.user, dossier) else None
    if draft is None:
        context = {"dossier": dossier, "notice": _notice(dossier, request.user)}
        return render(request, "actionplans/plan/draft.html", context)
    selection = SelectionForm(data, candidates=draft.candidates)
    form = form or PlanForm()
    context = _draft_context(request, dossier, draft, selection, form)
    return render(request, "actionplans/plan/draft.html", context, status=status)


@login_required
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    data = request.GET if "pick" in request.GET else None
    return _render_draft(request, dossier, data=data)


@login_required
@require_POST
def open_plan(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    require(plan_rules.can_open_plan, request, dossier, not_open_message())
    draft_ = plan_draft(dossier)
    selection = SelectionForm(request.POST, candidates=draft_.candidates if draft_ else [])
    form = PlanForm(request.POST)
    if form.is_valid() and selection.is_valid():
        try:
            open_action_plan(
                dossier=dossier,
                **form.cleaned_data,
                selections=selection.selections(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action plan is open: complete its logical framework."))
            return redirect("actionplans:logframe", pk=pk)
    return _render_draft(request, dossier, data=request.POST, form=form, status=422)
