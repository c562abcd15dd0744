from django import forms
from django.utils.translation import gettext_lazy as _


class FinalScoreForm(forms.Form):
    """The final score cannot be changed once recorded: the team confirms it first."""

    confirm = forms.BooleanField(
        label=_("The verification is complete; the final score cannot be changed once recorded."),
        error_messages={
            "required": _("Tick the box to confirm that the verification is complete.")
        },
    )
