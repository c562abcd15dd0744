"""The self-assessment pages: the launch, the questionnaire with answers saved on change,
and the evidence files attached per question."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizenlabel.common.problems import InvalidInput
from citizenlabel.referential.models import Question

from .. import rules as dossier_rules
from ..forms.common import new_rows
from ..forms.selfassessment import EvidenceForm, LaunchForm, ScheduleFormSet, TrainingFormSet
from ..models import Answer, DossierFile, Launch, ScheduleStep, TrainingAttendance
from ..selectors import file_for_user
from ..services.selfassessment import (
    StaleAnswer,
    attach_evidence,
    record_launch,
    remove_evidence,
    save_answer,
)
from .common import get_dossier
from .questionnaire import question_card_context, questionnaire_context


@login_required
def launch(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    editable = dossier_rules.can_launch_self_assessment(request.user, dossier)
    data = request.POST if request.method == "POST" and editable else None
    instance = Launch.objects.filter(dossier=dossier).first() or Launch(dossier=dossier)
    form = LaunchForm(data, instance=instance)
    schedule = ScheduleFormSet(data, queryset=dossier.schedule_steps.all(), prefix="schedule")
    training = TrainingFormSet(data, queryset=dossier.training.all(), prefix="training")
    if data is not None and form.is_valid() and schedule.is_valid() and training.is_valid():
        record_launch(
            dossier=dossier,
            launch=form.save(commit=False),
            schedule=new_rows(schedule, ScheduleStep),
            training=new_rows(training, TrainingAttendance),
            by=request.user,
        )
        messages.success(request, _("The launch of the self-assessment was saved."))
        return redirect("dossiers:launch", pk=pk)
    context = {
        "dossier": dossier,
        "form": form,
        "schedule": schedule,
        "training": training,
        "editable": editable,
        "launch": instance if instance.pk else None,
    }
    return render(request, "dossiers/selfassessment/launch.html", context)


@login_required
def questionnaire(request: HttpRequest, pk: int, field_code: str) -> HttpResponse:
    dossier = get_dossier(request, pk)
    context = questionnaire_context(request, dossier, field_code)
    return render(request, "dossiers/selfassessment/questionnaire.html", context)


def _question_or_404(dossier, question_pk: int) -> Question:
    return get_object_or_404(
        Question.objects.prefetch_related("options").select_related("principle"),
        pk=question_pk,
        referential_id=dossier.edition.referential_id,
    )


def _card(request, dossier, question, status: int = 200, **extra) -> HttpResponse:
    if not request.htmx:  # without JavaScript, go back to the question on its page
        for message in extra.get("errors", []):
            messages.error(request, message)
        if "conflict" in extra:
            messages.error(request, _("Someone else saved this answer meanwhile; check it."))
        return redirect(f"{question_url(dossier, question)}#q-{question.pk}")
    context = question_card_context(request, dossier, question, **extra)
    return render(request, "dossiers/selfassessment/_question_card.html", context, status=status)


def question_url(dossier, question) -> str:
    return reverse("dossiers:questionnaire", args=[dossier.pk, question.field.code])


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    question = _question_or_404(dossier, question_pk)
    options = request.POST.getlist("options")
    comment = request.POST.get("comment", "")
    seen = request.POST.get("version", "0")
    try:
        save_answer(
            dossier=dossier,
            question=question,
            options=options,
            comment=comment,
            seen_version=int(seen) if seen.isdigit() else -1,
            by=request.user,
        )
    except StaleAnswer as stale:
        mine = Answer(options=options, comment=comment)
        return _card(request, dossier, question, 409, conflict=stale.current, mine=mine)
    except InvalidInput as error:
        return _card(request, dossier, question, 422, errors=[p.message for p in error.problems])
    except PermissionDenied as error:
        return _card(request, dossier, question, 403, errors=[str(error)])
    return _card(request, dossier, question, saved=True)


@login_required
@require_POST
def upload_evidence(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    question = _question_or_404(dossier, question_pk)
    form = EvidenceForm(request.POST, request.FILES)
    errors = []
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
    else:
        try:
            attach_evidence(
                dossier=dossier,
                question=question,
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as error:
            errors = error.messages
        except PermissionDenied as error:
            errors = [str(error)]
    return _card(request, dossier, question, 422 if errors else 200, errors=errors)


@login_required
@require_POST
def delete_evidence(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    evidence = get_object_or_404(
        DossierFile, pk=file_pk, dossier=dossier, purpose=DossierFile.Purpose.EVIDENCE
    )
    question = _question_or_404(dossier, evidence.question_id)
    try:
        remove_evidence(evidence=evidence, by=request.user)
    except PermissionDenied as error:
        return _card(request, dossier, question, 403, errors=[str(error)])
    return _card(request, dossier, question)


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    """A dossier's file, only for those who may see the dossier (404 for anyone else)."""
    stored = file_for_user(request.user, pk)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
