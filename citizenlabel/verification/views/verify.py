"""The on-site verification screen: each answer's declared value beside the verified one,
saved on change (htmx) with the field tabs and the verified score refreshed beside it. The
same card and the same save serve the re-verification round on the plan's evaluation page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizenlabel.common.problems import InvalidInput
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.views.common import get_dossier, require_or_404
from citizenlabel.referential.models import Field, Question

from .. import rules as verification_rules
from ..enums import EvidenceStatus, Round
from ..forms.verify import VerifiedAnswerForm
from ..models import VerifiedAnswer
from ..rounds import reverification_aims
from ..selectors_verify import (
    field_questions,
    verification_rows,
    verification_summary,
)
from ..services.verify import (
    StaleVerification,
    record_verified_answer,
    visit_date,
    why_not_open,
)


def dossier_for_verification(request: HttpRequest, pk: int, round: str = Round.VISIT) -> Dossier:
    """The dossier if the user may see this round of its verification; 404 for anyone else."""
    dossier = get_dossier(request, pk)
    if round == Round.REVERIFICATION:
        require_or_404(verification_rules.can_see_reverification, request, dossier)
    else:
        require_or_404(verification_rules.can_see_verification, request, dossier)
    return dossier


def read_only_notice(user, dossier: Dossier) -> str:
    """Why the page is read-only for this user now."""
    reason = why_not_open(user, dossier)
    if reason == "before_visit":
        message = _("Read-only until the day of the visit, %(date)s: it is recorded from then on.")
        return message % {"date": visit_date(dossier)}
    return {
        "not_team": _("Read-only: only the dossier's technical team records the verification."),
        "no_visit": _("Read-only until the visit is scheduled."),
        "not_started": _("Read-only: the verification has not started yet."),
        "closed": _("Read-only: the verification of this dossier is closed."),
    }[reason]


def card_choices() -> dict:
    """The evidence statuses a card offers, "could not be verified" apart."""
    return {
        "statuses": [c for c in EvidenceStatus.choices if c[0] != EvidenceStatus.UNVERIFIABLE],
        "unverifiable": EvidenceStatus.UNVERIFIABLE,
    }


def screen_context(request: HttpRequest, dossier: Dossier) -> dict:
    editable = verification_rules.can_verify(request.user, dossier)
    return {
        "dossier": dossier,
        "summary": verification_summary(dossier),
        "editable": editable,
        "not_open": "" if editable else read_only_notice(request.user, dossier),
        "show_reviews": verification_rules.can_see_review_notes(request.user, dossier),
        **card_choices(),
    }


@login_required
def verify_start(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_for_verification(request, pk)
    first = Field.objects.filter(referential_id=dossier.edition.referential_id).first()
    if first is None:
        raise Http404
    return redirect("verification:verify", pk=pk, field_code=first.code)


@login_required
def verify(request: HttpRequest, pk: int, field_code: str) -> HttpResponse:
    dossier = dossier_for_verification(request, pk)
    field, questions = field_questions(dossier, field_code)
    topics: list[tuple[object, list]] = []
    for row in verification_rows(dossier, questions):
        if not topics or topics[-1][0] != row.question.topic:
            topics.append((row.question.topic, []))
        topics[-1][1].append(row)
    context = {"field": field, "topics": topics, **screen_context(request, dossier)}
    return render(request, "verification/verify/screen.html", context)


def _card_url(dossier: Dossier, question: Question, round: str) -> str:
    """Where the card lives, for the browser without JavaScript."""
    if round == Round.REVERIFICATION:
        return reverse("actionplans:evaluation", args=[dossier.pk]) + f"#rv-{question.pk}"
    url = reverse("verification:verify", args=[dossier.pk, question.field.code])
    return f"{url}#vq-{question.pk}"


def _card_context(request, dossier: Dossier, question: Question, round: str) -> dict:
    if round == Round.REVERIFICATION:
        aims = reverification_aims(dossier)
        return {
            "dossier": dossier,
            "row": verification_rows(dossier, [question], round, aims)[0],
            "editable": verification_rules.can_reverify(request.user, dossier),
            **card_choices(),
        }
    return {
        "row": verification_rows(dossier, [question])[0],
        "field": question.field,
        "oob": True,  # the progress above the cards follows
        **screen_context(request, dossier),
    }


def _card(request, dossier, question, round, status: int = 200, **extra) -> HttpResponse:
    if not request.htmx:  # without JavaScript, back to the question on its page
        for error in extra.get("errors", []):
            messages.error(request, error)
        if extra.get("stale") and round == Round.REVERIFICATION:
            messages.error(
                request, _("Someone else saved this re-verification meanwhile; check it.")
            )
        elif extra.get("stale"):
            messages.error(request, _("Someone else saved this verification meanwhile; check it."))
        if extra.get("saved"):
            messages.success(request, _("The verification of this answer was saved."))
        return redirect(_card_url(dossier, question, round))
    context = {**_card_context(request, dossier, question, round), **extra}
    return render(request, "verification/verify/_card.html", context, status=status)


def _question_in_round(dossier: Dossier, question_pk: int, round: str) -> Question:
    """The question if this round covers it: every question on the visit, only those the
    action plan targets at re-verification; 404 otherwise."""
    question = get_object_or_404(
        Question.objects.select_related("field", "principle").prefetch_related("options"),
        pk=question_pk,
        referential_id=dossier.edition.referential_id,
    )
    if round == Round.REVERIFICATION and question.pk not in reverification_aims(dossier):
        raise Http404  # a question the plan does not target has no card
    return question


@login_required
@require_POST
def verify_answer(
    request: HttpRequest, pk: int, question_pk: int, round: str = Round.VISIT
) -> HttpResponse:
    """Save one answer's card in its round (the visit, or the plan's re-verification)."""
    dossier = dossier_for_verification(request, pk, round)
    question = _question_in_round(dossier, question_pk, round)
    form = VerifiedAnswerForm(request.POST)
    if not form.is_valid():
        return _card(request, dossier, question, round, 422, errors=form.error_messages())
    values = form.values()
    posted = VerifiedAnswer(
        round=round,
        evidence_status=values["evidence_status"],
        options=values["options"],
        reason=values["reason"],
    )
    try:
        record_verified_answer(
            dossier=dossier, question=question, round=round, **values, by=request.user
        )
    except StaleVerification as stale:
        return _card(
            request, dossier, question, round, 409, stale=True, conflict=stale.current, mine=posted
        )
    except InvalidInput as error:
        errors = [problem.message for problem in error.problems]
        return _card(request, dossier, question, round, 422, errors=errors, posted=posted)
    except PermissionDenied as error:
        return _card(request, dossier, question, round, 403, errors=[str(error)])
    return _card(request, dossier, question, round, saved=True)
