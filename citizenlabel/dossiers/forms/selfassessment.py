from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Launch, ScheduleStep, TrainingAttendance
from .editions import DateInput


class LaunchForm(forms.ModelForm):
    class Meta:
        model = Launch
        fields = [
            "official_start",
            "workshop_date",
            "workshop_council_women",
            "workshop_council_men",
            "workshop_staff_women",
            "workshop_staff_men",
            "workshop_equality_women",
            "workshop_equality_men",
        ]
        widgets = {"official_start": DateInput(), "workshop_date": DateInput()}

    def workshop_fields(self):
        """(category, women field, men field) rows of the workshop's participants."""
        return [
            (_("Council members"), self["workshop_council_women"], self["workshop_council_men"]),
            (_("Staff"), self["workshop_staff_women"], self["workshop_staff_men"]),
            (_("Equality body"), self["workshop_equality_women"], self["workshop_equality_men"]),
        ]


class ScheduleStepForm(forms.ModelForm):
    class Meta:
        model = ScheduleStep
        fields = ["activity", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end is before the start."))
        return data


class TrainingForm(forms.ModelForm):
    class Meta:
        model = TrainingAttendance
        fields = ["session", "session_date", "full_name", "function", "gender"]
        widgets = {"session_date": DateInput()}


ScheduleFormSet = forms.modelformset_factory(
    ScheduleStep, form=ScheduleStepForm, extra=2, can_delete=True, max_num=30
)
TrainingFormSet = forms.modelformset_factory(
    TrainingAttendance, form=TrainingForm, extra=2, can_delete=True, max_num=60
)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Add a verification source"))
