"""Every document as a download: each view fetches its object with the owning app's
user-aware selector (outsiders get 404), then prints it. Arabic by default, French with
?lang=fr. The routes sit in `reports/urls.py`; the domain pages only name them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from citizenlabel.accreditation.selectors import letter_item_for_user, session_for_user
from citizenlabel.accreditation.selectors_labels import label_for_user
from citizenlabel.actionplans.views.dashboard import plan_dossier
from citizenlabel.dossiers.views.common import get_dossier, require_or_404
from citizenlabel.verification.rules import can_see_verification

from .action_plan import action_plan_pdf
from .certificate import certificate_pdf
from .minutes import decision_letter_pdf, minutes_pdf
from .self_assessment import self_assessment_pdf
from .verification import verification_pdf


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _language(request: HttpRequest) -> str:
    """Arabic unless ?lang=fr."""
    return "fr" if request.GET.get("lang") == "fr" else "ar"


@login_required
def self_assessment_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Arabic by default, French with ?lang=fr (or when the page is in French)."""
    dossier = get_dossier(request, pk)
    language = request.GET.get("lang") or get_language() or "ar"
    language = language if language in ("ar", "fr") else "ar"
    return pdf_response(
        self_assessment_pdf(dossier, language),
        f"self-assessment-{dossier.commune.code}-{language}.pdf",
    )


@login_required
def verification_report(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    require_or_404(can_see_verification, request, dossier)
    language = _language(request)
    return pdf_response(
        verification_pdf(dossier, language),
        f"verification-{dossier.commune.code}-{language}.pdf",
    )


@login_required
def action_plan_report(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = plan_dossier(request, pk)
    language = _language(request)
    return pdf_response(
        action_plan_pdf(dossier, language),
        f"action-plan-{dossier.commune.code}-{language}.pdf",
    )


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_user(request.user, pk)
    language = _language(request)
    filename = f"minutes-{session.date:%Y-%m-%d}-{language}.pdf"
    return pdf_response(minutes_pdf(session, language), filename)


@login_required
def letter(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = letter_item_for_user(request.user, pk, item_pk)
    language = _language(request)
    filename = f"decision-{item.dossier.commune.code}-{language}.pdf"
    return pdf_response(decision_letter_pdf(item, language), filename)


@login_required
@require_safe
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    label = label_for_user(request.user, pk)
    language = _language(request)
    return pdf_response(
        certificate_pdf(label, language), f"certificate-{label.code}-{language}.pdf"
    )
