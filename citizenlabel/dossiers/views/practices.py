"""Good practices: the list, one practice's form (new or existing) with its files, and the
two deletions. Those who may see but not edit get the same pages without forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import rules as dossier_rules
from ..forms.practices import GoodPracticeForm
from ..forms.profile import summary_items
from ..models import Dossier, DossierFile, GoodPractice
from ..selectors_practices import pending_practice_files
from ..services.practices import (
    StalePractice,
    delete_good_practice,
    keep_practice_uploads,
    practice_version,
    remove_practice_file,
    save_good_practice,
)
from ..services.selfassessment import closed_message
from .common import get_dossier, require


def _practices_of(dossier: Dossier) -> QuerySet[GoodPractice]:
    """The dossier's practices with their principle and files, in two queries."""
    return dossier.good_practices.select_related("principle").prefetch_related("files")


def _practice_or_404(dossier: Dossier, practice_pk: int) -> GoodPractice:
    return get_object_or_404(_practices_of(dossier), pk=practice_pk)


def _editable(request: HttpRequest, dossier: Dossier) -> bool:
    return dossier_rules.can_edit_self_assessment(request.user, dossier)


@login_required
def practice_list(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    context = {
        "dossier": dossier,
        "practices": _practices_of(dossier),
        "editable": _editable(request, dossier),
    }
    return render(request, "dossiers/practices/practice_list.html", context)


@login_required
def practice_new(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    require(dossier_rules.can_edit_self_assessment, request, dossier, closed_message())
    return _practice_form(request, dossier, GoodPractice(dossier=dossier))


@login_required
def practice_edit(request: HttpRequest, pk: int, practice_pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    practice = _practice_or_404(dossier, practice_pk)
    if _editable(request, dossier):
        return _practice_form(request, dossier, practice)
    if request.method == "POST":
        raise PermissionDenied(closed_message())
    context = {"dossier": dossier, "practice": practice}
    return render(request, "dossiers/practices/practice_detail.html", context)


def _practice_form(request: HttpRequest, dossier: Dossier, practice: GoodPractice):
    posted = request.method == "POST"
    form = GoodPracticeForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instance=practice,
        referential_id=dossier.edition.referential_id,
    )
    version = request.POST.get("version", practice_version(practice))
    pending = []
    if posted:
        ids = request.POST.getlist("pending_files")
        pending = pending_practice_files(dossier=dossier, by=request.user, ids=ids)
    if posted and form.is_valid():
        saved, version = _save(request, dossier, form, version, pending)
        if saved:
            message = _("The good practice “%(title)s” was saved.")
            messages.success(request, message % {"title": practice.title})
            return redirect("dossiers:practices", pk=dossier.pk)
    if posted:
        pending += _keep_uploads(request, dossier, form)
    context = {
        "dossier": dossier,
        "practice": practice,
        "form": form,
        "summary": summary_items(form),
        "version": version,
        "pending_files": pending,
    }
    return render(request, "dossiers/practices/practice_form.html", context)


def _keep_uploads(request: HttpRequest, dossier: Dossier, form: GoodPracticeForm) -> list:
    """The form came back with an error: its good files are kept on the server, since a
    browser never fills a file input again."""
    if "files" in form.errors:
        return []  # a file of the wrong type or size is refused, not kept
    uploads = form.cleaned_data.get("files") or []
    try:
        return keep_practice_uploads(dossier=dossier, uploads=uploads, by=request.user)
    except ValidationError:
        return []


def _save(
    request: HttpRequest, dossier: Dossier, form: GoodPracticeForm, version: str, pending: list
):
    """(saved?, the version the page must remember): a refusal is shown above the form."""
    try:
        save_good_practice(
            dossier=dossier,
            practice=form.instance,
            uploads=form.cleaned_data["files"],
            by=request.user,
            seen_version=version,
            pending=pending,
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
    except StalePractice as stale:
        message = _(
            "Someone else saved this practice after you opened it, so nothing was changed. "
            "Check the text: saving again replaces theirs."
        )
        form.add_error(None, message)
        return False, practice_version(stale.current)
    else:
        return True, version
    return False, version


@login_required
@require_POST
def practice_delete(request: HttpRequest, pk: int, practice_pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    practice = _practice_or_404(dossier, practice_pk)
    delete_good_practice(practice=practice, by=request.user)
    messages.success(
        request, _("The good practice “%(title)s” was deleted.") % {"title": practice.title}
    )
    return redirect("dossiers:practices", pk=dossier.pk)


@login_required
@require_POST
def practice_file_delete(
    request: HttpRequest, pk: int, practice_pk: int, file_pk: int
) -> HttpResponse:
    dossier = get_dossier(request, pk)
    practice = _practice_or_404(dossier, practice_pk)
    stored = get_object_or_404(
        DossierFile, pk=file_pk, good_practice=practice, purpose=DossierFile.Purpose.PRACTICE
    )
    stored.dossier = dossier  # the same row, already fetched with the permission check
    remove_practice_file(stored=stored, by=request.user)
    messages.success(
        request, _("The file “%(name)s” was removed.") % {"name": stored.original_name}
    )
    return redirect("dossiers:practice_edit", pk=dossier.pk, practice_pk=practice.pk)
