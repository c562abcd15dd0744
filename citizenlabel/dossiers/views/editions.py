from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizenlabel.common.charts import GanttRow, gantt_chart
from citizenlabel.common.texts import translated

from .. import rules as dossier_rules
from ..forms.editions import EditionForm
from ..models import Edition
from ..selectors import editions_with_counts
from ..services.editions import open_call_for_candidacies, save_edition


def _manager_or_404(request: HttpRequest) -> None:
    if not dossier_rules.can_manage_editions(request.user):
        raise Http404


@login_required
def edition_list(request: HttpRequest) -> HttpResponse:
    _manager_or_404(request)
    return render(request, "dossiers/editions/list.html", {"editions": editions_with_counts()})


@login_required
def edition_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _manager_or_404(request)
    edition = get_object_or_404(Edition, pk=pk) if pk else Edition()
    form = EditionForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        try:
            save_edition(
                edition=form.save(commit=False),
                phases=form.phases(),
                conditions=form.conditions(),
                target_communes=form.communes(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The edition was saved."))
            return redirect("dossiers:edition_detail", pk=form.instance.pk)
    return render(request, "dossiers/editions/form.html", {"form": form, "edition": edition})


@login_required
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _manager_or_404(request)
    edition = get_object_or_404(editions_with_counts(), pk=pk)
    context = {
        "edition": edition,
        "phases": edition.phases.all(),
        "conditions": edition.eligibility_conditions.all(),
        "communes": edition.target_communes.select_related("province__region"),
    }
    return render(request, "dossiers/editions/detail.html", context)


@login_required
@require_POST
def open_call(request: HttpRequest, pk: int) -> HttpResponse:
    _manager_or_404(request)
    edition = get_object_or_404(Edition, pk=pk)
    try:
        sent = open_call_for_candidacies(edition=edition, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The call for candidacies is open; %(count)s focal point was notified.",
                "The call for candidacies is open; %(count)s focal points were notified.",
                sent,
            )
            % {"count": sent},
        )
    return redirect("dossiers:edition_detail", pk=pk)


def phase_status(starts_on: date, ends_on: date, today: date) -> str:
    if starts_on <= today <= ends_on:
        return "current"
    return "done" if ends_on < today else "planned"


def edition_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The public calendar of an edition: its phases as a Gantt chart and as a table."""
    edition = get_object_or_404(Edition, pk=pk)
    today = timezone.localdate()
    phases = list(edition.phases.all())
    rows = [
        GanttRow(
            p.get_phase_display(),
            p.starts_on,
            p.ends_on,
            phase_status(p.starts_on, p.ends_on, today),
        )
        for p in phases
    ]
    chart = (
        gantt_chart(
            rows,
            title=_("Calendar of %(edition)s") % {"edition": translated(edition.name)},
            rtl=get_language_bidi(),
            today=today,
            today_label=_("today"),
        )
        if rows
        else ""
    )
    context = {
        "edition": edition,
        "chart": chart,
        "today": today,
        "phases": [(p, row.status) for p, row in zip(phases, rows, strict=True)],
    }
    return render(request, "dossiers/editions/calendar.html", context)
