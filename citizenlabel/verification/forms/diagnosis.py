"""The participatory diagnosis as three formsets: findings by principle, participants and
the agreed priorities. Principles are offered as plain choices (no query per row)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizenlabel.dossiers.enums import Gender

from ..enums import DiagnosisKind, ParticipantCategory
from ..models import AgreedPriority, DiagnosisParticipant, DiagnosisPoint
from ..selectors_verify import Diagnosis

FORGED_PRINCIPLE = _("Choose a principle of this dossier's referential.")
# An empty first choice keeps an untouched extra row unchanged, so the formset skips it.
BLANK = [("", "—")]


def _principle_field(*, required: bool) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Principle"),
        coerce=int,
        required=required,
        empty_value=None,
        error_messages={"invalid_choice": FORGED_PRINCIPLE, "required": FORGED_PRINCIPLE},
    )


class PointForm(forms.Form):
    principle = _principle_field(required=True)
    kind = forms.ChoiceField(label=_("Strength or weakness"), choices=BLANK + DiagnosisKind.choices)
    text = forms.CharField(
        label=_("Finding"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, principles: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principle"].choices = [*BLANK, *principles]


class ParticipantForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=150)
    category = forms.ChoiceField(label=_("Category"), choices=BLANK + ParticipantCategory.choices)
    gender = forms.ChoiceField(label=_("Woman or man"), choices=BLANK + Gender.choices)

    def __init__(self, *args, principles=None, **kwargs):
        super().__init__(*args, **kwargs)


class PriorityForm(forms.Form):
    text = forms.CharField(
        label=_("Priority"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    principle = _principle_field(required=False)

    def __init__(self, *args, principles: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principle"].choices = [("", _("No particular principle")), *principles]


PointFormSet = forms.formset_factory(PointForm, extra=3, can_delete=True, max_num=100)
ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=3, can_delete=True, max_num=200)
PriorityFormSet = forms.formset_factory(
    PriorityForm, extra=2, can_delete=True, can_order=True, max_num=50
)


def diagnosis_formsets(data, current: Diagnosis, principles: list[tuple[int, str]]) -> dict:
    """The three formsets, bound to `data` or showing the stored diagnosis."""
    kwargs = {"form_kwargs": {"principles": principles}}
    return {
        "points": PointFormSet(
            data,
            prefix="points",
            initial=[
                {"principle": p.principle_id, "kind": p.kind, "text": p.text}
                for p in current.points
            ],
            **kwargs,
        ),
        "participants": ParticipantFormSet(
            data,
            prefix="participants",
            initial=[
                {"full_name": p.full_name, "category": p.category, "gender": p.gender}
                for p in current.participants
            ],
            **kwargs,
        ),
        "priorities": PriorityFormSet(
            data,
            prefix="priorities",
            initial=[{"text": p.text, "principle": p.principle_id} for p in current.priorities],
            **kwargs,
        ),
    }


def _filled(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def diagnosis_rows(formsets: dict) -> dict:
    """The service's arguments from valid formsets; priorities in the order given."""
    return {
        "points": [
            DiagnosisPoint(principle_id=d["principle"], kind=d["kind"], text=d["text"])
            for d in _filled(formsets["points"])
        ],
        "participants": [
            DiagnosisParticipant(
                full_name=d["full_name"], category=d["category"], gender=d["gender"]
            )
            for d in _filled(formsets["participants"])
        ],
        "priorities": [
            AgreedPriority(text=f.cleaned_data["text"], principle_id=f.cleaned_data["principle"])
            for f in formsets["priorities"].ordered_forms
        ],
    }


def formset_problems(formset, title: str) -> list[tuple[str, str]]:
    """(anchor, message) of every error, with the section and row, for the error summary."""
    problems = [(f"#{formset.prefix}", f"{title}: {e}") for e in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                message = _("%(section)s, row %(row)s, %(field)s: %(error)s") % {
                    "section": title,
                    "row": number,
                    "field": label,
                    "error": error,
                }
                problems.append((f"#{form[name].auto_id}" if name in form.fields else "", message))
    return problems
