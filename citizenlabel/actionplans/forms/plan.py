"""The draft's forms: the candidates ticked for the what-if (GET, no script needed), and the
plan's overall objective and period (to open it, then to edit them)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..planning import Candidate
from ..services.plan import Selection

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SelectionForm(forms.Form):
    """`pick` = the ticked question codes; `to-<code>` = the option a single question should
    reach (its best one unless another is chosen)."""

    pick = forms.MultipleChoiceField(
        label=_("Improvements"),
        required=False,
        error_messages={
            "invalid_choice": _("Question %(value)s is not one of the proposed improvements.")
        },
    )

    def __init__(self, *args, candidates: list[Candidate], **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {c.code: c for c in candidates}
        self.fields["pick"].choices = [(c.code, c.code) for c in candidates]
        for candidate in candidates:
            if len(candidate.reaches) > 1:
                self.fields[f"to-{candidate.code}"] = forms.ChoiceField(
                    label=_("Option to reach"),
                    required=False,
                    choices=[(r.options[0], r.options[0]) for r in candidate.reaches],
                )

    def changes(self) -> dict[str, tuple[str, ...]]:
        """{code: the answer to reach} of the valid ticks, in the candidates' order."""
        if not self.is_valid():
            return {}
        picked = set(self.cleaned_data["pick"])
        changes = {}
        for code, candidate in self.candidates.items():
            if code in picked:
                chosen = self.cleaned_data.get(f"to-{code}")
                changes[code] = (chosen,) if chosen else candidate.best.options
        return changes

    def selections(self) -> list[Selection]:
        return [Selection(code, options) for code, options in self.changes().items()]


class PlanForm(forms.Form):
    overall_objective = forms.CharField(
        label=_("Overall objective"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The change the whole plan serves, for the commune and its inhabitants."),
    )
    starts_on = forms.DateField(label=_("Start of the plan"), widget=DATE)
    ends_on = forms.DateField(label=_("End of the plan"), widget=DATE)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end is before the start."))
        return data
