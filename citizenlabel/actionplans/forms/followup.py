"""Forms of the dashboard: they parse what was typed; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import ActivityStatus
from ..models import ActionPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeasurementForm(forms.Form):
    """A measurement of one of the plan's indicators; any other id is refused."""

    indicator = forms.ModelChoiceField(
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _(
                "A measurement for an unknown indicator: this indicator is not one of this "
                "plan's indicators. Nothing was recorded."
            ),
            "required": _("A measurement for an unknown indicator: choose an indicator."),
        },
    )
    measured_on = forms.DateField(label=_("Date of the measurement"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = plan.indicators.all()


class ActivityProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    percent_done = forms.IntegerField(
        label=_("Percentage done"), widget=forms.NumberInput(attrs={"min": 0, "max": 100})
    )
    spent = forms.DecimalField(
        label=_("Budget used (MAD)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )


class FollowUpCommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class MonitoringVisitForm(forms.Form):
    date = forms.DateField(label=_("Date of the visit"), widget=DATE)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}))
