"""The evaluation page: activities and results, the re-verification of the targeted answers
(the verification's cards in their re-verification round, saved by the verification's view),
the evaluation form and the updated score."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizenlabel.common.charts import progress_bar
from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.forms.common import new_rows
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.rules import is_dossier_team_member
from citizenlabel.dossiers.views.common import get_dossier, require_or_404
from citizenlabel.verification import rules as verification_rules
from citizenlabel.verification.services.verify import evaluation_closed_message
from citizenlabel.verification.views.verify import card_choices

from .. import rules as plan_rules
from ..completeness import missing_on_page, updated_score_missing
from ..forms.evaluation import EffectFormSet, PlanEvaluationForm
from ..models import Effect
from ..selectors_evaluation import EvaluationPage, evaluation_page
from ..services.evaluation import evaluate_action_plan
from ..services.updated_score import record_updated_score


def dossier_for_evaluation(request: HttpRequest, pk: int) -> Dossier:
    """The dossier if the user may read its plan's evaluation; 404 for anyone else."""
    dossier = get_dossier(request, pk)
    require_or_404(plan_rules.can_see_evaluation, request, dossier)
    return dossier


def reading_notice(user, dossier: Dossier) -> str:
    if not is_dossier_team_member(user, dossier):
        return _(
            "The dossier's technical team evaluates the plan and re-verifies the answers; "
            "you read their work here."
        )
    if dossier.state == DossierState.PLAN_EVALUATED:
        return _("The updated score is recorded: the evaluation is closed and reads as recorded.")
    return _("The plan is not open for evaluation.")


def _permissions(request: HttpRequest, dossier: Dossier) -> dict:
    editable = plan_rules.can_evaluate_plan(request.user, dossier)
    return {
        "editable": editable,
        "can_reverify": verification_rules.can_reverify(request.user, dossier),
        "notice": "" if editable else reading_notice(request.user, dossier),
        **card_choices(),
    }


def _forms(page: EvaluationPage, data=None) -> tuple[PlanEvaluationForm, EffectFormSet]:
    evaluation = page.evaluation
    queryset = evaluation.effects.all() if evaluation else Effect.objects.none()
    form = PlanEvaluationForm(data, instance=evaluation)
    return form, EffectFormSet(data, queryset=queryset, prefix="effects")


def _render(request, dossier, page, *, status: int = 200, **extra) -> HttpResponse:
    if "form" not in extra:
        extra["form"], extra["effects"] = _forms(page)
    achievement = progress_bar(
        float(page.achievement.rate), 100, label=_("Achievement rate"), rtl=get_language_bidi()
    )
    context = {
        "dossier": dossier,
        "page": page,
        "missing": [] if page.updated_score else missing_on_page(dossier, page),
        "achievement_bar": achievement,
        **_permissions(request, dossier),
        **extra,
    }
    return render(request, "actionplans/evaluation/page.html", context, status=status)


@login_required
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_for_evaluation(request, pk)
    page = evaluation_page(dossier)
    if request.method != "POST":
        return _render(request, dossier, page)
    if not plan_rules.can_evaluate_plan(request.user, dossier):
        error = evaluation_closed_message(request.user, dossier)
        return _render(request, dossier, page, status=403, error=error)
    form, effects = _forms(page, request.POST)
    if form.is_valid() and effects.is_valid():
        try:
            evaluate_action_plan(
                plan=page.plan,
                effects=new_rows(effects, Effect),
                by=request.user,
                **form.cleaned_data,
            )
        except PermissionDenied as refused:
            return _render(request, dossier, page, status=403, error=str(refused))
        except ValidationError as invalid:
            for name, errors in invalid.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("The evaluation of the plan was saved."))
            return redirect(reverse("actionplans:evaluation", args=[pk]) + "#evaluation")
    return _render(request, dossier, page, status=400, form=form, effects=effects)


@login_required
@require_POST
def updated_score(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_for_evaluation(request, pk)
    try:
        record_updated_score(dossier=dossier, by=request.user)
    except PermissionDenied:
        page = evaluation_page(dossier)
        error = evaluation_closed_message(request.user, dossier)
        return _render(request, dossier, page, status=403, error=error)
    except ValidationError as invalid:
        page = evaluation_page(dossier)
        error = " ".join(invalid.messages)
        if updated_score_missing(dossier):  # the page lists each missing item with its link
            error = _("The evaluation is not finished: see what is missing below.")
        return _render(request, dossier, page, status=400, error=error)
    messages.success(
        request,
        _("The updated score is recorded. The dossier goes back to the accreditation committee."),
    )
    return redirect(reverse("actionplans:evaluation", args=[pk]) + "#updated-score")
