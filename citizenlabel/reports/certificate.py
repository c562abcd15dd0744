"""The certificate of a label: one A4 landscape page with its verification code and a QR code
that leads to the public verification page."""

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from citizenlabel.accreditation.enums import LabelStatus
from citizenlabel.accreditation.models import Label
from citizenlabel.accreditation.selectors_labels import current_status

from .pdf import render_pdf


def verification_url(label: Label) -> str:
    """The public page that confirms the certificate, as the QR code holds it."""
    return settings.SITE_URL + reverse("accreditation:verify", args=[label.code])


def qr_code(url: str) -> segno.QRCode:
    # Level M survives a crease or a stain on a printed page and keeps the code small.
    return segno.make(url, error="m", micro=False)


def qr_data_uri(url: str) -> str:
    """An SVG data URI (nothing written to disk), drawn by WeasyPrint as vectors."""
    return qr_code(url).svg_data_uri(dark="#000", light="#fff", border=4, omitsize=True)


def certificate_context(label: Label) -> dict:
    url, status = verification_url(label), current_status(label)
    return {
        "label": label,
        "commune": label.commune,
        "status": status,
        "status_display": LabelStatus(status).label,
        "verification_url": url,
        "verification_page": settings.SITE_URL + reverse("accreditation:verify"),
        "qr": qr_data_uri(url),
        "generated_on": timezone.localdate(),
    }


def certificate_pdf(label: Label, language: str) -> bytes:
    return render_pdf("reports/certificate.html", certificate_context(label), language=language)
