from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citizenlabel.referential.models import Question

from ..enums import ClarificationStatus
from .dossier import Dossier


class Clarification(models.Model):
    """A request for clarification from the commune, answered by its technical team."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="clarifications")
    question = models.ForeignKey(
        Question,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about the question"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ClarificationStatus.choices,
        default=ClarificationStatus.OPEN,
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Set by the first answer of the technical team.")
    )

    class Meta:
        ordering = ["dossier", "-asked_at"]
        verbose_name = _("clarification request")
        verbose_name_plural = _("clarification requests")

    def __str__(self) -> str:
        return self.subject

    @property
    def response_time(self):
        return self.answered_at - self.asked_at if self.answered_at else None


class ClarificationMessage(models.Model):
    clarification = models.ForeignKey(
        Clarification, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["clarification", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"
