"""Labels: the list, a label's page with its history and revocation, and the public
verification of a certificate code (no sign-in); the certificate is in reports/views.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from citizenlabel.common.confirm import confirmation_page, is_confirmed

from .. import rules as accreditation_rules
from ..enums import LabelStatus
from ..forms.labels import RevokeForm, VerifyForm
from ..selectors_labels import (
    check_code,
    current_status,
    label_for_user,
    label_history,
    labels_for_user,
    normalise_code,
    revocation_consequences,
)
from ..services.labels import revoke_label

PAGE_SIZE = 50


@login_required
def label_list(request: HttpRequest) -> HttpResponse:
    if not accreditation_rules.can_list_labels(request.user):
        raise Http404
    labels = labels_for_user(request.user)
    status = request.GET.get("status", "")
    if status in LabelStatus.values:
        labels = labels.filter(status=status)
    page = Paginator(labels.order_by("-granted_on", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "status": status, "statuses": LabelStatus.choices}
    return render(request, "accreditation/labels/list.html", context)


def _label_page(
    request: HttpRequest, label, form: RevokeForm | None = None, http_status: int = 200
) -> HttpResponse:
    status = current_status(label)
    context = {
        "label": label,
        "status": status,
        "status_display": LabelStatus(status).label,
        "history": label_history(label),
        "may_revoke": accreditation_rules.can_revoke_labels(request.user),
        "form": form or RevokeForm(),
    }
    return render(request, "accreditation/labels/detail.html", context, status=http_status)


@login_required
@require_safe
def label_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _label_page(request, label_for_user(request.user, pk))


@login_required
@require_POST
def label_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    label = label_for_user(request.user, pk)
    if not accreditation_rules.can_revoke_labels(request.user):
        raise PermissionDenied(_("Only the coordination committee revokes a label."))
    form = RevokeForm(request.POST)
    if form.is_valid() and not is_confirmed(request):
        cancel = reverse("accreditation:label", args=[label.pk])
        return confirmation_page(request, revocation_consequences(label), cancel_url=cancel)
    if form.is_valid():
        try:
            revoke_label(label=label, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The label is revoked; the commune has been notified."))
            return redirect("accreditation:label", pk=label.pk)
    return _label_page(request, label, form, http_status=422)


@require_safe
def verify(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """The public check of a certificate code: the form, then the answer for one code."""
    if code is None:
        return _verify_typed(request)
    normalised = normalise_code(code)
    if normalised is not None and normalised != code:  # small letters, spaces: one address
        return redirect("accreditation:verify", code=normalised)
    return _verify_page(request, VerifyForm(initial={"code": code}), check_code(code))


def _verify_typed(request: HttpRequest) -> HttpResponse:
    if "code" not in request.GET:
        return _verify_page(request, VerifyForm(), None)
    form = VerifyForm(request.GET)
    if not form.is_valid():
        return _verify_page(request, form, None)
    typed = form.cleaned_data["code"]
    if (normalised := normalise_code(typed)) is not None:
        return redirect("accreditation:verify", code=normalised)
    return _verify_page(request, form, check_code(typed))  # cannot be a code: unknown


def _verify_page(request: HttpRequest, form: VerifyForm, checked) -> HttpResponse:
    unknown = checked is not None and not checked.found
    context = {"form": form, "checked": checked, "statuses": LabelStatus}
    response = render(
        request, "accreditation/labels/verify.html", context, status=404 if unknown else 200
    )
    response["X-Robots-Tag"] = "noindex"  # certificate pages are looked up, not searched
    return response
