"""The dashboard (لوحة القيادة): indicators against baseline and target, activities and budget,
the team's follow-up; and its forms, each posting to its own address and coming back here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizenlabel.common.charts import progress_bar
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.views.common import get_dossier, require_or_404

from .. import rules as plan_rules
from ..forms.followup import (
    ActivityProgressForm,
    FollowUpCommentForm,
    MeasurementForm,
    MonitoringVisitForm,
)
from ..selectors_dashboard import indicator_chart, plan_dashboard
from ..services.followup import (
    add_follow_up_comment,
    record_measurement,
    record_monitoring_visit,
    update_activity_progress,
)


def plan_dossier(request: HttpRequest, pk: int) -> Dossier:
    """The dossier if the user may see its action plan; 404 for anyone else."""
    dossier = get_dossier(request, pk)
    require_or_404(plan_rules.can_see_plan, request, dossier)
    return dossier


def measurement_auto_id(indicator_pk) -> str:
    """Each indicator's form gets its own element ids (several sit on one page)."""
    return f"id_m{indicator_pk}_%s"


def _indicator_cards(dossier, board, bound: dict) -> list[dict]:
    plan, rtl = dossier.action_plan, get_language_bidi()
    cards = []
    for view in board.indicators:
        form = bound.get(("measurement", view.indicator.pk))
        initial = {"indicator": view.indicator.pk, "measured_on": board.timeline.today}
        chart = indicator_chart(view, start=plan.starts_on, end=plan.ends_on, rtl=rtl)
        progress = None
        if view.progress is not None:
            label = _("Progress toward the target")
            progress = progress_bar(view.progress, 100, label=label, rtl=rtl)
        auto_id = measurement_auto_id(view.indicator.pk)
        form = form or MeasurementForm(initial=initial, plan=plan, auto_id=auto_id)
        cards.append({"view": view, "chart": chart, "progress": progress, "form": form})
    return cards


def _activity_rows(board, bound: dict) -> list[dict]:
    rows = []
    for row in board.timeline.rows:
        activity = row.activity
        initial = {"status": activity.status, "percent_done": activity.percent_done}
        initial["spent"] = activity.spent
        form = bound.get(("progress", activity.pk)) or ActivityProgressForm(
            initial=initial, prefix=f"activity-{activity.pk}"
        )
        rows.append({"row": row, "form": form})
    return rows


def _page(request, dossier, *, bound: dict | None = None, error: str = "", status: int = 200):
    bound = bound or {}
    plan, user = dossier.action_plan, request.user
    board = plan_dashboard(plan, timezone.localdate())
    rtl = get_language_bidi()
    budget = progress_bar(
        float(board.timeline.budget_used),
        float(board.timeline.budget_planned),
        label=_("Budget used"),
        rtl=rtl,
    )
    measurement = bound.get("measurement")  # a form whose indicator is not the plan's
    context = {
        "dossier": dossier,
        "plan": plan,
        "board": board,
        "budget_chart": budget,
        "cards": _indicator_cards(dossier, board, bound),
        "activities": _activity_rows(board, bound),
        "comment_form": bound.get("comment") or FollowUpCommentForm(),
        "visit_form": bound.get("visit") or MonitoringVisitForm(),
        "orphan_form": measurement,
        "error": error,
        "can_record": plan_rules.can_record_measurement(user, dossier),
        "can_edit": plan_rules.can_edit_plan(user, dossier),
        "can_follow": plan_rules.can_follow_plan(user, dossier),
        "current_tab": "dashboard",
    }
    return render(request, "actionplans/dashboard/dashboard.html", context, status=status)


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, plan_dossier(request, pk))


def _attempt(request, dossier, form: Form, key, action, success: str, anchor: str):
    """Run the service on a valid form; show the page again with the problems otherwise."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        except PermissionDenied as refused:
            return _page(request, dossier, bound={key: form}, error=str(refused), status=403)
        else:
            messages.success(request, success)
            return redirect(f"{reverse('actionplans:dashboard', args=[dossier.pk])}#{anchor}")
    return _page(request, dossier, bound={key: form}, status=400)


@login_required
@require_POST
def measurement(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = plan_dossier(request, pk)
    form = MeasurementForm(request.POST, plan=dossier.action_plan)
    form.is_valid()
    indicator = form.cleaned_data.get("indicator")
    key = ("measurement", indicator.pk) if indicator else "measurement"
    if indicator:
        form.auto_id = measurement_auto_id(indicator.pk)
    return _attempt(
        request,
        dossier,
        form,
        key,
        lambda data: record_measurement(
            indicator=data["indicator"],
            measured_on=data["measured_on"],
            value=data["value"],
            note=data["note"],
            by=request.user,
        ),
        _("The measurement was recorded."),
        f"indicator-{indicator.pk}" if indicator else "indicators",
    )


@login_required
@require_POST
def activity_progress(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    dossier = plan_dossier(request, pk)
    activity = get_object_or_404(dossier.action_plan.activities, pk=activity_pk)
    form = ActivityProgressForm(request.POST, prefix=f"activity-{activity.pk}")
    return _attempt(
        request,
        dossier,
        form,
        ("progress", activity.pk),
        lambda data: update_activity_progress(
            activity=activity,
            status=data["status"],
            percent_done=data["percent_done"],
            spent=data["spent"],
            by=request.user,
        ),
        _("The progress of the activity was saved."),
        f"activity-{activity.pk}",
    )


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = plan_dossier(request, pk)
    return _attempt(
        request,
        dossier,
        FollowUpCommentForm(request.POST),
        "comment",
        lambda data: add_follow_up_comment(
            plan=dossier.action_plan, body=data["body"], by=request.user
        ),
        _("The follow-up comment was added."),
        "follow-up",
    )


@login_required
@require_POST
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = plan_dossier(request, pk)
    return _attempt(
        request,
        dossier,
        MonitoringVisitForm(request.POST),
        "visit",
        lambda data: record_monitoring_visit(
            plan=dossier.action_plan,
            date=data["date"],
            findings=data["findings"],
            by=request.user,
        ),
        _("The monitoring visit was recorded."),
        "visits",
    )
