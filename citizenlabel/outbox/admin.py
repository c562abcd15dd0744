from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import OutboxEmail
from .services import resend_email


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """Read-only: what was written stays as written; the only action is to send again."""

    list_display = ["created_at", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "recipients"]
    actions = ["send_again"]
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Send the selected emails again"))
    def send_again(self, request, queryset) -> None:
        emails = list(queryset)
        for email in emails:
            resend_email(email=email)
        count = len(emails)
        message = ngettext(
            "%(count)d email put back in the queue.",
            "%(count)d emails put back in the queue.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
