"""The verification visit: the coordination schedules it; the commune and its team read it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citizenlabel.dossiers.views.common import get_dossier, require_or_404

from .. import rules as verification_rules
from ..forms.visit import VisitForm
from ..models import Visit
from ..selectors_review import team_members, visit_of
from ..services.visit import schedule_visit, submission_date


def _initial(scheduled: Visit | None) -> dict:
    if scheduled is None:
        return {}
    return {
        "date": scheduled.date,
        "members": [user.pk for user in scheduled.members.all()],
        "agenda": scheduled.agenda,
        "documents": scheduled.documents,
    }


def _outside_team(scheduled: Visit | None, members: list) -> list:
    """Visitors no longer in the dossier's team (it was changed after the scheduling)."""
    in_team = {user.pk for user in members}
    return [
        user for user in (scheduled.members.all() if scheduled else []) if user.pk not in in_team
    ]


@login_required
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    require_or_404(verification_rules.can_see_visit, request, dossier)
    scheduled = visit_of(dossier)
    can_schedule = verification_rules.can_schedule_visit(request.user, dossier)
    members = team_members(dossier.technical_team_id) if can_schedule else []
    data = request.POST if request.method == "POST" else None
    if data is not None and not can_schedule:
        messages.error(request, _("Only the coordination committee schedules the visit."))
        return redirect("verification:visit", pk=dossier.pk)
    submitted_on = submission_date(dossier)
    form = None
    if can_schedule:
        form = VisitForm(
            data, initial=_initial(scheduled), team_members=members, submitted_on=submitted_on
        )
    if form is not None and form.is_valid():
        try:
            schedule_visit(
                dossier=dossier,
                date=form.cleaned_data["date"],
                members=list(form.cleaned_data["members"]),
                agenda=form.cleaned_data["agenda"],
                documents=form.cleaned_data["documents"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect("verification:visit", pk=dossier.pk)
        else:
            messages.success(request, _("The visit is scheduled and the commune is notified."))
            return redirect("verification:visit", pk=dossier.pk)
    context = {
        "dossier": dossier,
        "visit": scheduled,
        "form": form,
        "submitted_on": submitted_on,
        "outside_team": _outside_team(scheduled, members) if can_schedule else [],
        "schedule_closed": not can_schedule
        and verification_rules.is_coordination_member(request.user),
    }
    return render(request, "verification/visit/visit.html", context)
