"""The technical teams, formed by the coordination committee (or an administrator)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citizenlabel.people.models import TechnicalTeam

from .. import rules as verification_rules
from ..forms.teams import TechnicalTeamForm
from ..selectors_review import technical_teams
from ..services.teams import save_technical_team


def _require_team_managers(request: HttpRequest) -> None:
    if not verification_rules.can_manage_teams(request.user):
        raise Http404


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    _require_team_managers(request)
    return render(request, "verification/teams/list.html", {"teams": technical_teams()})


@login_required
def team_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_team_managers(request)
    team = technical_teams().filter(pk=pk).first() if pk else TechnicalTeam()
    if team is None:
        raise Http404
    current = getattr(team, "team_members", [])
    leader = next((m.user for m in current if m.is_leader), None)
    data = request.POST if request.method == "POST" else None
    form = TechnicalTeamForm(data, instance=team, members=[m.user for m in current], leader=leader)
    if data is not None and form.is_valid():
        try:
            saved = save_technical_team(
                team=form.save(commit=False),
                members=list(form.cleaned_data["members"]),
                leader=form.cleaned_data["leader"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The technical team “%(name)s” was saved.") % {"name": saved}
            )
            return redirect("verification:team_list")
    return render(request, "verification/teams/form.html", {"form": form, "team": team})
