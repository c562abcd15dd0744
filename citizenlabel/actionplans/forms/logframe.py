"""One small form per row kind of the logical framework. Row choices come from this plan
only; the services check every id again."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import ActivityStatus, Frequency, Level
from .plan import DATE

FORGED = _("Choose a row of this action plan.")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _row_choice(label, *, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        required=required,
        empty_value=None,
        error_messages={"invalid_choice": FORGED},
    )


class ObjectiveForm(forms.Form):
    text = forms.CharField(label=_("Specific objective"), max_length=2000, widget=TEXTAREA)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_of(objective) -> dict:
        return {"text": objective.text}

    def arguments(self) -> dict:
        return dict(self.cleaned_data)


class ResultForm(forms.Form):
    text = forms.CharField(label=_("Expected result"), max_length=2000, widget=TEXTAREA)
    principle = _row_choice(_("Principle"))
    objective = _row_choice(_("Specific objective"), required=False)
    questions = forms.TypedMultipleChoiceField(
        label=_("Questions it should raise"),
        coerce=int,
        required=False,
        help_text=_("Only the questions of the referential below their maximum are offered."),
        error_messages={"invalid_choice": _("Choose questions below their maximum.")},
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principle"].choices = [("", "—"), *choices["principles"]]
        self.fields["objective"].choices = [("", _("None")), *choices["objectives"]]
        self.fields["questions"].choices = choices["questions"]
        self.fields["questions"].widget.attrs["size"] = 8

    @staticmethod
    def initial_of(result) -> dict:
        return {
            "text": result.text,
            "principle": result.principle_id,
            "objective": result.objective_id,
            "questions": [target.question_id for target in result.targets.all()],
        }

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "principle_id": data["principle"],
            "objective_id": data["objective"],
            "question_ids": data["questions"],
        }


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=300)
    result = _row_choice(_("Expected result"), required=False)
    starts_on = forms.DateField(label=_("Start"), widget=DATE)
    ends_on = forms.DateField(label=_("End"), widget=DATE)
    responsible = forms.CharField(label=_("Responsible person"), max_length=150)
    partners = forms.CharField(label=_("Partners"), max_length=300, required=False)
    means = forms.CharField(label=_("Means"), required=False, widget=TEXTAREA)
    budget = forms.DecimalField(
        label=_("Budget (MAD)"), min_value=0, max_digits=14, decimal_places=2, initial=0
    )
    spent = forms.DecimalField(
        label=_("Budget used (MAD)"), min_value=0, max_digits=14, decimal_places=2, initial=0
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    percent_done = forms.IntegerField(
        label=_("Percentage done"),
        min_value=0,
        max_value=100,
        initial=0,
        error_messages={"max_value": _("A percentage cannot be over 100.")},
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = [("", _("None")), *choices["results"]]

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end is before the start."))
        return data

    @staticmethod
    def initial_of(activity) -> dict:
        names = ["title", "starts_on", "ends_on", "responsible", "partners", "means"]
        names += ["budget", "spent", "status", "percent_done"]
        return {"result": activity.result_id, **{n: getattr(activity, n) for n in names}}

    def arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["result_id"] = data.pop("result")
        return data


def _level_row(value: str) -> tuple[str, int | None]:
    level, _sep, pk = value.partition(":")
    return level, int(pk) if pk.isdigit() else None


class _RowForm(forms.Form):
    """`row` = "overall", or "<level>:<id>" of one row of this plan."""

    row = forms.ChoiceField(
        label=_("Row of the logical framework"), error_messages={"invalid_choice": FORGED}
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["row"].choices = choices["rows"]

    @staticmethod
    def row_value(item) -> str:
        fields = {Level.SPECIFIC: "objective_id", Level.RESULT: "result_id"}
        fields[Level.ACTIVITY] = "activity_id"
        pk = getattr(item, fields.get(item.level, ""), None)
        return item.level if pk is None else f"{item.level}:{pk}"

    def arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["level"], data["row_id"] = _level_row(data.pop("row"))
        return data


class IndicatorForm(_RowForm):
    name = forms.CharField(label=_("Indicator"), max_length=300)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=14, decimal_places=2)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)
    unit = forms.CharField(label=_("Unit"), max_length=50)
    source = forms.CharField(label=_("Source of verification"), max_length=300)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)

    def clean(self):
        data = super().clean()
        baseline, target = data.get("baseline"), data.get("target")
        if isinstance(baseline, Decimal) and baseline == target:
            self.add_error(
                "target", _("The target equals the baseline: an indicator measures a change.")
            )
        return data

    @classmethod
    def initial_of(cls, indicator) -> dict:
        names = ["name", "baseline", "target", "unit", "source", "frequency"]
        return {"row": cls.row_value(indicator), **{n: getattr(indicator, n) for n in names}}


class AssumptionForm(_RowForm):
    text = forms.CharField(label=_("Assumption or risk"), max_length=2000, widget=TEXTAREA)

    @classmethod
    def initial_of(cls, assumption) -> dict:
        return {"row": cls.row_value(assumption), "text": assumption.text}
