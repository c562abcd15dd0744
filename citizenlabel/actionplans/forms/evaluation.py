"""The evaluation form (summaries, structured effects, narrative) and the re-verification
form. The services check the values (options against the question, reasons, rules)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Effect, PlanEvaluation


class PlanEvaluationForm(forms.ModelForm):
    class Meta:
        model = PlanEvaluation
        fields = ["activities_summary", "results_obtained", "narrative"]
        widgets = {
            "activities_summary": forms.Textarea(attrs={"rows": 4}),
            "results_obtained": forms.Textarea(attrs={"rows": 4}),
            "narrative": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "activities_summary": _("What was carried out, what was late or cancelled, and why."),
            "results_obtained": _("The expected results reached, partly reached or missed."),
            "narrative": _(
                "The changes the plan produced in the commune, told in your own words: "
                "for whom, how they show, what remains to do."
            ),
        }


class EffectForm(forms.ModelForm):
    class Meta:
        model = Effect
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


EffectFormSet = forms.modelformset_factory(
    Effect, form=EffectForm, extra=2, can_delete=True, max_num=20, validate_max=True
)


class CodesField(forms.Field):
    """Every value posted under the name (checkboxes or radios), as strings."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        return [str(code) for code in value or []]


class ReverifiedAnswerForm(forms.Form):
    evidence_status = forms.CharField(required=False, max_length=20)
    options = CodesField(required=False)
    reason = forms.CharField(required=False, max_length=4000)
    version = forms.IntegerField(required=False, min_value=0)

    def values(self) -> dict:
        """The service's arguments (call once valid); a missing version never matches."""
        data = self.cleaned_data
        return {
            "evidence_status": data["evidence_status"],
            "options": data["options"],
            "reason": data["reason"],
            "seen_version": -1 if data["version"] is None else data["version"],
        }

    def error_messages(self) -> list[str]:
        return [error for errors in self.errors.values() for error in errors]
