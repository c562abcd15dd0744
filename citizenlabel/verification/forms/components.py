"""One form per visit component: a level of its rubric and the justification."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import Component
from ..rubrics import RUBRICS


class ComponentForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the level that describes what the team observed."),
            "invalid_choice": _("Choose one of the rubric's written levels."),
        },
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Justify the level with what the team observed.")},
    )

    def __init__(self, *args, component: str, **kwargs):
        kwargs.setdefault("prefix", component)
        super().__init__(*args, **kwargs)
        self.component = component
        self.label = Component(component).label
        self.levels = RUBRICS[component]
        self.fields["level"].choices = [
            (str(level.value), level.descriptor) for level in self.levels
        ]
