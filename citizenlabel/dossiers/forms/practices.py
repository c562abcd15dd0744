"""The good-practice form: the practice and its new evidence files in one submission."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citizenlabel.referential.models import Field, Principle

from ..models import GoodPractice
from ..services.practices import check_uploads, practice_problems

ACCEPTED_FILES = ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked like a single one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_FILES}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> list:
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in uploads]


class GoodPracticeForm(forms.ModelForm):
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
    )

    class Meta:
        model = GoodPractice
        fields = [
            "title",
            "principle",
            "field",
            "description",
            "partners",
            "results",
            "started_on",
            "ended_on",
            "may_publish",
        ]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            # Typed in Arabic or French whatever the page's language: each line finds its own.
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "partners": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
            "results": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }
        help_texts = {
            "principle": _("The principle of the label this practice serves most."),
            "partners": _("Associations, services of the State, donors… separated by commas."),
            "ended_on": _("Leave empty if the practice is still going on."),
            "may_publish": _("If ticked, the practice may be shown on the label's public portal."),
        }

    def __init__(self, *args, referential_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        principles = self.fields["principle"]
        principles.queryset = Principle.objects.filter(referential_id=referential_id)
        principles.empty_label = _("Choose a principle…")
        self.fields["field"].queryset = Field.objects.filter(referential_id=referential_id)
        self.fields["files"].help_text = gettext(
            "PDF, images (PNG, JPEG) or office documents of up to %(limit)s MB each; "
            "you may choose several at once."
        ) % {"limit": settings.MAX_UPLOAD_MB}

    def clean_files(self) -> list:
        uploads = self.cleaned_data.get("files") or []
        check_uploads(uploads)  # the type is read from the content, the size limited
        return uploads

    def clean(self):
        data = super().clean()
        for name, message in practice_problems(data).items():
            self.add_error(name, message)
        return data
