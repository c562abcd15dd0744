"""The evaluation form: summaries, structured effects, narrative. The re-verification posts
the verification's form (verification/forms/verify.py)."""

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
