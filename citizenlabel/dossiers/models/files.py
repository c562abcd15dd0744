import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossier import Dossier


def random_file_name(instance, filename: str) -> str:
    """Files are stored under random names; the original name is kept in the row only."""
    return f"dossiers/{instance.dossier_id}/{secrets.token_hex(16)}"


class DossierFile(models.Model):
    """An uploaded file of a dossier: evidence for a question, the council's deliberation,
    a good practice's document. Served only through a permission check; never changed."""

    class Purpose(models.TextChoices):
        EVIDENCE = "evidence", _("Verification source")
        DELIBERATION = "deliberation", _("Council deliberation")
        PRACTICE = "practice", _("Good-practice document")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    question = models.ForeignKey(
        "referential.Question", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    good_practice = models.ForeignKey(
        "dossiers.GoodPractice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
    )
    file = models.FileField(upload_to=random_file_name)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.original_name
