"""Forms of the clarification threads and of the self-assessment deadline (extension,
reopening). They parse and check the shape of the input; the services decide."""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from citizenlabel.common.texts import translated
from citizenlabel.referential.models import Question

EMPTY_MESSAGE = _("Write your message: it cannot be empty.")


def question_label(question: Question) -> str:
    letter = f" ({question.letter})" if question.letter else ""
    return f"{question.code}{letter} — {Truncator(translated(question.text)).chars(90)}"


class QuestionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Question) -> str:
        return question_label(obj)


class ClarificationForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        error_messages={"required": _("Give the request a subject.")},
    )
    question = QuestionChoiceField(
        Question.objects.none(),
        label=_("About the question"),
        required=False,
        empty_label=_("The dossier in general"),
        help_text=_("Optional: the question of the questionnaire your request is about."),
        error_messages={"invalid_choice": _("Choose a question of this edition's referential.")},
    )
    body = forms.CharField(
        label=_("Your request"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": EMPTY_MESSAGE},
    )

    def __init__(self, *args, referential_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        questions = Question.objects.filter(referential_id=referential_id).order_by("position")
        self.fields["question"].queryset = questions


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": EMPTY_MESSAGE},
    )


class DeadlineForm(forms.Form):
    """A new self-assessment deadline and its reason: for an extension or a reopening."""

    new_deadline = forms.DateField(
        label=_("New deadline"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day on which the commune can still change its self-assessment."),
        error_messages={
            "required": _("Give the new deadline."),
            "invalid": _("Give the new deadline as a date, for example 2026-03-31."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with the decision and shown to the commune."),
        error_messages={"required": _("Give the reason: it is recorded with the decision.")},
    )
