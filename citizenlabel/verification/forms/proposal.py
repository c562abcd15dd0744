from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import Recommendation


class ProposalForm(forms.Form):
    """Whether the justification is required depends on the rules: the service decides."""

    recommendation = forms.ChoiceField(
        label=_("Proposal to the accreditation committee"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the proposal goes against the edition's rules."),
    )
