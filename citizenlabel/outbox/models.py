"""The outbox: every email is a row written in the transaction of the change that causes it,
so a change is never lost to a failing mail server and a mail is never sent for a change that
was rolled back."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import EmailStatus


class OutboxEmail(models.Model):
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    recipients = models.JSONField(_("recipients"), default=list)
    status = models.CharField(
        _("status"), max_length=8, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return self.subject
