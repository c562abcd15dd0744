from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    name = "citizenlabel.verification"
    verbose_name = _("Review and verification")
