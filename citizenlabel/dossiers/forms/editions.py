from django import forms
from django.utils.translation import gettext_lazy as _

from citizenlabel.referential.models import Referential
from citizenlabel.territory.models import Commune, Region

from ..enums import Phase
from ..models import Edition
from ..services.editions import PhaseDates, calendar_problems


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class EditionForm(forms.ModelForm):
    target_regions = forms.ModelMultipleChoiceField(
        Region.objects.all(),
        required=False,
        label=_("Target every commune of these regions"),
        widget=forms.CheckboxSelectMultiple,
    )
    conditions_ar = forms.CharField(
        label=_("Eligibility conditions in Arabic, one per line"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "ar", "dir": "rtl"}),
        required=False,
    )
    conditions_fr = forms.CharField(
        label=_("The same conditions in French, one per line, in the same order"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "fr", "dir": "ltr"}),
        required=False,
    )

    class Meta:
        model = Edition
        fields = [
            "name",
            "referential",
            "target_communes",
            "self_assessment_weeks",
            "weight_questionnaire",
            "weight_information_access",
            "weight_ownership",
            "weight_equality_body",
            "achievement_weight",
            "label_threshold",
            "principle_floor",
            "label_validity_months",
            "chair_casting_vote",
        ]
        widgets = {"target_communes": forms.SelectMultiple(attrs={"size": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_communes"].required = False
        self.fields["target_communes"].queryset = Commune.objects.select_related("province")
        if not self.instance.pk:
            newest = Referential.objects.order_by("-loaded_at").first()
            self.initial["referential"] = self.initial.get("referential") or getattr(
                newest, "pk", None
            )
        if self.instance.pk and self.instance.dossiers.exists():
            # Dossiers answer this referential version: it can no longer change.
            self.fields["referential"].disabled = True
        phases = {p.phase: p for p in self.instance.phases.all()} if self.instance.pk else {}
        for phase in Phase:
            current = phases.get(phase.value)
            labels = {
                "start": _("%(phase)s — start") % {"phase": phase.label},
                "end": _("%(phase)s — end") % {"phase": phase.label},
            }
            for end, label in labels.items():
                self.fields[f"{phase.value}_{end}"] = forms.DateField(
                    label=label,
                    widget=DateInput(),
                    initial=getattr(current, "starts_on" if end == "start" else "ends_on", None),
                )
        if self.instance.pk:
            conditions = list(self.instance.eligibility_conditions.all())
            self.initial["conditions_ar"] = "\n".join(c.text.get("ar", "") for c in conditions)
            self.initial["conditions_fr"] = "\n".join(c.text.get("fr", "") for c in conditions)

    def phase_fields(self):
        """(phase label, start field, end field) rows for the calendar table."""
        return [(p.label, self[f"{p.value}_start"], self[f"{p.value}_end"]) for p in Phase]

    def phases(self) -> list[PhaseDates]:
        data = self.cleaned_data
        return [
            PhaseDates(p.value, data[f"{p.value}_start"], data[f"{p.value}_end"])
            for p in Phase
            if data.get(f"{p.value}_start") and data.get(f"{p.value}_end")
        ]

    def conditions(self) -> list[dict]:
        ar = [line.strip() for line in self.cleaned_data["conditions_ar"].splitlines()]
        fr = [line.strip() for line in self.cleaned_data["conditions_fr"].splitlines()]
        return [
            {code: text for code, text in (("ar", a), ("fr", f)) if text}
            for a, f in zip(ar, fr, strict=False)
            if a or f
        ]

    def communes(self) -> list[Commune]:
        chosen = set(self.cleaned_data["target_communes"])
        regions = self.cleaned_data["target_regions"]
        chosen |= set(Commune.objects.filter(province__region__in=regions))
        return sorted(chosen, key=lambda c: c.code)

    def clean(self):
        data = super().clean()
        if all(data.get(f"{p.value}_{e}") for p in Phase for e in ("start", "end")):
            for problem in calendar_problems(self.phases()):
                self.add_error(None, problem)
        ar_lines = [line for line in data.get("conditions_ar", "").splitlines() if line.strip()]
        fr_lines = [line for line in data.get("conditions_fr", "").splitlines() if line.strip()]
        if ar_lines and fr_lines and len(ar_lines) != len(fr_lines):
            self.add_error("conditions_fr", _("Give as many conditions in French as in Arabic."))
        return data
