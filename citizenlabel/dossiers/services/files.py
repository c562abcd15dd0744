"""Uploads: the type is read from the content, never trusted from the name or the browser."""

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ..models import Dossier, DossierFile

PDF = "application/pdf"
OFFICE = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
SIGNATURES = [
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),  # legacy .doc/.xls/.ppt
]
EVIDENCE_TYPES = frozenset(
    {
        PDF,
        "image/png",
        "image/jpeg",
        "application/msword",
        "application/vnd.oasis.opendocument",
        *OFFICE.values(),
    }
)
PDF_ONLY = frozenset({PDF})


@dataclass(frozen=True)
class CheckedUpload:
    upload: UploadedFile
    content_type: str
    sha256: str


def sniff_content_type(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        return _zip_document_type(upload)
    return None


def _zip_document_type(upload: UploadedFile) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names and archive.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument"
            ):
                return "application/vnd.oasis.opendocument"
            if "[Content_Types].xml" in names:
                for prefix, content_type in OFFICE.items():
                    if any(name.startswith(prefix) for name in names):
                        return content_type
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    return None


def check_upload(upload: UploadedFile, allowed: frozenset[str] = EVIDENCE_TYPES) -> CheckedUpload:
    """Refuse a file that is too big or whose content is not an allowed type."""
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        message = _("“%(name)s” is too big (%(size)s MB); the limit is %(limit)s MB.")
        raise ValidationError(
            message
            % {
                "name": upload.name,
                "size": round(upload.size / 1024 / 1024, 1),
                "limit": settings.MAX_UPLOAD_MB,
            }
        )
    content_type = sniff_content_type(upload)
    if content_type not in allowed:
        message = (
            _("“%(name)s” is not a PDF file.")
            if allowed == PDF_ONLY
            else _(
                "“%(name)s” is not an accepted file: use PDF, an image (PNG, JPEG) "
                "or an office document."
            )
        )
        raise ValidationError(message % {"name": upload.name})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(upload, content_type, digest.hexdigest())


def store_file(
    *, dossier: Dossier, checked: CheckedUpload, purpose: str, by, **links
) -> DossierFile:
    stored = DossierFile(
        dossier=dossier,
        purpose=purpose,
        original_name=checked.upload.name[:255],
        content_type=checked.content_type,
        size=checked.upload.size,
        sha256=checked.sha256,
        uploaded_by=by,
        **links,
    )
    stored.file.save("upload", checked.upload, save=False)
    stored.save()
    return stored
