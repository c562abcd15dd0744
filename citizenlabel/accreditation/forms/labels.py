"""The public check of a certificate code and the coordination's revocation of a label.
They parse the input; the selectors and services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..selectors_labels import MAX_CODE_INPUT
from ..services.labels import MAX_REASON


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate verification code"),
        max_length=MAX_CODE_INPUT,
        help_text=_(
            "As printed on the certificate, under its QR code, for example LCC-7K3M-Q9XA-2BFP. "
            "Capital or small letters, spaces or dashes: it does not matter."
        ),
        error_messages={
            "required": _("Type the code printed on the certificate."),
            "max_length": _("This is too long to be a certificate code."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "dir": "ltr", "size": 24}
        ),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason of the revocation"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Recorded in the label's history, sent to the commune and shown on the public "
            "verification page."
        ),
        error_messages={
            "required": _("Give the reason of the revocation: it is recorded."),
            "max_length": _("Keep the reason under %(limit_value)s characters."),
        },
    )
