"""The coordination committee's review: the inbox of submitted dossiers with their team,
the study of a file answer by answer, and the provisional score."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizenlabel.common.confirm import confirmation_page, is_confirmed
from citizenlabel.dossiers.enums import DossierState as S
from citizenlabel.dossiers.models import Edition
from citizenlabel.dossiers.views.common import get_dossier, require_or_404
from citizenlabel.people.models import TechnicalTeam
from citizenlabel.referential.models import Question
from citizenlabel.territory.models import Province, Region

from .. import rules as verification_rules
from ..consequences import provisional_consequences
from ..forms.review import AnswerReviewForm, InboxFilterForm
from ..selectors_review import review_inbox, study_of, study_row
from ..services.review import StaleReview, review_answer
from ..services.scores import record_provisional_score
from ..services.teams import assign_technical_team

PAGE_SIZE = 25
# The states in which `can_assign_team` lets the coordination give a dossier to a team.
ASSIGNABLE_STATES = (S.SUBMITTED, S.PROVISIONALLY_SCORED, S.VERIFICATION)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    if not verification_rules.can_use_review_inbox(request.user):
        raise Http404
    teams = list(TechnicalTeam.objects.order_by("pk"))
    form = InboxFilterForm(
        request.GET,
        editions=list(Edition.objects.order_by("-created_at")),
        regions=list(Region.objects.all()),
        provinces=list(Province.objects.all()),
        teams=teams,
    )
    dossiers = review_inbox(request.user, form.filters(), form.order())
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "teams": teams,
        "query": query.urlencode(),
        "can_assign": verification_rules.is_coordination_member(request.user),
        "assignable_states": ASSIGNABLE_STATES,
    }
    return render(request, "verification/review/inbox.html", context)


def _back_to_inbox(request: HttpRequest) -> HttpResponse:
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("verification:inbox")
    return redirect(back)


@login_required
@require_POST
def assign_team(request: HttpRequest, pk: int) -> HttpResponse:
    if not verification_rules.can_use_review_inbox(request.user):
        raise Http404
    dossier = get_dossier(request, pk)
    team_pk = request.POST.get("team", "")
    team = TechnicalTeam.objects.filter(pk=team_pk).first() if team_pk.isdigit() else None
    try:
        assign_technical_team(dossier=dossier, team=team, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        problem = error.messages if isinstance(error, ValidationError) else [str(error)]
        messages.error(request, " ".join(problem))
    else:
        message = _("The dossier of %(commune)s is assigned to %(team)s.")
        messages.success(request, message % {"commune": dossier.commune, "team": team})
    return _back_to_inbox(request)


def _studied_dossier(request: HttpRequest, pk: int):
    dossier = get_dossier(request, pk)
    require_or_404(verification_rules.can_see_study, request, dossier)
    return dossier


@login_required
def study(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _studied_dossier(request, pk)
    fields, summary = study_of(dossier)
    context = {
        "dossier": dossier,
        "fields": fields,
        "summary": summary,
        "can_review": verification_rules.can_review_answers(request.user, dossier),
        "can_record": verification_rules.can_record_provisional_score(request.user, dossier),
    }
    return render(request, "verification/review/study.html", context)


def _seen_at(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return datetime.min  # a forged value: never equal to a saved review's time


def _card(request, dossier, question, status: int = 200, **extra) -> HttpResponse:
    if not request.htmx:  # without JavaScript, back to the answer on the study page
        for message in extra.get("errors", []):
            messages.error(request, message)
        if extra.get("conflict"):
            messages.error(request, _("Someone else reviewed this answer meanwhile; check it."))
        return redirect(reverse("verification:study", args=[dossier.pk]) + f"#r-{question.pk}")
    row, summary = study_row(dossier, question)
    context = {
        "dossier": dossier,
        "row": row,
        "summary": summary,
        "can_review": verification_rules.can_review_answers(request.user, dossier),
        "can_record": verification_rules.can_record_provisional_score(request.user, dossier),
        "oob": True,
        **extra,
    }
    return render(request, "verification/review/_review_card.html", context, status=status)


@login_required
@require_POST
def review(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    dossier = _studied_dossier(request, pk)
    question = get_object_or_404(
        Question, pk=question_pk, referential_id=dossier.edition.referential_id
    )
    form = AnswerReviewForm(request.POST)
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return _card(request, dossier, question, 422, errors=errors, form=form)
    data = form.cleaned_data
    try:
        review_answer(
            dossier=dossier,
            question=question,
            unsupported=data["unsupported"],
            reason=data["reason"],
            remark=data["remark"],
            seen_at=_seen_at(data["seen"]),
            by=request.user,
        )
    except StaleReview as stale:
        return _card(request, dossier, question, 409, conflict=stale.current, mine=data)
    except ValidationError as error:
        return _card(request, dossier, question, 422, errors=error.messages, form=form)
    except PermissionDenied as error:
        return _card(request, dossier, question, 403, errors=[str(error)])
    return _card(request, dossier, question, saved=True)


@login_required
@require_POST
def record_provisional(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _studied_dossier(request, pk)
    if not is_confirmed(request) and verification_rules.can_record_provisional_score(
        request.user, dossier
    ):
        cancel = reverse("verification:study", args=[pk])
        return confirmation_page(request, provisional_consequences(dossier), cancel_url=cancel)
    try:
        snapshot = record_provisional_score(dossier=dossier, by=request.user)
    except PermissionDenied:
        messages.error(
            request,
            _(
                "Only the coordination committee records the provisional score of a submitted "
                "file, once: nothing was changed."
            ),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        message = _("The provisional score (%(score)s %%) is recorded; the commune is notified.")
        score = "—" if snapshot.overall is None else snapshot.overall
        messages.success(request, message % {"score": score})
    return redirect("verification:study", pk=dossier.pk)
