"""The activity timeline (الجدول الزمني للأنشطة) as a Gantt and a table."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language_bidi

from ..selectors_dashboard import plan_timeline, progress_labels, timeline_chart
from .dashboard import plan_dossier


@login_required
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = plan_dossier(request, pk)
    plan_rows = plan_timeline(dossier.action_plan, timezone.localdate())
    context = {
        "dossier": dossier,
        "plan": dossier.action_plan,
        "timeline": plan_rows,
        "chart": timeline_chart(plan_rows, rtl=get_language_bidi()),
        "labels": progress_labels(),
    }
    return render(request, "actionplans/timeline/timeline.html", context)
