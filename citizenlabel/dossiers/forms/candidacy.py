from django import forms
from django.utils.translation import gettext_lazy as _

from citizenlabel.people.models import TechnicalTeam

from ..models import Candidacy, FocalPointMember
from ..services.files import PDF_ONLY, check_upload
from .editions import DateInput

MEMBER_FIELDS = ["full_name", "function", "kind", "gender", "is_opposition", "phone", "email"]


class CandidacyForm(forms.ModelForm):
    deliberation = forms.FileField(
        label=_("Signed deliberation (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    class Meta:
        model = Candidacy
        fields = [
            "council_session",
            "deliberation_number",
            "deliberation_date",
            "address",
            "phone",
            "email",
            "website",
        ]
        widgets = {"deliberation_date": DateInput()}

    def clean_deliberation(self):
        upload = self.cleaned_data.get("deliberation")
        if upload:
            check_upload(upload, allowed=PDF_ONLY)  # the service checks again on save
        return upload


class FocalPointMemberForm(forms.ModelForm):
    class Meta:
        model = FocalPointMember
        fields = MEMBER_FIELDS


FocalTeamFormSet = forms.modelformset_factory(  # rows become new objects: see new_rows
    FocalPointMember,
    form=FocalPointMemberForm,
    extra=2,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


class EligibilityForm(forms.Form):
    decision = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda value: value == "eligible",
        widget=forms.RadioSelect,
        choices=[("eligible", _("Eligible")), ("ineligible", _("Not eligible"))],
    )
    reason = forms.CharField(
        label=_("Reason, shown to the commune"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    technical_team = forms.ModelChoiceField(
        TechnicalTeam.objects.all(),
        label=_("Technical team that will follow the commune"),
        required=False,
    )

    def __init__(self, *args, conditions, **kwargs):
        super().__init__(*args, **kwargs)
        self.conditions = conditions
        for condition in conditions:
            self.fields[f"met_{condition.pk}"] = forms.BooleanField(required=False)
            self.fields[f"note_{condition.pk}"] = forms.CharField(
                required=False, max_length=500, label=_("Note")
            )

    def condition_rows(self):
        return [(c, self[f"met_{c.pk}"], self[f"note_{c.pk}"]) for c in self.conditions]

    def checks(self) -> dict[int, tuple[bool, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"met_{c.pk}"], data[f"note_{c.pk}"]) for c in self.conditions}
