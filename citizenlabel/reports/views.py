from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from citizenlabel.dossiers.views.common import get_dossier

from .self_assessment import self_assessment_pdf


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


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
