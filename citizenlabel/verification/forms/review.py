from django import forms
from django.utils.translation import gettext_lazy as _

from citizenlabel.dossiers.enums import DossierState

from ..selectors_review import REVIEW_STATES

SORTS = (
    ("submitted", _("Submission date, oldest first")),
    ("-submitted", _("Submission date, newest first")),
    ("-declared", _("Declared score, highest first")),
    ("declared", _("Declared score, lowest first")),
)


def _choices(rows, empty) -> list[tuple[str, str]]:
    return [("", empty)] + [(str(row.pk), str(row)) for row in rows]


class InboxFilterForm(forms.Form):
    """The inbox's filters; the lists are read once by the view and shared with the rows."""

    edition = forms.ChoiceField(label=_("Edition"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    province = forms.ChoiceField(label=_("Province or prefecture"), required=False)
    team = forms.ChoiceField(label=_("Technical team"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, data, *, editions, regions, provinces, teams):
        super().__init__(data)
        everything = _("All")
        self.fields["edition"].choices = _choices(editions, everything)
        self.fields["region"].choices = _choices(regions, everything)
        self.fields["province"].choices = _choices(provinces, everything)
        self.fields["team"].choices = [
            *_choices(teams, everything),
            ("none", _("Not assigned yet")),
        ]
        self.fields["state"].choices = [("", everything)] + [
            (state.value, state.label) for state in map(DossierState, REVIEW_STATES)
        ]

    def filters(self) -> dict:
        """The valid filters; an unknown value is ignored, as if it had not been chosen."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k != "sort" and v}

    def order(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("sort") or "submitted"


class AnswerReviewForm(forms.Form):
    unsupported = forms.BooleanField(
        label=_("The verification sources do not support this answer"), required=False
    )
    reason = forms.CharField(
        label=_("Why it is not supported"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    remark = forms.CharField(
        label=_("Remark for the visit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("unsupported") and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the reason why the answer is not supported."))
        return data
