from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizenlabel.people.models import TechnicalTeam
from citizenlabel.people.rules import is_national_staff
from citizenlabel.territory.models import Commune, Province, Region

from .. import rules as dossier_rules
from ..enums import DossierState
from ..forms.candidacy import CandidacyForm, EligibilityForm, FocalTeamFormSet
from ..forms.common import new_rows
from ..models import Candidacy, Edition, FocalPointMember
from ..selectors import dossiers_for_user
from ..services.candidacy import (
    candidacy_gaps,
    decide_eligibility,
    save_candidacy,
    start_candidacy,
    submit_candidacy,
)
from .common import get_dossier, require_or_404


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    edition = get_object_or_404(Edition, pk=pk)
    commune = get_object_or_404(Commune, pk=request.POST.get("commune"))
    try:
        dossier = start_candidacy(edition=edition, commune=commune, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dossiers:list")
    return redirect("dossiers:candidacy", pk=dossier.pk)


@login_required
def candidacy(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    instance = Candidacy.objects.filter(dossier=dossier).first() or Candidacy(dossier=dossier)
    editable = dossier_rules.can_edit_candidacy(request.user, dossier)
    data = request.POST if request.method == "POST" and editable else None
    form = CandidacyForm(data, request.FILES or None, instance=instance)
    team = FocalTeamFormSet(data, queryset=dossier.focal_team.all(), prefix="team")
    if data is not None and form.is_valid() and team.is_valid():
        try:
            save_candidacy(
                dossier=dossier,
                candidacy=form.save(commit=False),
                members=new_rows(team, FocalPointMember),
                deliberation=form.cleaned_data["deliberation"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The candidacy was saved."))
            return redirect("dossiers:candidacy", pk=dossier.pk)
    context = {
        "dossier": dossier,
        "form": form,
        "team": team,
        "editable": editable,
        "candidacy": instance if instance.pk else None,
        "gaps": candidacy_gaps(dossier),
        "can_submit": dossier_rules.can_submit_candidacy(request.user, dossier),
    }
    return render(request, "dossiers/candidacy/form.html", context)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    require_or_404(dossier_rules.can_view_dossier, request, dossier)
    if not dossier_rules.can_submit_candidacy(request.user, dossier):
        messages.error(request, _("Only the commune's president submits the candidacy."))
        return redirect("dossiers:candidacy", pk=pk)
    try:
        submit_candidacy(dossier=dossier, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dossiers:candidacy", pk=pk)
    messages.success(request, _("The candidacy was submitted to the coordination committee."))
    return redirect("dossiers:detail", pk=pk)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The coordination committee's candidacies, filtered by edition, region, province, state."""
    if not is_national_staff(request.user):
        raise Http404
    filters = {key: request.GET.get(key, "") for key in ("edition", "region", "province", "state")}
    dossiers = dossiers_for_user(request.user).select_related("candidacy")
    state = filters["state"] or DossierState.CANDIDACY_SUBMITTED
    if state != "all":
        dossiers = dossiers.filter(state=state)
    for key, lookup in (
        ("edition", "edition_id"),
        ("region", "commune__province__region_id"),
        ("province", "commune__province_id"),
    ):
        if filters[key].isdigit():
            dossiers = dossiers.filter(**{lookup: filters[key]})
    page = Paginator(dossiers.order_by("candidacy__submitted_at", "pk"), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "filters": {**filters, "state": state},
        "editions": Edition.objects.all(),
        "regions": Region.objects.all(),
        "provinces": Province.objects.all(),
        "states": DossierState.choices,
    }
    return render(request, "dossiers/candidacy/inbox.html", context)


@login_required
def eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    conditions = list(dossier.edition.eligibility_conditions.all())
    can_decide = dossier_rules.can_decide_eligibility(request.user, dossier)
    data = request.POST if request.method == "POST" and can_decide else None
    initial_team = TechnicalTeam.objects.filter(region=dossier.commune.province.region_id).first()
    form = EligibilityForm(data, conditions=conditions, initial={"technical_team": initial_team})
    if data is not None and form.is_valid():
        try:
            decide_eligibility(
                dossier=dossier,
                checks=form.checks(),
                eligible=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                technical_team=form.cleaned_data["technical_team"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision was recorded and the commune notified."))
            return redirect("dossiers:detail", pk=pk)
    context = {
        "dossier": dossier,
        "form": form,
        "can_decide": can_decide,
        "candidacy": Candidacy.objects.filter(dossier=dossier)
        .select_related("deliberation_file")
        .first(),
        "team": dossier.focal_team.all(),
        "checks": dossier.eligibility_checks.select_related("condition"),
    }
    return render(request, "dossiers/candidacy/eligibility.html", context)
